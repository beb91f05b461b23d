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

    protected Alternative Alternative => _alternative;

    /// <summary>(deviation − CORRECTION)/σ; with σ = 0 (all tied) the IEEE result (±∞ or NaN), as R, which only warns.</summary>
    protected double Standardize(double deviation, double sigma, bool correct) =>
        (deviation - Wilcoxon.Correction(deviation, correct, _alternative)) / sigma;

    /// <summary>uniroot of Z(d) − zq on [d_min, d_max] with uniroot's tolerance 1e-4.</summary>
    protected double Solve(double zq, bool correct, double fLower, double fUpper) =>
        ZeroIn.Find(d => Z(d, correct) - zq, Min, Max, fLower, fUpper, UnirootTolerance);

    /// <summary>The estimate: the root of Z(d) without continuity correction.</summary>
    protected double Estimate() => ZeroIn.Find(d => Z(d, false), Min, Max, UnirootTolerance);

    /// <summary>Estimate and interval as wilcox.test(conf.int = TRUE) for two samples.</summary>
    public virtual (double?, ConfidenceInterval?) Interval(bool correct, double level)
    {
        double alpha = 1 - level;
        var ci = _alternative switch
        {
            Alternative.Greater => new ConfidenceInterval(Root(Wilcoxon.InvPhi(1 - alpha), correct), double.PositiveInfinity, level),
            Alternative.Less => new ConfidenceInterval(double.NegativeInfinity, Root(Wilcoxon.InvPhi(alpha), correct), level),
            _ => new ConfidenceInterval(Root(Wilcoxon.InvPhi(1 - alpha / 2), correct), Root(Wilcoxon.InvPhi(alpha / 2), correct), level),
        };
        return (Estimate(), ci);
    }

    /// <summary>R's root(zq): an end of [d_min, d_max] when Z − zq does not change sign there, else uniroot.</summary>
    private double Root(double zq, bool correct)
    {
        double lower = Z(Min, correct) - zq;
        if (lower <= 0) return Min;
        double upper = Z(Max, correct) - zq;
        if (upper >= 0) return Max;
        return Solve(zq, correct, lower, upper);
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

    /// <summary>
    /// R 4.x's one-sample interval differs from the two-sample one: if Z at the ends of [min x, max x] cannot reach
    /// the requested quantile, α is doubled until it can and the reported level lowered to 1 − α (when
    /// 1 − conf.level &lt; 0.75 α or α ≥ 1); at α ≥ 1 the limit is median(x). If Z is not finite at the ends (all
    /// values tied) the interval is NaN with level 0 and the estimate the midrange. (The "less" loop tests z_{α/2},
    /// as R does.)
    /// </summary>
    public override (double?, ConfidenceInterval?) Interval(bool correct, double level)
    {
        double wMin = Z(Min, correct);
        double wMax = double.IsFinite(wMin) ? Z(Max, correct) : double.NaN;
        if (!double.IsFinite(wMax))
            return ((Min + Max) / 2, new ConfidenceInterval(Alternative == Alternative.Less ? double.NegativeInfinity : double.NaN,
                Alternative == Alternative.Greater ? double.PositiveInfinity : double.NaN, 0));
        double alpha = 1 - level;
        while (NeedsWiderAlpha(alpha, wMin, wMax)) alpha *= 2;
        double reported = alpha >= 1 || 1 - level < alpha * 0.75 ? 1 - Math.Min(1, alpha) : level;
        double median = Descriptive.MedianOfSorted(_x.Order().ToArray());
        double Limit(double zq) => alpha < 1 ? Solve(zq, correct, wMin - zq, wMax - zq) : median;
        var ci = Alternative switch
        {
            Alternative.Greater => new ConfidenceInterval(Limit(Wilcoxon.InvPhi(1 - alpha)), double.PositiveInfinity, reported),
            Alternative.Less => new ConfidenceInterval(double.NegativeInfinity, Limit(Wilcoxon.InvPhi(alpha)), reported),
            _ => alpha < 1
                ? new ConfidenceInterval(Limit(Wilcoxon.InvPhi(1 - alpha / 2)), Limit(Wilcoxon.InvPhi(alpha / 2)), reported)
                : new ConfidenceInterval(median, median, reported),
        };
        return (Estimate(), ci);
    }

    private bool NeedsWiderAlpha(double alpha, double wMin, double wMax)
    {
        if (alpha >= 2) return false;
        return Alternative switch
        {
            Alternative.Greater => wMin - Wilcoxon.InvPhi(1 - alpha) < 0,
            Alternative.Less => wMax - Wilcoxon.InvPhi(alpha / 2) > 0,
            _ => wMin - Wilcoxon.InvPhi(1 - alpha / 2) < 0 || wMax - Wilcoxon.InvPhi(alpha / 2) > 0,
        };
    }

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
