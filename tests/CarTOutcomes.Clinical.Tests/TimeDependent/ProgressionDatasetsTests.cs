using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Tests.Support;
using CarTOutcomes.Clinical.TimeDependent;

namespace CarTOutcomes.Clinical.Tests.TimeDependent;

public class ProgressionDatasetsTests
{
    private readonly Cohort _cohort = SmallCohort.Create();

    [Fact]
    public void Salvage_covariates_switch_on_at_their_days_from_progression()
    {
        // From progression: P1 (prog d180, death d500 → 320): salvage d190 → 10, blinatumomab d230 → 50, CR d260 → 80.
        // P2 (prog d28, alive d900 → 872): salvage d35 → 7, no blin/ino, CR d70 → 42.
        // P5 (prog d300, died d300 → 0 → 0.5 day). P6 (prog d100, death d250 → 150): re-infusion d150 → 50, CR d180 → 80.
        var d = ProgressionDatasets.SalvageTimeDependent(_cohort);
        d.SubjectIds.Should().Equal("P1", "P1", "P1", "P1", "P2", "P2", "P2", "P5", "P6", "P6", "P6");
        d.Start.ToArray().Should().Equal(0, 10, 50, 80, 0, 7, 42, 0, 0, 50, 80);
        d.Stop.ToArray().Should().Equal(10, 50, 80, 320, 7, 42, 872, 0.5, 50, 80, 150);
        d.Event.ToArray().Should().Equal(false, false, false, true, false, false, false, true, false, false, true);
        d.Covariate(ProgressionDatasets.SalvageReceived).Should().Equal(0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1);
        d.Covariate(ProgressionDatasets.BlinatumomabOrInotuzumabSalvage).Should().Equal(0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        d.Covariate(ProgressionDatasets.CrAfterSalvage).Should().Equal(0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1);
        d.Cluster.Should().Equal(0, 0, 0, 0, 1, 1, 1, 2, 3, 3, 3);
    }

    [Fact]
    public void Salvage_on_the_day_of_progression_applies_from_the_start()
    {
        var i = SmallCohort.Input();
        var salvage = i.SalvageLines.Select(s => s.PatientId == "P2" && s.Number == 1 ? s with { StartDay = 28 } : s).ToArray();
        var d = ProgressionDatasets.SalvageTimeDependent(SmallCohort.Create(i with { SalvageLines = salvage }));
        var rows = Enumerable.Range(0, d.Count).Where(r => d.SubjectIds[r] == "P2").ToArray();
        rows.Select(r => d.Start[r]).Should().Equal(0, 42);
        rows.Select(r => d.Covariate(ProgressionDatasets.SalvageReceived)[r]).Should().Equal(1, 1);
    }

    [Fact]
    public void Months_rows_are_days_divided_by_30_4375()
    {
        var d = ProgressionDatasets.SalvageTimeDependent(_cohort, TimeUnit.Months);
        d.Stop[0].Should().Be(10 / 30.4375);
        d.Stop[3].Should().Be(320 / 30.4375);
    }

    [Fact]
    public void Time_to_progression_takes_the_month_given_and_refuses_days()
    {
        var f = ProgressionDatasets.SurvivalAfterProgressionFixed(_cohort, TimeUnit.Months365);
        f.Covariate(ProgressionDatasets.MonthsToProgression).Should().Equal(180 / (365.0 / 12), 28 / (365.0 / 12), 300 / (365.0 / 12), 100 / (365.0 / 12));
        var act = () => ProgressionDatasets.SurvivalAfterProgressionFixed(_cohort, TimeUnit.Days);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*month unit*");
    }

    [Fact]
    public void Fixed_covariates_include_time_to_progression_in_months()
    {
        var f = ProgressionDatasets.SurvivalAfterProgressionFixed(_cohort);
        f.Outcome.PatientIds.Should().Equal("P1", "P2", "P5", "P6");
        f.Covariate(ProgressionDatasets.MonthsToProgression).Should().Equal(180 / 30.4375, 28 / 30.4375, 300 / 30.4375, 100 / 30.4375);
        f.Covariate("age_over_40").Should().Equal(0, 1, 1, 0);
        f.Covariate("bridging_none_or_nonintensive").Should().Equal(0, 1, 1, 1);
        f.Covariate("extramedullary").Should().Equal(0, 0, 1, 0);
        f.Covariate("cd19_positive").Should().Equal(1, double.NaN, 0, 1);
        f.Covariate("marrow_blasts").Should().Equal(80, 45, 0, 12.5);
        f.Covariate("prior_blin_or_ino").Should().Equal(0, 0, 1, 0);
        var act = () => f.Covariate("nope");
        act.Should().Throw<KeyNotFoundException>();
    }
}
