namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// The asymptotic Hodges–Lehmann estimate and interval of wilcox.test (normal-approximation branch). With
/// Z(d) the standardized statistic of the test of shift d (tie and, for the limits, continuity correction recomputed at
/// each d), the limits solve Z(d) = ∓z_{α/2} and the estimate solves Z(d) = 0 without continuity correction, each by
/// uniroot on [d_min, d_max] with <c>tol = 1e-4</c>. Z(d) is a step function, so the root is where uniroot stops;
/// following uniroot's steps (<see cref="ZeroIn"/>) gives R's answer.
/// </summary>
internal abstract class WilcoxonShift
{
    private const double UnirootTolerance = 1e-4;
    private readonly Alternative _alternative;

    protected WilcoxonShift(Alternative alternative, double min, double max)
    {
        _alternative = alternative;
        Min = min;
        Max = max;
    }

    protected double Min { get; }

    protected double Max { get; }

    /// <summary>Z(d) for the shift d.</summary>
    protected abstract double Z(double d, bool correct);

    protected double Standardize(double deviation, double sigma, bool correct)
    {
        if (sigma == 0) throw new InvalidOperationException("Cannot compute a confidence interval when all observations are tied.");
        return (deviation - Wilcoxon.Correction(deviation, correct, _alternative)) / sigma;
    }

    /// <summary>Estimate and interval as wilcox.test(conf.int = TRUE).</summary>
    public (double?, ConfidenceInterval?) Interval(bool correct, double level)
    {
        double alpha = 1 - level;
        var ci = _alternative switch
        {
            Alternative.Greater => new ConfidenceInterval(Root(Wilcoxon.InvPhi(1 - alpha), correct), double.PositiveInfinity, level),
            Alternative.Less => new ConfidenceInterval(double.NegativeInfinity, Root(Wilcoxon.InvPhi(alpha), correct), level),
            _ => new ConfidenceInterval(Root(Wilcoxon.InvPhi(1 - alpha / 2), correct), Root(Wilcoxon.InvPhi(alpha / 2), correct), level),
        };
        double estimate = ZeroIn.Find(d => Z(d, false), Min, Max, UnirootTolerance);
        return (estimate, ci);
    }

    /// <summary>R's root(zq): an end of [d_min, d_max] when Z − zq does not change sign there, else uniroot.</summary>
    private double Root(double zq, bool correct)
    {
        double lower = Z(Min, correct) - zq;
        if (lower <= 0) return Min;
        double upper = Z(Max, correct) - zq;
        if (upper >= 0) return Max;
        return ZeroIn.Find(d => Z(d, correct) - zq, Min, Max, lower, upper, UnirootTolerance);
    }
}

/// <summary>Two-sample shift: Z(d) from the ranks of c(x − d, y); d ranges over [min x − max y, max x − min y].</summary>
internal sealed class RankSumShift : WilcoxonShift
{
    private readonly IReadOnlyList<double> _x;
    private readonly IReadOnlyList<double> _y;

    public RankSumShift(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative)
        : base(alternative, x.Min() - y.Max(), x.Max() - y.Min())
    {
        _x = x;
        _y = y;
    }

    protected override double Z(double d, bool correct)
    {
        int nx = _x.Count, ny = _y.Count;
        var ranks = Ranks.Average(_x.Select(v => v - d).Concat(_y).ToArray(), out double tieSum, out _);
        double w = 0;
        for (int i = 0; i < nx; i++) w += ranks[i];
        double n = nx + ny;
        double dz = w - nx * (nx + 1) / 2.0 - nx * (double)ny / 2;
        double sigma = Math.Sqrt(nx * (double)ny / 12 * (n + 1 - tieSum / (n * (n - 1))));
        return Standardize(dz, sigma, correct);
    }
}

/// <summary>One-sample shift: Z(d) from the signed ranks of the non-zero x − d; d ranges over [min x, max x].</summary>
internal sealed class SignedRankShift : WilcoxonShift
{
    private readonly double[] _x;

    public SignedRankShift(double[] x, Alternative alternative) : base(alternative, x.Min(), x.Max()) => _x = x;

    protected override double Z(double d, bool correct)
    {
        var xd = _x.Select(v => v - d).Where(v => v != 0).ToArray();
        int n = xd.Length;
        var ranks = Ranks.Average(xd.Select(Math.Abs).ToArray(), out double tieSum, out _);
        double v = 0;
        for (int i = 0; i < n; i++)
            if (xd[i] > 0) v += ranks[i];
        double sigma = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - tieSum / 48);
        return Standardize(v - n * (n + 1) / 4.0, sigma, correct);
    }
}
