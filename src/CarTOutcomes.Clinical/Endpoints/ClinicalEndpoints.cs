using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Clinical.Endpoints;

/// <summary>When refractory disease counts as an event in EFS and in the incidence of R/R disease.</summary>
public enum RefractoryEventDay
{
    /// <summary>
    /// The default: on the day of the failed response assessment, i.e. the day of the <see cref="ProgressionType.Refractory"/>
    /// progression record ("confirmed refractory disease", paper Methods).
    /// </summary>
    AssessmentDay,

    /// <summary>On the day of the first infusion (day 0): treatment failure from the start, as in several CAR T trials.</summary>
    InfusionDay,
}

/// <summary>
/// The endpoints of the paper (Methods, "Assessments and outcomes"), each derived from a checked <see cref="Cohort"/>.
/// Times are in days from the endpoint's origin; convert with <see cref="EndpointData.ToSurvivalData"/>.
/// </summary>
public static class ClinicalEndpoints
{
    /// <summary>
    /// Overall survival: from the first CAR T infusion (day 0) to death (event) or last contact (censored), all patients.
    /// </summary>
    public static EndpointData OverallSurvival(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new EndpointData("Overall survival from first CAR T infusion",
            cohort.Histories.Select(h => (h.Patient.Id, h.EndDay, h.Died)));
    }

    /// <summary>
    /// Event-free survival: from the first infusion to the first of refractory disease, relapse or death (event);
    /// patients with none are censored at last contact. Transplant and salvage do not censor.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="refractoryDay">When refractory disease counts; see <see cref="RefractoryEventDay"/>.</param>
    public static EndpointData EventFreeSurvival(Cohort cohort, RefractoryEventDay refractoryDay = RefractoryEventDay.AssessmentDay)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new EndpointData("Event-free survival from first CAR T infusion", cohort.Histories.Select(h =>
        {
            var p = h.FirstProgression;
            return p is null ? (h.Patient.Id, h.EndDay, h.Died) : (h.Patient.Id, FailureDay(p, refractoryDay), true);
        }));
    }

    /// <summary>
    /// Cumulative incidence data of relapsed/refractory disease with death as the competing event: status 1 at the
    /// first progression, 2 at death without prior progression, 0 (censored) at last contact otherwise.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="refractoryDay">When refractory disease counts.</param>
    public static CompetingEndpointData RelapsedRefractoryIncidence(Cohort cohort, RefractoryEventDay refractoryDay = RefractoryEventDay.AssessmentDay)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new CompetingEndpointData("Relapsed/refractory disease, death as competing event", cohort.Histories.Select(h =>
        {
            var p = h.FirstProgression;
            if (p is not null) return (h.Patient.Id, FailureDay(p, refractoryDay), CompetingEndpointData.EventOfInterest);
            return (h.Patient.Id, h.EndDay, h.Died ? CompetingEndpointData.CompetingEvent : CompetingEndpointData.Censored);
        }));
    }

    /// <summary>
    /// Overall survival after progression: patients with a progression, from the first progression to death (event)
    /// or last contact (censored). A death on the day of progression gives time 0.
    /// </summary>
    public static EndpointData SurvivalAfterProgression(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new EndpointData("Overall survival from first post-CAR T progression", cohort.Histories
            .Where(h => h.FirstProgression is not null)
            .Select(h => (h.Patient.Id, h.EndDay - h.FirstProgression!.Day, h.Died)));
    }

    /// <summary>
    /// EFS after a salvage CR: patients whose salvage achieved CR, from the day of the first salvage CR to the next
    /// relapse or death (event), censored at last contact.
    /// </summary>
    public static EndpointData EventFreeSurvivalAfterSalvageCr(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new EndpointData("Event-free survival from CR to salvage", SalvageCrRows(cohort, deathIsEvent: true));
    }

    /// <summary>
    /// Remission duration after a salvage CR: from the day of the first salvage CR to the next relapse (event);
    /// a death in remission is censored at the day of death, and patients alive in remission at last contact.
    /// </summary>
    public static EndpointData RemissionDurationAfterSalvageCr(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new EndpointData("Remission duration after CR to salvage", SalvageCrRows(cohort, deathIsEvent: false));
    }

    /// <summary>Median follow-up from the first infusion by reverse Kaplan–Meier (censoring of OS is the event).</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="unit">Unit of the result (months by default, as the paper).</param>
    /// <param name="convention">Tie convention; see <see cref="FollowUpConvention"/>.</param>
    public static FollowUpResult MedianFollowUp(Cohort cohort, TimeUnit unit = TimeUnit.Months,
        FollowUpConvention convention = FollowUpConvention.EventsFirst)
        => FollowUpResult.Estimate(OverallSurvival(cohort).ToSurvivalData(unit), convention);

    /// <summary>Median follow-up after the first progression by reverse Kaplan–Meier (paper: "median follow-up of 20 months after progression").</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="unit">Unit of the result.</param>
    /// <param name="convention">Tie convention.</param>
    public static FollowUpResult MedianFollowUpAfterProgression(Cohort cohort, TimeUnit unit = TimeUnit.Months,
        FollowUpConvention convention = FollowUpConvention.EventsFirst)
        => FollowUpResult.Estimate(SurvivalAfterProgression(cohort).ToSurvivalData(unit), convention);

    internal static double FailureDay(Progression p, RefractoryEventDay option)
        => p.Type == ProgressionType.Refractory && option == RefractoryEventDay.InfusionDay ? 0 : p.Day;

    private static IEnumerable<(string, double, bool)> SalvageCrRows(Cohort cohort, bool deathIsEvent)
    {
        foreach (var h in cohort.Histories)
        {
            var cr = h.FirstSalvageCr;
            if (cr is null) continue;
            double origin = cr.ResponseDay!.Value;
            var relapse = h.Progressions.FirstOrDefault(p => p.Day > origin);
            if (relapse is not null) yield return (h.Patient.Id, relapse.Day - origin, true);
            else yield return (h.Patient.Id, h.EndDay - origin, deathIsEvent && h.Died);
        }
    }
}
