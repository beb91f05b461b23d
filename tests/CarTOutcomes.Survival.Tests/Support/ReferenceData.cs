using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Support;

/// <summary>Builds engine inputs from the data sets that the R scripts wrote beside their outputs.</summary>
public static class ReferenceData
{
    /// <summary>
    /// Survival data from <c>Reference/{folder}/data/{dataset}.csv</c>. <paramref name="eventExpr"/> is the R
    /// expression of the event (<c>status</c> or <c>status == 2</c>). Rows with NA in a used column are dropped, as R does.
    /// </summary>
    public static (SurvivalData Data, string[]? Groups, string[]? Strata) Load(string folder, string dataset, string time,
        string eventExpr, string? entry = null, string? weights = null, string? group = null, string? strata = null)
    {
        var t = ReferenceTable.Load($"{folder}/data/{dataset}.csv");
        string eventCol = eventExpr.Split("==")[0].Trim();
        double eventValue = eventExpr.Contains("==") ? double.Parse(eventExpr.Split("==")[1].Trim(), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var used = new[] { time, eventCol, entry, weights, group, strata }.Where(c => c is not null).Cast<string>().ToArray();
        var rows = t.Rows.Where(r => used.All(c => t.Text(r, c) != "NA")).ToList();
        var times = rows.Select(r => t.Number(r, time)).ToArray();
        var events = rows.Select(r => t.Number(r, eventCol) == eventValue).ToArray();
        var w = weights is null ? null : rows.Select(r => t.Number(r, weights)).ToArray();
        var data = entry is null
            ? SurvivalData.RightCensored(times, events, w)
            : SurvivalData.CountingProcess(rows.Select(r => t.Number(r, entry)).ToArray(), times, events, w);
        return (data, group is null ? null : rows.Select(r => t.Text(r, group)).ToArray(),
            strata is null ? null : rows.Select(r => t.Text(r, strata)).ToArray());
    }

    /// <summary>An empty cell of a cases file is null.</summary>
    public static string? OrNull(string s) => s.Length == 0 || s == "NA" ? null : s;
}
