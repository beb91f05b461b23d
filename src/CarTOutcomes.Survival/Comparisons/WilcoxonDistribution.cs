namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Exact null distributions of the Wilcoxon statistics, as R's <c>pwilcox</c>/<c>qwilcox</c> and
/// <c>psignrank</c>/<c>qsignrank</c>: frequency tables built by dynamic programming over integers held in doubles
/// (additions only, so counts up to 2^53 are exact and larger ones carry only relative round-off).
/// </summary>
internal sealed class WilcoxonDistribution
{
    private readonly double[] _counts;
    private readonly double _total;

    private WilcoxonDistribution(double[] counts)
    {
        _counts = counts;
        _total = counts.Sum();
    }

    /// <summary>Largest value of the statistic (m·n for the rank sum, n(n+1)/2 for the signed rank).</summary>
    public int Max => _counts.Length - 1;

    /// <summary>
    /// Mann–Whitney U = W = Σ ranks of x − m(m+1)/2 for sample sizes m and n. Elements are added in rank order; an x
    /// placed after s y's adds s to U. dp[j, u] = arrangements of the elements so far with j x's and U = u.
    /// </summary>
    public static WilcoxonDistribution RankSum(int m, int n)
    {
        var dp = new double[m + 1, m * n + 1];
        dp[0, 0] = 1;
        for (int t = 0; t < m + n; t++)
            for (int j = Math.Min(m - 1, t); j >= 0; j--)
            {
                int ys = t - j;
                if (ys > n) continue;
                int shift = ys;
                for (int u = m * n - shift; u >= 0; u--)
                    if (dp[j, u] != 0) dp[j + 1, u + shift] += dp[j, u];
            }
        // Updating in place: leaving dp[j, u] unchanged is "the next element is a y". A path that ends with j = m
        // after all m + n elements holds exactly n y's, so dp[m, u] counts the complete arrangements.
        var counts = new double[m * n + 1];
        for (int u = 0; u <= m * n; u++) counts[u] = dp[m, u];
        return new WilcoxonDistribution(counts);
    }

    /// <summary>Signed-rank V = Σ ranks of positive differences among n: counts of subsets of {1..n} with sum v.</summary>
    public static WilcoxonDistribution SignedRank(int n)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++)
            for (int v = max; v >= k; v--) counts[v] += counts[v - k];
        return new WilcoxonDistribution(counts);
    }

    /// <summary>P(S ≤ q), or P(S > q) when <paramref name="upper"/>; sums the shorter tail as R does.</summary>
    public double Cdf(double q, bool upper)
    {
        q = Math.Floor(q + 1e-7);
        if (q < 0) return upper ? 1 : 0;
        if (q >= Max) return upper ? 0 : 1;
        double p = 0;
        if (q <= Max / 2.0)
        {
            for (int i = 0; i <= q; i++) p += _counts[i] / _total;
            return upper ? 1 - p : p;
        }
        int r = Max - (int)q; // P(S > q) = P(S ≥ q + 1) = P(S ≤ Max − q − 1) by symmetry
        for (int i = 0; i < r; i++) p += _counts[i] / _total;
        return upper ? p : 1 - p;
    }

    /// <summary>R's qwilcox/qsignrank: the smallest q with P(S ≤ q) ≥ p, with R's 10·eps fuzz.</summary>
    public int Quantile(double prob)
    {
        double p = 0;
        const double fuzz = 10 * 2.220446049250313e-16;
        if (prob <= 0.5)
        {
            double target = prob - fuzz;
            for (int q = 0; ; q++)
            {
                p += _counts[q] / _total;
                if (p >= target) return q;
            }
        }
        double upperTarget = 1 - prob + fuzz;
        for (int q = 0; ; q++)
        {
            p += _counts[q] / _total;
            if (p > upperTarget) return Max - q;
        }
    }
}
