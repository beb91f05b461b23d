using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// Fits several distributions (each with and without a cure fraction) to the same data and ranks them by AIC and
/// BIC, the first step of the NICE Decision Support Unit's survival-extrapolation workflow (TSD 14, Latimer 2011;
/// TSD 21, Rutherford et al. 2020).
/// </summary>
public static class ParametricComparison
{
    /// <summary>Every distribution, in the order TSD 14 lists them.</summary>
    public static IReadOnlyList<ParametricDistribution> AllDistributions { get; } =
    [
        ParametricDistribution.Exponential, ParametricDistribution.Weibull, ParametricDistribution.Gompertz,
        ParametricDistribution.LogLogistic, ParametricDistribution.LogNormal, ParametricDistribution.GeneralizedGamma,
    ];

    /// <summary>Fits and ranks the models without covariates.</summary>
    /// <param name="data">The outcomes.</param>
    /// <param name="distributions">Distributions to fit; null for <see cref="AllDistributions"/>.</param>
    /// <param name="withCure">Also fit each as a mixture cure model.</param>
    /// <param name="confidenceLevel">The confidence level of every fit's intervals.</param>
    public static ParametricComparisonResult Fit(SurvivalData data, IReadOnlyList<ParametricDistribution>? distributions = null,
        bool withCure = true, double confidenceLevel = 0.95) =>
        Fit(data, Covariates.Create([], []), distributions, withCure, confidenceLevel);

    /// <summary>Fits and ranks the models with covariates (on η₀; the cure fraction has no covariates here).</summary>
    /// <param name="data">The outcomes.</param>
    /// <param name="covariates">Named numeric covariate columns.</param>
    /// <param name="distributions">Distributions to fit; null for <see cref="AllDistributions"/>.</param>
    /// <param name="withCure">Also fit each as a mixture cure model.</param>
    /// <param name="confidenceLevel">The confidence level of every fit's intervals.</param>
    public static ParametricComparisonResult Fit(SurvivalData data, Covariates covariates,
        IReadOnlyList<ParametricDistribution>? distributions = null, bool withCure = true,
        double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fits = new List<ParametricResult>();
        var failures = new List<string>();
        foreach (var d in distributions ?? AllDistributions)
            foreach (bool cure in withCure ? new[] { false, true } : new[] { false })
            {
                try
                {
                    fits.Add(ParametricModel.Fit(data, covariates, new ParametricOptions(d) { Cure = cure, ConfidenceLevel = confidenceLevel }));
                }
                catch (InvalidOperationException e)
                {
                    // The log-likelihood was not finite at any starting value: the model is left out, and said so.
                    failures.Add($"{d}{(cure ? " + cure" : "")}: {e.Message}");
                }
            }
        if (fits.Count == 0) throw new InvalidOperationException("No model could be fitted: " + string.Join("; ", failures));
        return new ParametricComparisonResult(fits, failures);
    }
}

/// <summary>The fits of a <see cref="ParametricComparison"/>, ranked.</summary>
public sealed class ParametricComparisonResult
{
    internal ParametricComparisonResult(IReadOnlyList<ParametricResult> fits, IReadOnlyList<string> failures)
    {
        Failures = failures;
        int[] Ranks(Func<ParametricResult, double> key)
        {
            var order = Enumerable.Range(0, fits.Count).OrderBy(i => double.IsFinite(key(fits[i])) ? key(fits[i]) : double.MaxValue).ToArray();
            var rank = new int[fits.Count];
            for (int k = 0; k < order.Length; k++) rank[order[k]] = k + 1;
            return rank;
        }
        var aic = Ranks(f => f.Aic);
        var bic = Ranks(f => f.Bic);
        double minAic = fits.Select(f => f.Aic).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        double minBic = fits.Select(f => f.Bic).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        Rows = Enumerable.Range(0, fits.Count).Select(i => new ParametricComparisonRow(fits[i], aic[i], bic[i], fits[i].Aic - minAic, fits[i].Bic - minBic))
            .OrderBy(r => r.AicRank).ToList();
    }

    /// <summary>Models that could not be fitted at all (not finite at any starting value), with the reason; usually empty.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>One row per fit, best AIC first.</summary>
    public IReadOnlyList<ParametricComparisonRow> Rows { get; }

    /// <summary>The fit with the smallest AIC.</summary>
    public ParametricResult BestByAic => Rows.Single(r => r.AicRank == 1).Fit;

    /// <summary>The fit with the smallest BIC.</summary>
    public ParametricResult BestByBic => Rows.Single(r => r.BicRank == 1).Fit;
}

/// <summary>One fit in a comparison with its ranks (1 = smallest criterion).</summary>
public sealed class ParametricComparisonRow
{
    internal ParametricComparisonRow(ParametricResult fit, int aicRank, int bicRank, double deltaAic, double deltaBic)
    {
        Fit = fit; AicRank = aicRank; BicRank = bicRank; DeltaAic = deltaAic; DeltaBic = deltaBic;
    }

    /// <summary>The fit.</summary>
    public ParametricResult Fit { get; }

    /// <summary>The model's label: the distribution, with " + cure" for a mixture cure model.</summary>
    public string Label => Fit.Distribution + (Fit.IsCure ? " + cure" : "");

    /// <summary>Rank by AIC among the fits compared.</summary>
    public int AicRank { get; }

    /// <summary>Rank by BIC among the fits compared.</summary>
    public int BicRank { get; }

    /// <summary>AIC minus the smallest AIC of the comparison.</summary>
    public double DeltaAic { get; }

    /// <summary>BIC minus the smallest BIC of the comparison.</summary>
    public double DeltaBic { get; }

    /// <summary>True when the fit converged and no parameter is at a boundary.</summary>
    public bool Usable => Fit.Converged && Fit.Warnings.Count == 0;
}
