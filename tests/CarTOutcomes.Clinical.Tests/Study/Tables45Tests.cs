using System.Text.RegularExpressions;
using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>Every per-patient fact of Tables 4 and 5 that the cohort model can hold appears in the shipped cohort exactly.</summary>
public class Tables45Tests
{
    private static PatientHistory H(string id) => StudyFiles.Cohort.History(id);

    private static ResponseCategory? Response(string printed) => printed switch
    {
        "MRD CR" => ResponseCategory.CrMrdNegative,
        "MRD+ CR" => ResponseCategory.CrMrdPositive,
        "CR" => ResponseCategory.CrMrdUnknown,
        "NR" => ResponseCategory.Refractory,
        "Unknown" => ResponseCategory.NotEvaluable,
        _ => null,
    };

    private static void Grade(int? grade, string printed, string what)
    {
        if (printed == "No") grade.Should().Be(0, what);
        else grade.Should().BeGreaterThanOrEqualTo(1, what + " (a blank cell is a grade >= 1 whose digit is lost)");
    }

    private static IEnumerable<AdverseEvent> Events(PatientHistory h, SalvageLine line)
        => h.AdverseEvents.Where(e => e.Setting == AdverseEventSetting.SalvageLine && e.SalvageLineNumber == line.Number);

    /// <summary>"No" = no event; "Yes (grade g)" = one event of grade g; "Yes (unknown)" = one event without a grade.</summary>
    private static void Event(PatientHistory h, SalvageLine line, AdverseEventKind kind, string printed)
    {
        var events = Events(h, line).Where(e => e.Kind == kind).ToArray();
        if (printed == "No") { events.Should().BeEmpty($"{kind} printed No"); return; }
        events.Should().ContainSingle($"{kind} printed {printed}").Which.Grade.Should().Be(printed == "Yes (unknown)" ? null : int.Parse(printed[^2..^1]));
    }

    private static IEnumerable<(AdverseEventKind, int?)> Cytopenias(PatientHistory h, SalvageLine line)
        => Events(h, line).Where(e => e.Kind.IsHematologic()).Select(e => (e.Kind, e.Grade));

    /// <summary>"Grade 4 WBC; grade 4 platelet" → (WBC decreased, 4), (platelet count decreased, 4).</summary>
    private static IEnumerable<(AdverseEventKind, int?)> PrintedCytopenias(string printed)
        => Regex.Matches(printed, @"[Gg]rade (\d) (WBC|platelet)").Select(m =>
            (m.Groups[2].Value == "WBC" ? AdverseEventKind.WhiteBloodCellDecreased : AdverseEventKind.PlateletCountDecreased, (int?)int.Parse(m.Groups[1].Value)));

    public static TheoryData<string> Table5Ids() => new(StudyFiles.PatientTable("patients_table5.csv").Select(r => r["id"]));

    public static TheoryData<string> Table4Ids() => new(StudyFiles.PatientTable("patients_table4.csv").Select(r => r["id"]));

    [Theory]
    [MemberData(nameof(Table5Ids))]
    public void Table5_row_holds(string id)
    {
        var row = StudyFiles.PatientTable("patients_table5.csv").Single(r => r["id"] == id);
        var h = H(id);
        h.Infusions.Should().HaveCount(2);
        var (first, second) = (h.Infusions[0], h.Infusions[1]);
        first.DiseaseBurden.Should().Be(row["first_disease_status"] == "MRD" ? DiseaseBurden.Mrd : DiseaseBurden.Morphologic);
        first.Lymphodepletion.Should().Be(row["first_lymphodepletion"]);
        first.DosePerKg.Should().Be(double.Parse(row["first_dose_cells_per_kg_num"]));
        first.PeakExpansion.Should().Be(row["first_peak_expansion_num"] is { Length: > 0 } p1 ? double.Parse(p1) : null);
        Grade(first.MaxCrsGrade, row["first_crs_max_grade"], "first CRS");
        if (id != "MSK24") Grade(first.MaxIcansGrade, row["first_icans_max_grade"], "first ICANS");
        h.FirstInfusionResponse!.Category.Should().Be(Response(row["first_response"]));
        second.Day.Should().Be(double.Parse(row["days_first_to_second_cart_num"]));
        second.DiseaseBurden.Should().Be(row["second_disease_status"] == "MRD" ? DiseaseBurden.Mrd : DiseaseBurden.Morphologic);
        second.Lymphodepletion.Should().Be(row["second_lymphodepletion"]);
        second.DosePerKg.Should().Be(double.Parse(row["second_dose_per_kg_num"]));
        second.PeakExpansion.Should().Be(row["second_peak_expansion_num"] is { Length: > 0 } p2 ? double.Parse(p2) : null);
        Grade(second.MaxCrsGrade, row["second_crs_max_grade"], "second CRS");
        Grade(second.MaxIcansGrade, row["second_icans_max_grade"], "second ICANS");
        h.Responses.Last(r => r.InfusionNumber == 2).Category.Should().Be(Response(row["second_response"]));
        var reinfusionLine = h.SalvageLines.Single(s => s.Class == SalvageClass.CarTReinfusion);
        (h.SalvageLines.Count > reinfusionLine.Number).Should().Be(row["post_second_cart_treatment"] == "Yes");
        var p = h.FirstProgression!;
        p.Site.IsExtramedullary().Should().Be(row["relapse_site_burden"].StartsWith("EM", StringComparison.Ordinal));
        (p.MarrowBlastPercent < 5).Should().Be(row["relapse_site_burden"].EndsWith("MRD", StringComparison.Ordinal));
        var living = row["living_status_last_contact"];
        h.Died.Should().Be(living.StartsWith("Dead", StringComparison.Ordinal));
        if (living == "Dead (disease)") h.FollowUp.CauseOfDeath.Should().Be(CauseOfDeath.Disease);
        if (living == "Dead (TRM)") h.FollowUp.CauseOfDeath.Should().Be(CauseOfDeath.TreatmentRelated);
        if (living == "Dead (unknown)" && id != "MSK29") h.FollowUp.CauseOfDeath.Should().Be(CauseOfDeath.Unknown);
    }

    [Theory]
    [MemberData(nameof(Table4Ids))]
    public void Table4_row_holds(string id)
    {
        var row = StudyFiles.PatientTable("patients_table4.csv").Single(r => r["id"] == id);
        var h = H(id);
        var blin = h.SalvageLines.SingleOrDefault(s => s.Class == SalvageClass.Blinatumomab);
        var ino = h.SalvageLines.SingleOrDefault(s => s.Class == SalvageClass.Inotuzumab);
        (blin is not null).Should().Be(row["drugs"].StartsWith("Blinatumomab", StringComparison.Ordinal));
        (ino is not null).Should().Be(row["drugs"].Contains("notuzumab", StringComparison.Ordinal));
        if (blin is not null)
        {
            blin.StartDay.Should().Be(double.Parse(row["blin_days_from_cart_num"]));
            blin.Response.Should().Be(Response(row["blin_response"]));
            Event(h, blin, AdverseEventKind.Crs, row["blin_crs_grade"]);
            Event(h, blin, AdverseEventKind.Icans, row["blin_neurotoxicity_grade"]);
            // "No" and "Unknown" cytopenia both leave no cytopenia event (the model cannot tell them apart).
            Events(h, blin).Should().NotContain(e => e.Kind.IsHematologic(), "no grade >= 3 cytopenia is printed for blinatumomab");
        }
        if (ino is not null)
        {
            ino.StartDay.Should().Be(double.Parse(row["ino_days_from_cart_num"]));
            ino.Response.Should().Be(Response(row["ino_response"]));
            Cytopenias(h, ino).Should().BeEquivalentTo(PrintedCytopenias(row["ino_cytopenia_grade3plus"]));
            bool onLine = Events(h, ino).Any(e => e.Kind == AdverseEventKind.SinusoidalObstructionSyndrome);
            bool afterAllo = h.AdverseEvents.Any(e => e.Kind == AdverseEventKind.SinusoidalObstructionSyndrome && e.Setting == AdverseEventSetting.AfterTransplant);
            (onLine, afterAllo).Should().Be(row["ino_sos"] switch { "Yes" => (true, false), "Yes (after alloHSCT)" => (false, true), _ => (false, false) });
            if (blin is not null) blin.Number.Should().BeLessThan(ino.Number, "blinatumomab then inotuzumab");
        }
        h.Patient.PriorBlinatumomab.Should().Be(row["prior_immunotherapy_before_cart"] == "Blinatumomab");
        h.Patient.PriorInotuzumab.Should().BeFalse();
        h.FirstProgression!.Cd19.Should().Be(row["cd19_status_at_relapse"] switch
        {
            "Positive" => Cd19Status.Positive,
            "Negative" => Cd19Status.Negative,
            _ => Cd19Status.Unknown,
        });
        h.Died.Should().Be(row["survival_status_last_contact"] == "Dead");
        h.FollowUp.CauseOfDeath.Should().Be(row["cause_of_death"] switch
        {
            "Disease" => CauseOfDeath.Disease,
            "TRM" => CauseOfDeath.TreatmentRelated,
            "Unknown" => CauseOfDeath.Unknown,
            _ => (CauseOfDeath?)null,
        });
    }
}
