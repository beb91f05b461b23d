namespace CarTOutcomes.Survival.Comparisons;

/// <summary>How a Wilcoxon p-value is computed (R: <c>wilcox.test(exact =)</c>).</summary>
public enum WilcoxonMethod
{
    /// <summary>
    /// R: <c>exact = NULL</c>, the default: exact when every sample has fewer than 50 values, otherwise the normal
    /// approximation. With ties (or zero differences in the signed-rank test) the normal approximation is used.
    /// </summary>
    Auto,

    /// <summary>R: <c>exact = TRUE</c>: exact at any size, except with ties or zeros, where R (and this) fall back to the normal approximation.</summary>
    Exact,

    /// <summary>R: <c>exact = FALSE</c>: the normal approximation with tie correction (and continuity correction if requested).</summary>
    NormalApproximation,
}
