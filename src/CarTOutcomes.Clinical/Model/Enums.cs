namespace CarTOutcomes.Clinical.Model;

/// <summary>Sex as recorded.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    Female,
    /// <summary>Male.</summary>
    Male,
}

/// <summary>Philadelphia chromosome, t(9;22)/BCR-ABL1, status.</summary>
public enum PhStatus
{
    /// <summary>Ph-negative ALL.</summary>
    Negative,
    /// <summary>Ph-positive ALL.</summary>
    Positive,
}

/// <summary>BCR-ABL1 transcript of Ph-positive ALL (paper Table 1: p190, p210).</summary>
public enum PhSubtype
{
    /// <summary>Minor breakpoint, p190 transcript.</summary>
    P190,
    /// <summary>Major breakpoint, p210 transcript.</summary>
    P210,
    /// <summary>Ph-positive, transcript not recorded.</summary>
    Unknown,
}

/// <summary>Cytogenetic risk group by the MRC UKALL XII / ECOG E2993 classification (paper Methods, ref. 14).</summary>
public enum CytogeneticRisk
{
    /// <summary>Standard risk.</summary>
    Standard,
    /// <summary>High risk (e.g. t(9;22), t(4;11), complex karyotype, low hypodiploidy/near triploidy).</summary>
    High,
    /// <summary>Not assessable or not recorded.</summary>
    Unknown,
}

/// <summary>Disease burden immediately before a treatment: a CAR T infusion (paper Table 1) or a salvage line (paper: "morphologic disease at blinatumomab initiation").</summary>
public enum DiseaseBurden
{
    /// <summary>Morphologic disease: marrow blasts ≥ 5% or extramedullary disease.</summary>
    Morphologic,
    /// <summary>Minimal residual disease only: blasts &lt; 5% with detectable MRD.</summary>
    Mrd,
    /// <summary>No evidence of disease.</summary>
    NoEvidence,
}

/// <summary>Bridging therapy before a CAR T infusion, classified by myelosuppressive potential (paper Methods).</summary>
public enum BridgingTherapy
{
    /// <summary>No bridging therapy.</summary>
    None,
    /// <summary>Minimally myelosuppressive chemotherapy ± TKI, or noncellular immunotherapy.</summary>
    Nonintensive,
    /// <summary>Multiagent myelosuppressive chemotherapy ± TKI.</summary>
    Intensive,
}

/// <summary>Response category of an assessment (paper Methods: CR = marrow blasts &lt; 5% and no extramedullary disease).</summary>
public enum ResponseCategory
{
    /// <summary>Complete remission with negative minimal residual disease (flow cytometry, sensitivity ≥ 10⁻⁴).</summary>
    CrMrdNegative,
    /// <summary>Complete remission with detectable minimal residual disease.</summary>
    CrMrdPositive,
    /// <summary>Complete remission, MRD not assessed.</summary>
    CrMrdUnknown,
    /// <summary>No response: failure to attain morphologic CR (refractory disease).</summary>
    Refractory,
    /// <summary>Not evaluable (e.g. early death, lost to follow-up).</summary>
    NotEvaluable,
}

/// <summary>Whether a post-CAR T failure was refractory disease or a relapse after remission.</summary>
public enum ProgressionType
{
    /// <summary>Failure to attain CR (documented at the failed assessment).</summary>
    Refractory,
    /// <summary>Reappearance of blasts (≥ 5% in marrow or blood) or extramedullary disease after a CR.</summary>
    Relapse,
}

/// <summary>Sites of disease at progression; a combination of flags.</summary>
[Flags]
public enum ProgressionSite
{
    /// <summary>No site recorded.</summary>
    None = 0,
    /// <summary>Bone marrow.</summary>
    BoneMarrow = 1,
    /// <summary>Extramedullary site other than the CNS, bone and lymph nodes, or an extramedullary site not specified.</summary>
    Extramedullary = 2,
    /// <summary>Central nervous system (an extramedullary site, recorded separately).</summary>
    Cns = 4,
    /// <summary>Bone (an extramedullary site, recorded separately; paper: isolated EM relapse "n = 1, bone").</summary>
    Bone = 8,
    /// <summary>Lymph node (an extramedullary site, recorded separately; paper: isolated EM relapse "n = 1, lymph node").</summary>
    LymphNode = 16,
}

/// <summary>The diagnosis of the leukemia treated with CAR T.</summary>
public enum LeukemiaDiagnosis
{
    /// <summary>B-cell acute lymphoblastic leukemia (B-ALL).</summary>
    BLymphoblastic,
    /// <summary>Mixed-phenotype acute leukemia, B/myeloid (blasts coexpressing B-lymphoid and myeloid markers).</summary>
    MixedPhenotype,
}

/// <summary>Lineage of the blasts at a progression (from the immunophenotype).</summary>
public enum LeukemiaLineage
{
    /// <summary>B-lymphoid blasts.</summary>
    BLymphoid,
    /// <summary>Myeloid blasts: a lineage switch (paper: a Ph+ mixed-phenotype leukemia relapsing as CD19-negative myeloid leukemia).</summary>
    Myeloid,
    /// <summary>Immunophenotype not available (exactly when the CD19 status is unknown).</summary>
    Unknown,
}

/// <summary>Kind of an adverse event of a salvage therapy or of a transplant (CTCAE terms; CRS and ICANS by ASTCT).</summary>
public enum AdverseEventKind
{
    /// <summary>Cytokine release syndrome (e.g. after blinatumomab).</summary>
    Crs,
    /// <summary>Immune effector cell-associated neurotoxicity syndrome (paper Table 4: "neurotoxicities").</summary>
    Icans,
    /// <summary>Infection.</summary>
    Infection,
    /// <summary>Hepatic sinusoidal obstruction syndrome (veno-occlusive disease).</summary>
    SinusoidalObstructionSyndrome,
    /// <summary>White blood cell count decreased (paper Table 4: cytopenia "WBC").</summary>
    WhiteBloodCellDecreased,
    /// <summary>Platelet count decreased (paper Table 4: cytopenia "platelet").</summary>
    PlateletCountDecreased,
    /// <summary>Any other adverse event.</summary>
    Other,
}

/// <summary>What an adverse event belongs to.</summary>
public enum AdverseEventSetting
{
    /// <summary>During a salvage line (the event names the line number).</summary>
    SalvageLine,
    /// <summary>After an allogeneic HSCT (the most recent transplant on or before the event's day).</summary>
    AfterTransplant,
}

/// <summary>CD19 expression on blasts at progression.</summary>
public enum Cd19Status
{
    /// <summary>CD19-positive disease.</summary>
    Positive,
    /// <summary>CD19-negative disease.</summary>
    Negative,
    /// <summary>Immunophenotype not available.</summary>
    Unknown,
}

/// <summary>Class of a salvage therapy line after CAR T failure (paper: intensive, nonintensive, noncellular immunotherapy, re-infusion).</summary>
public enum SalvageClass
{
    /// <summary>Intensive multiagent chemotherapy ± TKI.</summary>
    Intensive,
    /// <summary>Nonintensive, minimally myelosuppressive therapy ± TKI (other than blinatumomab/inotuzumab).</summary>
    Nonintensive,
    /// <summary>Blinatumomab (CD19×CD3 bispecific).</summary>
    Blinatumomab,
    /// <summary>Inotuzumab ozogamicin (CD22 antibody–drug conjugate).</summary>
    Inotuzumab,
    /// <summary>Re-infusion of CAR T cells.</summary>
    CarTReinfusion,
}

/// <summary>Setting of an allogeneic transplant after CAR T.</summary>
public enum TransplantSetting
{
    /// <summary>Consolidation of a remission induced by CAR T.</summary>
    Consolidation,
    /// <summary>After salvage therapy for post-CAR T progression.</summary>
    AfterSalvage,
}

/// <summary>Disease status at transplant.</summary>
public enum TransplantDiseaseStatus
{
    /// <summary>CR, MRD-negative.</summary>
    CrMrdNegative,
    /// <summary>CR, MRD-positive.</summary>
    CrMrdPositive,
    /// <summary>CR, MRD not assessed.</summary>
    CrMrdUnknown,
    /// <summary>Active (morphologic) disease.</summary>
    ActiveDisease,
}

/// <summary>Vital status at last contact.</summary>
public enum VitalStatus
{
    /// <summary>Alive at last contact (censored).</summary>
    Alive,
    /// <summary>Dead; the last-contact day is the day of death.</summary>
    Dead,
}

/// <summary>Cause of death (paper: disease progression, treatment-related mortality, unknown).</summary>
public enum CauseOfDeath
{
    /// <summary>Progressive disease.</summary>
    Disease,
    /// <summary>Treatment-related mortality (TRM).</summary>
    TreatmentRelated,
    /// <summary>Unknown etiology (inadequate documentation or lost to follow-up).</summary>
    Unknown,
}

/// <summary>Helpers on the enums.</summary>
public static class ResponseCategoryExtensions
{
    /// <summary>True when <paramref name="site"/> includes any extramedullary site (CNS, bone, lymph node or other).</summary>
    public static bool IsExtramedullary(this ProgressionSite site)
        => (site & (ProgressionSite.Extramedullary | ProgressionSite.Cns | ProgressionSite.Bone | ProgressionSite.LymphNode)) != 0;

    /// <summary>True for the cytopenias (white blood cell and platelet count decreased): hematologic adverse events.</summary>
    public static bool IsHematologic(this AdverseEventKind kind)
        => kind is AdverseEventKind.WhiteBloodCellDecreased or AdverseEventKind.PlateletCountDecreased;

    /// <summary>True for the three complete-remission categories, whatever the MRD status.</summary>
    public static bool IsCompleteRemission(this ResponseCategory category)
        => category is ResponseCategory.CrMrdNegative or ResponseCategory.CrMrdPositive or ResponseCategory.CrMrdUnknown;
}
