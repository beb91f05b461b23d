using System.Globalization;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Presentation.Tests.Study;

/// <summary>The numbers quoted in docs/time-dependent.md are the ones the library computes.</summary>
public sealed class TimeDependentDocTests
{
    private static readonly string Doc = File.ReadAllText(RepositoryPaths.Under("docs", "time-dependent.md"));

    private static string F(double x, int d) => x.ToString("F" + d, CultureInfo.InvariantCulture);

    [Fact]
    public void The_hsct_table_of_the_doc_is_the_shipped_cohorts()
    {
        var m = StudyExposures.ConsolidativeHsct(CohortCsv.Load(RepositoryPaths.Under("data", "cohort")));
        Doc.Should().Contain($"| baseline yes/no indicator, as the study's Table 2 | {F(m.Baseline.HazardRatio, 2)} ({F(m.Baseline.Lower, 2)}–{F(m.Baseline.Upper, 2)}) | {F(m.Baseline.PValue, 3)} |");
        Doc.Should().Contain($"| time-dependent covariate from the day of transplant | {F(m.TimeDependent.HazardRatio, 2)} ({F(m.TimeDependent.Lower, 2)}–{F(m.TimeDependent.Upper, 2)}) | {F(m.TimeDependent.PValue, 2)} |");
    }

    [Fact]
    public void The_small_example_of_the_doc_gives_the_quoted_statistic()
    {
        var rows = SurvivalData.CountingProcess([2, 0, 0, 0, 0], [5, 6, 3, 2, 4], [true, true, true, false, true])
            .WithIds(["a", "d", "b", "a", "c"]);
        var test = MantelByar.Test(rows, ["1", "0", "0", "0", "1"]);
        Doc.Should().Contain($"chi-square = (1/9)/(13/18) = 2/13 = {F(test.ChiSquare, 4)}");
        var unexposed = ExtendedKaplanMeier.Fit(rows, ["1", "0", "0", "0", "1"]).Single(c => c.Group == "0");
        Doc.Should().Contain($"unexposed: times {string.Join(", ", unexposed.Time)} with {string.Join(", ", unexposed.NumberAtRisk)} at risk");
    }
}
