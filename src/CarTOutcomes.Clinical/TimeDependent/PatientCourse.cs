using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.MultiState;

namespace CarTOutcomes.Clinical.TimeDependent;

/// <summary>
/// Each patient's course after the first CAR T infusion as multi-state data: infused → complete remission (CR) →
/// consolidative HSCT; any living state → progression (refractory disease or relapse) → CR after salvage →
/// HSCT after salvage; any state → death. Recurrences are allowed: a relapse after a salvage CR or a transplant
/// returns to <see cref="Progression"/>, a later salvage CR to <see cref="SalvageRemission"/>, and so on.
/// </summary>
/// <remarks>
/// <para>Rules (days from the first infusion): a CR to the first infusion moves an infused patient to
/// <see cref="FirstRemission"/>; each progression record moves a living patient who is not already progressing to
/// <see cref="Progression"/>; a CR to a salvage line (or to a CAR T re-infusion, recorded as a salvage line) moves a
/// progressing patient to <see cref="SalvageRemission"/>; a transplant moves a patient in <see cref="FirstRemission"/>
/// to <see cref="ConsolidativeHsct"/> and one in <see cref="SalvageRemission"/> to <see cref="SalvageHsct"/> (a
/// transplant in active disease leaves the patient in <see cref="Progression"/>); death ends the course. An event
/// that does not apply to the current state is ignored.</para>
/// <para>Events on the same day are applied in the order response, progression, salvage response, transplant,
/// death, and only the state reached at the end of the day is entered (an interval (start, stop] cannot be empty).
/// A patient censored on the day of an event enters its state and leaves follow-up at once.</para>
/// </remarks>
public static class PatientCourse
{
    /// <summary>The initial state: infused, not (yet) in remission.</summary>
    public const string Infused = "infused";

    /// <summary>In the complete remission induced by CAR T, never lost.</summary>
    public const string FirstRemission = "cr";

    /// <summary>Transplanted in the CAR T remission (consolidation), remission not lost.</summary>
    public const string ConsolidativeHsct = "consolidative_hsct";

    /// <summary>Refractory disease or relapse, not (again) in remission.</summary>
    public const string Progression = "progression";

    /// <summary>In a complete remission regained with salvage therapy.</summary>
    public const string SalvageRemission = "salvage_cr";

    /// <summary>Transplanted in a remission regained with salvage therapy.</summary>
    public const string SalvageHsct = "salvage_hsct";

    /// <summary>Dead.</summary>
    public const string Death = "death";

    /// <summary>The states of leukemia-free survival: alive in the CAR T remission, never lost.</summary>
    public static IReadOnlyList<string> LeukemiaFreeStates { get; } = [FirstRemission, ConsolidativeHsct];

    /// <summary>The states of current leukemia-free survival: alive and in remission, a lost remission regained counting.</summary>
    public static IReadOnlyList<string> CurrentlyLeukemiaFreeStates { get; } = [FirstRemission, ConsolidativeHsct, SalvageRemission, SalvageHsct];

    private enum Kind { Response, Progression, SalvageResponse, Transplant, Death }

    private readonly record struct Event(double Day, Kind Kind, TransplantSetting? Setting = null, bool InRemission = false);

    /// <summary>The course of every patient, one row per stay in a state, times in <paramref name="unit"/>.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="unit">Time unit (months by default).</param>
    public static MultiStateData Build(Cohort cohort, TimeUnit unit = TimeUnit.Months)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var ids = new List<string>();
        var start = new List<double>();
        var stop = new List<double>();
        var state = new List<string?>();
        var initial = new List<string?>();
        foreach (var h in cohort.Histories)
        {
            bool first = true;
            foreach (var (from, to, entered) in Rows(h))
            {
                initial.Add(first ? Infused : null);
                first = false;
                ids.Add(h.Patient.Id);
                start.Add(StudyTime.Convert(from, unit));
                stop.Add(StudyTime.Convert(to, unit));
                state.Add(entered);
            }
        }
        return MultiStateData.Create(ids, start, stop, state, initial);
    }

    /// <summary>One patient's rows in days: (start, stop, state entered at stop or null).</summary>
    internal static IEnumerable<(double Start, double Stop, string? State)> Rows(PatientHistory h)
    {
        var events = Events(h).OrderBy(e => e.Day).ThenBy(e => e.Kind).ToList();
        string current = Infused;
        double since = 0;
        var rows = new List<(double, double, string?)>();
        for (int i = 0; i < events.Count;)
        {
            double day = events[i].Day;
            string next = current;
            for (; i < events.Count && events[i].Day == day; i++) next = Apply(next, events[i]);
            if (next == current) continue;
            // An event on the day of infusion would make an empty row: it is placed half a day later.
            double at = day > since ? day : since + ProgressionDatasets.ZeroFollowUpDays;
            rows.Add((since, at, next));
            current = next;
            since = at;
            if (current == Death) return rows;
        }
        if (h.EndDay > since) rows.Add((since, h.EndDay, null));
        else if (rows.Count == 0) rows.Add((0, ProgressionDatasets.ZeroFollowUpDays, null));
        return rows;
    }

    private static IEnumerable<Event> Events(PatientHistory h)
    {
        foreach (var r in h.Responses.Where(r => r.InfusionNumber == 1 && r.Category.IsCompleteRemission()))
            yield return new Event(r.Day, Kind.Response);
        foreach (var p in h.Progressions) yield return new Event(p.Day, Kind.Progression);
        foreach (var s in h.SalvageLines.Where(s => s.Response?.IsCompleteRemission() == true && s.ResponseDay is not null))
            yield return new Event(s.ResponseDay!.Value, Kind.SalvageResponse);
        foreach (var t in h.Transplants)
            yield return new Event(t.Day, Kind.Transplant, t.Setting, t.DiseaseStatus != TransplantDiseaseStatus.ActiveDisease);
        if (h.Died) yield return new Event(h.EndDay, Kind.Death);
    }

    private static string Apply(string current, Event e) => (e.Kind, current) switch
    {
        (_, Death) => Death,
        (Kind.Death, _) => Death,
        (Kind.Response, Infused) => FirstRemission,
        (Kind.Progression, not Progression) => Progression,
        (Kind.SalvageResponse, Progression) => SalvageRemission,
        (Kind.Transplant, FirstRemission) when e.InRemission => ConsolidativeHsct,
        (Kind.Transplant, SalvageRemission) when e.InRemission => SalvageHsct,
        _ => current,
    };
}
