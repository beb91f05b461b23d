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

    [Fact]
    public void Lineage_must_follow_the_cd19_status()
    {
        // P2's progression is CD19-unknown: a known lineage is a problem; P6's is CD19+: a myeloid switch is a problem.
        var i = Base with
        {
            Progressions = Base.Progressions.Select(x => x.PatientId == "P2" ? x with { Lineage = LeukemiaLineage.BLymphoid }
                : x.PatientId == "P6" ? x with { Lineage = LeukemiaLineage.Myeloid } : x).ToArray(),
        };
        var p = Check(i);
        p.Should().HaveCount(2);
        p.Should().Contain(x => x.PatientId == "P2" && x.Field == "Lineage" && x.Message.Contains("unknown exactly when the CD19 status is"));
        p.Should().Contain(x => x.PatientId == "P6" && x.Value == "Myeloid" && x.Message.Contains("must be CD19-negative"));
    }

    [Fact]
    public void A_reinfusion_line_must_start_at_the_reinfusion_burden()
    {
        var i = Base with { SalvageLines = Base.SalvageLines.Select(s => s.PatientId == "P6" ? s with { DiseaseStatus = DiseaseBurden.Mrd } : s).ToArray() };
        Check(i).Should().ContainSingle().Which.Message.Should().Contain("differs from the disease burden of re-infusion 2 (Morphologic)");
    }

    [Fact]
    public void Toxicity_timing_needs_the_toxicity_and_sane_values()
    {
        // Infusion 1 of P3 has CRS grade 1 and ICANS grade 0.
        var i = Base with
        {
            Infusions = Base.Infusions.Select(x => x.PatientId == "P3"
                ? x with { CrsTiming = new ToxicityTiming(-1, 0), IcansTiming = new ToxicityTiming(2, null) } : x).ToArray(),
        };
        var p = Check(i);
        p.Should().HaveCount(3);
        p.Should().Contain(x => x.Field == "CrsTiming.OnsetDays" && x.Value == "-1" && x.Message == "onset cannot be before the infusion");
        p.Should().Contain(x => x.Field == "CrsTiming.DurationDays" && x.Value == "0");
        p.Should().Contain(x => x.Field == "IcansTiming.OnsetDays" && x.Message.Contains("without ICANS (maximum grade 0)"));
        Check(Base with { Infusions = Base.Infusions.Select(x => x.PatientId == "P3" ? x with { CrsTiming = new ToxicityTiming(0, 3) } : x).ToArray() })
            .Should().BeEmpty();
    }

    [Fact]
    public void Adverse_events_must_belong_to_a_line_or_follow_a_transplant()
    {
        var i = Base with
        {
            AdverseEvents =
            [
                new AdverseEvent("P1", AdverseEventKind.Crs, 2, 232, AdverseEventSetting.SalvageLine, 2),              // fine
                new AdverseEvent("P1", AdverseEventKind.Icans, 6, 232, AdverseEventSetting.SalvageLine, 2),            // grade 6
                new AdverseEvent("P1", AdverseEventKind.Infection, 3, 185, AdverseEventSetting.SalvageLine, 1),        // before line 1 (d190)
                new AdverseEvent("P1", AdverseEventKind.Other, null, 240, AdverseEventSetting.SalvageLine, 3),         // no line 3
                new AdverseEvent("P1", AdverseEventKind.Other, null, 240, AdverseEventSetting.SalvageLine, null),      // no line number
                new AdverseEvent("P1", AdverseEventKind.SinusoidalObstructionSyndrome, 4, 300, AdverseEventSetting.AfterTransplant, null), // no transplant
                new AdverseEvent("P2", AdverseEventKind.SinusoidalObstructionSyndrome, 4, 130, AdverseEventSetting.AfterTransplant, null), // fine (HSCT d120)
                new AdverseEvent("P2", AdverseEventKind.Infection, 4, 950, AdverseEventSetting.AfterTransplant, null), // after last contact
            ],
        };
        var p = Check(i);
        p.Select(x => x.Message).Should().BeEquivalentTo(
        [
            "grades run from 1 to 5", "before salvage line 1 started (day 190)", "no such salvage line for the patient",
            "an event of a salvage line needs the line number", "no transplant on or before the event's day", "after last contact (day 900)",
        ]);
    }

    [Fact]
    public void A_donor_lymphocyte_infusion_needs_an_earlier_allogeneic_transplant()
    {
        // P2 had an HSCT before CAR T; P3 a consolidation HSCT on day 90; P1 neither.
        var ok = Base with { DonorLymphocyteInfusions = [new DonorLymphocyteInfusion("P2", 200), new DonorLymphocyteInfusion("P3", 100)] };
        Check(ok).Should().BeEmpty();
        var bad = Base with { DonorLymphocyteInfusions = [new DonorLymphocyteInfusion("P1", 200), new DonorLymphocyteInfusion("P3", 80)] };
        Check(bad).Should().HaveCount(2).And.OnlyContain(x => x.Message.Contains("needs an earlier allogeneic HSCT"));
    }
}
