namespace CarTOutcomes.Survival.Estimators;

/// <summary>How the variance of a Kaplan–Meier curve is computed.</summary>
public enum KaplanMeierVariance
{
    /// <summary>
    /// R's default choice: <see cref="Greenwood"/>, unless some case weight is not a whole number, in which case
    /// <see cref="InfinitesimalJackknife"/> (R <c>survfitKM</c>: <c>robust</c> defaults to TRUE for non-integer weights).
    /// </summary>
    Auto,

    /// <summary>Greenwood's formula on (weighted) counts: Var(log S) = Σ d/(n(n−d)). R: <c>robust = FALSE</c>.</summary>
    Greenwood,

    /// <summary>The infinitesimal jackknife (robust) variance with one cluster per row. R: <c>robust = TRUE</c>.</summary>
    InfinitesimalJackknife,
}

/// <summary>Options of a Kaplan–Meier fit (R: arguments of <c>survfit</c>).</summary>
/// <param name="Transform">Confidence-interval scale (R: <c>conf.type</c>, default <c>"log"</c>).</param>
/// <param name="ConfidenceLevel">Confidence level (R: <c>conf.int</c>, default 0.95).</param>
/// <param name="Variance">Variance method (R: <c>robust</c>; default chosen as R does).</param>
public sealed record KaplanMeierOptions(
    ConfidenceTransform Transform = ConfidenceTransform.Log,
    double ConfidenceLevel = 0.95,
    KaplanMeierVariance Variance = KaplanMeierVariance.Auto)
{
    /// <summary>R's defaults: log transform, 95% level, Greenwood variance (robust for non-integer weights).</summary>
    public static KaplanMeierOptions Default { get; } = new();
}
