using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Presentation.Study;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Cli.Tests.Docs;

/// <summary>docs/parametric.md shows the report's section for the shipped cohort; it must be what the code computes.</summary>
public class ParametricDocTests
{
    [Fact]
    public void The_shipped_cohort_example_in_the_docs_is_what_the_report_computes()
    {
        var cohort = CohortCsv.Load(RepositoryPaths.Under("data", "cohort"));
        var section = StudyParametricSection.Build(cohort);
        var doc = File.ReadAllText(RepositoryPaths.Under("docs", "parametric.md"));
        var lines = section.Markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCountGreaterThan(13, "a lead paragraph, the header, the rule and 12 models");
        foreach (var line in lines) doc.Should().Contain(line);

        // The cure fraction quoted is the Weibull mixture cure model's, fitted to OS in months.
        var comparison = StudyParametricSection.Compare(cohort);
        var cure = comparison.Rows.Single(r => r.Fit.Distribution == ParametricDistribution.Weibull && r.Fit.IsCure).Fit;
        cure.Converged.Should().BeTrue();
        section.Markdown.Should().Contain($"cure fraction of {100 * cure.CureFraction!.Estimate:0}%");
        comparison.Rows.Should().HaveCount(12);
        comparison.Rows.Select(r => r.AicRank).Should().Equal(Enumerable.Range(1, 12));
        comparison.Rows.Select(r => r.Fit.Aic).Should().BeInAscendingOrder();
    }
}
