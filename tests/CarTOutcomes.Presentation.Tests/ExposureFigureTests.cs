using System.Globalization;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Study;
using CarTOutcomes.Survival.MultiState;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>The figures of issue #16: state occupation, Simon–Makuch, landmarks; and the report sections.</summary>
public sealed class ExposureFigureTests
{
    private static MultiStateData Small() => MultiStateData.Create(
        ["1", "2", "3", "4", "5", "6", "7", "8"], [0, 0, 0, 1, 0, 0, 0, 0], [5, 6, 7, 8, 3, 9, 4, 10],
        ["b", "a", null, "b", "a", "", "a", "b"], ["x", "x", "y", "x", "y", "y", "x", "x"]);

    [Fact]
    public void State_occupation_stacks_areas_to_one_and_counts_subjects_in_each_state()
    {
        var data = Small();
        var curve = MultiStateAalenJohansen.Fit(data).Curves.Single();
        var svg = StateOccupationPlot.Render(curve, new StateOccupationPlotOptions
        {
            Breaks = [0, 4, 8], CountInState = t => data.CountInState(t), XLabel = "Time",
        }).ToSvg();
        var root = SvgAssert.Parse(svg);
        root.WithClass("area").Should().HaveCount(4);
        // default stack: states without initial probability (a, b) at the bottom, x and y on top
        root.WithClass("legend-entry").Select(e => (string)e.Attribute("data-group")!).Should().Equal("a", "b", "x", "y");
        // the top edge is 1 everywhere: a horizontal path at the pixel of 1
        var top = (string)root.WithClass("curve").Last().Attribute("d")!;
        top.Should().NotContain("V", "the sum of all states never moves off 1");
        var rows = root.WithClass("risk-row").ToDictionary(r => (string)r.Attribute("data-group")!, r => r.WithClass("risk-count").Select(c => c.Value).ToArray());
        // at 4 (after transitions at 4): a = subjects 5 and 7; x = 1, 2, 4, 8; y = 3, 6.
        // at 8: a = 2, 5, 7; b = 1, 4; x = 8; y = 6 (3 was censored at 7: unknown)
        rows["a"].Should().Equal("0", "2", "3");
        rows["x"].Should().Equal("4", "4", "1"); // subject 4 enters at 1
        rows["y"].Should().Equal("3", "2", "1");
        rows["b"].Should().Equal("0", "0", "2");
        root.WithClass("risk-title").Single().Value.Should().Be("Number in state");
    }

    [Fact]
    public void The_report_of_the_shipped_cohort_has_current_lfs_simon_makuch_and_the_hsct_model_both_ways()
    {
        var cohort = CohortCsv.Load(Path.Combine(RepositoryPaths.Root, "data", "cohort"));
        var report = StudyReport.Figures(cohort, "t", "SYNTHETIC");
        var titles = report.Sections.Select(s => s.Title).ToArray();
        titles.Should().Contain(t => t.Contains("current LFS")).And.Contain(t => t.Contains("Simon-Makuch")).And.Contain(t => t.Contains("HSCT both ways"));
        var both = report.Sections.Single(s => s.Title.Contains("HSCT both ways"));
        both.Markdown.Should().Contain("0.42 (0.18-1.02)").And.Contain("1.20 (0.47-3.08)");
        var sm = SvgAssert.Parse(report.Sections.Single(s => s.Title.Contains("Simon-Makuch")).Figures[0].ToSvg());
        sm.WithClass("pvalue").Single().Value.Should().StartWith("Mantel-Byar P");
        var after = sm.WithClass("risk-row").Single(r => (string)r.Attribute("data-group")! == "After CR to salvage");
        after.WithClass("risk-count").First().Value.Should().Be("0", "nobody is in CR to salvage at progression: patients enter the curve later");
        after.WithClass("risk-count").Select(c => double.Parse(c.Value, CultureInfo.InvariantCulture)).Max().Should().BeGreaterThan(0);
        var states = SvgAssert.Parse(report.Sections.Single(s => s.Title.Contains("current LFS")).Figures[0].ToSvg());
        states.WithClass("risk-row").Single(r => (string)r.Attribute("data-group")! == "Infused, not in CR")
            .WithClass("risk-count").First().Value.Should().Be(cohort.Histories.Count.ToString(CultureInfo.InvariantCulture));
        _ = PatientCourse.Infused;
    }
}
