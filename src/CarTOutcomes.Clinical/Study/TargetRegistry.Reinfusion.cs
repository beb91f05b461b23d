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
        RegisterReinfusionToxicityTiming();
        RegisterReinfusionRelapseTiming();
        RegisterExpansionComparison();
    }

    /// <summary>The value for the one reinfused patient matching <paramref name="which"/>; NaN unless exactly one matches.</summary>
    private static double OnePatient(StudyView v, Func<H, bool> which, Func<H, double?> value)
    {
        var match = v.Reinfused.Where(which).ToArray();
        return match.Length == 1 && value(match[0]) is double x ? x : double.NaN;
    }

    private static void RegisterReinfusionToxicityTiming()
    {
        Mmm("res_reinfusion_crs_onset", v => v.Reinfused.Select(h => Second(h).CrsTiming?.OnsetDays).OfType<double>());
        Mmm("res_reinfusion_crs_duration", v => v.Reinfused.Select(h => Second(h).CrsTiming?.DurationDays).OfType<double>());
        Add("res_reinfusion_icans_g1_onset", v => OnePatient(v, h => Second(h).MaxIcansGrade == 1, h => Second(h).IcansTiming?.OnsetDays));
        Add("res_reinfusion_icans_g5_onset", v => OnePatient(v, h => Second(h).MaxIcansGrade == 5, h => Second(h).IcansTiming?.OnsetDays));
        // The patient with grade 5 ICANS after the re-infusion: grades with the first infusion, and months between the two.
        Add("res_reinfusion_g5_prior_crs_grade", v => OnePatient(v, h => Second(h).MaxIcansGrade == 5, h => h.FirstInfusion.MaxCrsGrade));
        Add("res_reinfusion_g5_prior_icans_grade", v => OnePatient(v, h => Second(h).MaxIcansGrade == 5, h => h.FirstInfusion.MaxIcansGrade));
        Add("res_reinfusion_g5_interval", v => OnePatient(v, h => Second(h).MaxIcansGrade == 5, h => Months(Second(h).Day - h.FirstInfusion.Day)));
    }

    /// <summary>Day of the CR to the re-infusion, or null.</summary>
    private static double? ReinfusionCrDay(H h)
        => h.Responses.FirstOrDefault(r => r.InfusionNumber == 2 && r.Category.IsCompleteRemission())?.Day;

    private static void RegisterReinfusionRelapseTiming()
    {
        // "After achieving CR, 1 patient underwent consolidative alloHSCT, but relapsed at 4 months": months from that transplant to the next relapse.
        Add("res_reinfusion_cr_allo_relapse_time", v => OnePatient(v, h => ReinfusionCrDay(h) is not null && AlloAfterSalvage(h).Any(t => t.Day > Second(h).Day),
            h =>
            {
                var allo = AlloAfterSalvage(h).First(t => t.Day > Second(h).Day).Day;
                return h.Progressions.FirstOrDefault(p => p.Day > allo) is { } p ? Months(p.Day - allo) : null;
            }));
        // "the other 2 patients subsequently relapsed within 3 months": the longest time from the re-infusion CR to the next
        // relapse among the CR patients without a transplant after the re-infusion who relapsed.
        Add("res_reinfusion_cr_relapse_within", v => Max(v.Reinfused
            .Where(h => ReinfusionCrDay(h) is not null && !AlloAfterSalvage(h).Any(t => t.Day > Second(h).Day))
            .Select(h => h.Progressions.FirstOrDefault(p => p.Day > ReinfusionCrDay(h)) is { } p ? Months(p.Day - ReinfusionCrDay(h)!.Value) : double.NaN)
            .Where(x => !double.IsNaN(x))));
    }

    /// <summary>
    /// The fold band of <see cref="CompareExpansion"/>: peaks within a factor of 2 of each other are comparable (a
    /// two-fold change is the usual threshold for a difference in vector copy numbers by qPCR).
    /// </summary>
    private const double ExpansionFold = 2;

    /// <summary>How the second peak compares with the first, by the rule of <see cref="ExpansionFold"/>.</summary>
    private enum ExpansionComparison { NotDetected, Lower, Comparable, Higher }

    /// <summary>
    /// Named rule for "higher" and "comparable" expansion after re-infusion (Results: MSK36 higher; MSK17, MSK29, MSK56
    /// comparable; Discussion: "similar or higher ... in 4 of 10"), on the peaks printed in Table 5: no peak after the
    /// re-infusion is <c>NotDetected</c>; a second peak with no first peak (none detected, as the registry reads a blank
    /// peak everywhere), or above 2 × the first, is <c>Higher</c>; within [first / 2, 2 × first] it is <c>Comparable</c>;
    /// below, <c>Lower</c>.
    /// </summary>
    private static ExpansionComparison CompareExpansion(H h)
    {
        if (Second(h).PeakExpansion is not double second) return ExpansionComparison.NotDetected;
        if (h.FirstInfusion.PeakExpansion is not double first || second > ExpansionFold * first) return ExpansionComparison.Higher;
        return second >= first / ExpansionFold ? ExpansionComparison.Comparable : ExpansionComparison.Lower;
    }

    private static void RegisterExpansionComparison()
    {
        Add("res_reinfusion_higher_expansion_n", v => Count(v.Reinfused, h => CompareExpansion(h) == ExpansionComparison.Higher));
        Add("res_reinfusion_comparable_expansion_n", v => Count(v.Reinfused, h => CompareExpansion(h) == ExpansionComparison.Comparable));
        Add("disc_reinfusion_expansion_similar_n", v => Count(v.Reinfused, h => CompareExpansion(h) is ExpansionComparison.Comparable or ExpansionComparison.Higher));
    }

    private static void RegisterUnevaluable()
    {
        const string rule = "a rule or threshold of the analysis, not a number computed from the cohort";
        No(rule, "meth_cr_bm_blast_threshold", "meth_mrd_sensitivity", "meth_relapse_blast_threshold", "meth_alpha",
            "meth_mv_inclusion_p", "res_mv_inclusion_p", "t3_footnote_mv_inclusion_p", "t2_age_cutoff", "t2_prior_lines_cutoff");
    }
}
