using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.IO.Cohort;

/// <summary>A two-way map between an enum and the lower-case codes used in the CSV files.</summary>
/// <typeparam name="T">The enum.</typeparam>
public sealed class Codes<T> where T : struct, Enum
{
    private readonly Dictionary<string, T> _byCode;
    private readonly Dictionary<T, string> _byValue;

    internal Codes(params (string Code, T Value)[] pairs)
    {
        _byCode = pairs.ToDictionary(p => p.Code, p => p.Value, StringComparer.OrdinalIgnoreCase);
        _byValue = pairs.ToDictionary(p => p.Value, p => p.Code);
        if (_byValue.Count != Enum.GetValues<T>().Length && typeof(T) != typeof(ProgressionSite))
            throw new InvalidOperationException($"Codes for {typeof(T).Name} do not cover every value.");
    }

    /// <summary>The allowed codes, in declaration order.</summary>
    public IReadOnlyList<string> All => _byValue.Values.ToArray();

    /// <summary>The code of <paramref name="value"/>.</summary>
    public string Code(T value) => _byValue[value];

    /// <summary>Parses a code (case-insensitive); false when unknown.</summary>
    public bool TryParse(string text, out T value) => _byCode.TryGetValue(text, out value);
}

/// <summary>The codes of every categorical column (see docs/data-dictionary.md).</summary>
public static class CsvCodes
{
    /// <summary>sex: female, male.</summary>
    public static readonly Codes<Sex> Sex = new(("female", Clinical.Model.Sex.Female), ("male", Clinical.Model.Sex.Male));

    /// <summary>ph_status: negative, positive.</summary>
    public static readonly Codes<PhStatus> Ph = new(("negative", PhStatus.Negative), ("positive", PhStatus.Positive));

    /// <summary>ph_subtype: p190, p210, unknown (empty when Ph-negative).</summary>
    public static readonly Codes<PhSubtype> PhSubtype = new(("p190", Clinical.Model.PhSubtype.P190), ("p210", Clinical.Model.PhSubtype.P210), ("unknown", Clinical.Model.PhSubtype.Unknown));

    /// <summary>cytogenetic_risk: standard, high, unknown.</summary>
    public static readonly Codes<CytogeneticRisk> Cytogenetics = new(("standard", CytogeneticRisk.Standard), ("high", CytogeneticRisk.High), ("unknown", CytogeneticRisk.Unknown));

    /// <summary>disease_burden: morphologic, mrd, no_evidence.</summary>
    public static readonly Codes<DiseaseBurden> Burden = new(("morphologic", DiseaseBurden.Morphologic), ("mrd", DiseaseBurden.Mrd), ("no_evidence", DiseaseBurden.NoEvidence));

    /// <summary>bridging: none, nonintensive, intensive.</summary>
    public static readonly Codes<BridgingTherapy> Bridging = new(("none", BridgingTherapy.None), ("nonintensive", BridgingTherapy.Nonintensive), ("intensive", BridgingTherapy.Intensive));

    /// <summary>response: cr_mrd_neg, cr_mrd_pos, cr_mrd_unknown, refractory, not_evaluable.</summary>
    public static readonly Codes<ResponseCategory> Response = new(("cr_mrd_neg", ResponseCategory.CrMrdNegative), ("cr_mrd_pos", ResponseCategory.CrMrdPositive),
        ("cr_mrd_unknown", ResponseCategory.CrMrdUnknown), ("refractory", ResponseCategory.Refractory), ("not_evaluable", ResponseCategory.NotEvaluable));

    /// <summary>type: refractory, relapse.</summary>
    public static readonly Codes<ProgressionType> ProgressionType = new(("refractory", Clinical.Model.ProgressionType.Refractory), ("relapse", Clinical.Model.ProgressionType.Relapse));

    /// <summary>site: bm, em (other or unspecified extramedullary), cns, bone, lymph_node, joined by ';' (e.g. <c>bm;cns</c>).</summary>
    public static readonly Codes<ProgressionSite> Site = new(("bm", ProgressionSite.BoneMarrow), ("em", ProgressionSite.Extramedullary), ("cns", ProgressionSite.Cns),
        ("bone", ProgressionSite.Bone), ("lymph_node", ProgressionSite.LymphNode));

    /// <summary>diagnosis: b_all, mpal.</summary>
    public static readonly Codes<LeukemiaDiagnosis> Diagnosis = new(("b_all", LeukemiaDiagnosis.BLymphoblastic), ("mpal", LeukemiaDiagnosis.MixedPhenotype));

    /// <summary>lineage: b_lymphoid, myeloid, unknown.</summary>
    public static readonly Codes<LeukemiaLineage> Lineage = new(("b_lymphoid", LeukemiaLineage.BLymphoid), ("myeloid", LeukemiaLineage.Myeloid), ("unknown", LeukemiaLineage.Unknown));

    /// <summary>kind (adverse_events.csv): crs, icans, infection, sos, wbc_decreased, platelet_decreased, other.</summary>
    public static readonly Codes<AdverseEventKind> AdverseEventKind = new(("crs", Clinical.Model.AdverseEventKind.Crs), ("icans", Clinical.Model.AdverseEventKind.Icans),
        ("infection", Clinical.Model.AdverseEventKind.Infection), ("sos", Clinical.Model.AdverseEventKind.SinusoidalObstructionSyndrome),
        ("wbc_decreased", Clinical.Model.AdverseEventKind.WhiteBloodCellDecreased), ("platelet_decreased", Clinical.Model.AdverseEventKind.PlateletCountDecreased),
        ("other", Clinical.Model.AdverseEventKind.Other));

    /// <summary>setting (adverse_events.csv): salvage_line, after_transplant.</summary>
    public static readonly Codes<AdverseEventSetting> AdverseEventSetting = new(("salvage_line", Clinical.Model.AdverseEventSetting.SalvageLine),
        ("after_transplant", Clinical.Model.AdverseEventSetting.AfterTransplant));

    /// <summary>cd19: positive, negative, unknown.</summary>
    public static readonly Codes<Cd19Status> Cd19 = new(("positive", Cd19Status.Positive), ("negative", Cd19Status.Negative), ("unknown", Cd19Status.Unknown));

    /// <summary>class: intensive, nonintensive, blinatumomab, inotuzumab, car_t_reinfusion.</summary>
    public static readonly Codes<SalvageClass> SalvageClass = new(("intensive", Clinical.Model.SalvageClass.Intensive), ("nonintensive", Clinical.Model.SalvageClass.Nonintensive),
        ("blinatumomab", Clinical.Model.SalvageClass.Blinatumomab), ("inotuzumab", Clinical.Model.SalvageClass.Inotuzumab), ("car_t_reinfusion", Clinical.Model.SalvageClass.CarTReinfusion));

    /// <summary>setting: consolidation, after_salvage.</summary>
    public static readonly Codes<TransplantSetting> Setting = new(("consolidation", TransplantSetting.Consolidation), ("after_salvage", TransplantSetting.AfterSalvage));

    /// <summary>disease_status: cr_mrd_neg, cr_mrd_pos, cr_mrd_unknown, active_disease.</summary>
    public static readonly Codes<TransplantDiseaseStatus> TransplantStatus = new(("cr_mrd_neg", TransplantDiseaseStatus.CrMrdNegative), ("cr_mrd_pos", TransplantDiseaseStatus.CrMrdPositive),
        ("cr_mrd_unknown", TransplantDiseaseStatus.CrMrdUnknown), ("active_disease", TransplantDiseaseStatus.ActiveDisease));

    /// <summary>vital_status: alive, dead.</summary>
    public static readonly Codes<VitalStatus> Vital = new(("alive", VitalStatus.Alive), ("dead", VitalStatus.Dead));

    /// <summary>cause_of_death: disease, treatment_related, unknown (empty when alive).</summary>
    public static readonly Codes<CauseOfDeath> Cause = new(("disease", CauseOfDeath.Disease), ("treatment_related", CauseOfDeath.TreatmentRelated), ("unknown", CauseOfDeath.Unknown));

    /// <summary>Site flags as text, e.g. <c>bm;cns</c>; empty for none.</summary>
    public static string SiteText(ProgressionSite site)
        => string.Join(";", new[] { ProgressionSite.BoneMarrow, ProgressionSite.Extramedullary, ProgressionSite.Cns, ProgressionSite.Bone, ProgressionSite.LymphNode }.Where(f => site.HasFlag(f)).Select(Site.Code));
}
