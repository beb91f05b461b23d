using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using Microsoft.DotNet.Interactive.Formatting;

namespace CarTOutcomes.Presentation.Tests;

public class ModelRenderingTests
{
    private static readonly double[] Time = [5, 8, 3, 9, 4, 6, 2, 7, 10, 11];
    private static readonly bool[] Died = [true, false, true, true, false, true, true, false, true, true];
    private static readonly double[] X = [0, 1, 1, 0, 1, 0, 1, 0, 1, 0];
    private static readonly double[] Z = [1.2, 0.3, 2.2, -0.4, 0.8, 1.9, 0.1, 1.4, -1.1, 0.5];

    private static CoxResult Fit(bool cluster) => CoxModel.Fit(
        SurvivalData.RightCensored(Time, Died).WithCluster(cluster ? ["a", "a", "b", "c", "d", "e", "f", "g", "h", "i"] : null),
        [X, Z], ["x", "z"]);

    [Fact]
    public void Cox_table_has_one_row_per_coefficient_and_a_robust_column_only_when_robust()
    {
        var plain = Fit(false);
        var html = plain.ToHtml();
        html.Should().Contain("<table class=\"cox-coefficients\"").And.Contain("<td>x</td>").And.Contain("<td>z</td>");
        html.Should().NotContain("robust se");
        html.Should().Contain(CarTOutcomes.Presentation.Text.Number.Significant(plain.Coefficients[0].HazardRatio));
        Fit(true).ToHtml().Should().Contain("robust se");
        var md = plain.ToMarkdown().Split('\n');
        md.Count(l => l.StartsWith("| x |") || l.StartsWith("| z |")).Should().Be(2);
    }

    [Fact]
    public void Null_Cox_model_renders_without_a_table_or_tests_and_with_its_log_likelihood()
    {
        var fit = CoxModel.Fit(SurvivalData.RightCensored(Time, Died), [], []);
        // ℓ = −Σ log |R(t)| over the 7 event times (no ties): at 2, 3, 5, 6, 9, 10, 11 the risk sets hold 10, 9, 7, 6, 3, 2, 1
        double expected = -(Math.Log(10) + Math.Log(9) + Math.Log(7) + Math.Log(6) + Math.Log(3) + Math.Log(2) + Math.Log(1));
        fit.LogLik.Should().BeApproximately(expected, 1e-12);
        var line = $"Null model (no coefficient, no test); log partial likelihood = {CarTOutcomes.Presentation.Text.Number.Significant(expected, 7)}";
        var html = fit.ToHtml();
        html.Should().NotContain("<table").And.Contain(line).And.NotContain("Wald");
        var md = fit.ToMarkdown();
        md.Should().NotContain("| coef |").And.Contain(line);
    }

    [Fact]
    public void Cumulative_incidence_renders_one_curve_per_group_and_cause()
    {
        var data = CompetingRisksData.Create(Time, Died.Select((d, i) => d ? 1 + i % 2 : 0).ToArray());
        var groups = X.Select(x => x == 0 ? "A" : "B").ToArray();
        var result = CumulativeIncidence.Fit(data, groups);
        var svg = SvgAssert.Parse(result.ToSvg().ToSvg());
        svg.WithClass("curve").Should().HaveCount(result.Curves.Count).And.HaveCount(4);
        result.ToHtml().Should().Contain("<table class=\"gray-tests\"");
        result.ToMarkdown().Should().Contain("| cause | statistic | df | p |");
    }

    [Fact]
    public void Models_render_in_notebooks_through_the_engine_attribute()
    {
        Formatter.ToDisplayString(Fit(false), "text/html").Should().Contain("<table class=\"cox-coefficients\"");
        var data = CompetingRisksData.Create(Time, Died.Select((d, i) => d ? 1 + i % 2 : 0).ToArray());
        Formatter.ToDisplayString(CumulativeIncidence.Fit(data), "text/html").Should().Contain("class=\"cartoutcomes cuminc\"");
        Formatter.ToDisplayString(FineGray.Fit(data, ["z"], [Z]), "text/html").Should().Contain("<table class=\"finegray-coefficients\"");
    }

    [Fact]
    public void Incidence_curve_runs_flat_from_its_last_jump_to_the_last_follow_up()
    {
        // Cause 1 at 1 and 3; the last follow-up is the censoring at 9.
        var result = CumulativeIncidence.Fit(CompetingRisksData.Create([1, 2, 3, 9], [1, 2, 1, 0]));
        var curve = result.Curves.Single(c => c.Cause == 1);
        var step = curve.ToIncidenceCurve("cause 1");
        step.Times.Should().Equal(1, 3, 9);
        step.Estimates[^1].Should().Be(curve.Estimate[^1]);
    }
}
