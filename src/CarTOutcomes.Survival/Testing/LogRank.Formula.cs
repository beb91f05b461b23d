using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Survival.Testing;

public static partial class LogRank
{
    /// <summary>
    /// The G-rho log-rank test from a formula (R: <c>survdiff(Surv(time, status) ~ rx + strata(sex), data, rho)</c>):
    /// groups are the combinations of the right side's variables, named as R names them (<c>rx=Obs</c>); <c>strata()</c>
    /// terms stratify the test.
    /// </summary>
    /// <param name="formula">E.g. <c>Surv(time, status) ~ rx + strata(sex)</c>.</param>
    /// <param name="data">The data; rows with a missing value in a variable the formula uses are dropped.</param>
    /// <param name="rho">The G-rho exponent (R: <c>rho</c>, default 0, the log-rank test).</param>
    /// <exception cref="FormulaException">The formula cannot be parsed or evaluated on the data.</exception>
    public static LogRankResult Test(string formula, ModelData data, double rho = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var f = Formulas.Formula.Parse(formula);
        if (f.Terms.Count == 0)
            throw new FormulaException(formula, null, "the log-rank test needs a grouping variable on the right of '~'.");
        var frame = ModelFrame.BuildGroups(f, data, strataAreGroups: false);
        return Test(frame.Response!, frame.Groups!, frame.Strata, rho, frame.GroupLevels);
    }
}
