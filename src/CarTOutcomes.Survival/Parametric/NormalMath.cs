using MathNet.Numerics;

namespace CarTOutcomes.Survival.Parametric;

/// <summary>The standard normal upper tail on the log scale, accurate far into the tail.</summary>
internal static class NormalMath
{
    public static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>
    /// log(1 + x) without cancellation for small x (Goldberg 1991, "What every computer scientist should know about
    /// floating-point arithmetic", theorem 4: log(u)·x/(u − 1) with u = 1 ⊕ x).
    /// </summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>
    /// log Φ(−z) = log(erfc(z/√2)/2). Beyond z = 30 erfc underflows, so the asymptotic expansion of Mills' ratio is
    /// used: Φ(−z) = φ(z)/z · (1 − 1/z² + 3/z⁴ − 15/z⁶ + …) (Abramowitz &amp; Stegun 26.2.12).
    /// </summary>
    public static double LogUpperTail(double z)
    {
        if (z < 30) return Math.Log(0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2)));
        double z2 = 1 / (z * z);
        double series = 1 - z2 * (1 - 3 * z2 * (1 - 5 * z2 * (1 - 7 * z2)));
        return -0.5 * z * z - LogSqrt2Pi - Math.Log(z) + Math.Log(series);
    }
}
