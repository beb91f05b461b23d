using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.Comparisons;
using H = CarTOutcomes.Clinical.Model.PatientHistory;

namespace CarTOutcomes.Clinical.Study;

public static partial class TargetRegistry
{
    private static CarTInfusion Second(H h) => h.Infusions[1];

    private static ResponseCategory? SecondResponse(H h) => h.Responses.LastOrDefault(r => r.InfusionNumber == 2)?.Category;

    private static int ReinfusionLine(H h) => h.SalvageLines.First(s => s.Class == SalvageClass.CarTReinfusion).Number;

    private static bool Flu(CarTInfusion x) => x.Lymphodepletion?.Contains("Flu", StringComparison.Ordinal) == true;

    /// <summary>CAR T-cell retreatment (Table 5 and the Results section on it).</summary>
    private static void RegisterReinfusion()
    {
        Add(["t5_title_n", "res_reinfusion_n", "fig4_reinfusion_n"], v => v.Reinfused.Count);
        Add("res_reinfusion_pct", v => Pct(v.Progressed, h => h.Infusions.Count > 1));
        Add("res_reinfusion_for_mrd_n", v => Count(v.Reinfused, h => Second(h).DiseaseBurden == DiseaseBurden.Mrd));
        Add("res_reinfusion_for_morphologic_n", v => Count(v.Reinfused, h => Second(h).DiseaseBurden == DiseaseBurden.Morphologic));
        Mmm("res_reinfusion_day", v => v.Reinfused.Select(h => Second(h).Day));
        for (int k = 1; k <= 3; k++)
        {
            int line = k;
            Add($"res_reinfusion_line{k}_n", v => Count(v.Reinfused, h => ReinfusionLine(h) == line));
        }
        Add("res_reinfusion_crs_n", v => Count(v.Reinfused, h => Second(h).MaxCrsGrade > 0));
        Add("res_reinfusion_crs_pct", v => Pct(v.Reinfused, h => Second(h).MaxCrsGrade > 0));
        for (int g = 1; g <= 3; g++)
        {
            int grade = g;
            Add($"res_reinfusion_crs_g{g}_n", v => Count(v.Reinfused, h => Second(h).MaxCrsGrade == grade));
        }
        Add("res_reinfusion_icans_n", v => Count(v.Reinfused, h => Second(h).MaxIcansGrade > 0));
        Add("res_reinfusion_icans_g1_n", v => Count(v.Reinfused, h => Second(h).MaxIcansGrade == 1));
        Add("res_reinfusion_icans_g5_n", v => Count(v.Reinfused, h => Second(h).MaxIcansGrade == 5));
        Add("res_reinfusion_flucy_n", v => Count(v.Reinfused, h => Flu(Second(h))));
        Add("res_reinfusion_cy_n", v => Count(v.Reinfused, h => !Flu(Second(h))));
        Add("res_reinfusion_cr_n", v => Count(v.Reinfused, h => IsCr(SecondResponse(h))));
        Add(["res_reinfusion_cr_pct", "disc_reinfusion_cr_pct"], v => Pct(v.Reinfused, h => IsCr(SecondResponse(h))));
        Add("res_reinfusion_cr_mrd_n", v => Count(v.Reinfused, h => SecondResponse(h) == ResponseCategory.CrMrdPositive));
        Add("res_reinfusion_first_line_n", v => Count(v.Reinfused, h => ReinfusionLine(h) == 1));
        Add("res_reinfusion_first_line_cr_n", v => Count(v.Reinfused, h => ReinfusionLine(h) == 1 && IsCr(SecondResponse(h))));
        Add("res_reinfusion_first_line_day_median", v => Median(v.Reinfused.Where(h => ReinfusionLine(h) == 1).Select(h => Second(h).Day)));
        Add("res_reinfusion_later_line_n", v => Count(v.Reinfused, h => ReinfusionLine(h) > 1));
        Add("res_reinfusion_later_line_cr_n", v => Count(v.Reinfused, h => ReinfusionLine(h) > 1 && IsCr(SecondResponse(h))));
        Add("res_reinfusion_later_line_day_median", v => Median(v.Reinfused.Where(h => ReinfusionLine(h) > 1).Select(h => Second(h).Day)));
        Add("res_reinfusion_expansion_n", v => Count(v.Reinfused, h => Second(h).PeakExpansion is not null));
        Add("res_reinfusion_expansion_flucy_n", v => Count(v.Reinfused, h => Second(h).PeakExpansion is not null && Flu(Second(h))));
        Add("res_reinfusion_expansion_cy_n", v => Count(v.Reinfused, h => Second(h).PeakExpansion is not null && !Flu(Second(h))));
        Mmm("res_reinfusion_peak", v => v.Reinfused.Select(h => Second(h).PeakExpansion).OfType<double>());
        Mmm("res_initial_peak", v => v.Reinfused.Select(h => h.FirstInfusion.PeakExpansion).OfType<double>());
        // Test not stated: Wilcoxon rank-sum of the printed first-infusion peaks against the second-infusion peaks.
        Add("res_peak_p", v => Wilcoxon.RankSum(v.Reinfused.Select(h => h.FirstInfusion.PeakExpansion).OfType<double>().ToArray(),
            v.Reinfused.Select(h => Second(h).PeakExpansion).OfType<double>().ToArray()).PValue);
        Add("res_reinfusion_cr_allo_n", v => Count(v.Reinfused, h => IsCr(SecondResponse(h)) && AlloAfterSalvage(h).Any(t => t.Day > Second(h).Day)));
        Add("res_reinfusion_cr_died_n", v => Count(v.Reinfused, h => IsCr(SecondResponse(h)) && Dead(h, CauseOfDeath.TreatmentRelated)
            && !h.Progressions.Any(p => p.Day > Second(h).Day)));
        Add("res_reinfusion_cr_relapsed_n", v => Count(v.Reinfused, h => IsCr(SecondResponse(h)) && h.Progressions.Any(p => p.Day > Second(h).Day)
            && !AlloAfterSalvage(h).Any(t => t.Day > Second(h).Day)));
        Add("disc_reinfusion_alive_n", v => Count(v.Reinfused, h => !h.Died));
    }

    private static void RegisterUnevaluable()
    {
        const string rule = "a rule or threshold of the analysis, not a number computed from the cohort";
        No(rule, "meth_cr_bm_blast_threshold", "meth_mrd_sensitivity", "meth_relapse_blast_threshold", "meth_alpha",
            "meth_mv_inclusion_p", "res_mv_inclusion_p", "t3_footnote_mv_inclusion_p", "t2_age_cutoff", "t2_prior_lines_cutoff");
        const string model = "the cohort model has no field for it";
        No(model + " (isolated EM sites other than CNS are one 'extramedullary' flag)", "res_isolated_em_bone_n", "res_isolated_em_ln_n");
        No(model + " (mixed-phenotype diagnosis)", "res_cd19neg_mpal_n");
        No(model + " (disease status at the start of each salvage line)", "res_blin_morphologic_n", "res_ino_morphologic_n");
        No(model + " (toxicities of salvage drugs: CRS/ICANS after blinatumomab, infections, SOS)", "res_blin_severe_tox_n",
            "res_ino_severe_ae_n", "res_ino_g4_infection_n", "res_ino_g5_sos_n", "res_ino_sos_n");
        No(model + " (donor lymphocyte infusion)", "res_blinino_cr_dli_n", "res_blinino_cr_no_transplant_n", "res_blinino_cr_no_transplant_lost_n");
        No(model + " (onset and duration of CRS/ICANS after reinfusion)", "res_reinfusion_crs_onset_median", "res_reinfusion_crs_onset_min",
            "res_reinfusion_crs_onset_max", "res_reinfusion_crs_duration_median", "res_reinfusion_crs_duration_min",
            "res_reinfusion_crs_duration_max", "res_reinfusion_icans_g1_onset", "res_reinfusion_icans_g5_onset");
        No(model + " (toxicity grades of one infusion described in the text only)", "res_reinfusion_g5_prior_crs_grade",
            "res_reinfusion_g5_prior_icans_grade", "res_reinfusion_g5_interval");
        No("a judgement on expansion curves (Figure 4), not a computed number", "res_reinfusion_higher_expansion_n",
            "res_reinfusion_comparable_expansion_n", "disc_reinfusion_expansion_similar_n");
        No(model + " (relapse timing of individual patients after reinfusion CR is described, not defined)",
            "res_reinfusion_cr_allo_relapse_time", "res_reinfusion_cr_relapse_within");
    }
}
