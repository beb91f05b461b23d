using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>The mechanics of target evaluation, on the invented 8-patient example cohort.</summary>
public class TargetRegistryTests
{
    private static readonly Lazy<(CarTOutcomes.Clinical.Model.Cohort Cohort, IReadOnlyList<TargetEvaluation> Results)> Example = new(() =>
    {
        var c = CohortCsv.Load(StudyFiles.ExamplePath);
        return (c, TargetRegistry.Evaluate(c, StudyFiles.Targets));
    });

    private static TargetEvaluation R(string id) => Example.Value.Results.Single(r => r.Target.Id == id);

    [Fact]
    public void Every_target_gets_a_status_and_every_unevaluable_one_a_reason()
    {
        var results = Example.Value.Results;
        results.Should().HaveCount(StudyFiles.Targets.Count);
        results.Where(r => r.Status == TargetStatus.NotEvaluable).Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Reason));
        results.Where(r => r.Status != TargetStatus.NotEvaluable).Should().OnlyContain(r => r.Reproduced != null && r.Reason == null);
        TargetRegistry.EvaluableIds.Count.Should().BeGreaterThan(500);
        R("meth_alpha").Reason.Should().Contain("rule");
    }

    [Fact]
    public void Counts_follow_the_cohort()
    {
        var c = Example.Value.Cohort;
        R("res_treated_n").Reproduced.Should().Be(c.Patients.Count);
        R("res_progressed_n").Reproduced.Should().Be(c.Histories.Count(h => h.FirstProgression is not null));
        R("res_treated_n").Agrees.Should().Be(c.Patients.Count == 56);
        R("t1_male_sex_relapse_n").Reproduced.Should().Be(c.Histories.Count(h => h.FirstProgression is not null && h.Patient.Sex == Sex.Male));
    }

    [Fact]
    public void Survival_estimates_are_the_engines_in_the_papers_months_and_percent()
    {
        var os = KaplanMeier.Fit(ClinicalEndpoints.OverallSurvival(Example.Value.Cohort).ToSurvivalData(StudyConventions.Month));
        var median = R("res_os_median");
        if (double.IsNaN(os.Median.Estimate)) median.Status.Should().Be(TargetStatus.NotEvaluable);
        else median.Reproduced.Should().Be(os.Median.Estimate);
        R("res_os_36m_est").Reproduced.Should().BeApproximately(100 * os.At(36).Survival, 1e-12);
    }

    [Fact]
    public void Salvage_status_toxicity_dli_and_follow_up_counts_follow_the_example()
    {
        // Blinatumomab lines: E01 line 2 (morphologic), E06 line 2 (MRD). Inotuzumab: E03, E06 line 3 (both morphologic).
        R("res_blin_morphologic_n").Reproduced.Should().Be(1);
        R("res_ino_morphologic_n").Reproduced.Should().Be(2);
        // E01's blinatumomab CRS is grade 1 and its ICANS ungraded: no severe toxicity.
        R("res_blin_severe_tox_n").Reproduced.Should().Be(0);
        // E06's grade 3 infection on inotuzumab; E03's cytopenias are hematologic and its SOS follows the transplant.
        R("res_ino_severe_ae_n").Reproduced.Should().Be(1);
        R("res_ino_g4_infection_n").Reproduced.Should().Be(0);
        R("res_ino_sos_n").Reproduced.Should().Be(1);
        R("res_ino_g5_sos_n").Reproduced.Should().Be(0);
        // Blinatumomab/inotuzumab CRs: E01 and E03 transplanted after it; E06 not transplanted, lost to follow-up; E02's DLI is not after such a CR.
        R("res_blinino_cr_no_transplant_n").Reproduced.Should().Be(1);
        R("res_blinino_cr_no_transplant_lost_n").Reproduced.Should().Be(1);
        R("res_blinino_cr_dli_n").Reproduced.Should().Be(0);
        // E01's re-infusion: CRS onset day 1, lasting 2 days.
        R("res_reinfusion_crs_onset_median").Reproduced.Should().Be(1);
        R("res_reinfusion_crs_duration_max").Reproduced.Should().Be(2);
        // E05's isolated EM relapse is 'em' (not bone, not lymph node); E03 (MPAL) relapsed CD19+.
        R("res_isolated_em_bone_n").Reproduced.Should().Be(0);
        R("res_cd19neg_mpal_n").Reproduced.Should().Be(0);
    }

    private static IReadOnlyList<TargetEvaluation> Reinfusion(double? firstPeak, double? secondPeak, int secondIcans = 0)
    {
        // SmallCohort's P6 is the one reinfused patient (infusion 2 on day 150, CR MRD+ on day 180).
        var i = Support.SmallCohort.Input();
        i = i with
        {
            Infusions = i.Infusions.Select(x => x.PatientId != "P6" ? x
                : x.Number == 1 ? x with { PeakExpansion = firstPeak, MaxCrsGrade = 4, MaxIcansGrade = 3 }
                : x with { PeakExpansion = secondPeak, MaxIcansGrade = secondIcans, IcansTiming = secondIcans > 0 ? new ToxicityTiming(5, null) : null }).ToArray(),
        };
        var ids = new[] { "res_reinfusion_higher_expansion_n", "res_reinfusion_comparable_expansion_n", "disc_reinfusion_expansion_similar_n",
            "res_reinfusion_icans_g5_onset", "res_reinfusion_g5_prior_crs_grade", "res_reinfusion_g5_prior_icans_grade", "res_reinfusion_g5_interval" };
        return TargetRegistry.Evaluate(Support.SmallCohort.Create(i), StudyFiles.Targets.Where(t => ids.Contains(t.Id)).ToArray());
    }

    [Theory]
    [InlineData(null, 100.0, 1, 0)]      // none detected first: higher
    [InlineData(100.0, 201.0, 1, 0)]     // above two-fold: higher
    [InlineData(100.0, 200.0, 0, 1)]     // at two-fold: comparable
    [InlineData(100.0, 50.0, 0, 1)]      // at half: comparable
    [InlineData(100.0, 49.0, 0, 0)]      // below half: lower
    [InlineData(100.0, null, 0, 0)]      // none detected after re-infusion
    [InlineData(null, null, 0, 0)]
    public void Expansion_after_reinfusion_is_compared_within_a_two_fold_band(double? first, double? second, int higher, int comparable)
    {
        var r = Reinfusion(first, second).ToDictionary(x => x.Target.Id, x => x.Reproduced);
        r["res_reinfusion_higher_expansion_n"].Should().Be(higher);
        r["res_reinfusion_comparable_expansion_n"].Should().Be(comparable);
        r["disc_reinfusion_expansion_similar_n"].Should().Be(higher + comparable);
    }

    [Fact]
    public void The_grade_5_icans_patient_is_described_by_the_first_infusion()
    {
        var r = Reinfusion(1, 1, secondIcans: 5).ToDictionary(x => x.Target.Id);
        r["res_reinfusion_icans_g5_onset"].Reproduced.Should().Be(5);
        r["res_reinfusion_g5_prior_crs_grade"].Reproduced.Should().Be(4);
        r["res_reinfusion_g5_prior_icans_grade"].Reproduced.Should().Be(3);
        r["res_reinfusion_g5_interval"].Reproduced.Should().Be(150 / StudyTime.DaysPerMonth365, "the study's month is 365 / 12 days (StudyConventions.Month)");
        Reinfusion(1, 1, secondIcans: 1).Single(x => x.Target.Id == "res_reinfusion_g5_interval").Status.Should().Be(TargetStatus.NotEvaluable);
    }
}
