using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Clinical.Tests.Support;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.Survival.MultiState;

namespace CarTOutcomes.Clinical.Tests.TimeDependent;

/// <summary>Patient courses as multi-state data, LFS and current LFS, and the immortal-time guard, on the hand-made cohort.</summary>
public sealed class PatientCourseTests
{
    private readonly Cohort _cohort = SmallCohort.Create();

    private (double, double, string?)[] Rows(string id) => PatientCourse.Rows(_cohort.History(id)).ToArray();

    [Fact]
    public void Each_course_follows_the_timeline_with_recurrences()
    {
        Rows("P1").Should().Equal((0, 28, "cr"), (28, 180, "progression"), (180, 260, "salvage_cr"), (260, 400, "progression"), (400, 500, "death"));
        Rows("P2").Should().Equal((0, 28, "progression"), (28, 70, "salvage_cr"), (70, 120, "salvage_hsct"), (120, 900, null));
        Rows("P3").Should().Equal((0, 30, "cr"), (30, 90, "consolidative_hsct"), (90, 1200, null));
        Rows("P4").Should().Equal((0, 10, "death"));
        // relapse and death on day 300: only the state at the end of the day is entered
        Rows("P5").Should().Equal((0, 28, "cr"), (28, 300, "death"));
        // the CR to the CAR T re-infusion is a salvage CR
        Rows("P6").Should().Equal((0, 28, "cr"), (28, 100, "progression"), (100, 180, "salvage_cr"), (180, 250, "death"));
    }

    [Fact]
    public void Current_leukemia_free_survival_counts_regained_remissions_and_lfs_does_not()
    {
        var data = PatientCourse.Build(_cohort, TimeUnit.Days);
        data.States[0].Should().Be(PatientCourse.Infused);
        var fit = MultiStateAalenJohansen.Fit(data, new MultiStateOptions(StateSets:
            [new StateSet("lfs", PatientCourse.LeukemiaFreeStates), new StateSet("clfs", PatientCourse.CurrentlyLeukemiaFreeStates)]));
        var c = fit.Curves.Single();
        // Nobody is censored before day 900, so the estimates are proportions of the 6 patients.
        int At(double day) => c.Time.ToList().FindLastIndex(t => t <= day);
        c.SetProbability(At(265), 0).Should().BeApproximately(2.0 / 6, 1e-15); // P3 transplanted, P5 in CR
        c.SetProbability(At(265), 1).Should().BeApproximately(4.0 / 6, 1e-15); // and P1 (salvage CR), P2 (HSCT after salvage CR)
        c.SetProbability(At(450), 0).Should().BeApproximately(1.0 / 6, 1e-15);
        c.SetProbability(At(450), 1).Should().BeApproximately(2.0 / 6, 1e-15);
        c.SetStandardError(At(450), 1).Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_post_infusion_fact_as_baseline_covariate_is_refused_with_the_right_forms_offered()
    {
        var act = () => PostInfusionFacts.BaselineIndicator(PostInfusionFact.ConsolidativeHsct);
        var e = act.Should().Throw<ImmortalTimeBiasException>().Which;
        e.Fact.Should().Be(PostInfusionFact.ConsolidativeHsct);
        e.Message.Should().Contain("'consolidative HSCT' happens after the infusion").And.Contain("immortal-time bias")
            .And.Contain("time-dependent covariate").And.Contain("landmark").And.Contain("ImmortalTimeOptIn.ReproduceStudyBaselineIndicator");
        var optIn = PostInfusionFacts.BaselineIndicator(PostInfusionFact.ConsolidativeHsct, ImmortalTimeOptIn.ReproduceStudyBaselineIndicator);
        _cohort.Histories.Select(optIn).Should().Equal(0, 0, 1, 0, 0, 0);
    }

    [Fact]
    public void The_time_dependent_form_switches_on_the_day_of_the_fact()
    {
        var td = PostInfusionFacts.TimeDependent(_cohort, ClinicalEndpoints.OverallSurvival(_cohort), PostInfusionFact.AnyHsct, TimeUnit.Days);
        var x = td.Covariate("hsct");
        var rows = Enumerable.Range(0, td.Count).Where(i => td.SubjectIds[i] == "P3")
            .Select(i => (td.Start[i], td.Stop[i], x[i])).ToArray();
        rows.Should().Equal((0, 90, 0), (90, 1200, 1));
        Enumerable.Range(0, td.Count).Count(i => td.SubjectIds[i] == "P1").Should().Be(1);
    }

    [Fact]
    public void Landmarks_group_by_exposure_by_the_landmark()
    {
        var td = PostInfusionFacts.TimeDependent(_cohort, ClinicalEndpoints.OverallSurvival(_cohort), PostInfusionFact.AnyHsct, TimeUnit.Days);
        var fit = PostInfusionFacts.Landmark(td, PostInfusionFact.AnyHsct, [100, 130]).ToArray();
        fit[0].Subjects.Should().Be(5); // P4 died on day 10
        fit[0].Curves.Single(k => k.Group == "yes").Records.Should().Be(1); // P3, transplanted on day 90
        fit[1].Curves.Single(k => k.Group == "yes").Records.Should().Be(2); // and P2 on day 120
    }

    [Fact]
    public void Study_exposures_give_both_hsct_models_and_the_salvage_cr_curves()
    {
        var sm = StudyExposures.SurvivalAfterProgressionBySalvageCr(_cohort);
        sm.Select(k => k.Group).Should().Equal(StudyExposures.NoSalvageCr, StudyExposures.AfterSalvageCr);
        // P1, P2, P6 reach a salvage CR after progression: they move from "no" to "yes".
        sm[1].NumberAtRisk.Max().Should().Be(3);
    }
}
