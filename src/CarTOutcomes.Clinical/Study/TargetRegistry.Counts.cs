using CarTOutcomes.Clinical.Model;
using H = CarTOutcomes.Clinical.Model.PatientHistory;

namespace CarTOutcomes.Clinical.Study;

public static partial class TargetRegistry
{
    private static bool Cns(H h) => (P1(h).Site & ProgressionSite.Cns) != 0;

    private static bool Em(H h) => P1(h).Site.IsExtramedullary();

    private static bool Bm(H h) => (P1(h).Site & ProgressionSite.BoneMarrow) != 0;

    /// <summary>Morphologic disease at progression: marrow blasts ≥ 5% or extramedullary disease.</summary>
    private static bool Morphologic(H h) => Em(h) || (Bm(h) && P1(h).MarrowBlastPercent is >= 5);

    private static void RegisterCounts()
    {
        Add(["abs_progressed_n", "res_progressed_n", "t1_header_relapse_n", "fig2_progressed_n", "fig3b_progressed_n", "meth_os_post_progression_n"],
            v => v.Progressed.Count);
        Add(["meth_efs_os_cohort_n", "res_treated_n", "fig1_cohort_n"], v => v.All.Count);
        Add("t1_header_norelapse_n", v => v.NonProgressed.Count);
        Add("res_progressed_pct", v => Pct(v.All, h => h.FirstProgression is not null));
        Add("res_evaluable_n", v => Count(v.All, h => FirstResponse(h) != ResponseCategory.NotEvaluable));
        Add("res_evaluable_pct", v => Pct(v.All, h => FirstResponse(h) != ResponseCategory.NotEvaluable));
        Add("res_not_evaluable_n", v => Count(v.All, h => FirstResponse(h) == ResponseCategory.NotEvaluable));
        Add("res_cr_n", v => Count(v.All, h => IsCr(FirstResponse(h))));
        Add("res_cr_pct", v => 100.0 * Count(v.All, h => IsCr(FirstResponse(h))) / Count(v.All, h => FirstResponse(h) != ResponseCategory.NotEvaluable));
        Add("res_cr_mrdneg_n", v => Count(v.All, h => FirstResponse(h) == ResponseCategory.CrMrdNegative));
        Add("res_cr_mrdpos_n", v => Count(v.All, h => FirstResponse(h) == ResponseCategory.CrMrdPositive));
        Add("res_cr_mrdunk_n", v => Count(v.All, h => FirstResponse(h) == ResponseCategory.CrMrdUnknown));
        Add("res_refractory_n", v => Count(v.All, h => FirstResponse(h) == ResponseCategory.Refractory));
        Add("res_mrdpos_cr_relapsed_n", v => Count(v.Relapsed, h => FirstResponse(h) == ResponseCategory.CrMrdPositive));
        Add("res_severe_crs_n", v => Count(v.All, h => h.FirstInfusion.MaxCrsGrade >= 3));
        Add("res_severe_crs_pct", v => Pct(v.All, h => h.FirstInfusion.MaxCrsGrade >= 3));
        Add("res_severe_icans_n", v => Count(v.All, h => h.FirstInfusion.MaxIcansGrade >= 3));
        Add("res_severe_icans_pct", v => Pct(v.All, h => h.FirstInfusion.MaxIcansGrade >= 3));
        Add("res_tocilizumab_n", v => Count(v.All, h => h.FirstInfusion.Tocilizumab is not null));
        Add("res_tocilizumab_pct", v => Pct(v.All, h => h.FirstInfusion.Tocilizumab is not null));
        Mmm("res_tocilizumab_day", v => v.All.Where(h => h.FirstInfusion.Tocilizumab is not null).Select(h => h.FirstInfusion.Tocilizumab!.StartDay));
        Add("res_corticosteroid_n", v => Count(v.All, h => h.FirstInfusion.Corticosteroid is not null));
        Add("res_corticosteroid_pct", v => Pct(v.All, h => h.FirstInfusion.Corticosteroid is not null));
        Mmm("res_corticosteroid_day", v => v.All.Where(h => h.FirstInfusion.Corticosteroid is not null).Select(h => h.FirstInfusion.Corticosteroid!.StartDay));
        Add("res_refractory_of_progressed_n", v => Count(v.Progressed, h => P1(h).Type == ProgressionType.Refractory));
        Add("res_refractory_of_progressed_pct", v => Pct(v.Progressed, h => P1(h).Type == ProgressionType.Refractory));
        Add("res_relapsed_of_progressed_n", v => v.Relapsed.Count);
        Add("res_relapsed_of_progressed_pct", v => Pct(v.Progressed, h => P1(h).Type == ProgressionType.Relapse));
        Add(["res_age_progressed_median", "t1_age_relapse_median"], v => Median(v.Progressed.Select(h => h.Patient.AgeYears)));
        Add(["res_age_progressed_min", "t1_age_relapse_min"], v => Min(v.Progressed.Select(h => h.Patient.AgeYears)));
        Add(["res_age_progressed_max", "t1_age_relapse_max"], v => Max(v.Progressed.Select(h => h.Patient.AgeYears)));
        Add("res_highrisk_cyto_n", v => Count(v.Progressed, h => h.Patient.CytogeneticRisk == CytogeneticRisk.High));
        Add("res_highrisk_cyto_pct", v => Pct(v.Progressed, h => h.Patient.CytogeneticRisk == CytogeneticRisk.High));
        Add(["res_prior_hsct_n", "t1_prior_hsct_relapse_n"], v => Count(v.Progressed, h => h.Patient.PriorHsct));
        Add(["res_prior_hsct_pct", "disc_prior_hsct_pct", "t1_prior_hsct_relapse_pct"], v => Pct(v.Progressed, h => h.Patient.PriorHsct));
        Add(["res_ph_pos_n", "t1_ph_pos_relapse_n"], v => Count(v.Progressed, h => h.Patient.Ph == PhStatus.Positive));
        Add(["res_ph_pos_pct", "t1_ph_pos_relapse_pct"], v => Pct(v.Progressed, h => h.Patient.Ph == PhStatus.Positive));
        Add(["res_prior_lines_progressed_median", "disc_prior_lines_median", "t1_prior_lines_relapse_median"], v => Median(v.Progressed.Select(h => (double)h.Patient.PriorLines)));
        Add(["res_prior_lines_progressed_min", "t1_prior_lines_relapse_min"], v => Min(v.Progressed.Select(h => (double)h.Patient.PriorLines)));
        Add(["res_prior_lines_progressed_max", "t1_prior_lines_relapse_max"], v => Max(v.Progressed.Select(h => (double)h.Patient.PriorLines)));
        Add("res_morph_at_progression_n", v => Count(v.Progressed, Morphologic));
        Add("res_morph_at_progression_pct", v => Pct(v.Progressed, Morphologic));
        Add("res_mrdpos_at_progression_n", v => Count(v.Progressed, h => !Morphologic(h)));
        Add("res_mrdpos_at_progression_pct", v => Pct(v.Progressed, h => !Morphologic(h)));
        Mmm("res_time_to_relapse", v => v.Relapsed.Select(h => Months(P1(h).Day)));
        Add("abs_time_to_progression_median", v => Median(v.Relapsed.Select(h => Months(P1(h).Day))));
        Add("res_consolidative_hsct_relapsed_n", v => Count(v.Relapsed, h => h.Transplants.Any(t => t.Setting == TransplantSetting.Consolidation)));
        Add("res_bm_site_n", v => Count(v.Progressed, Bm));
        // Marrow blasts at morphologic marrow disease (blasts >= 5%); the two MRD-level relapses are left out.
        Mmm("res_bm_blasts", v => v.Progressed.Where(Bm).Select(h => P1(h).MarrowBlastPercent ?? double.NaN).Where(x => x >= 5));
        Add("res_em_disease_n", v => Count(v.Progressed, Em));
        Add("res_em_disease_pct", v => Pct(v.Progressed, Em));
        Add("res_em_cns_n", v => Count(v.Progressed, Cns));
        Add("res_isolated_em_n", v => Count(v.Progressed, h => Em(h) && !Bm(h)));
        Add("res_isolated_em_cns_n", v => Count(v.Progressed, h => P1(h).Site == ProgressionSite.Cns));
        Add("res_isolated_em_bone_n", v => Count(v.Progressed, h => P1(h).Site == ProgressionSite.Bone));
        Add("res_isolated_em_ln_n", v => Count(v.Progressed, h => P1(h).Site == ProgressionSite.LymphNode));
        // Results: "1 patient with the diagnosis of Ph+ acute mixed phenotypic leukemia ... who relapsed with CD19- myeloid leukemia".
        Add("res_cd19neg_mpal_n", v => Count(v.Progressed, h => P1(h).Cd19 == Cd19Status.Negative && P1(h).Lineage == LeukemiaLineage.Myeloid
            && h.Patient.Diagnosis == LeukemiaDiagnosis.MixedPhenotype && h.Patient.Ph == PhStatus.Positive));
        Add("res_phenotyped_n", v => Count(v.Progressed, h => P1(h).Cd19 != Cd19Status.Unknown));
        Add("res_phenotyped_pct", v => Pct(v.Progressed, h => P1(h).Cd19 != Cd19Status.Unknown));
        Add("res_cd19neg_n", v => Count(v.Progressed, h => P1(h).Cd19 == Cd19Status.Negative));
        Add("res_cd19neg_pct", v => Pct(v.Progressed.Where(h => P1(h).Cd19 != Cd19Status.Unknown).ToArray(), h => P1(h).Cd19 == Cd19Status.Negative));
        Add("res_time_to_cd19neg_relapse_median", v => Median(v.Progressed.Where(h => P1(h).Cd19 == Cd19Status.Negative).Select(h => Months(P1(h).Day))));
        Add("res_time_to_cd19pos_relapse_median", v => Median(v.Progressed.Where(h => P1(h).Cd19 == Cd19Status.Positive).Select(h => Months(P1(h).Day))));
        Add("res_time_to_relapse_cd19_p", v => Survival.Comparisons.Wilcoxon.RankSum(
            v.Progressed.Where(h => P1(h).Cd19 == Cd19Status.Negative).Select(h => Months(P1(h).Day)).ToArray(),
            v.Progressed.Where(h => P1(h).Cd19 == Cd19Status.Positive).Select(h => Months(P1(h).Day)).ToArray()).PValue);
        Add("abs_salvage_n", v => v.Salvage.Count);
        Add("abs_salvage_pct", v => Pct(v.Progressed, h => h.SalvageLines.Count > 0));
        Add("abs_salvage_cr_n", v => v.SalvageCr.Count);
        Add(["abs_salvage_cr_pct", "disc_salvage_response_pct"], v => Pct(v.Salvage, h => h.FirstSalvageCr is not null));
        Add(["abs_blinino_n", "t4_title_n", "res_blinino_n", "disc_blinino_n"], v => v.BlinIno.Count);
        Add(["abs_blinino_cr_n", "res_blinino_cr_n", "disc_blinino_cr_n"], v => Count(v.BlinIno, BlinInoCr));
        Add(["abs_blinino_cr_pct", "disc_blinino_cr_pct"], v => Pct(v.BlinIno, BlinInoCr));
    }

    private static bool BlinInoCr(H h) => h.SalvageLines.Any(s => StudyView.IsBlinOrIno(s) && s.Response?.IsCompleteRemission() == true);
}
