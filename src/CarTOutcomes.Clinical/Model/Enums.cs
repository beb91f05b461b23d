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

/// <summary>Disease burden immediately before a CAR T infusion (paper Table 1).</summary>
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
    /// <summary>Extramedullary site other than the CNS (e.g. bone, lymph node).</summary>
    Extramedullary = 2,
    /// <summary>Central nervous system (an extramedullary site, recorded separately).</summary>
    Cns = 4,
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
    /// <summary>True for the three complete-remission categories, whatever the MRD status.</summary>
    public static bool IsCompleteRemission(this ResponseCategory category)
        => category is ResponseCategory.CrMrdNegative or ResponseCategory.CrMrdPositive or ResponseCategory.CrMrdUnknown;
}
