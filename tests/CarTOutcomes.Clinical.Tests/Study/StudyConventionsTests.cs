using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>
/// The evidence for the study's month (<see cref="StudyConventions.Month"/>): Kaplan–Meier medians and limits fall on
/// event days, so a month value the paper prints to two decimals must be a whole number of days over its month.
/// </summary>
public class StudyConventionsTests
{
    /// <summary>The published Kaplan–Meier medians and limits printed in months with two decimals.</summary>
    private static IReadOnlyList<PublishedTarget> TwoDecimalKmMonths() => StudyFiles.Targets
        .Where(t => t.Followed && t.Unit == "months" && t.Precision == 2 && t.Statistic.StartsWith("km_median", StringComparison.Ordinal))
        .ToArray();

    /// <summary>Whole days whose month value prints as the target (half-up at the printed precision).</summary>
    private static int[] WholeDays(PublishedTarget t, TimeUnit month)
    {
        double perMonth = StudyTime.DaysPer(month), half = 0.5 * Math.Pow(10, -t.Precision);
        return Enumerable.Range(1, 3000).Where(d => d / perMonth >= t.Value - half && d / perMonth < t.Value + half).ToArray();
    }

    [Fact]
    public void The_papers_two_decimal_km_limits_are_whole_days_only_at_365_over_12()
    {
        var targets = TwoDecimalKmMonths();
        targets.Select(t => t.Id).Should().BeEquivalentTo("res_os_lower", "res_os_upper", "res_os_post_progression_lower");
        targets.Select(t => WholeDays(t, StudyConventions.Month).Single()).Should().BeEquivalentTo([277, 710, 126]);
        // At the library's default month (365.25 / 12 days) the OS median limits are no whole day.
        targets.Count(t => WholeDays(t, TimeUnit.Months).Length == 0).Should().Be(2);
        StudyConventions.Month.Should().Be(TimeUnit.Months365);
    }
}
