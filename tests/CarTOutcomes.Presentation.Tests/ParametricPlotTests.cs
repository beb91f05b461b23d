using System.Globalization;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>The parametric extrapolation figure: Kaplan–Meier with its at-risk table, fitted curves solid then dashed.</summary>
public class ParametricPlotTests
{
    private static readonly SurvivalData Data = SurvivalData.RightCensored(
        [2, 3, 3, 5, 6, 8, 9, 11, 12, 14, 15, 18, 20, 24, 30, 30, 30, 30],
        [true, true, false, true, true, true, false, true, true, false, true, true, false, true, false, false, false, false]);

    private static (string Svg, ParametricResult Weibull, ParametricResult Cure, KaplanMeierResult Km) Render()
    {
        var km = KaplanMeier.Fit(Data);
        var weibull = ParametricModel.Fit(Data, new ParametricOptions(ParametricDistribution.Weibull));
        var cure = ParametricModel.Fit(Data, new ParametricOptions(ParametricDistribution.Weibull) { Cure = true });
        var svg = ParametricPlot.Render(km, [new("Weibull", weibull), new("Weibull + cure", cure)],
            new ParametricPlotOptions { Horizon = 60, Breaks = [0, 12, 24, 36, 48, 60] }).ToSvg();
        return (svg, weibull, cure, km);
    }

    [Fact]
    public void Draws_the_km_curve_with_its_risk_table_and_each_fit_to_the_horizon()
    {
        var (svg, weibull, cure, km) = Render();
        var root = SvgAssert.Parse(svg);
        root.WithClass("km").Should().ContainSingle();
        root.WithClass("fitted").Should().HaveCount(2);
        root.WithClass("fitted-observed").Should().HaveCount(2);
        root.WithClass("fitted-extrapolated").Should().HaveCount(2);
        root.WithClass("follow-up-end").Should().ContainSingle();
        root.WithClass("censor").Should().HaveCount(5, "censoring times 3, 9, 14, 20, 30");
        root.WithClass("risk-count").Select(c => c.Value).Should().Equal(new[] { 0.0, 12, 24, 36, 48, 60 }.Select(t => km.NumberAtRiskAt(t).ToString(CultureInfo.InvariantCulture)));
        root.WithClass("legend-label").Select(e => e.Value).Should().Equal("Kaplan-Meier", "Weibull", $"Weibull + cure (cure {Math.Round(100 * cure.CureFraction!.Estimate):0}%)");

        // The last point of each dashed path is S(60) on the panel's scale: top 38 (no title, one legend row of three),
        // bottom 540 − 100 (axis and one risk row), so y = 440 − 402·S.
        foreach (var (fit, path) in new[] { weibull, cure }.Zip(root.WithClass("fitted-extrapolated")))
        {
            var last = ((string)path.Attribute("d")!).Split('L')[^1].Split(' ');
            double.Parse(last[0], CultureInfo.InvariantCulture).Should().BeApproximately(736, 0.01);
            double s60 = fit.Survival([60])[0].Estimate;
            double.Parse(last[1], CultureInfo.InvariantCulture).Should().BeApproximately(440 - 402 * s60, 0.006);
        }
        // the extrapolation starts where the observed part ends: at the last follow-up time, 30
        var firstDashed = ((string)root.WithClass("fitted-extrapolated").First().Attribute("d")!)[1..].Split('L')[0].Split(' ');
        double.Parse(firstDashed[0], CultureInfo.InvariantCulture).Should().BeApproximately(70 + 666 * 30.0 / 60, 0.01);
    }

    [Fact]
    public void Rendering_is_culture_independent()
    {
        var invariant = Render().Svg;
        SvgAssert.UnderCommaCulture(() => Render().Svg).Should().Be(invariant);
    }
}
