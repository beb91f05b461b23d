using MathNet.Numerics;

namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// Generalized gamma, Prentice (1974), as <c>flexsurv</c>'s <c>dgengamma</c>/<c>pgengamma</c>: η = (μ, log σ, Q),
/// w = (log t − μ)/σ, q = Q^−2, u = q·e^(Q w). For Q ≠ 0:
/// log f(t) = −log(σ t) + log|Q|·(1 − 2q) + q·(Q w − e^(Q w)) − log Γ(q),
/// S(t) = Γ_upper(q, u)/Γ(q) when Q &gt; 0 and Γ_lower(q, u)/Γ(q) when Q &lt; 0 (regularized incomplete gamma).
/// For |Q| &lt; 1e-5 the log-normal limit (Q = 0) is used. Derivatives are central differences of these values
/// (no simple closed form in Q).
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
        Span<double> e = stackalloc double[3];
        for (int j = 0; j < 3; j++)
        {
            eta.CopyTo(e);
            double h = 1e-5 * Math.Max(1, Math.Abs(eta[j]));
            e[j] = eta[j] + h;
            Values(t, e[0], e[1], e[2], out double sp, out double fp);
            e[j] = eta[j] - h;
            Values(t, e[0], e[1], e[2], out double sm, out double fm);
            dLogS[j] = (sp - sm) / (2 * h);
            dLogF[j] = (fp - fm) / (2 * h);
        }
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

    public override double[] Start(StartSummary s)
    {
        double mu = double.IsFinite(s.Median) ? Math.Log(s.Median) : -Math.Log(s.Rate);
        return [mu, 0, 1];
    }
}
