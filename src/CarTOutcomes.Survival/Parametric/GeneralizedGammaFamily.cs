using MathNet.Numerics;

namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// Generalized gamma, Prentice (1974), as <c>flexsurv</c>'s <c>dgengamma</c>/<c>pgengamma</c>: η = (μ, log σ, Q),
/// w = (log t − μ)/σ, q = Q^−2, u = q·e^(Q w). For Q ≠ 0:
/// log f(t) = −log(σ t) + log|Q|·(1 − 2q) + q·(Q w − e^(Q w)) − log Γ(q),
/// S(t) = Γ_upper(q, u)/Γ(q) when Q &gt; 0 and Γ_lower(q, u)/Γ(q) when Q &lt; 0 (regularized incomplete gamma).
/// For |Q| &lt; 1e-5 the log-normal limit (Q = 0) is used. Derivatives in μ and log σ are analytic; in Q they are
/// central differences of these values (no simple closed form).
/// </summary>
internal sealed class GeneralizedGammaFamily : Family
{
    internal const double LogNormalBand = 1e-5;

    public override int K => 3;

    public override string[] AncillaryNames => ["log(sigma)", "Q"];

    public override void Evaluate(double t, ReadOnlySpan<double> eta, out double logS, out double logF,
        Span<double> dLogS, Span<double> dLogF)
    {
        Values(t, eta[0], eta[1], eta[2], out logS, out logF);
        // μ and log σ act through w = (log t − μ)/σ only: with f_W the density of W (log f_W = log f + log σ + log t),
        // d log S/dw = −f_W/S and d log f_W/dw = (1 − e^(Q w))/Q (−w in the log-normal limit); ∂w/∂μ = −1/σ, ∂w/∂log σ = −w.
        double sigma = Math.Exp(eta[1]), q = eta[2];
        double logT = Math.Log(t);
        double w = (logT - eta[0]) / sigma;
        double hazardW = Math.Exp(logF + eta[1] + logT - logS);
        double dLogFw = Math.Abs(q) < LogNormalBand ? -w : -ExpM1(q * w) / q;
        dLogS[0] = hazardW / sigma;
        dLogS[1] = hazardW * w;
        dLogF[0] = -dLogFw / sigma;
        dLogF[1] = -dLogFw * w - 1;
        // Q: central differences (no simple closed form).
        double h = 1e-5 * Math.Max(1, Math.Abs(q));
        Values(t, eta[0], eta[1], q + h, out double sp, out double fp);
        Values(t, eta[0], eta[1], q - h, out double sm, out double fm);
        dLogS[2] = (sp - sm) / (2 * h);
        dLogF[2] = (fp - fm) / (2 * h);
    }

    internal static void Values(double t, double mu, double logSigma, double q, out double logS, out double logF)
    {
        double sigma = Math.Exp(logSigma);
        double logT = Math.Log(t);
        double w = (logT - mu) / sigma;
        if (Math.Abs(q) < LogNormalBand)
        {
            logS = NormalMath.LogUpperTail(w);
            logF = -0.5 * w * w - NormalMath.LogSqrt2Pi - logSigma - logT;
            return;
        }
        double shape = 1 / (q * q);
        double qw = q * w;
        double u = shape * Math.Exp(qw);
        logF = -logSigma - logT + Math.Log(Math.Abs(q)) * (1 - 2 * shape) + shape * (qw - Math.Exp(qw)) - SpecialFunctions.GammaLn(shape);
        double s = q > 0 ? SpecialFunctions.GammaUpperRegularized(shape, u) : SpecialFunctions.GammaLowerRegularized(shape, u);
        logS = Math.Log(s);
    }

    /// <summary>e^x − 1 without cancellation for |x| &lt; 1 (2 tanh(x/2)/(1 − tanh(x/2))).</summary>
    private static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 1) return Math.Exp(x) - 1;
        double th = Math.Tanh(x / 2);
        return 2 * th / (1 - th);
    }

    public override double[] Start(StartSummary s)
    {
        double mu = double.IsFinite(s.Median) ? Math.Log(s.Median) : -Math.Log(s.Rate);
        return [mu, 0, 1];
    }
}
