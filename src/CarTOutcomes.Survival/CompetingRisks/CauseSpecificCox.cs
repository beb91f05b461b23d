using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// Cause-specific Cox regression: the hazard of one cause, with every other cause treated as censoring at its time
/// (R: <c>coxph(Surv(time, status == k) ~ x)</c>, or <c>Surv(entry, time, status == k)</c> with delayed entry).
/// This is how the paper compares covariates for the risk of relapsed/refractory disease with death as a competing
/// risk (its Table 2). It answers a different question from <see cref="FineGray"/>: the effect on the rate of cause k
/// among those still event-free, not on the cumulative incidence.
/// </summary>
public static class CauseSpecificCox
{
    /// <summary>Fits the cause-specific Cox model for <paramref name="cause"/>.</summary>
    /// <param name="data">Competing-risks outcomes; rows of the other causes and censored rows end without an event.</param>
    /// <param name="cause">The cause whose hazard is modelled; must be one of <see cref="CompetingRisksData.Causes"/>.</param>
    /// <param name="covariates">One numeric column per covariate, one value per row.</param>
    /// <param name="names">Covariate names.</param>
    /// <param name="options">Cox options (ties, strata, cluster…); R's defaults when omitted.</param>
    public static CoxResult Fit(CompetingRisksData data, int cause, IReadOnlyList<IReadOnlyList<double>> covariates,
        IReadOnlyList<string> names, CoxOptions? options = null) =>
        CoxModel.Fit(Outcome(data, cause), covariates, names, options);

    /// <summary>Fits the cause-specific Cox model in the call shape of every model: data, covariates, options.</summary>
    /// <param name="data">Competing-risks outcomes.</param>
    /// <param name="cause">The cause whose hazard is modelled.</param>
    /// <param name="covariates">Named covariate columns, one value per row.</param>
    /// <param name="options">Cox settings; R's defaults when omitted.</param>
    public static CoxResult Fit(CompetingRisksData data, int cause, Covariates covariates, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        return Cox.Cox.Fit(Outcome(data, cause), covariates, options);
    }

    /// <summary>The survival outcome of the cause-specific model: an event where the status is <paramref name="cause"/>.</summary>
    /// <param name="data">Competing-risks outcomes.</param>
    /// <param name="cause">The cause of interest.</param>
    public static SurvivalData Outcome(CompetingRisksData data, int cause)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Causes.Contains(cause))
            throw new ArgumentException($"Cause {cause} is not among the causes in the data ({string.Join(", ", data.Causes)}).", nameof(cause));
        var status = data.Status;
        var evt = new bool[data.Count];
        for (int i = 0; i < evt.Length; i++) evt[i] = status[i] == cause;
        return data.HasEntry
            ? SurvivalData.CountingProcess(data.Entry.ToArray(), data.Time.ToArray(), evt)
            : SurvivalData.RightCensored(data.Time.ToArray(), evt);
    }
}
