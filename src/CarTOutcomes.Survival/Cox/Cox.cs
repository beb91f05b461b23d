using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Cox proportional hazards regression, as R's <c>coxph</c> (survival 3.5): from a formula and a data table, or from
/// outcome data and covariate columns. Strata, clusters, subject ids, offsets and weights are per-row data (in the
/// formula, or on <see cref="SurvivalData"/>); <see cref="CoxOptions"/> holds only settings.
/// </summary>
/// <example>
/// <code>
/// var fit = Cox.Fit("Surv(time, status) ~ age + sex + factor(ph.ecog)", lung);
/// fit.Coefficients[2].Name;   // "factor(ph.ecog)1", as R names it
/// fit.TermTests;              // Wald test of each term (a factor's levels together)
///
/// var null0 = Cox.Fit("Surv(time, status) ~ strata(sex)", lung);   // the null model: no coefficient
/// null0.IsNullModel;           // true; null0.LogLik is R's fit$loglik, null0.WaldTest is null
/// </code>
/// </example>
public static class Cox
{
    /// <summary>
    /// Fits a Cox model from a formula (R: <c>coxph(formula, data, weights, id)</c>). A right side without a covariate
    /// (<c>~ 1</c>, or only <c>strata()</c>, <c>offset()</c> and <c>cluster()</c> terms) fits the null model: see
    /// <see cref="CoxResult.IsNullModel"/>.
    /// </summary>
    /// <param name="formula">E.g. <c>Surv(time, status) ~ age + factor(rx) + strata(sex) + cluster(id)</c>.</param>
    /// <param name="data">The data; rows with a missing value in any variable the formula uses, the weight or the id are dropped (R: <c>na.omit</c>).</param>
    /// <param name="options">Settings; R's defaults when null.</param>
    /// <param name="weights">Optional name of a column of case weights (R: <c>weights =</c>).</param>
    /// <param name="id">
    /// Optional name of a subject-id column (R: <c>id =</c>). As in R (survival 3.5), it changes no coefficient, but
    /// when a subject has more than one event it switches on the robust variance clustered on the subject (unless
    /// <see cref="CoxOptions.Robust"/> is false), which changes the z, p, limits and Wald test; see <see cref="CoxOptions.Robust"/>.
    /// </param>
    /// <param name="cancellationToken">Checked while the model is fitted.</param>
    /// <exception cref="FormulaException">The formula cannot be parsed or evaluated on the data.</exception>
    public static CoxResult Fit(string formula, ModelData data, CoxOptions? options = null, string? weights = null,
        string? id = null, CancellationToken cancellationToken = default) =>
        Fit(Formula.Parse(formula), data, options, weights, id, cancellationToken);

    /// <summary>Fits a Cox model from a parsed formula.</summary>
    /// <param name="formula">The formula.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">Settings; R's defaults when null.</param>
    /// <param name="weights">Optional name of a column of case weights.</param>
    /// <param name="id">Optional name of a subject-id column.</param>
    /// <param name="cancellationToken">Checked while the model is fitted.</param>
    public static CoxResult Fit(Formula formula, ModelData data, CoxOptions? options = null, string? weights = null,
        string? id = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(data);
        var frame = ModelFrame.Build(formula, data, weights, requireResponse: true, competing: false, id: id);
        var outcome = OutcomeOf(frame, data, id);
        var fit = Fit(outcome, Covariates.Own(frame.ColumnNames, frame.DesignColumns), options, cancellationToken);
        fit.AttachModel(frame);
        return fit;
    }

    /// <summary>Fits a Cox model from outcome data and covariate columns (R: <c>coxph.fit</c> / <c>agreg.fit</c>).</summary>
    /// <param name="data">Outcomes, with any strata, clusters, ids, offsets and weights (case weights must be positive).</param>
    /// <param name="covariates">One column per covariate, one value per row of <paramref name="data"/>.</param>
    /// <param name="options">Settings; R's defaults when null.</param>
    /// <param name="cancellationToken">Checked before the data are sorted and at every iteration.</param>
    /// <param name="progress">Optional progress of the Newton–Raphson iterations.</param>
    public static CoxResult Fit(SurvivalData data, Covariates covariates, CoxOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        return CoxModel.Fit(data, covariates.Columns, covariates.Names, options, cancellationToken, progress);
    }

    /// <summary>The outcome of a frame with its strata, cluster, offset and ids attached.</summary>
    internal static SurvivalData OutcomeOf(ModelFrame frame, ModelData data, string? id)
    {
        var outcome = frame.Response!.WithStrata(frame.Strata).WithCluster(frame.Cluster).WithOffset(frame.Offset);
        if (id is null) return outcome;
        if (!data.TryGetColumn(id, out var ids))
            throw new FormulaException(frame.Formula.Text, null, $"{data.Source} has no id column '{id}'.");
        var labels = ids.AsTexts();
        var used = frame.RowsUsed.Select(i => labels[i] ?? throw new FormulaException(frame.Formula.Text, null,
            $"data row {i + 1}: the id column '{id}' is missing.")).ToArray(); // not for a frame built with the id: it drops such rows
        return outcome.WithIds(used);
    }
}
