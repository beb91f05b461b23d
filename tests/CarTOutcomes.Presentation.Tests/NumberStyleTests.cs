using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>The journal number styles (issue #14): a value passed to renderers, changing formatting and never numbers.</summary>
public class NumberStyleTests
{
    [Theory]
    [InlineData(0.0004, "<.001")]
    [InlineData(0.001, ".001")]
    [InlineData(0.0068, ".007")]
    [InlineData(0.02, ".02")]
    [InlineData(0.045, ".05")]
    [InlineData(0.08, ".08")]
    [InlineData(0.1, ".10")]
    [InlineData(0.209, ".21")]
    [InlineData(0.996, ">.99")]
    [InlineData(double.NaN, "NA")]
    public void Blood_prints_P_without_a_leading_zero_at_one_precision(double p, string expected) =>
        NumberStyle.Blood.P(p).Should().Be(expected);

    [Fact]
    public void One_table_of_P_values_has_one_precision()
    {
        // The issue's example: 0.1, 0.08, 0.045, 0.209 printed side by side.
        new[] { 0.1, 0.08, 0.045, 0.209 }.Select(NumberStyle.Blood.P).Should().Equal(".10", ".08", ".05", ".21");
    }

    [Fact]
    public void Statements_read_as_in_running_text()
    {
        NumberStyle.Blood.PStatement(0.0001).Should().Be("P < .001");
        NumberStyle.Blood.PStatement(0.032).Should().Be("P = .03");
        NumberStyle.Nejm.PStatement(0.0001).Should().Be("P < 0.001");
        NumberStyle.Nejm.P(0.032).Should().Be("0.03");
        NumberStyle.Jama.P(0.046).Should().Be(".046", "JAMA keeps a third decimal rather than print a P below .05 as .05");
        NumberStyle.Lancet.PStatement(0.00001).Should().Be("p < 0·0001");
        NumberStyle.Lancet.P(0.032).Should().Be("0·03");
    }

    [Fact]
    public void Intervals_percentages_and_counts()
    {
        NumberStyle.Blood.WithInterval(2.2, 1.1, 4.4).Should().Be("2.20 (1.10–4.40)");
        NumberStyle.Nejm.WithInterval(0.48, 0.17, 1.35).Should().Be("0.48 (0.17 to 1.35)");
        NumberStyle.Lancet.WithInterval(0.48, 0.17, 1.35).Should().Be("0·48 (0·17–1·35)");
        NumberStyle.Blood.Percent(38.0 / 56).Should().Be("67.9");
        NumberStyle.Blood.Count(38).Should().Be("38");
        NumberStyle.Blood.Count(2.5).Should().Be("2.5");
        NumberStyle.FromName("LANCET").Should().BeSameAs(NumberStyle.Lancet);
        var act = () => NumberStyle.FromName("bmj");
        act.Should().Throw<ArgumentException>().WithMessage("*bmj*blood, nejm, jama or lancet*");
    }

    [Theory]
    [InlineData(4.45e-05, 3, "0.0000445")]
    [InlineData(-3.2e-7, 2, "-0.00000032")]
    [InlineData(0.5, 4, "0.5")]
    public void Significant_never_prints_an_exponent(double x, int digits, string expected) =>
        Number.Significant(x, digits).Should().Be(expected);
}

/// <summary>The text outputs the issue listed: P statements, iteration counts, exponents, whole counts.</summary>
public class TextOutputTests
{
    [Fact]
    public void Cox_text_states_P_plainly_and_counts_iterations_in_English()
    {
        var data = CarTOutcomes.Survival.Data.SurvivalData.RightCensored([5, 8, 3, 9, 4, 6, 2, 7, 1, 10], [true, false, true, true, false, true, true, false, true, true]);
        var fit = CarTOutcomes.Survival.Cox.CoxModel.Fit(data, [[1.0, 0, 1, 0, 1, 0, 1, 1, 1, 0]], ["arm"]);
        var md = CarTOutcomes.Presentation.Rendering.ModelRendering.ToMarkdown(fit);
        md.Should().NotContain("= <").And.NotContain("1 iterations");
        md.Should().Contain(fit.Iterations == 1 ? "1 iteration" : $"{fit.Iterations} iterations");
        md.Should().Contain(NumberStyle.Default.PStatement(fit.WaldTest!.PValue));
        md.Should().NotMatchRegex(@"\dE-\d", "no exponent");
    }
}
