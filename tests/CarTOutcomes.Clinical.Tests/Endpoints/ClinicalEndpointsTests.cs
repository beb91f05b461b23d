using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Tests.Support;

namespace CarTOutcomes.Clinical.Tests.Endpoints;

/// <summary>Every endpoint of <see cref="SmallCohort"/>, worked out by hand from its timeline.</summary>
public class ClinicalEndpointsTests
{
    private readonly Cohort _cohort = SmallCohort.Create();

    private static void Rows(EndpointData d, params (string Id, double Days, bool Event)[] expected)
    {
        d.PatientIds.Should().Equal(expected.Select(e => e.Id));
        d.Days.Should().Equal(expected.Select(e => e.Days));
        d.Event.Should().Equal(expected.Select(e => e.Event));
    }

    [Fact]
    public void Overall_survival_runs_from_day_0_to_death_or_last_contact()
        => Rows(ClinicalEndpoints.OverallSurvival(_cohort),
            ("P1", 500, true), ("P2", 900, false), ("P3", 1200, false), ("P4", 10, true), ("P5", 300, true), ("P6", 250, true));

    [Fact]
    public void Event_free_survival_counts_refractory_on_the_assessment_day_by_default()
        // P2 refractory at the d28 assessment; P1 relapse d180; P6 relapse d100; P4 death d10; P3 censored; P5 relapse d300.
        => Rows(ClinicalEndpoints.EventFreeSurvival(_cohort),
            ("P1", 180, true), ("P2", 28, true), ("P3", 1200, false), ("P4", 10, true), ("P5", 300, true), ("P6", 100, true));

    [Fact]
    public void Event_free_survival_can_count_refractory_disease_at_day_0()
    {
        var efs = ClinicalEndpoints.EventFreeSurvival(_cohort, RefractoryEventDay.InfusionDay);
        efs.Days.Should().Equal(180, 0, 1200, 10, 300, 100);
        efs.EventCount.Should().Be(5);
    }

    [Fact]
    public void Incidence_of_RR_disease_codes_death_without_progression_as_competing()
    {
        var cr = ClinicalEndpoints.RelapsedRefractoryIncidence(_cohort);
        cr.PatientIds.Should().Equal("P1", "P2", "P3", "P4", "P5", "P6");
        cr.Days.Should().Equal(180, 28, 1200, 10, 300, 100);
        cr.Status.Should().Equal(1, 1, 0, 2, 1, 1);
        cr.Times(TimeUnit.Months)[0].Should().Be(180 / 30.4375);
    }

    [Fact]
    public void Survival_after_progression_includes_only_progressed_patients()
        // P1 500−180; P2 900−28 censored; P5 died the day of relapse: 0; P6 250−100.
        => Rows(ClinicalEndpoints.SurvivalAfterProgression(_cohort),
            ("P1", 320, true), ("P2", 872, false), ("P5", 0, true), ("P6", 150, true));

    [Fact]
    public void Event_free_survival_after_salvage_CR_starts_at_the_CR()
        // P1 CR d260 → relapse d400: 140; P2 CR d70 → alive d900: 830 censored; P6 CR d180 → death d250: 70.
        => Rows(ClinicalEndpoints.EventFreeSurvivalAfterSalvageCr(_cohort),
            ("P1", 140, true), ("P2", 830, false), ("P6", 70, true));

    [Fact]
    public void Remission_duration_censors_death_in_remission()
        => Rows(ClinicalEndpoints.RemissionDurationAfterSalvageCr(_cohort),
            ("P1", 140, true), ("P2", 830, false), ("P6", 70, false));

    [Fact]
    public void Months_use_365_25_over_12_days()
    {
        StudyTime.DaysPerMonth.Should().Be(30.4375);
        var s = ClinicalEndpoints.OverallSurvival(_cohort).ToSurvivalData();
        s.Time.ToArray().Should().Equal(500 / 30.4375, 900 / 30.4375, 1200 / 30.4375, 10 / 30.4375, 300 / 30.4375, 250 / 30.4375);
        ClinicalEndpoints.OverallSurvival(_cohort).ToSurvivalData(TimeUnit.Days).Time.ToArray().Should().Equal(500, 900, 1200, 10, 300, 250);
    }

    [Fact]
    public void Months365_use_365_over_12_days_and_other_units_are_refused()
    {
        StudyTime.DaysPerMonth365.Should().Be(365.0 / 12);
        StudyTime.DaysPer(TimeUnit.Months365).Should().Be(365.0 / 12);
        StudyTime.DaysPer(TimeUnit.Days).Should().Be(1);
        ClinicalEndpoints.OverallSurvival(_cohort).ToSurvivalData(TimeUnit.Months365).Time.ToArray()
            .Should().Equal(500 / (365.0 / 12), 900 / (365.0 / 12), 1200 / (365.0 / 12), 10 / (365.0 / 12), 300 / (365.0 / 12), 250 / (365.0 / 12));
        StudyTime.IsMonth(TimeUnit.Days).Should().BeFalse();
        var act = () => StudyTime.Convert(1, (TimeUnit)7);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Days, Months or Months365*");
    }

    [Fact]
    public void Median_follow_up_is_the_reverse_KM_median()
    {
        // Censorings (the "events" of reverse KM) at 900 and 1200; deaths leave the risk set first.
        // G = 1/2 on [900, 1200) and 0 from 1200: the 25th percentile is 900, the 75th 1200, and the median lies on a
        // flat at exactly 1/2, so R's quantile.survfit takes its midpoint (900 + 1200) / 2 = 1050.
        var f = ClinicalEndpoints.MedianFollowUp(_cohort, TimeUnit.Days);
        f.LowerQuartile.Should().Be(900);
        f.Median.Should().Be(1050);
        f.UpperQuartile.Should().Be(1200);
    }

    [Fact]
    public void Median_follow_up_after_progression_uses_time_from_progression()
    {
        // Only P2 is censored after progression (872 days): G drops from 1 to 0 at 872.
        var f = ClinicalEndpoints.MedianFollowUpAfterProgression(_cohort, TimeUnit.Days);
        f.Median.Should().Be(872);
    }
}
