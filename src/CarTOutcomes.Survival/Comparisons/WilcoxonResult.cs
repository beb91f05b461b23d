namespace CarTOutcomes.Survival.Comparisons;

/// <summary>The result of a Wilcoxon rank-sum or signed-rank test (R: the <c>htest</c> object of <c>wilcox.test</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class WilcoxonResult
{
    internal WilcoxonResult(string method, double statistic, double pValue, bool isExact, Alternative alternative,
        double mu, bool continuityCorrection, double? estimate, ConfidenceInterval? interval)
    {
        Method = method;
        Statistic = statistic;
        PValue = pValue;
        IsExact = isExact;
        Alternative = alternative;
        Mu = mu;
        ContinuityCorrection = continuityCorrection;
        Estimate = estimate;
        Interval = interval;
    }

    /// <summary>R's method text, e.g. "Wilcoxon rank sum exact test" or "Wilcoxon signed rank test with continuity correction".</summary>
    public string Method { get; }

    /// <summary>W (rank sum minus n_x(n_x+1)/2) or V (sum of positive signed ranks) (R: <c>statistic</c>).</summary>
    public double Statistic { get; }

    /// <summary>The p-value (R: <c>p.value</c>).</summary>
    public double PValue { get; }

    /// <summary>True when the p-value comes from the exact null distribution, false for the normal approximation.</summary>
    public bool IsExact { get; }

    /// <summary>The alternative tested.</summary>
    public Alternative Alternative { get; }

    /// <summary>The null location shift or (pseudo)median (R: <c>mu</c>).</summary>
    public double Mu { get; }

    /// <summary>True when the normal approximation used the continuity correction (R: <c>correct = TRUE</c>).</summary>
    public bool ContinuityCorrection { get; }

    /// <summary>
    /// Hodges–Lehmann estimate (R: <c>estimate</c> with <c>conf.int = TRUE</c>): the difference in location or the
    /// (pseudo)median; null unless requested.
    /// </summary>
    public double? Estimate { get; }

    /// <summary>The confidence interval of the estimate (R: <c>conf.int</c>); null unless requested.</summary>
    public ConfidenceInterval? Interval { get; }
}
