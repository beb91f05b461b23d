using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.TimeDependent;

namespace CarTOutcomes.Clinical.Study;

public static partial class TargetRegistry
{
    /// <summary>
    /// Table 2: univariate cause-specific Cox models of R/R disease (all 56; time from infusion to first progression,
    /// censored at death or last contact). Table 3: Cox models of survival after progression (38), with salvage and
    /// blinatumomab/inotuzumab salvage as time-dependent covariates, and the multivariable model of the factors with
    /// univariate P ≤ .10. Efron ties, Wald CIs and P (R: <c>coxph</c> defaults).
    /// </summary>
    private static void RegisterTables23()
    {
        Hr("t2_age_gt40", v => v.Table2("age_gt40", h => B(h.Patient.AgeYears > 40)));
        Hr("t2_male", v => v.Table2("male", h => B(h.Patient.Sex == Sex.Male)));
        Hr("t2_prior_lines_gt3", v => v.Table2("lines_gt3", h => B(h.Patient.PriorLines > 3)));
        Hr("t2_ph_pos", v => v.Table2("ph", h => B(h.Patient.Ph == PhStatus.Positive)));
        Hr("t2_prior_hsct", v => v.Table2("prior_hsct", h => B(h.Patient.PriorHsct)));
        Hr("t2_prior_blin", v => v.Table2("prior_blin", h => B(h.Patient.PriorBlinatumomab)));
        Hr("t2_prior_ino", v => v.Table2("prior_ino", h => B(h.Patient.PriorInotuzumab)));
        Hr("t2_bridging_nonintensive", v => v.Table2("bridging", h => B(h.FirstInfusion.Bridging != BridgingTherapy.Intensive)));
        Hr("t2_ldh_normal", v => v.Table2("ldh_normal", h => h.Patient.LdhHigh is bool b ? B(!b) : double.NaN));
        Hr("t2_platelets_normal", v => v.Table2("plt_normal", h => h.Patient.PlateletsLow is bool b ? B(!b) : double.NaN));
        // Disease status: morphologic vs MRD or no evidence of disease.
        Hr("t2_morphologic", v => v.Table2("morphologic", h => B(h.FirstInfusion.DiseaseBurden == DiseaseBurden.Morphologic)));
        Add(["res_disease_burden_hr"], v => v.Table2("morphologic", h => B(h.FirstInfusion.DiseaseBurden == DiseaseBurden.Morphologic)).HazardRatio);
        Add(["res_disease_burden_hr_lower"], v => v.Table2("morphologic", h => B(h.FirstInfusion.DiseaseBurden == DiseaseBurden.Morphologic)).Lower);
        Add(["res_disease_burden_hr_upper"], v => v.Table2("morphologic", h => B(h.FirstInfusion.DiseaseBurden == DiseaseBurden.Morphologic)).Upper);
        Add(["res_disease_burden_p"], v => v.Table2("morphologic", h => B(h.FirstInfusion.DiseaseBurden == DiseaseBurden.Morphologic)).PValue);
        Hr("t2_flu_ld", v => v.Table2("flu", h => B(h.FirstInfusion.Lymphodepletion?.Contains("Flu", StringComparison.Ordinal) == true)));
        Hr("t2_crs", v => v.Table2("crs", h => h.FirstInfusion.MaxCrsGrade is int g ? B(g > 0) : double.NaN));
        Hr("t2_icans", v => v.Table2("icans", h => h.FirstInfusion.MaxIcansGrade is int g ? B(g > 0) : double.NaN));
        Hr("t2_steroid", v => v.Table2("steroid", h => B(h.FirstInfusion.Corticosteroid is not null)));
        Hr("t2_tocilizumab", v => v.Table2("toci", h => B(h.FirstInfusion.Tocilizumab is not null)));
        // Continuous steroid covariates: among the steroid-exposed patients (others are NaN and dropped).
        Hr("t2_steroid_duration", v => v.Table2("steroid_days", h => h.FirstInfusion.Corticosteroid?.DurationDays ?? double.NaN));
        Hr("t2_steroid_dose", v => v.Table2("steroid_dose", h => h.FirstInfusion.Corticosteroid?.DoseIntensity ?? double.NaN));
        // The study enters consolidative HSCT as a baseline indicator (immortal-time bias); reproduced under the named
        // opt-in, the time-dependent form is StudyView.Table2TimeDependent (docs/time-dependent.md).
        Hr("t2_hsct_consolidation", v => v.Table2("hsct_consolidation",
            PostInfusionFacts.BaselineIndicator(PostInfusionFact.ConsolidativeHsct, ImmortalTimeOptIn.ReproduceStudyBaselineIndicator)));

        Hr("t3_uni_age_gt40", v => v.Table3("age_over_40").Coefficients[0]);
        Hr("t3_uni_male", v => v.Table3("male").Coefficients[0]);
        Hr("t3_uni_ph_pos", v => v.Table3("ph_positive").Coefficients[0]);
        Hr("t3_uni_prior_hsct", v => v.Table3("prior_hsct").Coefficients[0]);
        Hr("t3_uni_prior_blinino", v => v.Table3("prior_blin_or_ino").Coefficients[0]);
        Hr("t3_uni_bridging_nonintensive", v => v.Table3("bridging_none_or_nonintensive").Coefficients[0]);
        Hr("t3_uni_time_to_relapse", v => v.Table3(ProgressionDatasets.MonthsToProgression).Coefficients[0]);
        Hr("t3_uni_bm_blasts", v => v.Table3("marrow_blasts").Coefficients[0]);
        Hr("t3_uni_em_relapse", v => v.Table3("extramedullary").Coefficients[0]);
        Hr("t3_uni_cd19_pos", v => v.Table3("cd19_positive").Coefficients[0]);
        Hr("t3_uni_salvage", v => v.Table3TimeDependent(ProgressionDatasets.SalvageReceived));
        Hr("res_salvage_os", v => v.Table3TimeDependent(ProgressionDatasets.SalvageReceived));
        Hr("t3_uni_salvage_blinino", v => v.Table3TimeDependent(ProgressionDatasets.BlinatumomabOrInotuzumabSalvage));
        Hr("res_salvage_cr_os", v => v.Table3TimeDependent(ProgressionDatasets.CrAfterSalvage, v.Salvage.Select(h => h.Patient.Id).ToHashSet()));
        string[] mv = ["bridging_none_or_nonintensive", ProgressionDatasets.MonthsToProgression, "marrow_blasts"];
        Hr("t3_mv_bridging_nonintensive", v => v.Table3(mv).Coefficients[0]);
        Hr("t3_mv_time_to_relapse", v => v.Table3(mv).Coefficients[1]);
        Hr("res_mv_time_to_progression", v => v.Table3(mv).Coefficients[1]);
        Hr("t3_mv_bm_blasts", v => v.Table3(mv).Coefficients[2]);
    }
}
