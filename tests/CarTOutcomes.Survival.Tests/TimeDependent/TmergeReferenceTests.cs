using System.Globalization;
using CarTOutcomes.Survival.Tests.Support;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.Tests.TimeDependent;

/// <summary>TmergeBuilder and SurvSplit against R's tmerge and survSplit (Reference/TimeDependent/tmerge_reference.R).</summary>
public class TmergeReferenceTests
{
    private static readonly string[] Columns = ["x", "y", "n", "r", "k"];

    internal static TimeDependentData BuildFromReferenceInputs()
    {
        var subj = ReferenceTable.Load("TimeDependent/tmerge_subjects.csv");
        var ch = ReferenceTable.Load("TimeDependent/tmerge_changes.csv");
        var occ = ReferenceTable.Load("TimeDependent/tmerge_occurrences.csv");
        var subjects = subj.Rows.Select(r => new SubjectFollowUp(subj.Text(r, "id"), subj.Number(r, "entry"),
            subj.Number(r, "exit"), subj.Number(r, "status") == 1));
        TimedValue[] Changes(string cov) => ch.Where("covariate", cov)
            .Select(r => new TimedValue(ch.Text(r, "id"), ch.Number(r, "time"), ch.Number(r, "value"))).ToArray();
        var events = occ.Rows.Select(r => new TimedEvent(occ.Text(r, "id"), occ.Number(r, "time"))).ToArray();
        return new TmergeBuilder(subjects)
            .Tdc("x", Changes("x"))
            .Tdc("y", Changes("y"))
            .CumTdc("n", events)
            .Event("r", events)
            .CumEvent("k", events)
            .Build();
    }

    [Fact]
    public void Tmerge_matches_R_row_for_row()
    {
        var actual = BuildFromReferenceInputs();
        AssertSame(ReferenceTable.Load("TimeDependent/tmerge_output.csv"), actual, Columns);
    }

    [Fact]
    public void SurvSplit_matches_R_row_for_row()
    {
        var cutTable = ReferenceTable.Load("TimeDependent/survsplit_cuts.csv");
        var cuts = cutTable.Rows.Select(r => cutTable.Number(r, "cut"));
        var actual = SurvSplit.Split(BuildFromReferenceInputs(), cuts, "ep");
        AssertSame(ReferenceTable.Load("TimeDependent/survsplit_output.csv"), actual, [.. Columns, "ep"]);
    }

    private static void AssertSame(ReferenceTable expected, TimeDependentData actual, string[] columns)
    {
        actual.Count.Should().Be(expected.Rows.Count);
        actual.CovariateNames.Should().Equal(columns);
        for (int i = 0; i < actual.Count; i++)
        {
            var row = expected.Rows[i];
            string where = $"row {i + 1} ({actual.SubjectIds[i]})";
            actual.SubjectIds[i].Should().Be(expected.Text(row, "id"), where);
            actual.Start[i].Should().Be(expected.Number(row, "tstart"), where);
            actual.Stop[i].Should().Be(expected.Number(row, "tstop"), where);
            actual.Event[i].Should().Be(expected.Number(row, "death") == 1, where);
            foreach (var c in columns)
                actual.Covariate(c)[i].Should().Be(expected.Number(row, c), $"{where}, {c}");
        }
    }
}
