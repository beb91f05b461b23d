using CarTOutcomes.Clinical.Model;
using R = CarTOutcomes.Clinical.Model.ResponseCategory;
using C = CarTOutcomes.Clinical.Model.SalvageClass;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>One salvage line of a scripted patient: class, response, and the day from the first infusion when the paper prints it.</summary>
internal sealed record LineScript(C Class, R? Response, double? FixedDay = null, bool RelapseAfter = false,
    TransplantDiseaseStatus? AlloAfter = null);

/// <summary>The second infusion of a Table 5 patient, as printed.</summary>
internal sealed record ReinfusionScript(DiseaseBurden Burden, string Lymphodepletion, double Dose, double? Peak, int CrsGrade, int IcansGrade, R Response);

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

    /// <summary>Not evaluable for response to CAR T (early death); N patients only.</summary>
    public bool EarlyDeath => FirstResponse == R.NotEvaluable;
}

/// <summary>First-infusion cells of Table 5.</summary>
internal sealed record FirstInfusionScript(DiseaseBurden Burden, string Lymphodepletion, double Dose, double? Peak, int? CrsGrade, int? IcansGrade);

/// <summary>The 56 scripted patients.</summary>
internal static class Scripts
{
    private static LineScript L(C c, R? r, double? day = null, bool relapse = false, TransplantDiseaseStatus? allo = null) => new(c, r, day, relapse, allo);

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
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 3e6, 62719, null, null), Second = new(DiseaseBurden.Morphologic, "Cy 1.5 g/m2", 3e6, 13353, 3, 0, Nr) },
            P("MSK9", false, Neg, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Nr, 204), L(C.Intensive, Nr)], Dead, d, mrd: true) with
            { First = new(DiseaseBurden.Mrd, "Cy 1.5 g/m2", 0.4e6, 5208, 0, 0), Second = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, 2, 0, Nr) },
            P("MSK13", false, Neg, [L(C.Nonintensive, Nr), L(C.Intensive, Nr), L(C.CarTReinfusion, Nr, 1041), L(C.Nonintensive, Nr)], Dead, d) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 3e6, 2320302, null, null), Second = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 746, 0, 0, Nr) },
            P("MSK16", false, Neg, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Neg, 104, allo: TransplantDiseaseStatus.CrMrdNegative)], Dead, d, site: BmEm) with
            { First = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, null, null), Second = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, 0, 0, Neg), RelapseAfterLastCr = true },
            P("MSK17", false, Neg, [L(C.CarTReinfusion, Neg, 104)], Dead, CauseOfDeath.TreatmentRelated) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 3e6, 197262, 4, 4), Second = new(DiseaseBurden.Morphologic, "Cy 2 g/m2", 3e6, 200363, 1, 5, Neg) },
            P("MSK24", false, Pos, [L(C.CarTReinfusion, Nr, 80), L(C.Nonintensive, Ne)], Dead, CauseOfDeath.Unknown) with
            { First = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 1e6, 34183, null, 0), Second = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 1e6, null, 2, 0, Nr) },
            // MSK29: Table 4 gives the cause of death "Disease", Table 5 "unknown"; Table 4 is followed.
            P("MSK29", false, Neg, [L(C.Blinatumomab, Nr, 895), L(C.Inotuzumab, Nr, 965), L(C.CarTReinfusion, Nr, 1110)], Dead, d) with
            { First = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, 26210, null, null), Second = new(DiseaseBurden.Morphologic, "Flu/Cy", 3e6, 35800, 1, 1, Nr) },
            P("MSK36", false, Pos, [L(C.Nonintensive, Nr), L(C.Intensive, Nr), L(C.CarTReinfusion, Nr, 343), L(C.Nonintensive, Nr)], Alive, null) with
            { First = new(DiseaseBurden.Mrd, "Cy 3 g/m2", 3e6, null, 0, 0), Second = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 177758, 1, 0, Nr) },
            P("MSK44", false, Pos, [L(C.Nonintensive, Nr), L(C.CarTReinfusion, Pos, 451, relapse: true), L(C.Inotuzumab, Neg, 564)], Alive, null, Cd19Status.Negative, BmEm) with
            { First = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 129980, null, null), Second = new(DiseaseBurden.Morphologic, "Cy 3 g/m2", 1e6, null, 1, 0, Pos) },
            P("MSK56", false, Pos, [L(C.CarTReinfusion, Neg, 164, relapse: true), L(C.Blinatumomab, Nr, 361)], Dead, CauseOfDeath.Unknown, mrd: true) with
            { First = new(DiseaseBurden.Morphologic, "Flu/Cy", 1e6, 20400, null, null), Second = new(DiseaseBurden.Mrd, "Flu/Cy", 1e6, 18900, 1, 0, Neg) },
            P("MSK15", false, Neg, [L(C.Nonintensive, Nr), L(C.Intensive, Unk, relapse: true), L(C.Blinatumomab, Neg, 1500)], Alive, null),
            P("MSK34", false, Neg, [L(C.Intensive, Pos, relapse: true, allo: TransplantDiseaseStatus.CrMrdPositive), L(C.Blinatumomab, Neg, 318)], Dead, d) with { RelapseAfterLastCr = true },
            P("MSK39", true, Nr, [L(C.Nonintensive, Nr), L(C.Blinatumomab, Unk, 54)], Alive, null),
            P("MSK26", false, Neg, [L(C.Inotuzumab, Ne, 253)], Dead, CauseOfDeath.TreatmentRelated, Cd19Status.Negative),
            P("MSK46", false, Neg, [L(C.Inotuzumab, Ne, 484)], Dead, d, Cd19Status.Unknown),
            P("MSK50", true, Nr, [L(C.Intensive, Unk, relapse: true), L(C.Nonintensive, Nr), L(C.Inotuzumab, Pos, 136, allo: TransplantDiseaseStatus.CrMrdPositive)], Dead, d, Cd19Status.Negative) with { RelapseAfterLastCr = true },
            P("MSK53", false, Neg, [L(C.Nonintensive, Unk, relapse: true), L(C.Nonintensive, Nr), L(C.Inotuzumab, Unk, 198)], Dead, d) with { RelapseAfterLastCr = true },
            P("MSK35", true, Nr, [L(C.Nonintensive, Nr), L(C.Blinatumomab, Nr, 73), L(C.Inotuzumab, Pos, 116, allo: TransplantDiseaseStatus.CrMrdPositive)], Dead, CauseOfDeath.TreatmentRelated),
            P("MSK55", true, Nr, [L(C.Nonintensive, Nr), L(C.Nonintensive, Nr), L(C.Blinatumomab, Nr, 90), L(C.Inotuzumab, Nr, 229)], Dead, d),
        ];
    }

    /// <summary>The 19 other progressed patients (salvage classes, responses and outcomes chosen so that the published counts hold).</summary>
    public static IReadOnlyList<PatientScript> OtherProgressed()
    {
        var d = CauseOfDeath.Disease;
        var u = Cd19Status.Unknown;
        var pos = Cd19Status.Positive;
        var neg = Cd19Status.Negative;
        var em = ProgressionSite.Extramedullary;
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
            P("S7", false, Neg, [L(C.Nonintensive, Ne)], Dead, d, neg),
            P("S8", false, Neg, [L(C.Nonintensive, Ne)], Dead, d, neg),
            P("Q1", true, Nr, [], Dead, d, u),
            P("Q2", true, Nr, [], Dead, d, u),
            P("Q3", true, Nr, [], Dead, d, u),
            P("Q4", false, Pos, [], Dead, d, u, em),
            P("Q5", false, Pos, [], Dead, d, u, em),
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
