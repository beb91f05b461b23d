using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Survival.Estimators;

public static partial class KaplanMeier
{
    /// <summary>
    /// Kaplan–Meier curves from a formula (R: <c>survfit(Surv(time, status) ~ sex + ph.ecog, data)</c>): one curve per
    /// combination of the right side's variables, named as R's <c>names(fit$strata)</c> (<c>sex=1, ph.ecog=0</c>),
    /// in R's order; <c>~ 1</c> is one curve named <c>all</c>. <c>Surv(start, stop, status)</c> gives curves with
    /// delayed entry.
    /// </summary>
    /// <param name="formula">E.g. <c>Surv(time, status) ~ sex</c>.</param>
    /// <param name="data">The data; rows with a missing value in a variable the formula uses are dropped (R: <c>na.omit</c>).</param>
    /// <param name="options">Variance and confidence limits; R's defaults when null.</param>
    /// <param name="weights">Optional name of a column of case weights.</param>
    /// <exception cref="FormulaException">The formula cannot be parsed or evaluated on the data.</exception>
    public static IReadOnlyList<KaplanMeierResult> Fit(string formula, ModelData data, KaplanMeierOptions? options = null,
        string? weights = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var frame = ModelFrame.BuildGroups(Formulas.Formula.Parse(formula), data, weights);
        return Fit(frame.Response!, frame.Groups!, options, frame.GroupLevels);
    }
}
