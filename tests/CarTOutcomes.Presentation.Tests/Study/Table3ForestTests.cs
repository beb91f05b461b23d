using CarTOutcomes.Presentation.Tests;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Study;
using CarTOutcomes.Presentation.Study;

namespace CarTOutcomes.Presentation.Tests.Study;

public class Table3ForestTests
{
    [Fact]
    public void Forest_plot_shows_each_reproduced_table_3_hazard_ratio_in_its_panel()
    {
        var root = RepositoryPaths.Root;
        var results = TargetRegistry.Evaluate(CohortCsv.Load(Path.Combine(root, "data", "cohort")),
            PublishedTargetsCsv.Load(Path.Combine(root, "data", "published", "targets.csv")));
        int Computable(string prefix) => results.Count(r => r.Target.Id.StartsWith(prefix, StringComparison.Ordinal)
            && r.Target.Statistic == "hr" && r.Reproduced is double v && double.IsFinite(v));
        var svg = SvgAssert.Parse(StudyTargetsSection.Table3Forest(results).ToSvg());
        var panels = svg.WithClass("forest-panel").ToList();
        panels.Should().HaveCount(2);
        panels[0].WithClass("forest-row").Should().HaveCount(Computable("t3_uni_")).And.NotBeEmpty();
        panels[1].WithClass("forest-row").Should().HaveCount(Computable("t3_mv_")).And.NotBeEmpty();
    }

}
