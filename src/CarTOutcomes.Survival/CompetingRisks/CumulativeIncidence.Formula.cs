using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Survival.CompetingRisks;

public static partial class CumulativeIncidence
{
    /// <summary>
    /// Cumulative incidence curves of every cause from a formula, as <c>cmprsk::cuminc(ftime, fstatus, group, strata)</c>:
    /// <c>Surv(time, status) ~ group + strata(s)</c> with the status a code (<paramref name="censorCode"/> for censored,
    /// any other value a cause). Groups are named as R's survfit names them (<c>group=A</c>); <c>~ 1</c> is one group,
    /// <c>all</c>; <c>strata()</c> stratifies Gray's test.
    /// </summary>
    /// <param name="formula">E.g. <c>Surv(time, status) ~ arm</c>.</param>
    /// <param name="data">The data; rows with a missing value in a variable the formula uses are dropped.</param>
    /// <param name="options">Confidence limits and the test's rho.</param>
    /// <param name="censorCode">The status code of a censored row (R: <c>cencode</c>, default 0); it must occur.</param>
    public static CumulativeIncidenceResult Fit(string formula, ModelData data, CumulativeIncidenceOptions? options = null,
        int censorCode = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var f = Formulas.Formula.Parse(formula);
        var frame = ModelFrame.Build(f, data, null, requireResponse: true, competing: true, groups: true, strataAreGroups: false);
        var cr = CompetingRisksFormula.Data(frame, censorCode);
        return Fit(cr, frame.Groups!, frame.Strata, options, frame.GroupLevels).WithModel(frame);
    }
}

/// <summary>Competing-risks outcomes from a frame whose status is a code.</summary>
internal static class CompetingRisksFormula
{
    public static CompetingRisksData Data(ModelFrame frame, int censorCode)
    {
        var raw = frame.RawStatus!;
        var codes = new int[raw.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            double x = raw[i];
            if (x != Math.Floor(x) || Math.Abs(x) > int.MaxValue)
                throw new FormulaException(frame.Formula.Text, null, $"data row {frame.RowsUsed[i] + 1}: status {x} is not a whole-number code.");
            codes[i] = (int)x;
        }
        if (!codes.Contains(censorCode) && codes.Length > 0)
        {
            // A censor code that never occurs would turn the real censored rows into a cause.
            var present = string.Join(", ", codes.Distinct().Order());
            throw new FormulaException(frame.Formula.Text, null, $"the censoring code {censorCode} does not occur in the status; the codes present are {present}.");
        }
        var time = frame.Response!.Time.ToArray();
        var entry = frame.Response.IsCountingProcess ? frame.Response.Start.ToArray() : null;
        return CompetingRisksData.Create(time, codes, censorCode, entry: entry);
    }
}
