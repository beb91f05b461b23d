namespace CarTOutcomes.Survival.Estimators;

/// <summary>
/// The scale on which a pointwise confidence interval for a survival probability is built
/// (R: <c>survfit(conf.type=)</c>; formulas of R's <c>survfit_confint</c>).
/// </summary>
public enum ConfidenceTransform
{
    /// <summary>R: <c>conf.type = "log"</c>, the default: <c>S·exp(±z·se(log S))</c>, upper limit capped at 1.</summary>
    Log,

    /// <summary>R: <c>conf.type = "log-log"</c>: <c>exp(−exp(log(−log S) ± z·se(log S)/log S))</c>; undefined where S is 0 or 1.</summary>
    LogLog,

    /// <summary>R: <c>conf.type = "plain"</c>: <c>S ± z·se(S)</c>, clipped to [0, 1] (Klein and Moeschberger, eq. 4.3.1).</summary>
    Plain,
}

/// <summary>Pointwise confidence limits for a survival probability, exactly as R's <c>survfit_confint</c> computes them (survival 3.5).</summary>
public static class SurvivalConfidence
{
    /// <summary>The standard normal quantile for a two-sided interval at <paramref name="level"/> (R: <c>qnorm(1 - (1-level)/2)</c>).</summary>
    public static double NormalQuantile(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        return MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
    }

    /// <summary>
    /// Limits for survival <paramref name="p"/> whose log has standard error <paramref name="seLog"/>.
    /// NaN marks a limit that does not exist (R's <c>NA</c>).
    /// </summary>
    /// <param name="p">The survival probability.</param>
    /// <param name="seLog">Standard error of log S (R's <c>std.err</c> when <c>logse = TRUE</c>).</param>
    /// <param name="z">Normal quantile, see <see cref="NormalQuantile"/>.</param>
    /// <param name="transform">The scale of the interval.</param>
    /// <param name="capUpper">Cap the upper limit at 1 where R does (<c>ulimit = TRUE</c>; false for cumulative incidence).</param>
    public static (double Lower, double Upper) Limits(double p, double seLog, double z, ConfidenceTransform transform, bool capUpper = true)
    {
        switch (transform)
        {
            case ConfidenceTransform.Plain:
            {
                double se2 = seLog * p * z;
                double lo = RMax(p - se2, 0);
                double hi = capUpper ? RMin(p + se2, 1) : p + se2;
                return (lo, hi);
            }
            case ConfidenceTransform.Log:
            {
                // survival 3.5: NA where p = 0, whatever the standard error.
                double xx = p == 0 ? double.NaN : p;
                double lo = Math.Exp(Math.Log(xx) - z * seLog);
                double hi = Math.Exp(Math.Log(xx) + z * seLog);
                return (lo, capUpper ? RMin(hi, 1) : hi);
            }
            case ConfidenceTransform.LogLog:
            {
                // survival 3.5: NA where p is 0 or 1.
                double xx = p == 0 || p == 1 ? double.NaN : p;
                double se2 = z * seLog / Math.Log(xx);
                double lo = Math.Exp(-Math.Exp(Math.Log(-Math.Log(xx)) - se2));
                double hi = Math.Exp(-Math.Exp(Math.Log(-Math.Log(xx)) + se2));
                return (lo, hi);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown confidence transform.");
        }
    }

    // R's pmax/pmin propagate NaN (NA), unlike Math.Max which also does; kept explicit for clarity.
    private static double RMax(double a, double b) => double.IsNaN(a) ? double.NaN : Math.Max(a, b);
    private static double RMin(double a, double b) => double.IsNaN(a) ? double.NaN : Math.Min(a, b);
}
