using System.Globalization;
using CarTOutcomes.Presentation.Figures;

namespace CarTOutcomes.Presentation.Tests;

public class OtherFigureTests
{
    private static string Cif(IncidenceLayout layout) =>
        CumulativeIncidencePlot.Render(FigureData.Incidence(), new CumulativeIncidencePlotOptions { Layout = layout, YMax = 1, Breaks = [0, 3, 6, 9, 12] }, 0.042).ToSvg();

    private static string Forest() { var (u, m) = FigureData.Forest(); return ForestPlot.Render(u, m, new ForestPlotOptions { Title = "Hazard ratios" }).ToSvg(); }

    private static string Swimmer() => SwimmerPlot.Render(FigureData.Lanes(), new SwimmerPlotOptions { ClassOrder = ["CAR T"] }).ToSvg();

    private static string Paired() => PairedPlot.Render(FigureData.Pairs()).ToSvg();

    [Fact]
    public void Overlaid_incidence_has_a_curve_band_and_risk_row_per_cause()
    {
        var root = SvgAssert.Parse(Cif(IncidenceLayout.Overlaid));
        root.WithClass("curve").Should().HaveCount(2);
        root.WithClass("band").Should().HaveCount(2);
        root.WithClass("area").Should().BeEmpty();
        root.WithClass("censor").Should().HaveCount(4);
        var curves = FigureData.Incidence();
        foreach (var (row, curve) in root.WithClass("risk-row").Zip(curves))
            row.WithClass("risk-count").Select(c => c.Value).Should().Equal(new[] { 0.0, 3, 6, 9, 12 }.Select(t => curve.NumberAtRiskAt(t).ToString(CultureInfo.InvariantCulture)));
        root.WithClass("risk-row").First().WithClass("risk-count").Select(c => c.Value).Should().Equal("10", "9", "7", "6", "4");
        root.WithClass("pvalue").Single().Value.Should().Be("Gray's test P = .04");
    }

    [Fact]
    public void Stacked_incidence_fills_areas_whose_top_is_the_sum_of_the_causes()
    {
        var root = SvgAssert.Parse(Cif(IncidenceLayout.Stacked));
        root.WithClass("area").Should().HaveCount(2);
        root.WithClass("band").Should().BeEmpty("stacked sums have no pointwise limits");
        // The top curve ends at 0.4844 + 0.1; its last vertical move is to the pixel of that value.
        var top = (string)root.WithClass("curve").Last().Attribute("d")!;
        var yAxis = root.WithClass("y-axis").Single().WithClass("tick").ToArray();
        double y0 = double.Parse((string)yAxis.First().Attribute("y1")!, CultureInfo.InvariantCulture);
        double y1 = double.Parse((string)yAxis.Last().Attribute("y1")!, CultureInfo.InvariantCulture);
        double lastV = double.Parse(top[(top.LastIndexOf('V') + 1)..], CultureInfo.InvariantCulture);
        ((y0 - lastV) / (y0 - y1)).Should().BeApproximately(0.5844, 0.005);
    }

    [Fact]
    public void Incidence_input_is_validated_with_the_curve_named()
    {
        var bad = new IncidenceCurve("Relapse", [1, 2], [0.1]);
        var act = () => CumulativeIncidencePlot.Render([bad]);
        act.Should().Throw<ArgumentException>().WithMessage("*'Relapse'*2 times and 1 estimates*");
    }

    [Fact]
    public void Forest_plot_aligns_rows_by_label_across_two_panels()
    {
        var root = SvgAssert.Parse(Forest());
        root.WithClass("row-label").Select(e => e.Value).Should().Equal("Age >= 18 years", "High disease burden", "Prior transplant", "CD19-negative relapse");
        var panels = root.WithClass("forest-panel").ToArray();
        panels.Select(p => (string?)p.Attribute("data-title")).Should().Equal("Univariate", "Multivariable");
        panels[0].WithClass("estimate").Should().HaveCount(4);
        panels[1].WithClass("estimate").Should().HaveCount(2);
        panels.Should().AllSatisfy(p => p.WithClass("reference").Should().ContainSingle());
        panels[0].WithClass("p-text").Select(e => e.Value).Should().Equal(".32", ".007", ".59", "<.001");
        panels[1].WithClass("hr-text").Select(e => e.Value).Should().Equal("2.20 (1.05–4.61)", "3.10 (1.20–Inf)");
        // Log axis: the reference line sits at the tick labelled 1, and equal ratios are equal distances.
        var ticks = panels[0].WithClass("x-axis").Single().WithClass("tick-label").ToDictionary(e => e.Value, e => X(e, "x"));
        X(panels[0].WithClass("reference").Single(), "x1").Should().BeApproximately(ticks["1"], 0.01);
        (ticks["2"] - ticks["1"]).Should().BeApproximately(ticks["1"] - ticks["0.5"], 0.02);
    }

    [Fact]
    public void Swimmer_plot_has_a_lane_per_patient_and_a_marker_per_event()
    {
        var root = SvgAssert.Parse(Swimmer());
        var lanes = FigureData.Lanes();
        root.WithClass("lane").Select(l => (string?)l.Attribute("data-patient")).Should().Equal("P01", "P02", "P03");
        foreach (var (lane, data) in root.WithClass("lane").Zip(lanes))
        {
            lane.WithClass("segment").Should().HaveCount(data.Segments.Count);
            lane.WithClass("event").Select(e => (string?)e.Attribute("data-kind")).Should().BeEquivalentTo(data.Events.Select(e => e.Kind));
        }
        root.WithClass("ongoing").Should().HaveCount(2);
        root.WithClass("legend-entry").Select(e => (string?)e.Attribute("data-class") ?? (string?)e.Attribute("data-kind"))
            .Should().Equal("CAR T", "Chemotherapy", "Transplant", "Blinatumomab", "Response", "Progression", "Transplant", "Death", "ongoing");
        // One colour per class: both CAR T segments of P03 share the first colour.
        root.WithClass("segment").Where(s => (string?)s.Attribute("data-class") == "CAR T").Select(s => (string?)s.Attribute("fill"))
            .Distinct().Should().Equal(Palette.Color(0));
    }

    [Fact]
    public void Paired_plot_joins_complete_pairs_and_draws_medians()
    {
        var root = SvgAssert.Parse(Paired());
        root.WithClass("pair").Should().HaveCount(5);
        root.WithClass("pair-line").Should().HaveCount(4, "P05 has no second value");
        root.WithClass("point").Should().HaveCount(9);
        root.WithClass("median").Select(e => (string?)e.Attribute("data-value")).Should().Equal("45000", "11500");
        var act = () => PairedPlot.Render([new PairedObservation("P09", 0, 10)]);
        act.Should().Throw<ArgumentException>().WithMessage("*'P09'*positive*");
    }

    [Fact]
    public void Every_figure_is_deterministic_and_culture_independent()
    {
        foreach (var render in new Func<string>[] { () => Cif(IncidenceLayout.Overlaid), () => Cif(IncidenceLayout.Stacked), Forest, Swimmer, Paired })
        {
            string a = render();
            render().Should().Be(a);
            SvgAssert.UnderCommaCulture(render).Should().Be(a);
        }
    }

    [Theory]
    [InlineData("cumulative-incidence-overlaid.svg")]
    [InlineData("cumulative-incidence-stacked.svg")]
    [InlineData("forest.svg")]
    [InlineData("swimmer.svg")]
    [InlineData("paired.svg")]
    public void Matches_the_golden_file(string name)
    {
        string svg = name switch
        {
            "cumulative-incidence-overlaid.svg" => Cif(IncidenceLayout.Overlaid),
            "cumulative-incidence-stacked.svg" => Cif(IncidenceLayout.Stacked),
            "forest.svg" => Forest(),
            "swimmer.svg" => Swimmer(),
            _ => Paired(),
        };
        Golden.Check(name, svg);
    }

    private static double X(System.Xml.Linq.XElement e, string attr) => double.Parse((string)e.Attribute(attr)!, CultureInfo.InvariantCulture);
}
