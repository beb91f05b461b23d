using CarTOutcomes.Clinical.Model;
using R = CarTOutcomes.Clinical.Model.ResponseCategory;
using C = CarTOutcomes.Clinical.Model.SalvageClass;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>One salvage line of a scripted patient: class, response, and the day from the first infusion when the paper prints it.</summary>
internal sealed record LineScript(C Class, R? Response, double? FixedDay = null, bool RelapseAfter = false,
    TransplantDiseaseStatus? AlloAfter = null)
{
    /// <summary>Disease status at the start of the line; null = derived (re-infusion: its burden; first line after an MRD-level progression: MRD; else morphologic).</summary>
    public DiseaseBurden? Status { get; init; }

    /// <summary>Days from the CR of this line to the relapse that follows it, when the paper fixes it (else derived from the next line's day or searched).</summary>
    public double? RelapseDaysAfterCr { get; init; }

    /// <summary>Adverse events of the line (Table 4 and the Results on blinatumomab and inotuzumab): kind and grade (null = grade not printed).</summary>
    public (AdverseEventKind Kind, int? Grade)[] Events { get; init; } = [];
}

/// <summary>The second infusion of a Table 5 patient, as printed.</summary>
internal sealed record ReinfusionScript(DiseaseBurden Burden, string Lymphodepletion, double Dose, double? Peak, int CrsGrade, int IcansGrade, R Response)
{
    /// <summary>CRS onset (days after the re-infusion) and duration (Results: median onset 2 days, 0-4; duration 4 days, 1-9).</summary>
    public ToxicityTiming? CrsTiming { get; init; }

    /// <summary>ICANS onset after the re-infusion (Results: 1 day for the grade 1, 7 days for the grade 5 case).</summary>
    public ToxicityTiming? IcansTiming { get; init; }
}

/// <summary>
/// The fixed course of one patient: who progressed and how, the salvage lines in order, the transplant after
/// salvage, vital status and cause of death. Everything here comes from Tables 4 and 5 and the published counts;
/// the days not printed are chosen by the search.
/// </summary>
internal sealed record PatientScript(string Id, bool Progressed, bool Refractory, R FirstResponse, LineScript[] Lines,
    VitalStatus Status, CauseOfDeath? Cause, Cd19Status Cd19, ProgressionSite Site, bool MrdRelapse)
{
    public bool Named => Id.StartsWith("MSK", StringComparison.Ordinal);

    /// <summary>First-infusion facts printed in Table 5 (null for other patients).</summary>
    public FirstInfusionScript? First { get; init; }

    /// <summary>Second infusion printed in Table 5 (null for other patients).</summary>
    public ReinfusionScript? Second { get; init; }

    /// <summary>The last CR line is followed by a relapse (for a CR in the last line).</summary>
    public bool RelapseAfterLastCr { get; init; }

    /// <summary>The leukemia (the paper's one Ph+ mixed-phenotype leukemia; B-ALL otherwise).</summary>
    public LeukemiaDiagnosis Diagnosis { get; init; } = LeukemiaDiagnosis.BLymphoblastic;

    /// <summary>The first progression is a CD19-negative myeloid lineage switch.</summary>
    public bool MyeloidRelapse { get; init; }

    /// <summary>Days from the transplant after the last CR line to the relapse, when the paper fixes it.</summary>
    public double? RelapseDaysAfterAllo { get; init; }

    /// <summary>Given a donor lymphocyte infusion after the CR of the last line.</summary>
    public bool DliAfterLastCr { get; init; }

    /// <summary>Lost to follow-up (alive at last contact before the cutoff).</summary>
    public bool Lost { get; init; }

    /// <summary>Adverse events after the transplant that follows the last CR line (kind, grade).</summary>
    public (AdverseEventKind Kind, int? Grade)[] TransplantEvents { get; init; } = [];

    /// <summary>Not evaluable for response to CAR T (early death); N patients only.</summary>
    public bool EarlyDeath => FirstResponse == R.NotEvaluable;
}

/// <summary>First-infusion cells of Table 5.</summary>
internal sealed record FirstInfusionScript(DiseaseBurden Burden, string Lymphodepletion, double Dose, double? Peak, int? CrsGrade, int? IcansGrade);

/// <summary>The 56 scripted patients.</summary>
internal static class Scripts
{
    private static LineScript L(C c, R? r, double? day = null, bool relapse = false, TransplantDiseaseStatus? allo = null) => new(c, r, day, relapse, allo);

    // Adverse events of Table 4 (kind, grade; null = "Yes (unknown)").
    private static (AdverseEventKind, int?) Crs(int? grade) => (AdverseEventKind.Crs, grade);
    private static (AdverseEventKind, int?) Icans(int? grade) => (AdverseEventKind.Icans, grade);
    private static (AdverseEventKind, int?) Wbc(int grade) => (AdverseEventKind.WhiteBloodCellDecreased, grade);
    private static (AdverseEventKind, int?) Plt(int grade) => (AdverseEventKind.PlateletCountDecreased, grade);
    private static (AdverseEventKind, int?) Sos(int grade) => (AdverseEventKind.SinusoidalObstructionSyndrome, grade);

    /// <summary>CRS onset and duration after the re-infusion (days); the Results print only median and range over the 8 patients with CRS.</summary>
    private static ToxicityTiming T(double onset, double? duration) => new(onset, duration);

    private const R Nr = R.Refractory;
    private const R Ne = R.NotEvaluable;
    private const R Neg = R.CrMrdNegative;
    private const R Pos = R.CrMrdPositive;
    private const R Unk = R.CrMrdUnknown;
    private const VitalStatus Dead = VitalStatus.Dead;
    private const VitalStatus Alive = VitalStatus.Alive;
    private const ProgressionSite Bm = ProgressionSite.BoneMarrow;
    private const ProgressionSite BmEm = ProgressionSite.BoneMarrow | ProgressionSite.Extramedullary;

    private static PatientScript P(string id, bool refractory, R first, LineScript[] lines, VitalStatus s, CauseOfDeath? cause,
        Cd19Status cd19 = Cd19Status.Positive, ProgressionSite site = Bm, bool mrd = false)
        => new(id, true, refractory, first, lines, s, cause, cd19, site, mrd);

    /// <summary>Patients of Tables 4 and 5, in the printed order (Table 5, then Table 4's others).</summary>
    public static IReadOnlyList<PatientScript> Named()
    {
        var d = CauseOfDeath.Disease;
        return
        [
            P("MSK7", false, Neg, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Nr, 166)], Dead, d) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 3e6, 62719, null, null), Second = new(DiseaseBurden.Morphologic, "Cy 1.5 g/m2", 3e6, 13353, 3, 0, Nr) { CrsTiming = T(1, 9) } },
            P("MSK9", false, Neg, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Nr, 204), L(C.Intensive, Nr)], Dead, d, mrd: true) with
            { First = new(DiseaseBurden.Mrd, "Cy 1.5 g/m2", 0.4e6, 5208, 0, 0), Second = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, 2, 0, Nr) { CrsTiming = T(0, 6) } },
            P("MSK13", false, Neg, [L(C.Nonintensive, Nr), L(C.Intensive, Nr), L(C.CarTReinfusion, Nr, 1041), L(C.Nonintensive, Nr)], Dead, d) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 3e6, 2320302, null, null), Second = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 746, 0, 0, Nr) },
            P("MSK16", false, Neg, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Neg, 104, allo: TransplantDiseaseStatus.CrMrdNegative)], Dead, d, site: BmEm) with
            { First = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, null, null), Second = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, 0, 0, Neg), RelapseAfterLastCr = true,
              // Results: "1 patient underwent consolidative alloHSCT, but relapsed at 4 months".
              RelapseDaysAfterAllo = 120 },
            P("MSK17", false, Neg, [L(C.CarTReinfusion, Neg, 104)], Dead, CauseOfDeath.TreatmentRelated) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 3e6, 197262, 4, 4), Second = new(DiseaseBurden.Morphologic, "Cy 2 g/m2", 3e6, 200363, 1, 5, Neg) { CrsTiming = T(2, 4), IcansTiming = T(7, null) } },
            P("MSK24", false, Pos, [L(C.CarTReinfusion, Nr, 80), L(C.Nonintensive, Ne)], Dead, CauseOfDeath.Unknown) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 1e6, 34183, null, 0), Second = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 1e6, null, 2, 0, Nr) { CrsTiming = T(2, 5) } },
            // MSK29: Table 4 gives the cause of death "Disease", Table 5 "unknown"; Table 4 is followed.
            P("MSK29", false, Neg, [L(C.Blinatumomab, Nr, 895) with { Events = [Crs(1)] }, L(C.Inotuzumab, Nr, 965) with { Events = [Wbc(3), Plt(4)] },
                L(C.CarTReinfusion, Nr, 1110)], Dead, d) with
            { First = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, 26210, null, null),
              Second = new(DiseaseBurden.Morphologic, "Flu/Cy", 3e6, 35800, 1, 1, Nr) { CrsTiming = T(3, 4), IcansTiming = T(1, null) } },
            P("MSK36", false, Pos, [L(C.Nonintensive, Nr), L(C.Intensive, Nr), L(C.CarTReinfusion, Nr, 343), L(C.Nonintensive, Nr)], Alive, null) with
            { First = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, 0, 0), Second = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 177758, 1, 0, Nr) { CrsTiming = T(4, 2) } },
            // Results: the two reinfusion CRs without transplant (MSK44, MSK56) "relapsed within 3 months".
            P("MSK44", false, Pos, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Pos, 451, relapse: true) with { RelapseDaysAfterCr = 51 },
                L(C.Inotuzumab, Neg, 564) with { Events = [Wbc(4), Plt(4)] }], Alive, null, Cd19Status.Negative, BmEm) with
            { First = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 129980, null, null),
              Second = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 1e6, null, 1, 0, Pos) { CrsTiming = T(2, 3) }, Lost = true },
            // Results: the one patient with MRD (not morphologic disease) at blinatumomab initiation, who did not respond.
            P("MSK56", false, Pos, [L(C.CarTReinfusion, Neg, 164, relapse: true) with { RelapseDaysAfterCr = 60 },
                L(C.Blinatumomab, Nr, 361) with { Status = DiseaseBurden.Mrd }], Dead, CauseOfDeath.Unknown, mrd: true) with
            { First = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 20400, null, null),
              Second = new(DiseaseBurden.Mrd, "Flu/Cy", 1e6, 18900, 1, 0, Neg) { CrsTiming = T(3, 1) } },
            // Results: the blinatumomab CR with a pre-CAR T alloHSCT given DLI, alive in CR.
            P("MSK15", false, Neg, [L(C.Nonintensive, Nr), L(C.Intensive, Unk, relapse: true), L(C.Blinatumomab, Neg, 1500) with { Events = [Crs(2), Icans(1)] }],
                Alive, null) with { DliAfterLastCr = true },
            P("MSK34", false, Neg, [L(C.Intensive, Pos, relapse: true, allo: TransplantDiseaseStatus.CrMrdPositive), L(C.Blinatumomab, Neg, 318) with { Events = [Crs(null), Icans(null)] }], Dead, d) with { RelapseAfterLastCr = true },
            P("MSK39", true, Nr, [L(C.Nonintensive, Nr), L(C.Blinatumomab, Unk, 54) with { Events = [Crs(null), Icans(null)] }], Alive, null) with { Lost = true },
            // Results: grade 5 SOS during inotuzumab (prior alloHSCT).
            P("MSK26", false, Neg, [L(C.Inotuzumab, Ne, 253) with { Events = [Wbc(4), Plt(4), Sos(5)] }], Dead, CauseOfDeath.TreatmentRelated, Cd19Status.Negative),
            // Results: "grade 4 infection with multiorgan dysfunction" on inotuzumab; the patient is not named, MSK46 (response unknown) is chosen.
            P("MSK46", false, Neg, [L(C.Inotuzumab, Ne, 484) with { Events = [Wbc(4), (AdverseEventKind.Infection, 4)] }], Dead, d, Cd19Status.Unknown),
            P("MSK50", true, Nr, [L(C.Intensive, Unk, relapse: true), L(C.Nonintensive, Nr), L(C.Inotuzumab, Pos, 136, allo: TransplantDiseaseStatus.CrMrdPositive) with { Events = [Wbc(4), Plt(4)] }],
                Dead, d, Cd19Status.Negative) with { RelapseAfterLastCr = true, TransplantEvents = [Sos(4)] },
            P("MSK53", false, Neg, [L(C.Nonintensive, Unk, relapse: true), L(C.Nonintensive, Nr), L(C.Inotuzumab, Unk, 198) with { Events = [Wbc(4), Plt(4)] }], Dead, d) with { RelapseAfterLastCr = true },
            P("MSK35", true, Nr, [L(C.Nonintensive, Nr), L(C.Blinatumomab, Nr, 73),
                L(C.Inotuzumab, Pos, 116, allo: TransplantDiseaseStatus.CrMrdPositive) with { Events = [Wbc(4), Plt(4)] }], Dead, CauseOfDeath.TreatmentRelated),
            P("MSK55", true, Nr, [L(C.Nonintensive, Nr), L(C.Nonintensive, Nr), L(C.Blinatumomab, Nr, 90) with { Events = [Crs(1)] },
                L(C.Inotuzumab, Nr, 229) with { Events = [Wbc(4), Plt(4)] }], Dead, d),
        ];
    }

    /// <summary>The 19 other progressed patients (salvage classes, responses and outcomes chosen so that the published counts hold).</summary>
    public static IReadOnlyList<PatientScript> OtherProgressed()
    {
        var d = CauseOfDeath.Disease;
        var u = Cd19Status.Unknown;
        var pos = Cd19Status.Positive;
        var neg = Cd19Status.Negative;
        // Results: the 3 isolated EM relapses are bone, CNS and lymph node.
        var bone = ProgressionSite.Bone;
        var node = ProgressionSite.LymphNode;
        var cns = ProgressionSite.Cns;
        var bmCns = ProgressionSite.BoneMarrow | ProgressionSite.Cns;
        return
        [
            P("B", false, Neg, [L(C.Intensive, Pos, relapse: true, allo: TransplantDiseaseStatus.CrMrdPositive), L(C.Nonintensive, Nr)], Dead, d, pos, BmEm),
            P("C", false, Neg, [L(C.Intensive, Pos, allo: TransplantDiseaseStatus.CrMrdPositive)], Dead, CauseOfDeath.Unknown, pos, BmEm),
            P("D", false, Neg, [L(C.Nonintensive, Unk, allo: TransplantDiseaseStatus.CrMrdUnknown)], Alive, null, pos, BmEm),
            P("S1", false, Pos, [L(C.Intensive, Nr), L(C.Nonintensive, Nr), L(C.Nonintensive, Nr), L(C.Nonintensive, Nr), L(C.Nonintensive, Nr), L(C.Nonintensive, Nr)], Dead, d, pos, BmEm),
            P("S2", false, Pos, [L(C.Intensive, Nr), L(C.Nonintensive, Nr)], Dead, d, pos, bmCns),
            P("S3", false, Neg, [L(C.Nonintensive, Nr)], Alive, null, pos, bmCns),
            P("S4", false, Neg, [L(C.Nonintensive, Nr)], Alive, null, pos, bmCns),
            P("S5", true, Nr, [L(C.Nonintensive, Ne)], Dead, d, pos, BmEm),
            P("S6", true, Nr, [L(C.Nonintensive, Ne)], Dead, d, pos),
            // Results: the Ph+ mixed-phenotype leukemia relapsing as CD19-negative myeloid leukemia (Ph locked positive in Blueprint).
            P("S7", false, Neg, [L(C.Nonintensive, Ne)], Dead, d, neg) with { Diagnosis = LeukemiaDiagnosis.MixedPhenotype, MyeloidRelapse = true },
            P("S8", false, Neg, [L(C.Nonintensive, Ne)], Dead, d, neg),
            P("Q1", true, Nr, [], Dead, d, u),
            P("Q2", true, Nr, [], Dead, d, u),
            P("Q3", true, Nr, [], Dead, d, u),
            P("Q4", false, Pos, [], Dead, d, u, bone),
            P("Q5", false, Pos, [], Dead, d, u, node),
            P("Q6", false, Neg, [], Dead, d, u, cns),
            P("Q7", false, Neg, [], Dead, d, u),
            P("Q8", false, Neg, [], Dead, CauseOfDeath.Unknown, pos),
        ];
    }

    /// <summary>The 18 patients without progression: 2 early deaths not evaluable for response, 14 MRD-negative and 2 MRD-unknown CRs.</summary>
    public static IReadOnlyList<PatientScript> NonProgressed()
    {
        var list = new List<PatientScript>
        {
            new("N1", false, false, Ne, [], Dead, CauseOfDeath.TreatmentRelated, Cd19Status.Unknown, ProgressionSite.None, false),
            new("N2", false, false, Ne, [], Dead, CauseOfDeath.TreatmentRelated, Cd19Status.Unknown, ProgressionSite.None, false),
        };
        for (int k = 3; k <= 18; k++)
            list.Add(new($"N{k}", false, false, k <= 4 ? Unk : Neg, [], Alive, null, Cd19Status.Unknown, ProgressionSite.None, false));
        return list;
    }
}
