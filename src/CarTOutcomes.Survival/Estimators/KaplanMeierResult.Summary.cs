namespace CarTOutcomes.Survival.Estimators;

public sealed partial class KaplanMeierResult
{
    /// <summary>
    /// The curve at chosen times, as R's <c>summary(fit, times = c(6, 12, 24))</c>: for each time, the number at risk,
    /// the events since the previous chosen time (from the origin for the first), and the estimate with its standard
    /// error and limits. As R (<c>extend = FALSE</c>), times after the curve's last time are left out.
    /// </summary>
    /// <param name="times">The times, in any order; they are sorted and duplicates removed.</param>
    public IReadOnlyList<SurvivalSummaryRow> Summary(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (var t in times)
            if (!double.IsFinite(t)) throw new ArgumentException($"Summary time {t} is not a finite number.", nameof(times));
        double last = _time.Length == 0 ? double.NegativeInfinity : _time[^1];
        var rows = new List<SurvivalSummaryRow>();
        double previous = double.NegativeInfinity;
        int k = 0;
        double events = 0;
        foreach (var t in times.Distinct().Order())
        {
            if (t > last) break;
            // Events at curve times in (previous, t].
            for (; k < _time.Length && _time[k] <= t; k++)
                if (_time[k] > previous) events += _nEvent[k];
            var e = At(t);
            rows.Add(new SurvivalSummaryRow(t, e.NumberAtRisk, events, e.Survival, e.StandardError, e.Lower, e.Upper));
            events = 0;
            previous = t;
        }
        return rows;
    }
}

/// <summary>One row of R's <c>summary(survfit, times = ...)</c>.</summary>
/// <param name="Time">The chosen time.</param>
/// <param name="NumberAtRisk">Number at risk at the time (R: <c>n.risk</c>).</param>
/// <param name="NumberOfEvents">Events since the previous chosen time (R: <c>n.event</c>).</param>
/// <param name="Survival">The estimate.</param>
/// <param name="StandardError">Its standard error (R: <c>std.err</c>).</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
public sealed record SurvivalSummaryRow(double Time, double NumberAtRisk, double NumberOfEvents, double Survival,
    double StandardError, double Lower, double Upper);
