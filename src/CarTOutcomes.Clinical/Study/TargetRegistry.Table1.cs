using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.Comparisons;
using H = CarTOutcomes.Clinical.Model.PatientHistory;

namespace CarTOutcomes.Clinical.Study;

public static partial class TargetRegistry
{
    /// <summary>
    /// Table 1: counts and percents by group (progressed 38 vs not 18), medians and ranges, and P values with the test
    /// that reproduces the printed value on the printed counts (see the notes column of targets.csv).
    /// </summary>
    private static void RegisterTable1()
    {
        Group("male_sex", h => h.Patient.Sex == Sex.Male);
        Group("ph_pos", h => h.Patient.Ph == PhStatus.Positive, relapseToo: false);
        Group("ph_p190", h => h.Patient.PhSubtype == PhSubtype.P190);
        Group("ph_p210", h => h.Patient.PhSubtype == PhSubtype.P210);
        Group("prior_blin", h => h.Patient.PriorBlinatumomab);
        Group("prior_ino", h => h.Patient.PriorInotuzumab);
        Group("prior_hsct", h => h.Patient.PriorHsct, relapseToo: false);
        Group("bridging_intensive", h => h.FirstInfusion.Bridging == BridgingTherapy.Intensive);
        Group("bridging_nonintensive", h => h.FirstInfusion.Bridging == BridgingTherapy.Nonintensive);
        Group("bridging_none", h => h.FirstInfusion.Bridging == BridgingTherapy.None);
        Group("burden_morphologic", h => h.FirstInfusion.DiseaseBurden == DiseaseBurden.Morphologic);
        Group("burden_mrd", h => h.FirstInfusion.DiseaseBurden == DiseaseBurden.Mrd);
        Group("burden_ned", h => h.FirstInfusion.DiseaseBurden == DiseaseBurden.NoEvidence);
        Group("crs_any", h => h.FirstInfusion.MaxCrsGrade > 0);
        Group("crs_grade3plus", h => h.FirstInfusion.MaxCrsGrade >= 3);
        Group("icans_any", h => h.FirstInfusion.MaxIcansGrade > 0);
        Group("icans_grade3plus", h => h.FirstInfusion.MaxIcansGrade >= 3);
        Group("tocilizumab", h => h.FirstInfusion.Tocilizumab is not null);
        Group("corticosteroid", h => h.FirstInfusion.Corticosteroid is not null);
        Group("hsct_consolidation", h => h.Transplants.Any(t => t.Setting == TransplantSetting.Consolidation));
        Add("t1_footnote_prior_both_n", v => Count(v.All, h => h.Patient.PriorBlinatumomab && h.Patient.PriorInotuzumab));

        Mmm("t1_age_norelapse", v => v.NonProgressed.Select(h => h.Patient.AgeYears));
        Mmm("t1_prior_lines_norelapse", v => v.NonProgressed.Select(h => (double)h.Patient.PriorLines));
        Steroid("day", d => d.StartDay);
        Steroid("duration", d => d.DurationDays ?? double.NaN);
        Steroid("dose", d => d.DoseIntensity ?? double.NaN);

        Add("t1_age_p", v => RankSum(v, h => h.Patient.AgeYears));
        Add("t1_prior_lines_p", v => RankSum(v, h => h.Patient.PriorLines));
        Add("t1_male_sex_p", v => Fisher(v, h => h.Patient.Sex == Sex.Male ? 0 : 1, 2));
        Add("t1_ph_pos_p", v => Fisher(v, h => h.Patient.Ph == PhStatus.Negative ? 0 : h.Patient.PhSubtype == PhSubtype.P210 ? 2 : 1, 3));
        // Prior immunotherapy: Fisher on the printed 2x2 of blinatumomab and inotuzumab exposures by group.
        Add("t1_prior_immuno_p", v => FisherExact.Test(new int[,]
        {
            { v.Progressed.Count(h => h.Patient.PriorBlinatumomab), v.NonProgressed.Count(h => h.Patient.PriorBlinatumomab) },
            { v.Progressed.Count(h => h.Patient.PriorInotuzumab), v.NonProgressed.Count(h => h.Patient.PriorInotuzumab) },
        }).PValue);
        Add("t1_prior_hsct_p", v => Fisher(v, h => h.Patient.PriorHsct ? 0 : 1, 2));
        Add("t1_bridging_p", v => Fisher(v, h => (int)h.FirstInfusion.Bridging, 3));
        Add("t1_burden_p", v => Fisher(v, h => (int)h.FirstInfusion.DiseaseBurden, 3));
        Add("t1_crs_p", v => Fisher(v, h => h.FirstInfusion.MaxCrsGrade >= 3 ? 0 : 1, 2));
        Add("t1_icans_p", v => Chi(v, h => h.FirstInfusion.MaxIcansGrade >= 3));
        Add("t1_tocilizumab_p", v => Chi(v, h => h.FirstInfusion.Tocilizumab is not null));
        Add("t1_corticosteroid_p", v => Chi(v, h => h.FirstInfusion.Corticosteroid is not null));
        Add("t1_hsct_consolidation_p", v => Fisher(v, h => h.Transplants.Any(t => t.Setting == TransplantSetting.Consolidation) ? 0 : 1, 2));
    }

    private static void Group(string name, Func<H, bool> p, bool relapseToo = true)
    {
        if (relapseToo)
        {
            Add($"t1_{name}_relapse_n", v => Count(v.Progressed, p));
            Add($"t1_{name}_relapse_pct", v => Pct(v.Progressed, p));
        }
        Add($"t1_{name}_norelapse_n", v => Count(v.NonProgressed, p));
        Add($"t1_{name}_norelapse_pct", v => Pct(v.NonProgressed, p));
    }

    private static void Steroid(string name, Func<DrugExposure, double> x)
    {
        IEnumerable<double> Of(IEnumerable<H> pop) => pop.Where(h => h.FirstInfusion.Corticosteroid is not null)
            .Select(h => x(h.FirstInfusion.Corticosteroid!)).Where(d => !double.IsNaN(d));
        Mmm($"t1_steroid_{name}_relapse", v => Of(v.Progressed));
        Mmm($"t1_steroid_{name}_norelapse", v => Of(v.NonProgressed));
        Add($"t1_steroid_{name}_p", v => Wilcoxon.RankSum(Of(v.Progressed).ToArray(), Of(v.NonProgressed).ToArray()).PValue);
    }

    /// <summary>Wilcoxon rank-sum P (R: <c>wilcox.test</c> defaults: exact without ties for n &lt; 50, else normal with continuity correction).</summary>
    private static double RankSum(StudyView v, Func<H, double> x)
        => Wilcoxon.RankSum(v.Progressed.Select(x).ToArray(), v.NonProgressed.Select(x).ToArray()).PValue;

    /// <summary>Fisher's exact test on the k×2 table of category by group (R: <c>fisher.test</c>).</summary>
    private static double Fisher(StudyView v, Func<H, int> category, int k)
    {
        var t = new int[k, 2];
        foreach (var h in v.Progressed) t[category(h), 0]++;
        foreach (var h in v.NonProgressed) t[category(h), 1]++;
        return FisherExact.Test(t).PValue;
    }

    /// <summary>Pearson chi-square without continuity correction on the 2×2 table (R: <c>chisq.test(correct = FALSE)</c>).</summary>
    private static double Chi(StudyView v, Func<H, bool> p) => ChiSquare.Test(new int[,]
    {
        { v.Progressed.Count(p), v.NonProgressed.Count(p) },
        { v.Progressed.Count(h => !p(h)), v.NonProgressed.Count(h => !p(h)) },
    }, yates: false).PValue;
}
