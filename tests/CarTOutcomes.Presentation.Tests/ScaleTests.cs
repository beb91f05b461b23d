using CarTOutcomes.Presentation.Figures;

namespace CarTOutcomes.Presentation.Tests;

public class ScaleTests
{
    [Theory]
    [InlineData(0.9, 1)]
    [InlineData(1.1, 2)]
    [InlineData(2.2, 2.5)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(0.031, 0.05)]
    [InlineData(260, 500)]
    public void Nice_steps_are_1_2_2point5_5_times_a_power_of_ten(double rough, double expected) =>
        LinearScale.NiceStep(rough).Should().BeApproximately(expected, expected * 1e-12);

    [Theory]
    [InlineData(4.5, 6)]
    [InlineData(7, 12)]
    [InlineData(27, 36)]
    [InlineData(130, 200)]
    public void Month_steps_prefer_multiples_of_three_six_and_twelve(double rough, double expected) =>
        LinearScale.NiceStep(rough, LinearScale.MonthSteps).Should().Be(expected);

    [Fact]
    public void A_nice_scale_widens_its_domain_to_whole_steps_and_maps_linearly()
    {
        var s = LinearScale.Nice(0, 161, 100, 700, 6, LinearScale.MonthSteps);
        s.Breaks.Should().Equal(0, 36, 72, 108, 144, 180);
        s.Map(0).Should().Be(100);
        s.Map(180).Should().Be(700);
        s.Map(90).Should().Be(400);
        LinearScale.BreaksBetween(0, 1, 0.1).Should().Equal(0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1);
    }

    [Fact]
    public void A_log_scale_uses_1_2_5_breaks_and_equal_ratios_map_to_equal_distances()
    {
        var s = new LogScale(0.38, 9.5, 0, 300);
        s.Breaks.Should().Equal(0.2, 0.5, 1, 2, 5, 10);
        (s.Map(4) - s.Map(2)).Should().BeApproximately(s.Map(1) - s.Map(0.5), 1e-9);
        var act = () => new LogScale(0, 1, 0, 1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(1.0 / 3, "0.33")]
    [InlineData(-0.001, "0")]
    [InlineData(2.5, "2.5")]
    [InlineData(1e-7, "0")]
    [InlineData(123456.789, "123456.79")]
    public void Coordinates_are_invariant_with_at_most_two_decimals_and_no_exponent(double x, string expected) =>
        SvgWriter.Num(x).Should().Be(expected);

    [Fact]
    public void Text_is_escaped_and_ids_come_from_a_counter()
    {
        SvgWriter.Escape("a<b & \"c\" 'd'>").Should().Be("a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
        var w = new SvgWriter(10, 10, "p");
        w.NextId().Should().Be("p-1");
        w.NextId().Should().Be("p-2");
        var act = () => new SvgWriter(10, 10, "bad id");
        act.Should().Throw<ArgumentException>().WithMessage("*bad id*");
    }
}
