using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Tests.Support;

namespace CarTOutcomes.Clinical.Tests.Model;

public class CohortRulesTests
{
    private static IReadOnlyList<CohortProblem> Check(CohortInput i) => CohortRules.Check(i);

    private static CohortInput Base => SmallCohort.Input();

    [Fact]
    public void The_small_cohort_is_consistent()
        => Check(Base).Should().BeEmpty();

    [Fact]
    public void A_response_before_its_infusion_is_reported()
    {
        var i = Base with { Responses = [.. Base.Responses, new ResponseAssessment("P6", 2, 140, ResponseCategory.Refractory)] };
        var p = Check(i).Should().ContainSingle().Subject;
        p.PatientId.Should().Be("P6");
        p.Field.Should().Be("Day");
        p.Value.Should().Be("140");
        p.Message.Should().Contain("before its infusion (day 150)");
    }

    [Fact]
    public void A_relapse_without_prior_remission_is_reported()
    {
        // P2 was refractory; a relapse before its salvage CR (d70) has no remission to relapse from.
        var i = Base with { Progressions = [.. Base.Progressions, new Progression("P2", 2, 60, ProgressionType.Relapse, ProgressionSite.BoneMarrow, 50, Cd19Status.Positive, LeukemiaLineage.BLymphoid)] };
        Check(i).Should().ContainSingle().Which.Message.Should().Contain("relapse on day 60 without a prior complete remission after progression 1");
    }

    [Fact]
    public void A_relapse_after_a_salvage_remission_is_accepted()
    {
        var i = Base with { Progressions = [.. Base.Progressions, new Progression("P2", 2, 600, ProgressionType.Relapse, ProgressionSite.BoneMarrow, 50, Cd19Status.Positive, LeukemiaLineage.BLymphoid)] };
        Check(i).Should().BeEmpty();
    }

    [Fact]
    public void Events_after_death_or_last_contact_are_reported_each()
    {
        var i = Base with
        {
            Transplants = [.. Base.Transplants, new Transplant("P5", 301, TransplantSetting.Consolidation, TransplantDiseaseStatus.CrMrdNegative)],
            Responses = [.. Base.Responses, new ResponseAssessment("P3", 1, 1300, ResponseCategory.CrMrdNegative)],
        };
        var p = Check(i);
        p.Should().HaveCount(2);
        p.Should().Contain(x => x.PatientId == "P5" && x.Message == "after death (day 300)" && x.Value == "301");
        p.Should().Contain(x => x.PatientId == "P3" && x.Message == "after last contact (day 1200)");
    }

    [Fact]
    public void Unknown_patients_and_duplicates_are_all_reported()
    {
        var i = Base with
        {
            Patients = [.. Base.Patients, SmallCohort.Patient("P1")],
            FollowUps = [.. Base.FollowUps, new FollowUp("P9", 10, VitalStatus.Alive, null, false)],
        };
        var p = Check(i);
        p.Should().Contain(x => x.Message == "duplicate patient id" && x.Value == "P1");
        p.Should().Contain(x => x.Message == "unknown patient" && x.Value == "P9");
    }

    [Fact]
    public void Missing_follow_up_and_first_infusion_are_reported()
    {
        var i = Base with { Patients = [.. Base.Patients, SmallCohort.Patient("P7")] };
        var p = Check(i);
        p.Should().Contain(x => x.PatientId == "P7" && x.Message.Contains("no follow-up row"));
        p.Should().Contain(x => x.PatientId == "P7" && x.Message.Contains("no first CAR T infusion"));
    }

    [Fact]
    public void Cause_of_death_must_match_vital_status()
    {
        var i = Base with { FollowUps = Base.FollowUps.Select(f => f.PatientId == "P1" ? f with { CauseOfDeath = null } : f.PatientId == "P2" ? f with { CauseOfDeath = CauseOfDeath.Disease } : f).ToArray() };
        Check(i).Select(x => x.PatientId).Should().BeEquivalentTo(["P1", "P2"]);
    }

    [Fact]
    public void Salvage_before_progression_and_unmatched_reinfusion_are_reported()
    {
        var i = Base with { SalvageLines = [.. Base.SalvageLines, new SalvageLine("P3", 1, 50, "x", SalvageClass.CarTReinfusion, null, null, DiseaseBurden.Morphologic)] };
        var p = Check(i);
        p.Should().Contain(x => x.PatientId == "P3" && x.Message == "salvage starts before any progression");
        p.Should().Contain(x => x.PatientId == "P3" && x.Message.Contains("no re-infusion on its start day"));
    }

    [Fact]
    public void Bad_values_are_reported_with_the_value()
    {
        var i = Base with { Infusions = Base.Infusions.Select(x => x.PatientId == "P3" ? x with { MaxCrsGrade = 7, Day = 2 } : x).ToArray() };
        var p = Check(i);
        p.Should().Contain(x => x.Field == "MaxCrsGrade" && x.Value == "7");
        p.Should().Contain(x => x.Field == "Day" && x.Value == "2" && x.Message == "the first infusion defines day 0");
    }

    [Fact]
    public void Create_throws_with_every_problem()
    {
        var i = Base with { Patients = [.. Base.Patients, SmallCohort.Patient("P7")] };
        var act = () => SmallCohort.Create(i);
        act.Should().Throw<CohortValidationException>().Which.Problems.Should().HaveCount(2);
    }
}
