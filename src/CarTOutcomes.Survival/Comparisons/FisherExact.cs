using MathNet.Numerics;

namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Fisher's exact test of independence in a contingency table, as R's <c>fisher.test</c>: for 2×2 tables the
/// conditional maximum-likelihood odds ratio and its exact confidence interval as well.
/// </summary>
public static class FisherExact
{
    /// <summary>
    /// R's <c>relErr = 1 + 10^(-7)</c>: a table counts as "as or less probable than the observed" when its probability
    /// is at most the observed one times (1 + 1e-7), so that tables equally probable in exact arithmetic are not lost to
    /// round-off.
    /// </summary>
    public const double RelativeTolerance = 1e-7;

    /// <summary>The default limit on the partial tables visited by the r×c enumeration (see <see cref="Test"/>): about 4 s of work on one core.</summary>
    public const long DefaultMaxTables = 10_000_000;

    /// <summary>
    /// Tests independence of rows and columns of <paramref name="table"/> (R: <c>fisher.test(x, alternative =,
    /// conf.int = TRUE, conf.level =)</c>, <c>or = 1</c>).
    /// </summary>
    /// <param name="table">Counts, at least 2×2, non-negative. Rows and columns of zeros are allowed (they carry no information).</param>
    /// <param name="alternative">Only used for 2×2 tables (as in R); r×c tests are two-sided.</param>
    /// <param name="confidenceLevel">Level of the odds-ratio interval for 2×2 tables (R: <c>conf.level = 0.95</c>).</param>
    /// <param name="maxTables">
    /// Guard for r×c tables: the two-sided p-value is found by enumerating every table with the observed margins
    /// (R uses the FEXACT network algorithm instead); if more than this many partial tables would be visited the call
    /// throws <see cref="NotSupportedException"/> rather than run for hours. Tables like 2×3 with n = 56 need a few hundred.
    /// </param>
    public static FisherExactResult Test(int[,] table, Alternative alternative = Alternative.TwoSided,
        double confidenceLevel = 0.95, long maxTables = DefaultMaxTables)
    {
        ArgumentNullException.ThrowIfNull(table);
        int r = table.GetLength(0), c = table.GetLength(1);
        if (r < 2 || c < 2)
            throw new ArgumentException($"The table must have at least 2 rows and 2 columns; it is {r}×{c}.", nameof(table));
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                if (table[i, j] < 0)
                    throw new ArgumentException($"Count [{i}, {j}] is negative ({table[i, j]}).", nameof(table));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie in (0, 1).");
        if (r == 2 && c == 2) return TwoByTwo(table, alternative, confidenceLevel);
        double p = FisherTableEnumerator.TwoSidedPValue(table, maxTables);
        return new FisherExactResult(p, Alternative.TwoSided, r, c, null, null);
    }

    /// <summary>
    /// The 2×2 case of fisher.test. With m = first-column total, n = second-column total, k = first-row total and
    /// x = x[1,1], x is noncentral hypergeometric on lo..hi = max(0, k − n)..min(k, m) with density proportional to
    /// C(m, x) C(n, k − x) ψ^x. The p-value uses ψ = 1; the estimate solves E_ψ[X] = x (conditional MLE) and the
    /// limits solve P_ψ(X ≥ x) = α/2 and P_ψ(X ≤ x) = α/2, each by uniroot on ψ in (0, 1) or on 1/ψ.
    /// </summary>
    private static FisherExactResult TwoByTwo(int[,] t, Alternative alternative, double level)
    {
        var h = new NoncentralHypergeometric(m: t[0, 0] + t[1, 0], n: t[0, 1] + t[1, 1], k: t[0, 0] + t[0, 1], x: t[0, 0]);
        double p = alternative switch
        {
            Alternative.Less => h.Cdf(h.X, 1, upper: false),
            Alternative.Greater => h.Cdf(h.X, 1, upper: true),
            _ => h.TwoSidedPValue(),
        };
        double estimate = h.ConditionalMle();
        var ci = alternative switch
        {
            Alternative.Less => new ConfidenceInterval(0, h.UpperLimit(1 - level), level),
            Alternative.Greater => new ConfidenceInterval(h.LowerLimit(1 - level), double.PositiveInfinity, level),
            _ => new ConfidenceInterval(h.LowerLimit((1 - level) / 2), h.UpperLimit((1 - level) / 2), level),
        };
        return new FisherExactResult(Math.Min(1, p), alternative, 2, 2, estimate, ci);
    }

    /// <summary>Natural log of n!.</summary>
    internal static double LogFactorial(int n) => SpecialFunctions.FactorialLn(n);
}
