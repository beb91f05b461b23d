using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.MultiState;
using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Clinical.Study;

/// <summary>The consolidative-HSCT model of Table 2 both ways: as the study entered it, and time-dependent.</summary>
/// <param name="Baseline">The study's baseline yes/no indicator (immortal-time bias; reproduced under the named opt-in).</param>
/// <param name="TimeDependent">The transplant as a time-dependent covariate from its day on.</param>
/// <param name="Transplanted">Patients with a consolidative HSCT before their R/R event or censoring.</param>
public sealed record ConsolidationModels(CoxCoefficient Baseline, CoxCoefficient TimeDependent, int Transplanted);

/// <summary>
/// The study's exposures that happen after the infusion, analysed without immortal-time bias (issue #16): the
/// patients' courses as a multi-state model with leukemia-free and current leukemia-free survival, survival after
/// progression by response to salvage as extended Kaplan–Meier curves with the Mantel–Byar test, and the Table 2
/// consolidative-HSCT model both ways. Times are in months.
/// </summary>
public static class StudyExposures
{
    /// <summary>The name of the leukemia-free survival state set (alive in the CAR T remission, never lost).</summary>
    public const string LeukemiaFree = "Leukemia-free survival";

    /// <summary>The name of the current leukemia-free survival state set (alive and in remission).</summary>
    public const string CurrentlyLeukemiaFree = "Current leukemia-free survival";

    /// <summary>The group of a patient not (yet) in a CR to salvage, in the time-dependent curves.</summary>
    public const string NoSalvageCr = "No CR to salvage (yet)";

    /// <summary>The group of a patient from the day of a CR to salvage on.</summary>
    public const string AfterSalvageCr = "After CR to salvage";

    /// <summary>The groups of the salvage-CR curves, in order.</summary>
    public static IReadOnlyList<string> SalvageCrGroups { get; } = [NoSalvageCr, AfterSalvageCr];

    /// <summary>The Aalen–Johansen fit of the patients' courses (<see cref="PatientCourse"/>), with the LFS and CLFS sets.</summary>
    /// <param name="cohort">The cohort.</param>
    public static MultiStateResult Course(Cohort cohort) => MultiStateAalenJohansen.Fit(PatientCourse.Build(cohort),
        new MultiStateOptions(StateSets:
        [
            new StateSet(LeukemiaFree, PatientCourse.LeukemiaFreeStates),
            new StateSet(CurrentlyLeukemiaFree, PatientCourse.CurrentlyLeukemiaFreeStates),
        ]));

    /// <summary>
    /// Survival after progression by complete remission to salvage, as a time-dependent group (extended
    /// Kaplan–Meier of Simon and Makuch): a patient counts in "no" until the day of the salvage CR and in "yes" after.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    public static IReadOnlyList<KaplanMeierResult> SurvivalAfterProgressionBySalvageCr(Cohort cohort)
    {
        var (data, groups) = SalvageCrRows(cohort);
        return ExtendedKaplanMeier.Fit(data, groups, KaplanMeierOptions.Default, SalvageCrGroups);
    }

    /// <summary>The Mantel–Byar test of survival after progression by the time-dependent salvage CR.</summary>
    /// <param name="cohort">The cohort.</param>
    public static LogRankResult SalvageCrMantelByar(Cohort cohort)
    {
        var (data, groups) = SalvageCrRows(cohort);
        return MantelByar.Test(data, groups, SalvageCrGroups);
    }

    /// <summary>
    /// Landmark curves of survival after progression: the patients alive at each landmark (months from progression),
    /// grouped by whether they had reached a CR to salvage by then.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="landmarks">Months from progression.</param>
    public static IReadOnlyList<LandmarkResult> SalvageCrLandmarks(Cohort cohort, IReadOnlyList<double> landmarks)
    {
        var (data, groups) = SalvageCrRows(cohort);
        return Landmark.Fit(data, groups, landmarks, KaplanMeierOptions.Default, SalvageCrGroups);
    }

    private static (Survival.Data.SurvivalData Data, string[] Groups) SalvageCrRows(Cohort cohort)
    {
        var td = ProgressionDatasets.SalvageTimeDependent(cohort, StudyConventions.Month);
        var groups = td.Covariate(ProgressionDatasets.CrAfterSalvage).Select(x => x == 1 ? AfterSalvageCr : NoSalvageCr).ToArray();
        return (td.ToSurvivalData().WithIds(td.SubjectIds), groups);
    }

    /// <summary>
    /// Table 2's consolidative-HSCT model (cause-specific hazard of R/R disease) as the study entered it, a baseline
    /// indicator, under <see cref="ImmortalTimeOptIn.ReproduceStudyBaselineIndicator"/>, and with the transplant as a
    /// time-dependent covariate.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    public static ConsolidationModels ConsolidativeHsct(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var rr = ClinicalEndpoints.RelapsedRefractoryIncidence(cohort);
        var evt = rr.Status.Select(s => s == CompetingEndpointData.EventOfInterest).ToArray();
        var months = rr.Times(StudyConventions.Month);
        var indicator = PostInfusionFacts.BaselineIndicator(PostInfusionFact.ConsolidativeHsct, ImmortalTimeOptIn.ReproduceStudyBaselineIndicator);
        var x = rr.PatientIds.Select(id => indicator(cohort.History(id))).ToArray();
        var baseline = CoxModel.Fit(Survival.Data.SurvivalData.RightCensored(months, evt), [x], ["hsct_consolidation"]).Coefficients[0];
        var td = PostInfusionFacts.TimeDependent(cohort, rr.PatientIds, rr.Days, evt, PostInfusionFact.ConsolidativeHsct);
        var timeDependent = PostInfusionFacts.Cox(td, PostInfusionFact.ConsolidativeHsct).Coefficients[0];
        int transplanted = td.SubjectIds.Where((_, i) => td.Covariate(PostInfusionFacts.Name(PostInfusionFact.ConsolidativeHsct))[i] == 1).Distinct().Count();
        return new ConsolidationModels(baseline, timeDependent, transplanted);
    }
}
