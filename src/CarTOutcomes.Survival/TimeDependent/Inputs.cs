namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// One subject's follow-up: at risk on <c>(Entry, Exit]</c>, ending in an event or censored. The base row of R's
/// <c>tmerge(data1, data1, id = id, status = event(exit, status), tstart = entry, tstop = exit)</c>.
/// </summary>
/// <param name="Id">Subject identifier; unique within a builder.</param>
/// <param name="Entry">Start of follow-up (R: <c>tstart</c>; usually 0).</param>
/// <param name="Exit">End of follow-up (R: <c>tstop</c>); must be greater than <paramref name="Entry"/>.</param>
/// <param name="Event">True when follow-up ends in the event of interest.</param>
public sealed record SubjectFollowUp(string Id, double Entry, double Exit, bool Event);

/// <summary>A dated value of a time-dependent covariate: from <paramref name="Time"/> on, the covariate equals <paramref name="Value"/> (R: <c>tdc(time, value)</c>).</summary>
/// <param name="Id">Subject identifier.</param>
/// <param name="Time">Time of the change; the new value applies to intervals starting at or after it.</param>
/// <param name="Value">The new value.</param>
public sealed record TimedValue(string Id, double Time, double Value);

/// <summary>A dated occurrence of an intermediate event (R: the <c>time</c> argument of <c>cumtdc</c>, <c>event</c>, <c>cumevent</c>).</summary>
/// <param name="Id">Subject identifier.</param>
/// <param name="Time">Time of the occurrence.</param>
public sealed record TimedEvent(string Id, double Time);
