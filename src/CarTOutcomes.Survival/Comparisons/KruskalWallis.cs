namespace CarTOutcomes.Survival.Comparisons;

/// <summary>The Kruskal–Wallis rank-sum test of k groups, as R's <c>kruskal.test(x, g)</c>.</summary>
public static class KruskalWallis
{
    /// <summary>
    /// H = [12/(n(n + 1)) Σ R_g²/n_g − 3(n + 1)] / [1 − Σ(t³ − t)/(n³ − n)], R_g the sum of mid-ranks in group g,
    /// referred to chi-square with k − 1 degrees of freedom.
    /// </summary>
    /// <param name="values">Finite values (missing values must be removed, and counted, by the caller).</param>
    /// <param name="groups">Group label of each value; at least two distinct labels.</param>
    public static KruskalWallisResult Test(IReadOnlyList<double> values, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(groups);
        if (values.Count != groups.Count)
            throw new ArgumentException($"There are {groups.Count} group labels for {values.Count} values.", nameof(groups));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i} is {values[i]}.", nameof(values));
        var levels = groups.Distinct(StringComparer.Ordinal).ToArray();
        if (levels.Length < 2) throw new ArgumentException("All observations are in the same group.", nameof(groups));
        int n = values.Count;
        var ranks = Ranks.Average(values, out double tieSum, out _);
        if (tieSum == (double)n * n * n - n) throw new ArgumentException("All observations are identical; the test is undefined.", nameof(values));
        double sum = 0;
        foreach (var level in levels)
        {
            double r = 0;
            int size = 0;
            for (int i = 0; i < n; i++)
                if (groups[i] == level) { r += ranks[i]; size++; }
            sum += r * r / size;
        }
        double h = (12 * sum / (n * (n + 1.0)) - 3 * (n + 1.0)) / (1 - tieSum / ((double)n * n * n - n));
        int df = levels.Length - 1;
        return new KruskalWallisResult(h, df, ChiSquare.UpperTail(h, df));
    }
}

/// <summary>The result of <see cref="KruskalWallis.Test"/> (R: the <c>htest</c> object of <c>kruskal.test</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class KruskalWallisResult
{
    internal KruskalWallisResult(double statistic, int degreesOfFreedom, double pValue)
    {
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>Kruskal–Wallis chi-squared H, tie-corrected (R: <c>statistic</c>).</summary>
    public double Statistic { get; }

    /// <summary>Number of groups minus one (R: <c>parameter</c>).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail chi-square probability (R: <c>p.value</c>).</summary>
    public double PValue { get; }
}
