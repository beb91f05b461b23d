using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>Options for <see cref="CumulativeIncidence"/>; R's defaults where R has them.</summary>
public sealed class CumulativeIncidenceOptions
{
    /// <summary>Creates options.</summary>
    /// <param name="confidenceLevel">Level of the pointwise limits, strictly between 0 and 1 (0.95 by default).</param>
    /// <param name="transform">
    /// Scale of the pointwise limits. The default is <see cref="ConfidenceTransform.LogLog"/>,
    /// F^exp(±z·√V/(F·log F)), the usual choice for a cumulative incidence; cmprsk reports no limits.
    /// </param>
    /// <param name="rho">Power of the weight (1 − F(t−))^rho in Gray's test (R: <c>cuminc(rho = 0)</c>, the default).</param>
    public CumulativeIncidenceOptions(double confidenceLevel = 0.95, ConfidenceTransform transform = ConfidenceTransform.LogLog,
        double rho = 0)
    {
        SurvivalConfidence.NormalQuantile(confidenceLevel);
        if (!Enum.IsDefined(transform))
            throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown confidence transform.");
        if (!double.IsFinite(rho))
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be finite.");
        ConfidenceLevel = confidenceLevel;
        Transform = transform;
        Rho = rho;
    }

    /// <summary>R's defaults: 95% limits on the log(−log) scale, rho = 0.</summary>
    public static CumulativeIncidenceOptions Default { get; } = new();

    /// <summary>Level of the pointwise confidence limits.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Scale of the pointwise confidence limits.</summary>
    public ConfidenceTransform Transform { get; }

    /// <summary>Gray's test weight exponent (R: <c>rho</c>).</summary>
    public double Rho { get; }
}
