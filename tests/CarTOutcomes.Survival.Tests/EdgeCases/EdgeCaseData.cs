using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.EdgeCases;

/// <summary>The degenerate data sets of Reference/EdgeCases/edge_data.csv (written by edge_cases.R beside it).</summary>
internal static class EdgeCaseData
{
    public static readonly string[] Cases =
        ["all_censored", "single_event", "all_events_one_time", "one_row_event", "one_row_censored", "group_no_events",
         "group_never_at_risk", "times_1e9"];

    public static (SurvivalData Data, string[] Groups) Load(string id)
    {
        var t = ReferenceTable.Load("EdgeCases/edge_data.csv");
        var rows = t.Where("case", id).ToList();
        rows.Should().NotBeEmpty(id);
        var data = SurvivalData.RightCensored(rows.Select(r => t.Number(r, "time")).ToArray(),
            rows.Select(r => t.Number(r, "status") == 1).ToArray());
        return (data, rows.Select(r => t.Text(r, "group")).ToArray());
    }
}
