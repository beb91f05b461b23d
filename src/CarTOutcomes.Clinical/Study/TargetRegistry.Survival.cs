using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study;

public static partial class TargetRegistry
{
    /// <summary>
    /// Kaplan–Meier and cumulative-incidence estimates (R: <c>survfit</c>, default log confidence transform; the
    /// library's cumulative incidence with its default interval), in months of 365/12 days (<see cref="StudyConventions.Month"/>); estimates
    /// at a landmark are percents.
    /// </summary>
    private static void RegisterSurvival()
    {
        Add("res_os_median", v => v.Km("os", () => ClinicalEndpoints.OverallSurvival(v.Cohort)).Median.Estimate);
        Add("res_os_lower", v => v.Km("os", () => ClinicalEndpoints.OverallSurvival(v.Cohort)).Median.Lower);
        Add("res_os_upper", v => v.Km("os", () => ClinicalEndpoints.OverallSurvival(v.Cohort)).Median.Upper);
        Add(["res_os_36m_est", "fig1b_os_36m_est"], v => 100 * v.Km("os", () => ClinicalEndpoints.OverallSurvival(v.Cohort)).At(36).Survival);
        Add(["res_os_36m_lower", "fig1b_os_36m_lower"], v => 100 * v.Km("os", () => ClinicalEndpoints.OverallSurvival(v.Cohort)).At(36).Lower);
        Add(["res_os_36m_upper", "fig1b_os_36m_upper"], v => 100 * v.Km("os", () => ClinicalEndpoints.OverallSurvival(v.Cohort)).At(36).Upper);
        Add(["res_efs_36m_est", "fig1a_efs_36m_est"], v => 100 * v.Km("efs", () => ClinicalEndpoints.EventFreeSurvival(v.Cohort)).At(36).Survival);
        Add(["res_efs_36m_lower", "fig1a_efs_36m_lower"], v => 100 * v.Km("efs", () => ClinicalEndpoints.EventFreeSurvival(v.Cohort)).At(36).Lower);
        Add(["res_efs_36m_upper", "fig1a_efs_36m_upper"], v => 100 * v.Km("efs", () => ClinicalEndpoints.EventFreeSurvival(v.Cohort)).At(36).Upper);
        Add(["res_cif_rr_12m_est", "fig1c_cif_rr_12m_est"], v => 100 * v.RrIncidence.At(12).Estimate);
        Add(["res_cif_rr_12m_lower", "fig1c_cif_rr_12m_lower"], v => 100 * v.RrIncidence.At(12).Lower);
        Add(["res_cif_rr_12m_upper", "fig1c_cif_rr_12m_upper"], v => 100 * v.RrIncidence.At(12).Upper);
        // Median follow-up by the reverse Kaplan–Meier method (the paper does not state the estimator).
        Add("res_followup_median", v => v.Cached("fu", () => ClinicalEndpoints.MedianFollowUp(v.Cohort, StudyConventions.Month)).Median);
        Add("res_followup_iqr_low", v => v.Cached("fu", () => ClinicalEndpoints.MedianFollowUp(v.Cohort, StudyConventions.Month)).LowerQuartile);
        Add("res_followup_iqr_high", v => v.Cached("fu", () => ClinicalEndpoints.MedianFollowUp(v.Cohort, StudyConventions.Month)).UpperQuartile);
        Add("res_followup_post_progression_median", v => v.Cached("fup", () => ClinicalEndpoints.MedianFollowUpAfterProgression(v.Cohort, StudyConventions.Month)).Median);
        Func<StudyView, Survival.Estimators.KaplanMeierResult> osp = v => v.Km("osp", () => ClinicalEndpoints.SurvivalAfterProgression(v.Cohort));
        Add(["abs_os_after_progression_median", "fig3b_os_median", "res_os_post_progression_median"], v => osp(v).Median.Estimate);
        Add(["fig3b_os_lower", "res_os_post_progression_lower"], v => osp(v).Median.Lower);
        Add(["fig3b_os_upper", "res_os_post_progression_upper"], v => osp(v).Median.Upper);
        Add(["fig3b_os_12m_est", "res_os_post_progression_12m_est"], v => 100 * osp(v).At(12).Survival);
        Add(["fig3b_os_12m_lower", "res_os_post_progression_12m_lower"], v => 100 * osp(v).At(12).Lower);
        Add(["fig3b_os_12m_upper", "res_os_post_progression_12m_upper"], v => 100 * osp(v).At(12).Upper);
        Func<StudyView, Survival.Estimators.KaplanMeierResult> efsCr = v => v.Km("efscr", () => ClinicalEndpoints.EventFreeSurvivalAfterSalvageCr(v.Cohort));
        Add(["res_salvage_cr_efs_median", "disc_salvage_cr_efs_median", "fig3a_efs_median"], v => efsCr(v).Median.Estimate);
        Add("res_salvage_cr_efs_median_lower", v => efsCr(v).Median.Lower);
        // Remission duration after CR to salvage: plain median and range of the observed durations (months).
        Func<StudyView, IEnumerable<double>> rd = v => ClinicalEndpoints.RemissionDurationAfterSalvageCr(v.Cohort).Times(StudyConventions.Month);
        Mmm("res_remission_duration", rd);
        Add("fig3a_efs_min", v => Min(rd(v)));
        Add("fig3a_efs_max", v => Max(rd(v)));
        // OS from progression among salvage-treated patients with / without CR to any salvage line.
        Func<StudyView, Survival.Estimators.KaplanMeierResult> osCr = v => v.KmOf("oscr", () => ClinicalEndpoints.SurvivalAfterProgression(v.Cohort),
            v.SalvageCr.Select(h => h.Patient.Id).ToHashSet());
        Func<StudyView, Survival.Estimators.KaplanMeierResult> osNonCr = v => v.KmOf("osnoncr", () => ClinicalEndpoints.SurvivalAfterProgression(v.Cohort),
            v.Salvage.Where(h => h.FirstSalvageCr is null).Select(h => h.Patient.Id).ToHashSet());
        Add("res_os_salvage_cr_median", v => osCr(v).Median.Estimate);
        Add("res_os_salvage_cr_lower", v => osCr(v).Median.Lower);
        Add("res_os_salvage_noncr_median", v => osNonCr(v).Median.Estimate);
        Add("res_os_salvage_noncr_lower", v => osNonCr(v).Median.Lower);
        Add("res_os_salvage_noncr_upper", v => osNonCr(v).Median.Upper);
    }
}
