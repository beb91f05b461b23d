using System.Globalization;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Tests;

public class KaplanMeierPlotTests
{
    private static readonly string Svg = KaplanMeierPlot.Render(FigureData.AmlCurves(), FigureData.AmlOptions, FigureData.AmlLogRank()).ToSvg();

    [Fact]
    public void There_is_one_curve_and_one_legend_entry_per_group_in_order()
    {
        var root = SvgAssert.Parse(Svg);
        root.WithClass("curve").Should().HaveCount(2);
        root.WithClass("series").Select(e => (string?)e.Attribute("data-group")).Should().Equal("Maintained", "Nonmaintained");
        root.WithClass("legend-entry").Select(e => e.Value.Trim()).Should().Equal("Maintained", "Nonmaintained");
        root.WithClass("band").Should().HaveCount(2);
        root.WithClass("median-line").Should().HaveCount(2, "both medians are finite in aml (31 and 23 weeks)");
    }

    [Fact]
    public void Each_censored_time_gets_one_tick_at_its_time()
    {
        var curves = FigureData.AmlCurves();
        var root = SvgAssert.Parse(Svg);
        foreach (var (series, curve) in root.WithClass("series").Zip(curves))
        {
            var expected = Enumerable.Range(0, curve.Time.Count).Where(i => curve.NumberCensored[i] > 0).Select(i => curve.Time[i]);
            series.WithClass("censor").Select(e => double.Parse((string)e.Attribute("data-time")!, CultureInfo.InvariantCulture))
                .Should().Equal(expected);
        }
        root.WithClass("censor").Should().HaveCount(5, "aml has censored times 13, 28, 45, 161 (maintained) and 16 (nonmaintained)");
    }

    [Fact]
    public void The_risk_table_has_a_row_per_group_with_the_numbers_at_risk_at_the_axis_breaks()
    {
        var curves = FigureData.AmlCurves();
        var root = SvgAssert.Parse(Svg);
        var breaks = root.WithClass("x-axis").Single().WithClass("tick-label").Select(e => double.Parse(e.Value, CultureInfo.InvariantCulture)).ToArray();
        // The last follow-up (161 weeks) rounded up to the break: a 24-week step ends at 168 (a 36-week one would run on to 180).
        breaks.Should().Equal(0, 24, 48, 72, 96, 120, 144, 168);
        var rows = root.WithClass("risk-row").ToArray();
        rows.Select(r => (string?)r.Attribute("data-group")).Should().Equal("Maintained", "Nonmaintained");
        foreach (var (row, curve) in rows.Zip(curves))
        {
            var cells = row.WithClass("risk-count").ToArray();
            cells.Select(c => double.Parse((string)c.Attribute("data-time")!, CultureInfo.InvariantCulture)).Should().Equal(breaks);
            cells.Select(c => c.Value).Should().Equal(breaks.Select(b => Number.Significant(curve.NumberAtRiskAt(b), 6)));
        }
        // By hand from the data: 11 maintained at 0, 6 still at risk at 24 weeks (28+, 31, 34, 45+, 48, 161+), 2 at 48
        // (48, 161+), then 1 until 161; 12 nonmaintained at 0, 5 at 24 (27, 30, 33, 43, 45), none from 48.
        rows[0].WithClass("risk-count").Select(c => c.Value).Should().Equal("11", "6", "2", "1", "1", "1", "1", "0");
        rows[1].WithClass("risk-count").Select(c => c.Value).Should().Equal("12", "5", "0", "0", "0", "0", "0", "0");
    }

    [Fact]
    public void Risk_counts_sit_under_the_tick_they_belong_to()
    {
        var root = SvgAssert.Parse(Svg);
        var tickX = root.WithClass("x-axis").Single().WithClass("tick-label").Select(e => (string?)e.Attribute("x")).ToArray();
        foreach (var row in root.WithClass("risk-row"))
            row.WithClass("risk-count").Select(e => (string?)e.Attribute("x")).Should().Equal(tickX);
    }

    [Fact]
    public void The_log_rank_p_value_is_printed_and_options_turn_parts_off()
    {
        var test = FigureData.AmlLogRank();
        SvgAssert.Parse(Svg).WithClass("pvalue").Single().Value.Should().Be($"Log-rank P = {Number.PValue(test.PValue)}");
        var bare = SvgAssert.Parse(KaplanMeierPlot.Render(FigureData.AmlCurves(), new KaplanMeierPlotOptions
        {
            ShowBands = false, ShowCensor = false, ShowRiskTable = false, Breaks = [0, 12, 24, 48],
        }).ToSvg());
        bare.WithClass("band").Should().BeEmpty();
        bare.WithClass("censor").Should().BeEmpty();
        bare.WithClass("risk-table").Should().BeEmpty();
        bare.WithClass("pvalue").Should().BeEmpty();
        bare.WithClass("median-line").Should().BeEmpty();
        bare.WithClass("x-axis").Single().WithClass("tick-label").Select(e => e.Value).Should().Equal("0", "12", "24", "48");
    }

    [Fact]
    public void Output_is_deterministic_and_independent_of_the_current_culture()
    {
        string again = KaplanMeierPlot.Render(FigureData.AmlCurves(), FigureData.AmlOptions, FigureData.AmlLogRank()).ToSvg();
        again.Should().Be(Svg);
        string comma = SvgAssert.UnderCommaCulture(() =>
            KaplanMeierPlot.Render(FigureData.AmlCurves(), FigureData.AmlOptions, FigureData.AmlLogRank()).ToSvg());
        comma.Should().Be(Svg);
    }

    [Fact]
    public void Matches_the_golden_file() => Golden.Check("kaplan-meier.svg", Svg);
}
