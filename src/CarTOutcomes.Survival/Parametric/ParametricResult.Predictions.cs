using MathNet.Numerics.Integration;

namespace CarTOutcomes.Survival.Parametric;

public sealed partial class ParametricResult
{
    /// <summary>
    /// Survival S(t) at each time for a covariate profile (default: the means), with limits from the delta method
    /// on log(−log S). R: <c>summary(flexsurvreg fit, t = times, type = "survival")</c> (flexsurv simulates its limits by
    /// default; these are analytic).
    /// </summary>
    /// <param name="times">Times ≥ 0.</param>
    /// <param name="covariates">Covariate values, one per covariate; null for the means.</param>
    /// <param name="cureCovariates">Cure covariate values; null for the means.</param>
    public IReadOnlyList<ParametricEstimate> Survival(IEnumerable<double> times, IReadOnlyList<double>? covariates = null,
        IReadOnlyList<double>? cureCovariates = null)
    {
        var profile = Profile(covariates, cureCovariates);
        return Times(times).Select(t => SurvivalAt(t, profile)).ToList();
    }

    /// <summary>The hazard h(t) = f(t)/S(t) at each time, with limits on the log scale.</summary>
    /// <param name="times">Times &gt; 0.</param>
    /// <param name="covariates">Covariate values; null for the means.</param>
    /// <param name="cureCovariates">Cure covariate values; null for the means.</param>
    public IReadOnlyList<ParametricEstimate> Hazard(IEnumerable<double> times, IReadOnlyList<double>? covariates = null,
        IReadOnlyList<double>? cureCovariates = null)
    {
        var profile = Profile(covariates, cureCovariates);
        var result = new List<ParametricEstimate>();
        foreach (double t in Times(times))
        {
            if (t == 0) throw new ArgumentOutOfRangeException(nameof(times), t, "The hazard is given for times > 0.");
            var (ls, lf, gs, gf) = Point(t, profile);
            var g = gf.Zip(gs, (a, b) => a - b).ToArray();
            result.Add(LogScale(t, lf - ls, g));
        }
        return result;
    }

    /// <summary>The cumulative hazard H(t) = −log S(t) at each time, with limits on the log scale.</summary>
    /// <param name="times">Times &gt; 0.</param>
    /// <param name="covariates">Covariate values; null for the means.</param>
    /// <param name="cureCovariates">Cure covariate values; null for the means.</param>
    public IReadOnlyList<ParametricEstimate> CumulativeHazard(IEnumerable<double> times, IReadOnlyList<double>? covariates = null,
        IReadOnlyList<double>? cureCovariates = null)
    {
        var profile = Profile(covariates, cureCovariates);
        var result = new List<ParametricEstimate>();
        foreach (double t in Times(times))
        {
            if (t == 0) throw new ArgumentOutOfRangeException(nameof(times), t, "The cumulative hazard is given for times > 0.");
            var (ls, _, gs, _) = Point(t, profile);
            result.Add(LogScale(t, Math.Log(-ls), gs.Select(v => v / ls).ToArray()));
        }
        return result;
    }

    /// <summary>
    /// The time by which a fraction <paramref name="probability"/> has had the event, F(t) = p (R
    /// <c>predict(survreg fit, type = "quantile", p = probability)</c>), with limits on the log scale. Positive infinity
    /// (NaN limits) when the curve never falls to 1 − p (a cure fraction of at least 1 − p, or a Gompertz plateau).
    /// </summary>
    /// <param name="probability">p, strictly between 0 and 1.</param>
    /// <param name="covariates">Covariate values; null for the means.</param>
    /// <param name="cureCovariates">Cure covariate values; null for the means.</param>
    public ParametricEstimate Quantile(double probability, IReadOnlyList<double>? covariates = null,
        IReadOnlyList<double>? cureCovariates = null)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie strictly between 0 and 1.");
        var profile = Profile(covariates, cureCovariates);
        double target = NormalMath.Log1P(-probability);
        double t = SolveLogSurvival(target, profile);
        if (double.IsPositiveInfinity(t))
            return new ParametricEstimate(probability, double.PositiveInfinity, double.NaN, double.NaN, double.NaN);
        // Implicit differentiation of S(t_p; θ) = 1 − p: dt_p/dθ = (∂S/∂θ)/f(t_p), so d log t_p/dθ = S·∂log S/∂θ /(f·t_p).
        var (ls, lf, gs, _) = Point(t, profile);
        double factor = Math.Exp(ls - lf) / t;
        return LogScale(probability, Math.Log(t), gs.Select(v => v * factor).ToArray());
    }

    /// <summary>The median survival time, <see cref="Quantile"/> at 0.5, for the covariate means.</summary>
    public ParametricEstimate Median => Quantile(0.5);

    /// <summary>
    /// The restricted mean survival time ∫₀^τ S(t) dt (life-years to the horizon when t is in years), with limits on
    /// the log scale. The integral is computed after the substitution t = τu² (which smooths the t^a behaviour of
    /// S near 0) by 64 panels of 16-point Gauss–Legendre quadrature; its gradient the same way.
    /// </summary>
    /// <param name="horizon">τ &gt; 0.</param>
    /// <param name="covariates">Covariate values; null for the means.</param>
    /// <param name="cureCovariates">Cure covariate values; null for the means.</param>
    public ParametricEstimate RestrictedMean(double horizon, IReadOnlyList<double>? covariates = null,
        IReadOnlyList<double>? cureCovariates = null)
    {
        if (!(horizon > 0) || !double.IsFinite(horizon))
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be positive and finite.");
        var profile = Profile(covariates, cureCovariates);
        var rule = new GaussLegendreRule(0, 1, 16);
        const int panels = 64;
        double value = 0;
        var grad = new double[_theta.Length];
        for (int k = 0; k < panels; k++)
        {
            double a = (double)k / panels, b = (double)(k + 1) / panels;
            for (int q = 0; q < rule.Order; q++)
            {
                double u = a + (b - a) * rule.Abscissas[q];
                double w = (b - a) * rule.Weights[q] * 2 * horizon * u;
                double t = horizon * u * u;
                if (t <= 0) continue;
                var (ls, _, gs, _) = Point(t, profile);
                double s = Math.Exp(ls);
                value += w * s;
                for (int j = 0; j < grad.Length; j++) grad[j] += w * s * gs[j];
            }
        }
        return LogScale(horizon, Math.Log(value), grad.Select(v => v / value).ToArray());
    }

    /// <summary>
    /// The cure fraction π at the cure covariate means, with limits on the logit scale; null for a model without cure.
    /// </summary>
    public ParametricEstimate? CureFraction => IsCure ? CureFractionAt(null) : null;

    /// <summary>The cure fraction π for cure covariate values (null for the means), with limits on the logit scale.</summary>
    /// <param name="cureCovariates">One value per cure covariate, or null for the means.</param>
    public ParametricEstimate CureFractionAt(IReadOnlyList<double>? cureCovariates)
    {
        if (!IsCure) throw new InvalidOperationException("The model has no cure fraction (options.Cure is false).");
        var profile = Profile(null, cureCovariates);
        int off = _lik.CureOffset;
        double eta = _theta[off];
        var v = new double[_theta.Length];
        v[off] = 1;
        for (int j = 0; j < profile.Z.Length; j++) { eta += _theta[off + 1 + j] * profile.Z[j]; v[off + 1 + j] = profile.Z[j]; }
        double se = Math.Sqrt(Quadratic(v));
        double pi = Expit(eta);
        return new ParametricEstimate(double.NaN, pi, se * pi * (1 - pi), Expit(eta - _zCrit * se), Expit(eta + _zCrit * se));
    }

    private static double Expit(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private sealed record ProfileValues(double[] X, double[] Z);

    private ProfileValues Profile(IReadOnlyList<double>? x, IReadOnlyList<double>? z)
    {
        if (x is not null && x.Count != _xMean.Length)
            throw new ArgumentException($"The model has {_xMean.Length} covariates; {x.Count} values were given.", nameof(x));
        if (z is not null && z.Count != _zMean.Length)
            throw new ArgumentException($"The model has {_zMean.Length} cure covariates; {z.Count} values were given.", nameof(z));
        return new ProfileValues(x?.ToArray() ?? _xMean, z?.ToArray() ?? _zMean);
    }

    private static IEnumerable<double> Times(IEnumerable<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (double t in times)
        {
            if (!(t >= 0) || double.IsInfinity(t)) throw new ArgumentOutOfRangeException(nameof(times), t, "Times must be finite and non-negative.");
            yield return t;
        }
    }

    private ParametricEstimate SurvivalAt(double t, ProfileValues profile)
    {
        if (t == 0) return new ParametricEstimate(0, 1, 0, 1, 1);
        var (ls, _, gs, _) = Point(t, profile);
        double s = Math.Exp(ls);
        double seS = s * Math.Sqrt(Quadratic(gs));
        if (ls == 0 || double.IsNegativeInfinity(ls)) return new ParametricEstimate(t, s, seS, s, s);
        // u = log(−log S): du/dθ = (∂ log S/∂θ)/log S; S = exp(−e^u), so the limits are S^exp(±z·se_u).
        double seU = Math.Sqrt(Quadratic(gs.Select(v => v / ls).ToArray()));
        return new ParametricEstimate(t, s, seS, Math.Exp(ls * Math.Exp(_zCrit * seU)), Math.Exp(ls * Math.Exp(-_zCrit * seU)));
    }

    private ParametricEstimate LogScale(double at, double logValue, double[] gradLog)
    {
        double se = Math.Sqrt(Quadratic(gradLog));
        double v = Math.Exp(logValue);
        return new ParametricEstimate(at, v, v * se, Math.Exp(logValue - _zCrit * se), Math.Exp(logValue + _zCrit * se));
    }

    private double Quadratic(double[] g)
    {
        double s = 0;
        for (int i = 0; i < g.Length; i++)
            for (int j = 0; j < g.Length; j++) s += g[i] * _cov[i, j] * g[j];
        return s;
    }

    /// <summary>log S(t), log f(t) and their gradients with respect to θ for a profile.</summary>
    private (double LogS, double LogF, double[] GradLogS, double[] GradLogF) Point(double t, ProfileValues profile)
    {
        int m = _lik.M, p = _theta.Length;
        var eta = new double[m];
        _lik.Eta(_theta, profile.X, profile.Z, eta);
        var ds = new double[m];
        var df = new double[m];
        _lik.Evaluate(t, eta, out double ls, out double lf, ds, df);
        var gs = new double[p];
        var gf = new double[p];
        for (int a = 0; a < p; a++)
        {
            int slot = _lik.SlotOf(a);
            double v = DesignValue(a, profile);
            gs[a] = ds[slot] * v;
            gf[a] = df[slot] * v;
        }
        return (ls, lf, gs, gf);
    }

    private double DesignValue(int a, ProfileValues profile)
    {
        int loc = _lik.LocationCount, cure = _lik.CureOffset;
        if (a == 0) return 1;
        if (a < loc) return profile.X[a - 1];
        if (a <= cure) return 1;
        return profile.Z[a - cure - 1];
    }

    /// <summary>The t at which log S(t) = target, by bisection on log t; +∞ when the curve stays above it.</summary>
    private double SolveLogSurvival(double target, ProfileValues profile)
    {
        double LogS(double logT)
        {
            var eta = new double[_lik.M];
            _lik.Eta(_theta, profile.X, profile.Z, eta);
            var d1 = new double[_lik.M];
            var d2 = new double[_lik.M];
            _lik.Evaluate(Math.Exp(logT), eta, out double ls, out _, d1, d2);
            return ls;
        }
        double lo = 0, hi = 0;
        if (LogS(0) > target) { hi = 1; while (LogS(hi) > target) { lo = hi; hi *= 2; if (hi > 690) return double.PositiveInfinity; } }
        else { lo = -1; while (LogS(lo) <= target) { hi = lo; lo *= 2; if (lo < -690) return Math.Exp(lo); } }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(lo)); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (LogS(mid) > target) lo = mid; else hi = mid;
        }
        return Math.Exp(0.5 * (lo + hi));
    }
}
