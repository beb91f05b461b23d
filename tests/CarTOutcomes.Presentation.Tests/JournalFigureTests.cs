using System.Globalization;
using System.Xml.Linq;
using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Study;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>The figures meet a journal's checklist (issue #14): axes, units, legends, margins, scaling, symbols.</summary>
public class JournalFigureTests
{
    private static readonly Cohort Example = CohortCsv.Load(RepositoryPaths.Under("data", "example"));

    private static double[] XTicks(XElement root) => root.WithClass("x-axis").First().WithClass("tick-label")
        .Select(e => double.Parse(e.Value, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void The_time_axis_ends_at_the_last_follow_up_rounded_up_to_the_next_break()
    {
        var os = ClinicalEndpoints.OverallSurvival(Example).ToSurvivalData(TimeUnit.Months);
        double last = os.Time.ToArray().Max();
        var root = SvgAssert.Parse(StudyFigures.OverallSurvival(Example).ToSvg());
        var ticks = XTicks(root);
        ticks[^1].Should().Be(Math.Ceiling(last / 12) * 12, "the study's breaks are every 12 months and the axis stops at the first one past the data");
        (ticks[^1] - last).Should().BeLessThan(12);
    }

    [Theory]
    [InlineData(74, 84)]     // a 12-month step, not 24 (which would end at 96)
    [InlineData(161, 168)]   // aml's weeks: 24-week steps
    [InlineData(11, 12)]
    [InlineData(10, 10)]     // data ending on a break end there
    public void Tight_scales_end_at_the_first_break_past_the_data(double max, double end)
    {
        var s = LinearScale.Tight(0, max, 0, 100, LinearScale.MonthSteps);
        s.DomainMax.Should().Be(end);
        s.Breaks[^1].Should().Be(end);
        s.Breaks.Count.Should().BeInRange(5, 9);
    }

    [Fact]
    public void The_time_unit_comes_from_the_options_and_is_never_assumed()
    {
        var fit = KaplanMeier.Fit(SurvivalData.RightCensored([306, 455, 1010, 210, 883], [true, true, false, true, true]));
        SvgAssert.Parse(fit.ToSvg().ToSvg()).WithClass("x-axis").Single().WithClass("axis-title").Single().Value.Should().Be("Time");
        SvgAssert.Parse(fit.ToSvg(new KaplanMeierPlotOptions { TimeUnit = "days" }).ToSvg()).WithClass("x-axis").Single().WithClass("axis-title").Single().Value.Should().Be("Time (days)");
    }

    [Fact]
    public void Y_ticks_print_with_the_same_decimals()
    {
        var root = SvgAssert.Parse(StudyFigures.EventFreeSurvival(Example).ToSvg());
        root.WithClass("y-axis").Single().WithClass("tick-label").Select(e => e.Value).Should().Equal("0.00", "0.25", "0.50", "0.75", "1.00");
        Axis.DecimalsOf([0, 0.25, 0.5]).Should().Be(2);
        Axis.DecimalsOf([0, 12, 24]).Should().Be(0);
        Axis.DecimalsOf([0, 0.1, 0.2]).Should().Be(1);
    }

    [Fact]
    public void Figure_1C_draws_the_competing_event_with_cause_names_bands_and_one_at_risk_row()
    {
        var root = SvgAssert.Parse(StudyFigures.RelapsedRefractoryIncidence(Example).ToSvg());
        root.WithClass("legend-entry").Select(e => (string?)e.Attribute("data-group"))
            .Should().Equal("Relapsed/refractory disease", "Death without R/R disease");
        root.WithClass("curve").Should().HaveCount(2);
        root.WithClass("band").Should().HaveCount(2);
        var row = root.WithClass("risk-row").Should().ContainSingle("competing causes of one group share one risk set").Subject;
        row.WithClass("risk-count").First().Value.Should().Be(Example.Histories.Count.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_library_names_causes_and_counts_at_risk_when_given_the_data()
    {
        double[] time = [1, 2, 3, 4, 5, 6, 7, 8];
        int[] status = [1, 2, 0, 1, 1, 2, 0, 1];
        var data = CompetingRisksData.Create(time, status);
        var fit = CumulativeIncidence.Fit(data);
        var root = SvgAssert.Parse(fit.ToSvg(new CumulativeIncidencePlotOptions { Breaks = [0, 2, 4, 6, 8] },
            new Dictionary<int, string> { [1] = "Relapse", [2] = "Death" }, data).ToSvg());
        root.WithClass("legend-entry").Select(e => (string?)e.Attribute("data-group")).Should().Equal("Relapse", "Death");
        // At risk just before t: subjects with time >= t: 8 at 0, 7 at 2, 5 at 4, 3 at 6, 1 at 8.
        root.WithClass("risk-row").Single().WithClass("risk-count").Select(e => e.Value).Should().Equal("8", "7", "5", "3", "1");
        SvgAssert.Parse(fit.ToSvg().ToSvg()).WithClass("legend-entry").Select(e => (string?)e.Attribute("data-group"))
            .Should().Equal("Cause 1", "Cause 2");
    }

    [Fact]
    public void Stacked_panels_of_Figure_1_share_one_left_margin()
    {
        var panels = new[] { StudyFigures.EventFreeSurvival(Example), StudyFigures.OverallSurvival(Example), StudyFigures.RelapsedRefractoryIncidence(Example) };
        var axisX = panels.Select(p => (string?)SvgAssert.Parse(p.ToSvg()).WithClass("y-axis").Single().Elements().First().Attribute("x1")).ToArray();
        axisX.Distinct().Should().ContainSingle();
    }

    [Fact]
    public void Every_figure_scales_to_its_container()
    {
        foreach (var svg in StudyReport.Figures(Example, "t", "n").Sections.SelectMany(s => s.Figures))
        {
            var root = SvgAssert.Parse(svg.ToSvg());
            ((string?)root.Attribute("viewBox")).Should().Be($"0 0 {SvgWriter.Num(svg.Width)} {SvgWriter.Num(svg.Height)}");
            ((string?)root.Attribute("style")).Should().Contain("max-width:100%").And.Contain("height:auto");
        }
    }

    [Fact]
    public void The_forest_plot_of_a_typical_Table_3_fits_an_1100_pixel_page()
    {
        var rows = Enumerable.Range(0, 12).Select(i => new ForestRow($"Blinatumomab or inotuzumab as salvage therapy {i:00} (yes vs no)", 1.4, 0.6, 3.3, 0.43)).ToArray();
        var svg = ForestPlot.Render(new ForestPanel("Univariate", rows), new ForestPanel("Multivariable", rows.Take(3).ToArray()));
        svg.Width.Should().BeLessThan(1100);
    }

    [Fact]
    public void The_paired_plot_leaves_room_for_its_axis_title()
    {
        var root = SvgAssert.Parse(PairedPlot.Render([new("P1", 2_320_302, 746), new("P2", 48_451, 18_900)]).ToSvg());
        var title = root.WithClass("y-axis").Single().WithClass("axis-title").Single();
        // Rotated text extends about 10 px left of its anchor at 12 px font size.
        double.Parse((string)title.Attribute("x")!, CultureInfo.InvariantCulture).Should().BeGreaterThan(12);
    }

    [Fact]
    public void The_swimmer_plot_is_in_months_with_clinical_names_and_every_symbol_in_the_legend()
    {
        var root = SvgAssert.Parse(StudyFigures.TreatmentCourse(Example).ToSvg());
        root.WithClass("x-axis").Single().WithClass("axis-title").Single().Value.Should().Be("Months since first CAR T-cell infusion");
        var legend = root.WithClass("legend-label").Select(e => e.Value).ToArray();
        legend.Should().NotContain(l => l.Contains("CarT") || l == "Intensive" || l == "Nonintensive", "enum names are not legend text");
        var kinds = root.WithClass("event").Select(e => (string?)e.Attribute("data-kind")).Distinct();
        root.WithClass("legend-entry").Select(e => (string?)e.Attribute("data-kind")).Should().Contain(kinds);
        if (root.WithClass("ongoing").Any()) legend.Should().Contain("Alive at last follow-up", "the ▶ arrow is explained");
        // Months: no lane runs past the cohort's longest follow-up in months.
        double maxMonths = Example.Histories.Max(h => h.EndDay) / (365.25 / 12);
        XTicks(root)[^1].Should().BeLessThan(maxMonths + 25);
    }

    [Fact]
    public void Styles_change_the_figure_text_not_the_geometry()
    {
        var curves = FigureData.AmlCurves();
        var blood = KaplanMeierPlot.Render(curves, new KaplanMeierPlotOptions(), FigureData.AmlLogRank()).ToSvg();
        var lancet = KaplanMeierPlot.Render(curves, new KaplanMeierPlotOptions { Style = NumberStyle.Lancet }, FigureData.AmlLogRank()).ToSvg();
        SvgAssert.Parse(blood).WithClass("pvalue").Single().Value.Should().Be("Log-rank P = .07");
        SvgAssert.Parse(lancet).WithClass("pvalue").Single().Value.Should().Be("Log-rank p = 0·07");
        SvgAssert.Parse(lancet).WithClass("curve").Select(c => (string?)c.Attribute("d"))
            .Should().Equal(SvgAssert.Parse(blood).WithClass("curve").Select(c => (string?)c.Attribute("d")));
    }

    [Fact]
    public void A_study_figure_takes_the_reports_number_style()
    {
        var svg = SvgAssert.Parse(StudyFigures.OverallSurvival(Example, NumberStyle.Lancet).ToSvg());
        svg.WithClass("y-axis").Single().WithClass("tick-label").Select(e => e.Value).Should().Contain("0·25");
        SvgAssert.Parse(StudyFigures.OverallSurvival(Example).ToSvg()).WithClass("y-axis").Single().WithClass("tick-label").Select(e => e.Value).Should().Contain("0.25");
    }
}
