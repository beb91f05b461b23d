using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Wilcoxon rank-sum (Mann–Whitney) and signed-rank tests, as R's <c>wilcox.test</c>, with the optional
/// Hodges–Lehmann estimate and confidence interval of <c>conf.int = TRUE</c>.
/// Missing values are not accepted: R drops NA silently, here the caller must decide (and count) them.
/// </summary>
public static class Wilcoxon
{
    /// <summary>
    /// Two-sample rank-sum test of a location shift <paramref name="mu"/> of x relative to y
    /// (R: <c>wilcox.test(x, y, alternative, mu, exact, correct, conf.int, conf.level)</c>).
    /// W = Σ ranks of (x − mu) among c(x − mu, y) − n_x(n_x + 1)/2. Exact p from the Mann–Whitney distribution;
    /// otherwise z = (W − n_x n_y/2 − CORRECTION) / σ with σ² = n_x n_y/12 · (n + 1 − Σ(t³ − t)/(n(n − 1))).
    /// </summary>
    /// <param name="x">First sample (finite values).</param>
    /// <param name="y">Second sample (finite values).</param>
    /// <param name="alternative">R: <c>alternative = "two.sided"</c>, the default.</param>
    /// <param name="mu">Null location shift (R: <c>mu = 0</c>).</param>
    /// <param name="correct">Continuity correction of the normal approximation (R: <c>correct = TRUE</c>, the default).</param>
    /// <param name="method">Exact or normal approximation (R: <c>exact = NULL</c>, i.e. <see cref="WilcoxonMethod.Auto"/>).</param>
    /// <param name="confidenceInterval">Also compute the Hodges–Lehmann estimate and interval (R: <c>conf.int = FALSE</c> by default).</param>
    /// <param name="confidenceLevel">R: <c>conf.level = 0.95</c>.</param>
    public static WilcoxonResult RankSum(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.TwoSided,
        double mu = 0, bool correct = true, WilcoxonMethod method = WilcoxonMethod.Auto, bool confidenceInterval = false,
        double confidenceLevel = 0.95)
    {
        CheckSample(x, nameof(x));
        CheckSample(y, nameof(y));
        CheckLevel(confidenceLevel);
        if (!double.IsFinite(mu)) throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be finite.");
        int nx = x.Count, ny = y.Count;
        var ranks = Ranks.Average(x.Select(v => v - mu).Concat(y).ToArray(), out double tieSum, out bool ties);
        double w = 0;
        for (int i = 0; i < nx; i++) w += ranks[i];
        w -= nx * (nx + 1) / 2.0;
        bool exact = UseExact(method, nx < 50 && ny < 50) && !ties;
        if (exact)
        {
            var dist = WilcoxonDistribution.RankSum(nx, ny);
            double p = ExactP(dist, w, nx * ny / 2.0, alternative);
            var (est, ci) = confidenceInterval ? RankSumExactInterval(x, y, dist, alternative, confidenceLevel) : (null, null);
            return new WilcoxonResult("Wilcoxon rank sum exact test", w, p, true, alternative, mu, false, est, ci);
        }
        double n = nx + ny;
        double sigma = Math.Sqrt(nx * (double)ny / 12 * (n + 1 - tieSum / (n * (n - 1))));
        double pApprox = NormalP(w - nx * (double)ny / 2, sigma, correct, alternative);
        var (e, c) = confidenceInterval ? new RankSumShift(x, y, alternative).Interval(correct, confidenceLevel) : (null, null);
        return new WilcoxonResult(correct ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test",
            w, pApprox, false, alternative, mu, correct, e, c);
    }

    /// <summary>
    /// One-sample signed-rank test that the (pseudo)median of <paramref name="x"/> is <paramref name="mu"/>
    /// (R: <c>wilcox.test(x, mu =, …)</c>). Differences x − mu equal to 0 are dropped (as R does) and force the normal
    /// approximation; V = Σ ranks of |x − mu| over positive differences; σ² = n(n + 1)(2n + 1)/24 − Σ(t³ − t)/48.
    /// </summary>
    /// <param name="x">The sample (finite values).</param>
    /// <param name="mu">Null (pseudo)median (R: <c>mu = 0</c>).</param>
    /// <param name="alternative">R: <c>alternative = "two.sided"</c>, the default.</param>
    /// <param name="correct">Continuity correction of the normal approximation (R: <c>correct = TRUE</c>).</param>
    /// <param name="method">Exact or normal approximation (R: <c>exact = NULL</c>).</param>
    /// <param name="confidenceInterval">Also compute the pseudomedian (Hodges–Lehmann) and its interval (R: <c>conf.int</c>).</param>
    /// <param name="confidenceLevel">R: <c>conf.level = 0.95</c>.</param>
    public static WilcoxonResult SignedRank(IReadOnlyList<double> x, double mu = 0, Alternative alternative = Alternative.TwoSided,
        bool correct = true, WilcoxonMethod method = WilcoxonMethod.Auto, bool confidenceInterval = false, double confidenceLevel = 0.95)
    {
        CheckSample(x, nameof(x));
        CheckLevel(confidenceLevel);
        if (!double.IsFinite(mu)) throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be finite.");
        var all = x.Select(v => v - mu).ToArray();
        var d = all.Where(v => v != 0).ToArray();
        bool zeroes = d.Length < all.Length;
        int n = d.Length;
        if (n == 0) throw new ArgumentException($"All {all.Length} values equal mu = {mu}; the signed-rank test is undefined.", nameof(x));
        var ranks = Ranks.Average(d.Select(Math.Abs).ToArray(), out double tieSum, out bool ties);
        double v = 0;
        for (int i = 0; i < n; i++)
            if (d[i] > 0) v += ranks[i];
        bool exact = UseExact(method, n < 50) && !ties && !zeroes;
        if (exact)
        {
            var dist = WilcoxonDistribution.SignedRank(n);
            double p = ExactP(dist, v, n * (n + 1) / 4.0, alternative);
            var (est, ci) = confidenceInterval ? SignedRankExactInterval(d.Select(t => t + mu).ToArray(), dist, alternative, confidenceLevel) : (null, null);
            return new WilcoxonResult("Wilcoxon signed rank exact test", v, p, true, alternative, mu, false, est, ci);
        }
        double sigma = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - tieSum / 48);
        double pApprox = NormalP(v - n * (n + 1) / 4.0, sigma, correct, alternative);
        var (e, c) = confidenceInterval ? new SignedRankShift(d.Select(t => t + mu).ToArray(), alternative).Interval(correct, confidenceLevel) : (null, null);
        return new WilcoxonResult(correct ? "Wilcoxon signed rank test with continuity correction" : "Wilcoxon signed rank test",
            v, pApprox, false, alternative, mu, correct, e, c);
    }

    /// <summary>
    /// Paired signed-rank test of the differences x − y (R: <c>wilcox.test(x, y, paired = TRUE, …)</c>), e.g. a
    /// measurement after a first and a second infusion in the same patients.
    /// </summary>
    /// <param name="x">First measurement of each pair.</param>
    /// <param name="y">Second measurement of each pair, same order and length.</param>
    /// <param name="mu">Null (pseudo)median of the differences (R: <c>mu = 0</c>).</param>
    /// <param name="alternative">R: <c>alternative = "two.sided"</c>.</param>
    /// <param name="correct">R: <c>correct = TRUE</c>.</param>
    /// <param name="method">R: <c>exact = NULL</c>.</param>
    /// <param name="confidenceInterval">R: <c>conf.int = FALSE</c>.</param>
    /// <param name="confidenceLevel">R: <c>conf.level = 0.95</c>.</param>
    public static WilcoxonResult Paired(IReadOnlyList<double> x, IReadOnlyList<double> y, double mu = 0,
        Alternative alternative = Alternative.TwoSided, bool correct = true, WilcoxonMethod method = WilcoxonMethod.Auto,
        bool confidenceInterval = false, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"Paired samples must have the same length; x has {x.Count}, y has {y.Count}.", nameof(y));
        CheckSample(y, nameof(y));
        var diff = x.Zip(y, (a, b) => a - b).ToArray();
        return SignedRank(diff, mu, alternative, correct, method, confidenceInterval, confidenceLevel);
    }

    private static bool UseExact(WilcoxonMethod method, bool small) => method switch
    {
        WilcoxonMethod.Exact => true,
        WilcoxonMethod.NormalApproximation => false,
        _ => small,
    };

    /// <summary>R's exact p: two-sided doubles the smaller tail (capped at 1); "greater" is P(S ≥ s), "less" P(S ≤ s).</summary>
    private static double ExactP(WilcoxonDistribution dist, double s, double center, Alternative alternative) => alternative switch
    {
        Alternative.Greater => dist.Cdf(s - 1, upper: true),
        Alternative.Less => dist.Cdf(s, upper: false),
        _ => Math.Min(1, 2 * (s > center ? dist.Cdf(s - 1, upper: true) : dist.Cdf(s, upper: false))),
    };

    /// <summary>Normal approximation of wilcox.test: z = (dev − CORRECTION)/σ, CORRECTION = sign(dev)/2 (two-sided), ±1/2 one-sided.</summary>
    private static double NormalP(double deviation, double sigma, bool correct, Alternative alternative)
    {
        double z = (deviation - Correction(deviation, correct, alternative)) / sigma;
        return alternative switch
        {
            Alternative.Less => Phi(z),
            Alternative.Greater => Phi(-z),
            _ => 2 * Math.Min(Phi(z), Phi(-z)),
        };
    }

    internal static double Correction(double deviation, bool correct, Alternative alternative) => !correct ? 0 : alternative switch
    {
        Alternative.Greater => 0.5,
        Alternative.Less => -0.5,
        _ => Math.Sign(deviation) * 0.5,
    };

    /// <summary>Standard normal distribution function (R's pnorm), via erfc for accuracy in the tails.</summary>
    internal static double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    /// <summary>Standard normal quantile (R's qnorm).</summary>
    internal static double InvPhi(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>
    /// Exact Hodges–Lehmann interval of wilcox.test: the sorted n_x·n_y differences x_i − y_j, estimate their median,
    /// limits the qu-th and (n_x n_y − qu + 1)-th with qu = qwilcox(α/2) (α for one-sided), at least 1.
    /// </summary>
    private static (double?, ConfidenceInterval?) RankSumExactInterval(IReadOnlyList<double> x, IReadOnlyList<double> y,
        WilcoxonDistribution dist, Alternative alternative, double level)
    {
        var diffs = new double[x.Count * y.Count];
        int k = 0;
        foreach (var a in x)
            foreach (var b in y) diffs[k++] = a - b;
        Array.Sort(diffs);
        return (Descriptive.MedianOfSorted(diffs), OrderStatisticInterval(diffs, dist, alternative, level));
    }

    /// <summary>As <see cref="RankSumExactInterval"/> on the n(n+1)/2 Walsh averages (x_i + x_j)/2, i ≤ j.</summary>
    private static (double?, ConfidenceInterval?) SignedRankExactInterval(double[] x, WilcoxonDistribution dist,
        Alternative alternative, double level)
    {
        var walsh = new List<double>(x.Length * (x.Length + 1) / 2);
        for (int i = 0; i < x.Length; i++)
            for (int j = i; j < x.Length; j++) walsh.Add((x[i] + x[j]) / 2);
        var sorted = walsh.ToArray();
        Array.Sort(sorted);
        return (Descriptive.MedianOfSorted(sorted), OrderStatisticInterval(sorted, dist, alternative, level));
    }

    /// <summary>
    /// The order-statistic limits shared by both exact intervals. When the achieved α exceeds the requested α by more
    /// than α/2 (tiny samples), R reports conf.level = 1 − signif(achieved α, 2); so does this.
    /// </summary>
    private static ConfidenceInterval OrderStatisticInterval(double[] sorted, WilcoxonDistribution dist, Alternative alternative, double level)
    {
        double alpha = 1 - level;
        int qu = dist.Quantile(alternative == Alternative.TwoSided ? alpha / 2 : alpha);
        if (qu == 0) qu = 1;
        int ql = dist.Max - qu;
        double achieved = (alternative == Alternative.TwoSided ? 2 : 1) * dist.Cdf(qu - 1, upper: false);
        double reported = achieved - alpha > alpha / 2 ? 1 - Signif2(achieved) : level;
        return alternative switch
        {
            Alternative.Greater => new ConfidenceInterval(sorted[qu - 1], double.PositiveInfinity, reported),
            Alternative.Less => new ConfidenceInterval(double.NegativeInfinity, sorted[ql], reported),
            _ => new ConfidenceInterval(sorted[qu - 1], sorted[ql], reported),
        };
    }

    /// <summary>R's signif(x, 2).</summary>
    private static double Signif2(double x)
    {
        if (x == 0) return 0;
        int digits = 1 - (int)Math.Floor(Math.Log10(Math.Abs(x)));
        return Rounding.Round(x, digits);
    }

    private static void CheckSample(IReadOnlyList<double> x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Count == 0) throw new ArgumentException("The sample is empty.", name);
        for (int i = 0; i < x.Count; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"Value {i} is {x[i]}; remove (and report) missing values before testing.", name);
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie in (0, 1).");
    }
}
