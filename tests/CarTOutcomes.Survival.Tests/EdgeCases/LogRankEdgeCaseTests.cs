using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.EdgeCases;

/// <summary>
/// The log-rank test on degenerate data behaves as R survival 3.5 <c>survdiff</c> (Reference/EdgeCases/edge_logrank.csv):
/// the same statistic, degrees of freedom and p-value, or an error where R stops with one; see docs/edge-cases.md.
/// </summary>
public class LogRankEdgeCaseTests
{
    private const double Tol = 1e-6;

    public static TheoryData<string> Cases() => new(EdgeCaseData.Cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_agrees_with_survdiff_or_fails_where_it_fails(string id)
    {
        var (data, groups) = EdgeCaseData.Load(id);
        var reference = ReferenceTable.Load("EdgeCases/edge_logrank.csv");
        var rows = reference.Where("case", id).ToList();
        string error = reference.Text(rows[0], "error");
        if (error.Length > 0)
        {
            var act = () => LogRank.Test(data, groups);
            var expected = error.Contains("only 1 group") ? "*only 1 group*" : "*singular*";
            act.Should().Throw<ArgumentException>().WithMessage(expected);
            return;
        }
        var r = LogRank.Test(data, groups);
        Approx.Equal(reference.Number(rows[0], "chisq"), r.ChiSquare, Tol, $"{id} chisq");
        int df = (int)reference.Number(rows[0], "df");
        r.DegreesOfFreedom.Should().Be(Math.Max(df, 0), "R's −1 (no expected events anywhere) is reported as 0");
        Approx.Equal(reference.Number(rows[0], "p"), r.PValue, Tol, $"{id} p");
        r.Groups.Select(g => g.Group).Should().Equal(rows.Select(x => reference.Text(x, "group")));
        for (int i = 0; i < rows.Count; i++)
        {
            Approx.Equal(reference.Number(rows[i], "observed"), r.Groups[i].Observed, Tol, $"{id} observed[{i}]");
            Approx.Equal(reference.Number(rows[i], "expected"), r.Groups[i].Expected, Tol, $"{id} expected[{i}]");
        }
    }
}
