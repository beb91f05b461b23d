namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// Builds counting-process rows from one follow-up row per subject plus dated covariate changes and intermediate
/// events, as R's successive <c>tmerge</c> calls do. The builder is immutable: each method returns a new builder.
/// </summary>
/// <remarks>
/// <para>Contract (R <c>survival::tmerge</c>, Therneau's <c>timedep</c> vignette): every time strictly inside a
/// subject's <c>(entry, exit]</c> at which something happens splits the follow-up, so a row <c>(s, e]</c> carries
/// the covariate values in force just after <c>s</c>, and the outcome event sits on the subject's last row.</para>
/// <list type="bullet">
/// <item><see cref="Tdc"/> and <see cref="TdcIndicator"/> (R <c>tdc(time, value, init)</c> and <c>tdc(time)</c>): from a change at <c>t</c> on, rows starting at or after
/// <c>t</c> carry the new value; a change at or before entry sets the value of the first row.</item>
/// <item><see cref="CumTdc"/> (R <c>cumtdc(time)</c>): the number of occurrences at or before the row's start.</item>
/// <item><see cref="Event"/> (R <c>event(time)</c>): the number of occurrences at the row's stop (0 elsewhere).</item>
/// <item><see cref="CumEvent"/> (R <c>cumevent(time)</c>): at a row ending in an occurrence, the cumulative count of
/// occurrences so far; 0 elsewhere.</item>
/// </list>
/// <para>Deliberate differences from R, which silently drops such rows: a change or occurrence after a subject's exit,
/// an occurrence for <c>event</c>/<c>cumevent</c> at or before entry, an unknown subject, a duplicate subject and two
/// different values of one covariate at one time are errors naming the subject and the values. A change exactly at
/// exit is accepted and, as in R, affects no row.</para>
/// </remarks>
public sealed class TmergeBuilder
{
    private enum Kind { Tdc, CumTdc, Event, CumEvent }

    private sealed record Step(string Name, Kind Kind, double Initial, IReadOnlyList<TimedValue> Values);

    private readonly IReadOnlyList<SubjectFollowUp> _subjects;
    private readonly IReadOnlyList<Step> _steps;

    /// <summary>Starts from one follow-up row per subject (R's first <c>tmerge</c> call with <c>event(tstop, status)</c>).</summary>
    /// <param name="subjects">The subjects, in the order their rows will appear.</param>
    /// <exception cref="ArgumentException">For duplicate ids, empty ids, non-finite times or exit ≤ entry.</exception>
    public TmergeBuilder(IEnumerable<SubjectFollowUp> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        _subjects = subjects.ToArray();
        _steps = [];
        CheckSubjects(_subjects);
    }

    private TmergeBuilder(IReadOnlyList<SubjectFollowUp> subjects, IReadOnlyList<Step> steps)
    {
        _subjects = subjects;
        _steps = steps;
    }

    /// <summary>Adds a time-dependent covariate (R: <c>name = tdc(time, value, init)</c>).</summary>
    /// <param name="name">Covariate name; unique.</param>
    /// <param name="changes">Dated new values.</param>
    /// <param name="initial">The value before a subject's first change (R's <c>init</c>; R defaults to NA when values are given, we to 0).</param>
    public TmergeBuilder Tdc(string name, IEnumerable<TimedValue> changes, double initial = 0)
        => Add(name, Kind.Tdc, initial, changes);

    /// <summary>Adds a 0/1 covariate that is 0 before a subject's earliest listed time and 1 from then on (R: <c>name = tdc(time)</c>).</summary>
    /// <param name="name">Covariate name; unique.</param>
    /// <param name="switches">The switch times; further times of one subject change nothing.</param>
    public TmergeBuilder TdcIndicator(string name, IEnumerable<TimedEvent> switches)
        => Add(name, Kind.Tdc, 0, ToValues(switches));

    /// <summary>Adds a covariate counting occurrences at or before each row's start (R: <c>name = cumtdc(time)</c>).</summary>
    /// <param name="name">Covariate name; unique.</param>
    /// <param name="occurrences">The dated occurrences.</param>
    public TmergeBuilder CumTdc(string name, IEnumerable<TimedEvent> occurrences)
        => Add(name, Kind.CumTdc, 0, ToValues(occurrences));

    /// <summary>Adds an intermediate-event column: occurrences at each row's stop (R: <c>name = event(time)</c>).</summary>
    /// <param name="name">Column name; unique.</param>
    /// <param name="occurrences">The dated occurrences.</param>
    public TmergeBuilder Event(string name, IEnumerable<TimedEvent> occurrences)
        => Add(name, Kind.Event, 0, ToValues(occurrences));

    /// <summary>Adds a cumulative-event column: at a row ending in an occurrence, the count so far (R: <c>name = cumevent(time)</c>).</summary>
    /// <param name="name">Column name; unique.</param>
    /// <param name="occurrences">The dated occurrences.</param>
    public TmergeBuilder CumEvent(string name, IEnumerable<TimedEvent> occurrences)
        => Add(name, Kind.CumEvent, 0, ToValues(occurrences));

    /// <summary>Splits every subject's follow-up and returns the rows.</summary>
    public TimeDependentData Build()
    {
        var ids = new List<string>();
        var start = new List<double>();
        var stop = new List<double>();
        var evt = new List<bool>();
        var cols = _steps.Select(_ => new List<double>()).ToArray();
        var bySubject = _steps.Select(s => s.Values.ToLookup(v => v.Id, StringComparer.Ordinal)).ToArray();
        foreach (var subject in _subjects)
        {
            var perStep = bySubject.Select(l => l[subject.Id].OrderBy(v => v.Time).ToArray()).ToArray();
            var cuts = Cuts(subject, perStep);
            for (int k = 0; k + 1 < cuts.Count; k++)
            {
                double s = cuts[k], e = cuts[k + 1];
                ids.Add(subject.Id);
                start.Add(s);
                stop.Add(e);
                evt.Add(subject.Event && k + 2 == cuts.Count);
                for (int j = 0; j < _steps.Count; j++) cols[j].Add(ValueOn(_steps[j], perStep[j], s, e));
            }
        }
        return TimeDependentData.Trusted(ids.ToArray(), start.ToArray(), stop.ToArray(), evt.ToArray(),
            _steps.Select(s => s.Name).ToArray(), cols.Select(c => c.ToArray()).ToArray());
    }

    // The row boundaries: entry, every distinct time strictly inside (entry, exit), exit.
    private static List<double> Cuts(SubjectFollowUp subject, TimedValue[][] perStep)
    {
        var inner = perStep.SelectMany(v => v).Select(v => v.Time)
            .Where(t => t > subject.Entry && t < subject.Exit).Distinct().Order();
        return [subject.Entry, .. inner, subject.Exit];
    }

    private static double ValueOn(Step step, TimedValue[] values, double s, double e)
    {
        switch (step.Kind)
        {
            case Kind.Tdc:
                double v = step.Initial;
                foreach (var c in values) if (c.Time <= s) v = c.Value;
                return v;
            case Kind.CumTdc:
                return values.Count(c => c.Time <= s);
            case Kind.Event:
                return values.Count(c => c.Time == e);
            default:
                return values.Any(c => c.Time == e) ? values.Count(c => c.Time <= e) : 0;
        }
    }

    private TmergeBuilder Add(string name, Kind kind, double initial, IEnumerable<TimedValue> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (_steps.Any(s => s.Name == name))
            throw new ArgumentException($"A column named '{name}' was already added.", nameof(name));
        var list = values.ToArray();
        var problems = new List<string>();
        CheckValues(name, kind, list, problems);
        TimeDependentData.ThrowIfAny(problems, nameof(values));
        return new TmergeBuilder(_subjects, [.. _steps, new Step(name, kind, initial, list)]);
    }

    private void CheckValues(string name, Kind kind, TimedValue[] values, List<string> problems)
    {
        var subjects = _subjects.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var v in values)
        {
            if (v is null || v.Id is null) { problems.Add($"'{name}': a null entry or subject id."); continue; }
            if (!subjects.TryGetValue(v.Id, out var s)) { problems.Add($"'{name}': unknown subject '{v.Id}' (time {v.Time})."); continue; }
            if (!double.IsFinite(v.Time)) problems.Add($"'{name}', subject '{v.Id}': time {v.Time} is not finite.");
            else if (v.Time > s.Exit) problems.Add($"'{name}', subject '{v.Id}': time {v.Time} is after the end of follow-up {s.Exit}.");
            else if (kind is Kind.Event or Kind.CumEvent && v.Time <= s.Entry)
                problems.Add($"'{name}', subject '{v.Id}': event time {v.Time} is at or before entry {s.Entry}.");
        }
        if (kind != Kind.Tdc) return;
        foreach (var clash in values.Where(v => v?.Id is not null).GroupBy(v => (v.Id, v.Time)).Where(g => g.Select(v => v.Value).Distinct().Count() > 1))
            problems.Add($"'{name}', subject '{clash.Key.Id}': time {clash.Key.Time} has different values {string.Join(", ", clash.Select(v => v.Value))}.");
    }

    private static void CheckSubjects(IReadOnlyList<SubjectFollowUp> subjects)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in subjects)
        {
            if (s is null || string.IsNullOrEmpty(s.Id)) { problems.Add("A subject is null or has an empty id."); continue; }
            if (!seen.Add(s.Id)) problems.Add($"Subject '{s.Id}' appears more than once.");
            if (!double.IsFinite(s.Entry) || !double.IsFinite(s.Exit))
                problems.Add($"Subject '{s.Id}': entry {s.Entry} and exit {s.Exit} must be finite.");
            else if (s.Exit <= s.Entry)
                problems.Add($"Subject '{s.Id}': exit {s.Exit} <= entry {s.Entry}; follow-up (entry, exit] must be non-empty.");
        }
        TimeDependentData.ThrowIfAny(problems, nameof(subjects));
    }

    private static IEnumerable<TimedValue> ToValues(IEnumerable<TimedEvent> occurrences)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        return occurrences.Select(o => o is null ? null! : new TimedValue(o.Id, o.Time, 1));
    }
}
