namespace CarTOutcomes.Clinical.Model;

/// <summary>A patient and the baseline characteristics recorded before the first CAR T infusion.</summary>
/// <param name="Id">Anonymized identifier (never a name or record number).</param>
/// <param name="AgeYears">Age at the first CAR T infusion, in years.</param>
/// <param name="Sex">Sex.</param>
/// <param name="Ph">Philadelphia chromosome status.</param>
/// <param name="PhSubtype">BCR-ABL1 transcript; null when Ph-negative.</param>
/// <param name="CytogeneticRisk">Cytogenetic risk group (MRC UKALL XII / ECOG E2993).</param>
/// <param name="PriorLines">Lines of therapy before CAR T.</param>
/// <param name="PriorBlinatumomab">Blinatumomab before CAR T.</param>
/// <param name="PriorInotuzumab">Inotuzumab ozogamicin before CAR T.</param>
/// <param name="PriorHsct">Allogeneic HSCT before CAR T.</param>
/// <param name="LdhHigh">LDH above the upper limit of normal before lymphodepletion; null when unknown.</param>
/// <param name="PlateletsLow">Platelets below the lower limit of normal before lymphodepletion; null when unknown.</param>
/// <param name="Diagnosis">The leukemia: B-ALL, or mixed-phenotype (B/myeloid) acute leukemia.</param>
public sealed record Patient(string Id, double AgeYears, Sex Sex, PhStatus Ph, PhSubtype? PhSubtype,
    CytogeneticRisk CytogeneticRisk, int PriorLines, bool PriorBlinatumomab, bool PriorInotuzumab, bool PriorHsct,
    bool? LdhHigh, bool? PlateletsLow, LeukemiaDiagnosis Diagnosis);

/// <summary>Use of a drug given for CRS/ICANS (tocilizumab, corticosteroids).</summary>
/// <param name="StartDay">Day of the first dose, from the first CAR T infusion.</param>
/// <param name="DurationDays">Number of days of treatment; null when unknown.</param>
/// <param name="DoseIntensity">Dose intensity (corticosteroids: prednisone-equivalent mg/kg/day; tocilizumab: mg/kg per dose); null when unknown.</param>
public sealed record DrugExposure(double StartDay, double? DurationDays, double? DoseIntensity);

/// <summary>When a CRS or ICANS episode after an infusion began and how long it lasted.</summary>
/// <param name="OnsetDays">Days from the infusion to the onset (0 = the day of the infusion).</param>
/// <param name="DurationDays">Days from onset to resolution; null when unknown.</param>
public sealed record ToxicityTiming(double OnsetDays, double? DurationDays);

/// <summary>A CAR T-cell infusion: the first (number 1, day 0) or a re-infusion.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Number">1 for the first infusion, 2, 3, … for re-infusions.</param>
/// <param name="Day">Day of infusion (0 for the first).</param>
/// <param name="DiseaseBurden">Disease burden before the infusion.</param>
/// <param name="Bridging">Bridging therapy before the infusion.</param>
/// <param name="Lymphodepletion">Lymphodepletion regimen as free text (e.g. "Cy 3 g/m2", "Flu/Cy"); null when unknown.</param>
/// <param name="DosePerKg">CAR T cells per kg; null when unknown.</param>
/// <param name="PeakExpansion">Peak expansion, vector copies per mL; null when not measured or none detected.</param>
/// <param name="MaxCrsGrade">Maximum CRS grade (ASTCT, 0–5); null when unknown.</param>
/// <param name="MaxIcansGrade">Maximum ICANS grade (ASTCT, 0–5); null when unknown.</param>
/// <param name="Tocilizumab">Tocilizumab use; null when not given.</param>
/// <param name="Corticosteroid">Systemic corticosteroid use; null when not given.</param>
/// <param name="CrsTiming">Onset and duration of CRS after this infusion; null when there was none or it is not recorded.</param>
/// <param name="IcansTiming">Onset and duration of ICANS after this infusion; null when there was none or it is not recorded.</param>
public sealed record CarTInfusion(string PatientId, int Number, double Day, DiseaseBurden DiseaseBurden,
    BridgingTherapy Bridging, string? Lymphodepletion, double? DosePerKg, double? PeakExpansion, int? MaxCrsGrade,
    int? MaxIcansGrade, DrugExposure? Tocilizumab, DrugExposure? Corticosteroid, ToxicityTiming? CrsTiming, ToxicityTiming? IcansTiming);

/// <summary>A response assessment after a CAR T infusion (the treatment reference is the infusion number).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="InfusionNumber">The infusion assessed (1 = first).</param>
/// <param name="Day">Day of the assessment.</param>
/// <param name="Category">The response.</param>
public sealed record ResponseAssessment(string PatientId, int InfusionNumber, double Day, ResponseCategory Category);

/// <summary>A documented failure after CAR T: refractory disease or relapse.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Number">1 for the first failure after CAR T, 2, … for later relapses (e.g. after a salvage CR).</param>
/// <param name="Day">Day of documentation (for refractory disease: the day of the failed assessment).</param>
/// <param name="Type">Refractory or relapse.</param>
/// <param name="Site">Sites of disease.</param>
/// <param name="MarrowBlastPercent">Bone-marrow blasts, %; null when not measured.</param>
/// <param name="Cd19">CD19 status of the blasts.</param>
/// <param name="Lineage">Lineage of the blasts; unknown exactly when <paramref name="Cd19"/> is unknown.</param>
public sealed record Progression(string PatientId, int Number, double Day, ProgressionType Type, ProgressionSite Site,
    double? MarrowBlastPercent, Cd19Status Cd19, LeukemiaLineage Lineage);

/// <summary>A line of salvage therapy for post-CAR T progression.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Number">Line number, 1 = first salvage.</param>
/// <param name="StartDay">Day the line started.</param>
/// <param name="Regimen">Regimen as free text.</param>
/// <param name="Class">Class of the line.</param>
/// <param name="Response">Best response to the line; null when not assessed.</param>
/// <param name="ResponseDay">Day of that response; given exactly when <paramref name="Response"/> is.</param>
/// <param name="DiseaseStatus">Disease status when the line started (morphologic or MRD); for a CAR T re-infusion, the re-infusion's disease burden.</param>
public sealed record SalvageLine(string PatientId, int Number, double StartDay, string Regimen, SalvageClass Class,
    ResponseCategory? Response, double? ResponseDay, DiseaseBurden DiseaseStatus);

/// <summary>An allogeneic HSCT after CAR T.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Day">Day of transplant.</param>
/// <param name="Setting">Consolidation of the CAR T remission, or after salvage.</param>
/// <param name="DiseaseStatus">Disease status at transplant.</param>
public sealed record Transplant(string PatientId, double Day, TransplantSetting Setting, TransplantDiseaseStatus DiseaseStatus);

/// <summary>Follow-up status of a patient at the data cutoff.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="LastContactDay">Day of last contact; the day of death when <paramref name="Status"/> is Dead.</param>
/// <param name="Status">Vital status.</param>
/// <param name="CauseOfDeath">Cause of death; given exactly when dead.</param>
/// <param name="LostToFollowUp">True when contact was lost before the data cutoff (the last-contact day is then the last day the patient was seen).</param>
public sealed record FollowUp(string PatientId, double LastContactDay, VitalStatus Status, CauseOfDeath? CauseOfDeath, bool LostToFollowUp);

/// <summary>An adverse event of a salvage line or after an allogeneic HSCT (paper Table 4 and the Results on blinatumomab and inotuzumab).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Grade">CTCAE grade 1–5 (ASTCT for CRS and ICANS); null when the event is recorded without its grade.</param>
/// <param name="Day">Day of onset, from the first infusion.</param>
/// <param name="Setting">What the event belongs to: a salvage line or a transplant.</param>
/// <param name="SalvageLineNumber">The salvage line, given exactly when <paramref name="Setting"/> is <see cref="AdverseEventSetting.SalvageLine"/>.</param>
public sealed record AdverseEvent(string PatientId, AdverseEventKind Kind, int? Grade, double Day, AdverseEventSetting Setting, int? SalvageLineNumber);

/// <summary>A donor lymphocyte infusion (DLI) from the donor of an earlier allogeneic HSCT.</summary>
/// <param name="PatientId">The patient (who must have had an allogeneic HSCT before, prior to CAR T or after it).</param>
/// <param name="Day">Day of the infusion, from the first CAR T infusion.</param>
public sealed record DonorLymphocyteInfusion(string PatientId, double Day);
