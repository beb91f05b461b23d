using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Estimators;

/// <summary>How ties between a death and a censoring are ordered when the censoring distribution is estimated.</summary>
public enum FollowUpConvention
{
    /// <summary>
    /// The default and the correct one: at a tied time deaths come first, so a subject who died at t is not at risk
    /// of being censored at t (R's <c>redistribute</c> vignette; <c>survfitkm.c</c> with <c>reverse = 1</c>).
    /// </summary>
    EventsFirst,

    /// <summary>
    /// R's common shortcut <c>survfit(Surv(time, 1 - status) ~ 1)</c>, which keeps deaths at t in the risk set of
    /// censorings at t and so slightly overstates follow-up when deaths and censorings tie.
    /// </summary>
    SwappedStatus,
}

/// <summary>Median follow-up with its interquartile range by the reverse Kaplan–Meier method (Schemper and Smith 1996).</summary>
/// <param name="Convention">How death/censoring ties were ordered.</param>
/// <param name="Median">Median potential follow-up time.</param>
/// <param name="LowerQuartile">25th percentile of the censoring distribution.</param>
/// <param name="UpperQuartile">75th percentile.</param>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed record FollowUpResult(FollowUpConvention Convention, double Median, double LowerQuartile, double UpperQuartile)
{
    /// <summary>Estimates the follow-up distribution of right-censored <paramref name="data"/>: censoring is the event.</summary>
    /// <param name="data">Right-censored outcomes.</param>
    /// <param name="convention">Tie convention; <see cref="FollowUpConvention.EventsFirst"/> by default.</param>
    public static FollowUpResult Estimate(SurvivalData data, FollowUpConvention convention = FollowUpConvention.EventsFirst)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (time, g) = convention == FollowUpConvention.SwappedStatus ? Swapped(data) : EventsFirstCurve(data);
        double Q(double p) => QuantileFinder.Find(time, g, p, 0);
        return new FollowUpResult(convention, Q(0.5), Q(0.25), Q(0.75));
    }

    private static (double[] Time, double[] G) Swapped(SurvivalData data)
    {
        var flipped = new bool[data.Count];
        for (int i = 0; i < flipped.Length; i++) flipped[i] = !data.Event[i];
        var swapped = data.IsCountingProcess
            ? SurvivalData.CountingProcess(data.Start.ToArray(), data.Time.ToArray(), flipped, data.IsWeighted ? data.Weights.ToArray() : null)
            : SurvivalData.RightCensored(data.Time.ToArray(), flipped, data.IsWeighted ? data.Weights.ToArray() : null);
        var fit = KaplanMeier.Fit(swapped, new KaplanMeierOptions(Variance: KaplanMeierVariance.Greenwood));
        return (fit.RawTime, fit.RawSurvival);
    }

    // G(t) = Π (1 − c_j / (n_j − d_j)) over censoring times: the censored are at risk, those who died at t are not.
    private static (double[] Time, double[] G) EventsFirstCurve(SurvivalData data)
    {
        var t = RiskTable.Build(data);
        var g = new double[t.Count];
        double gk = 1;
        for (int i = 0; i < t.Count; i++)
        {
            double atRisk = t.NRisk[i] - t.NEvent[i];
            if (t.NCensor[i] > 0 && atRisk > 0) gk *= (atRisk - t.NCensor[i]) / atRisk;
            g[i] = gk;
        }
        return (t.Time, g);
    }
}
