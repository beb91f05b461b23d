using CarTOutcomes.Clinical.Study;

namespace CarTOutcomes.Clinical.Tests.Study;

public class TargetEvaluationTests
{
    private static PublishedTarget T(double value, int precision, TargetRelation relation = TargetRelation.Equal)
        => new("x", "s", "all56", "hr", null, value, "ratio", precision, relation, true, "", "");

    [Theory]
    [InlineData(0.9051, true)]
    [InlineData(0.9149, true)]
    [InlineData(0.9049, false)]
    [InlineData(0.9151, false)]
    public void An_hr_printed_091_means_0905_to_0915(double value, bool agrees)
        => TargetEvaluation.AgreesWith(T(0.91, 2), value).Should().Be(agrees);

    [Fact]
    public void Inequalities_are_checked_as_inequalities()
    {
        TargetEvaluation.AgreesWith(T(5, 0, TargetRelation.Less), 4.9).Should().BeTrue();
        TargetEvaluation.AgreesWith(T(5, 0, TargetRelation.Less), 5).Should().BeFalse();
        TargetEvaluation.AgreesWith(T(3, 0, TargetRelation.LessOrEqual), 3).Should().BeTrue();
        TargetEvaluation.AgreesWith(T(3, 0, TargetRelation.GreaterOrEqual), 2.99).Should().BeFalse();
    }

    [Fact]
    public void Miss_is_zero_when_agreeing_and_grows_with_the_distance_in_printed_units()
    {
        TargetEvaluation.Miss(T(13, 0), 13.2).Should().Be(0);
        TargetEvaluation.Miss(T(13, 0), 14.5).Should().BeApproximately(1.01, 1e-9);
        TargetEvaluation.Miss(T(0.91, 2), 0.935).Should().BeApproximately(2.01, 1e-9);
        TargetEvaluation.Miss(T(1, 0), double.NaN).Should().Be(100);
    }
}
