namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// One distribution of T as a function of its K distribution parameters η (η₀ carries the covariates; η₁… are the
/// ancillary parameters on an unconstrained scale). Contract: <see cref="Evaluate"/> takes a time t &gt; 0 and returns
/// log S(t), log f(t) (the density of t, not of log t) and their derivatives with respect to each ηⱼ.
/// </summary>
internal abstract class Family
{
    /// <summary>The number of distribution parameters K.</summary>
    public abstract int K { get; }

    /// <summary>The names of η₁ … η_{K−1} as the fit reports them (η₀ is <c>(Intercept)</c>).</summary>
    public abstract string[] AncillaryNames { get; }

    /// <summary>log S(t), log f(t) and their gradients with respect to η (spans of length K).</summary>
    public abstract void Evaluate(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF);

    /// <summary>
    /// The natural size of a change in ηⱼ, used to choose finite-difference steps: 1 for parameters on a log or
    /// location scale; the Gompertz shape is a rate per unit of time, so its size is 1/<paramref name="timeScale"/>.
    /// </summary>
    public virtual double Size(int j, double timeScale) => 1;

    /// <summary>Starting values of η from summaries of the data.</summary>
    public abstract double[] Start(StartSummary s);

    /// <summary>True when <see cref="EvaluateWithCurvature"/> gives second derivatives in closed form.</summary>
    public virtual bool HasCurvature => false;

    /// <summary>
    /// As <see cref="Evaluate"/>, and also the Hessians of log S and log f with respect to η (K × K, row-major).
    /// Only for families with <see cref="HasCurvature"/>.
    /// </summary>
    public virtual void EvaluateWithCurvature(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF, Span<double> d2LogS, Span<double> d2LogF) =>
        throw new NotSupportedException("This family has no closed-form second derivatives.");

    public static Family Create(ParametricDistribution d, ParametricScale scale) => (d, scale) switch
    {
        (ParametricDistribution.Exponential, ParametricScale.AcceleratedFailureTime) => new LocationScaleFamily(StandardError.ExtremeValue, fixedScale: true),
        (ParametricDistribution.Weibull, ParametricScale.AcceleratedFailureTime) => new LocationScaleFamily(StandardError.ExtremeValue, fixedScale: false),
        (ParametricDistribution.LogNormal, ParametricScale.AcceleratedFailureTime) => new LocationScaleFamily(StandardError.Normal, fixedScale: false),
        (ParametricDistribution.LogLogistic, ParametricScale.AcceleratedFailureTime) => new LocationScaleFamily(StandardError.Logistic, fixedScale: false),
        (ParametricDistribution.Weibull, ParametricScale.ProportionalHazards) => new WeibullPHFamily(),
        (ParametricDistribution.Gompertz, ParametricScale.ProportionalHazards) => new GompertzFamily(),
        (ParametricDistribution.GeneralizedGamma, ParametricScale.AcceleratedFailureTime) => new GeneralizedGammaFamily(),
        _ => throw new ArgumentException($"The {d} distribution is not available as a {scale} model.", nameof(scale)),
    };
}

/// <summary>Data summaries from which starting values are taken.</summary>
/// <param name="Rate">Events per unit of time at risk (the exponential MLE without covariates).</param>
/// <param name="Median">The Kaplan–Meier median, or NaN when the curve stays above 1/2.</param>
/// <param name="MeanLog">Mean of log t over rows with events.</param>
/// <param name="SdLog">Standard deviation of log t over rows with events (NaN when fewer than 2).</param>
/// <param name="Plateau">The Kaplan–Meier survival at the last time.</param>
internal sealed record StartSummary(double Rate, double Median, double MeanLog, double SdLog, double Plateau);

/// <summary>The standardized error distribution W of a location-scale model log T = μ + σW (R <c>survreg.distributions</c>).</summary>
internal enum StandardError { ExtremeValue, Normal, Logistic }

/// <summary>
/// Location-scale families on log T (R <c>survreg</c>): z = (log t − μ)/σ, η = (μ, log σ);
/// log S(t) = log S_W(z), log f(t) = log f_W(z) − log σ − log t (the Jacobian survreg adds to its log-likelihood).
/// With z' = ∂z/∂μ = −1/σ and ∂z/∂log σ = −z, every derivative follows from d log S_W/dz and d log f_W/dz.
/// </summary>
internal sealed class LocationScaleFamily(StandardError w, bool fixedScale) : Family
{
    public override int K => fixedScale ? 1 : 2;

    public override string[] AncillaryNames => fixedScale ? [] : ["Log(scale)"];

    public override void Evaluate(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF)
    {
        double logSigma = fixedScale ? 0 : eta[1];
        double sigma = Math.Exp(logSigma);
        double logT = Math.Log(t);
        double z = (logT - eta[0]) / sigma;
        Standard(w, z, out double lS, out double lf, out double dS, out double df);
        logS = lS;
        logF = lf - logSigma - logT;
        dLogS[0] = -dS / sigma;
        dLogF[0] = -df / sigma;
        if (!fixedScale)
        {
            dLogS[1] = -dS * z;
            dLogF[1] = -df * z - 1;
        }
    }

    public override bool HasCurvature => true;

    /// <summary>
    /// With g(z) either log S_W or log f_W, ∂z/∂μ = −1/σ and ∂z/∂log σ = −z:
    /// ∂²g/∂μ² = g''/σ², ∂²g/∂μ∂log σ = (g''·z + g')/σ, ∂²g/∂(log σ)² = g''·z² + g'·z (the Jacobian −log σ − log t
    /// of log f is linear in log σ and adds nothing). R's <c>survreg</c> uses the same derivatives (survreg6.c).
    /// </summary>
    public override void EvaluateWithCurvature(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF, Span<double> d2LogS, Span<double> d2LogF)
    {
        double logSigma = fixedScale ? 0 : eta[1];
        double sigma = Math.Exp(logSigma);
        double logT = Math.Log(t);
        double z = (logT - eta[0]) / sigma;
        Standard(w, z, out double lS, out double lf, out double dS, out double df);
        Curvature(w, z, dS, out double d2S, out double d2F);
        logS = lS;
        logF = lf - logSigma - logT;
        dLogS[0] = -dS / sigma;
        dLogF[0] = -df / sigma;
        d2LogS[0] = d2S / (sigma * sigma);
        d2LogF[0] = d2F / (sigma * sigma);
        if (fixedScale) return;
        dLogS[1] = -dS * z;
        dLogF[1] = -df * z - 1;
        d2LogS[1] = d2LogS[2] = (d2S * z + dS) / sigma;
        d2LogF[1] = d2LogF[2] = (d2F * z + df) / sigma;
        d2LogS[3] = d2S * z * z + dS * z;
        d2LogF[3] = d2F * z * z + df * z;
    }

    /// <summary>
    /// Second z-derivatives of log S_W and log f_W: extreme value −e^z and −e^z; logistic −F(1 − F) and −2F(1 − F);
    /// normal −λ(λ − z) with λ = −d log S_W/dz the inverse Mills ratio, and −1.
    /// </summary>
    internal static void Curvature(StandardError w, double z, double dLogS, out double d2LogS, out double d2LogF)
    {
        switch (w)
        {
            case StandardError.ExtremeValue:
                d2LogS = d2LogF = -Math.Exp(z);
                break;
            case StandardError.Logistic:
                double f = -dLogS;
                d2LogS = -f * (1 - f);
                d2LogF = -2 * f * (1 - f);
                break;
            default:
                double lambda = -dLogS;
                d2LogS = -lambda * (lambda - z);
                d2LogF = -1;
                break;
        }
    }

    /// <summary>log S_W(z), log f_W(z) and their z-derivatives for the standard distributions.</summary>
    internal static void Standard(StandardError w, double z, out double logS, out double logF, out double dLogS, out double dLogF)
    {
        switch (w)
        {
            case StandardError.ExtremeValue:
                // S_W(z) = exp(−e^z), f_W(z) = exp(z − e^z)
                double ez = Math.Exp(z);
                logS = -ez; dLogS = -ez;
                logF = z - ez; dLogF = 1 - ez;
                break;
            case StandardError.Logistic:
                // S_W(z) = 1/(1 + e^z), f_W(z) = e^z/(1 + e^z)²; d log S_W/dz = −F(z)
                double l1p = z > 0 ? z + NormalMath.Log1P(Math.Exp(-z)) : NormalMath.Log1P(Math.Exp(z));
                double cdf = z > 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
                logS = -l1p; dLogS = -cdf;
                logF = z - 2 * l1p; dLogF = 1 - 2 * cdf;
                break;
            default:
                // S_W(z) = Φ(−z); d log S_W/dz = −φ(z)/Φ(−z), the inverse Mills ratio
                logS = NormalMath.LogUpperTail(z);
                logF = -0.5 * z * z - NormalMath.LogSqrt2Pi;
                dLogS = -Math.Exp(logF - logS);
                dLogF = -z;
                break;
        }
    }

    public override double[] Start(StartSummary s)
    {
        // The exponential fit's location (log of the mean time) or the median on the log scale; σ = 1.
        double mu = w == StandardError.ExtremeValue ? -Math.Log(s.Rate)
            : double.IsFinite(s.Median) ? Math.Log(s.Median) : -Math.Log(s.Rate) - 0.3665;
        return fixedScale ? [mu] : [mu, 0];
    }
}

/// <summary>
/// Weibull with proportional hazards (<c>flexsurv</c>'s <c>weibullPH</c>): η = (log m, log a), H(t) = m·t^a,
/// log h(t) = log a + log m + (a − 1) log t; log S = −H, log f = log h − H.
/// </summary>
internal sealed class WeibullPHFamily : Family
{
    public override int K => 2;

    public override string[] AncillaryNames => ["log(shape)"];

    public override void Evaluate(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF)
    {
        double a = Math.Exp(eta[1]);
        double logT = Math.Log(t);
        double h = Math.Exp(eta[0] + a * logT);
        logS = -h;
        logF = eta[1] + eta[0] + (a - 1) * logT - h;
        dLogS[0] = -h;
        dLogS[1] = -h * a * logT;
        dLogF[0] = 1 - h;
        dLogF[1] = 1 + a * logT - h * a * logT;
    }

    public override double[] Start(StartSummary s) => [Math.Log(s.Rate), 0];
}

/// <summary>
/// Gompertz (<c>flexsurv</c>'s <c>gompertz</c>): η = (log b, a), h(t) = b·e^(a t), H(t) = b·g(a), g(a) = (e^(a t) − 1)/a
/// with g(0) = t. For |a t| small g and g' = dg/da are taken from their Taylor series (t + a t²/2 + a² t³/6 + a³t⁴/24, …)
/// to avoid cancellation.
/// </summary>
internal sealed class GompertzFamily : Family
{
    public override int K => 2;

    public override string[] AncillaryNames => ["shape"];

    public override double Size(int j, double timeScale) => j == 1 ? 1 / timeScale : 1;

    public override void Evaluate(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF)
    {
        double b = Math.Exp(eta[0]), a = eta[1];
        G(a, t, out double g, out double dg);
        double cumHaz = b * g;
        logS = -cumHaz;
        logF = eta[0] + a * t - cumHaz;
        dLogS[0] = -cumHaz;
        dLogS[1] = -b * dg;
        dLogF[0] = 1 - cumHaz;
        dLogF[1] = t - b * dg;
    }

    internal static void G(double a, double t, out double g, out double dg)
    {
        double x = a * t;
        if (Math.Abs(x) < 1e-3)
        {
            // g = t Σ x^k/(k+1)!, dg/da = t² Σ k x^(k−1)/(k+1)! (k ≥ 1)
            g = t * (1 + x / 2 * (1 + x / 3 * (1 + x / 4 * (1 + x / 5))));
            dg = t * t * (0.5 + x / 3 + x * x / 8 + x * x * x / 30 + x * x * x * x / 144);
        }
        else
        {
            double em1 = Math.Abs(x) < 1 ? ExpM1(x) : Math.Exp(x) - 1;
            g = em1 / a;
            dg = (t * Math.Exp(x) - g) / a;
        }
    }

    private static double ExpM1(double x)
    {
        // exp(x) − 1 without cancellation for |x| < 1: exp(x) − 1 = 2 tanh(x/2) / (1 − tanh(x/2)).
        double th = Math.Tanh(x / 2);
        return 2 * th / (1 - th);
    }

    public override double[] Start(StartSummary s) => [Math.Log(s.Rate), 0];
}
