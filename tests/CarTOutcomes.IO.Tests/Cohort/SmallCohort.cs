// A copy of tests/CarTOutcomes.Clinical.Tests/Support/SmallCohort.cs: the cohort round-trip tests need a small cohort built in code.
using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.IO.Tests.Cohort;

/// <summary>
/// A six-patient cohort made up for the endpoint tests; the expected answers in the tests are worked out by hand
/// from this timeline (days from the first infusion):
/// <code>
/// P1  CR d28 · relapse d180 · salvage 1 nonintensive d190 (refractory d220) · salvage 2 blinatumomab d230 (CR MRD− d260)
///     · relapse d400 · died d500 (disease)
/// P2  refractory d28 (progression 1, refractory) · salvage 1 intensive d35 (CR MRD− d70) · HSCT after salvage d120 · alive d900
/// P3  CR d30 · consolidation HSCT d90 · alive d1200
/// P4  not evaluable · died d10 (treatment-related)
/// P5  CR d28 · relapse d300 · died d300 (disease), no salvage
/// P6  CR d28 · relapse d100 · salvage 1 CAR T re-infusion d150 (infusion 2; CR MRD+ d180) · died d250 in CR (treatment-related)
/// </code>
/// </summary>
public static class SmallCohort
{
    public static Patient Patient(string id, double age = 45, Sex sex = Sex.Male, PhStatus ph = PhStatus.Negative,
        bool priorHsct = false, bool priorBlin = false)
        => new(id, age, sex, ph, ph == PhStatus.Positive ? PhSubtype.P190 : null, CytogeneticRisk.Standard, 3,
            priorBlin, false, priorHsct, null, null, LeukemiaDiagnosis.BLymphoblastic);

    public static CarTInfusion Infusion(string id, int number = 1, double day = 0, BridgingTherapy bridging = BridgingTherapy.None)
        => new(id, number, day, DiseaseBurden.Morphologic, bridging, "Cy 3 g/m2", 3e6, null, 1, 0, null, null, null, null);

    public static CohortInput Input() => new(
        [
            Patient("P1", age: 38),
            Patient("P2", age: 62, sex: Sex.Female, ph: PhStatus.Positive, priorHsct: true),
            Patient("P3"),
            Patient("P4", age: 70),
            Patient("P5", age: 41, priorBlin: true),
            Patient("P6", age: 25, sex: Sex.Female),
        ],
        [
            Infusion("P1", bridging: BridgingTherapy.Intensive), Infusion("P2"), Infusion("P3"), Infusion("P4"),
            Infusion("P5", bridging: BridgingTherapy.Nonintensive), Infusion("P6"), Infusion("P6", 2, 150),
        ],
        [
            new("P1", 1, 28, ResponseCategory.CrMrdNegative),
            new("P2", 1, 28, ResponseCategory.Refractory),
            new("P3", 1, 30, ResponseCategory.CrMrdNegative),
            new("P4", 1, 10, ResponseCategory.NotEvaluable),
            new("P5", 1, 28, ResponseCategory.CrMrdPositive),
            new("P6", 1, 28, ResponseCategory.CrMrdNegative),
            new("P6", 2, 180, ResponseCategory.CrMrdPositive),
        ],
        [
            new("P1", 1, 180, ProgressionType.Relapse, ProgressionSite.BoneMarrow, 80, Cd19Status.Positive, LeukemiaLineage.BLymphoid),
            new("P1", 2, 400, ProgressionType.Relapse, ProgressionSite.BoneMarrow | ProgressionSite.Cns, null, Cd19Status.Negative, LeukemiaLineage.BLymphoid),
            new("P2", 1, 28, ProgressionType.Refractory, ProgressionSite.BoneMarrow, 45, Cd19Status.Unknown, LeukemiaLineage.Unknown),
            new("P5", 1, 300, ProgressionType.Relapse, ProgressionSite.Extramedullary, 0, Cd19Status.Negative, LeukemiaLineage.BLymphoid),
            new("P6", 1, 100, ProgressionType.Relapse, ProgressionSite.BoneMarrow, 12.5, Cd19Status.Positive, LeukemiaLineage.BLymphoid),
        ],
        [
            new("P1", 1, 190, "low-dose chemo", SalvageClass.Nonintensive, ResponseCategory.Refractory, 220, DiseaseBurden.Morphologic),
            new("P1", 2, 230, "blinatumomab", SalvageClass.Blinatumomab, ResponseCategory.CrMrdNegative, 260, DiseaseBurden.Morphologic),
            new("P2", 1, 35, "hyper-CVAD", SalvageClass.Intensive, ResponseCategory.CrMrdNegative, 70, DiseaseBurden.Morphologic),
            new("P6", 1, 150, "CAR T re-infusion", SalvageClass.CarTReinfusion, ResponseCategory.CrMrdPositive, 180, DiseaseBurden.Morphologic),
        ],
        [
            new("P2", 120, TransplantSetting.AfterSalvage, TransplantDiseaseStatus.CrMrdPositive),
            new("P3", 90, TransplantSetting.Consolidation, TransplantDiseaseStatus.CrMrdNegative),
        ],
        [
            new("P1", 500, VitalStatus.Dead, CauseOfDeath.Disease, false),
            new("P2", 900, VitalStatus.Alive, null, false),
            new("P3", 1200, VitalStatus.Alive, null, false),
            new("P4", 10, VitalStatus.Dead, CauseOfDeath.TreatmentRelated, false),
            new("P5", 300, VitalStatus.Dead, CauseOfDeath.Disease, false),
            new("P6", 250, VitalStatus.Dead, CauseOfDeath.TreatmentRelated, false),
        ],
        [], []);

    public static CarTOutcomes.Clinical.Model.Cohort Create() => Create(Input());

    public static CarTOutcomes.Clinical.Model.Cohort Create(CohortInput i)
        => CarTOutcomes.Clinical.Model.Cohort.Create(i);
}
