using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Survival.CompetingRisks;

public static partial class FineGray
{
    /// <summary>
    /// The Fine–Gray model from a formula: <c>Surv(time, status) ~ age + factor(x)</c> with the status a code, fitted as
    /// <c>cmprsk::crr(time, status, cov1 = model.matrix(~ age + factor(x))[, -1], failcode, cencode)</c> (R's
    /// coefficient names, treatment contrasts). Rows with a missing value in a variable the formula uses are dropped.
    /// </summary>
    /// <param name="formula">E.g. <c>Surv(time, status) ~ age + factor(stage)</c>.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">Cause of interest (R: <c>failcode</c>), iteration limits, confidence level.</param>
    /// <param name="censorCode">The status code of a censored row (R: <c>cencode</c>, default 0); it must occur.</param>
    public static FineGrayResult Fit(string formula, ModelData data, FineGrayOptions? options = null, int censorCode = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var f = Formulas.Formula.Parse(formula);
        if (f.StrataExprs.Count > 0 || f.ClusterExpr is not null || f.OffsetExprs.Count > 0)
            throw new FormulaException(formula, null, "crr takes no strata(), cluster() or offset() terms.");
        var frame = ModelFrame.Build(f, data, null, requireResponse: true, competing: true);
        if (frame.ColumnNames.Count == 0)
            throw new FormulaException(formula, null, "the Fine–Gray model needs at least one covariate on the right of '~'.");
        var cr = CompetingRisksFormula.Data(frame, censorCode);
        return Fit(cr, Covariates.Create(frame.ColumnNames, frame.Columns), options).WithModel(frame);
    }

    /// <summary>Fits the model from outcome data and covariate columns (the same order as every model: data, covariates, options).</summary>
    /// <param name="data">Right-censored competing-risks data.</param>
    /// <param name="covariates">Fixed covariate columns (R: <c>cov1</c>).</param>
    /// <param name="options">Cause of interest, iteration limits, confidence level; crr's defaults when null.</param>
    public static FineGrayResult Fit(CompetingRisksData data, Covariates covariates, FineGrayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        return Fit(data, covariates.Names, covariates.Columns, options);
    }
}
