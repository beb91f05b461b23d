using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// One patient's row of a day layout: the day of death or last contact, and for a progressed synthetic patient
/// optionally the day of first progression (the course after it moves with it: the searched lead to the first salvage
/// line and the spacing of unprinted lines are kept). A layout is the constructive layer of the reconstruction: a
/// script that lays out the Kaplan–Meier step functions (e.g. <c>docs/km-layout-feasibility.R</c>) writes the days,
/// <see cref="CohortReconstruction.ApplyLayout"/> puts them into a cohort the reconstruction made, and a continuation
/// searches on from there.
/// </summary>
/// <param name="PatientId">A patient of the reconstruction (MSK7 … MSK56, SYN01 … SYN37).</param>
/// <param name="LastContactDay">Day of death or last contact (days from the first infusion; quarter days allowed).</param>
/// <param name="ProgressionDay">Day of first progression, or null to keep it.</param>
public sealed record DayLayout(string PatientId, double LastContactDay, double? ProgressionDay = null);

/// <summary>A row of an input to the reconstruction (a layout or an assignment) that its model cannot take.</summary>
public abstract class ReconstructionRowException(int index, string message) : Exception(message)
{
    /// <summary>Index (0-based) of the offending row in the rows given.</summary>
    public int Index { get; } = index;
}

/// <summary>A layout row the reconstruction's model cannot take; the message names the patient, the value and the allowed range.</summary>
public sealed class DayLayoutException(int index, string message) : ReconstructionRowException(index, message);

public static partial class CohortReconstruction
{
    /// <summary>
    /// Puts a day layout into a cohort that the reconstruction made: reads the search's values back from
    /// <paramref name="start"/> (as <see cref="Continue"/> does), sets each listed patient's first-progression day and the
    /// survival value that ends its follow-up on the listed day, and builds the cohort again (every synthetic cohort
    /// passes the model's validation). Patients not listed keep their days.
    /// </summary>
    /// <param name="start">A cohort the reconstruction made.</param>
    /// <param name="layout">The rows; each patient at most once.</param>
    /// <exception cref="InvalidDataException">The start cohort is not one the reconstruction made.</exception>
    /// <exception cref="DayLayoutException">A row names an unknown patient or one listed before, sets the progression day
    /// of a patient who did not progress, or puts a day outside the model's range (the range is named).</exception>
    public static Cohort ApplyLayout(Cohort start, IReadOnlyList<DayLayout> layout)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(layout);
        var (bp, builder, g, index) = Editable(start);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < layout.Count; k++)
        {
            var row = layout[k];
            if (!index.TryGetValue(row.PatientId, out int i)) throw new DayLayoutException(k, $"patient '{row.PatientId}' is not one of the reconstruction's 56 patients.");
            if (!seen.Add(row.PatientId)) throw new DayLayoutException(k, $"patient '{row.PatientId}' is listed twice.");
            var s = bp.Patients[i];
            if (row.ProgressionDay is double p)
            {
                if (!s.Progressed) throw new DayLayoutException(k, $"patient '{s.Id}' did not progress: it has no progression day to set.");
                var r = bp.Range(Gene.ProgressionDay, i);
                if (!OnGrid(r, p)) throw new DayLayoutException(k, $"patient '{s.Id}': progression day {p} is outside {r.Min}..{r.Max} in whole days (the model's range for this patient).");
                g[Gene.ProgressionDay, i] = p;
            }
            double survival = s.Progressed ? row.LastContactDay - builder.FollowUpBase(g, i) : row.LastContactDay;
            var rs = ContinuationSearch.SurvivalRange(bp, i);
            if (!OnGrid(rs, survival) || (!s.Progressed && row.LastContactDay < builder.FollowUpBase(g, i)))
                throw new DayLayoutException(k, $"patient '{s.Id}': last contact on day {row.LastContactDay} is not allowed: the model takes " +
                    (s.Progressed ? $"{builder.FollowUpBase(g, i) + rs.Min}..{builder.FollowUpBase(g, i) + rs.Max} (the last scripted event plus 7 days, plus {rs.Min}..{rs.Max})"
                                  : $"{Math.Max(rs.Min, builder.FollowUpBase(g, i))}..{rs.Max}") + $" in steps of {rs.Step} day.");
            g[Gene.Survival, i] = survival;
            bool alive = s.Progressed || s.EarlyDeath ? s.Status == VitalStatus.Alive : g[Attr.Dead, i] == 0;
            if (!s.Progressed && !s.EarlyDeath && alive && row.LastContactDay < ContinuationSearch.MinimumAliveFollowUp)
                throw new DayLayoutException(k, $"patient '{s.Id}' is alive without progression at last contact: the model follows such a patient at least " +
                    $"{ContinuationSearch.MinimumAliveFollowUp} days, not {row.LastContactDay}.");
        }
        return builder.Build(g);
    }

    /// <summary>The search's values read back from a cohort the reconstruction made, with each patient's index by id.</summary>
    private static (Blueprint Bp, CohortBuilder Builder, Genome G, Dictionary<string, int> Index) Editable(Cohort start)
    {
        var bp = new Blueprint();
        var builder = new CohortBuilder(bp);
        var g = GenomeReader.Read(bp, builder, start);
        return (bp, builder, g, Enumerable.Range(0, bp.Count).ToDictionary(i => bp.Patients[i].Id, StringComparer.Ordinal));
    }

    private static bool OnGrid(GeneRange r, double v) =>
        double.IsFinite(v) && v >= r.Min - 1e-9 && v <= r.Max + 1e-9 && Math.Abs((v - r.Min) / r.Step - Math.Round((v - r.Min) / r.Step)) < 1e-9;
}
