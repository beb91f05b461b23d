using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// Landmark analysis (Anderson, Cain and Gelber 1983): at a landmark time L, keep the subjects still under
/// observation and event-free at L, group them by their exposure status at L, and follow them from L. It answers
/// "among those alive and event-free at L, does exposure by L predict what follows?", free of immortal-time bias.
/// </summary>
/// <remarks>
/// <para>A subject is kept at L when one of its rows has start ≤ L &lt; stop and none of its rows ending at or
/// before L has an event. Its group is that row's group: on <c>(start, stop]</c> rows made by R's
/// <c>tmerge(tdc(t))</c> an exposure at time t starts the row beginning at t, so an exposure at L itself counts as
/// "exposed by L". Its follow-up after L, shifted by −L, is one right-censored row when its rows after L are
/// contiguous; when they have gaps the rows are kept as counting-process rows (then the curves are those of
/// <see cref="KaplanMeier"/> on delayed-entry data). In R, with <c>lm</c> the subjects kept:
/// <c>survfit(Surv(futime - L, status) ~ exposed_by_L, data = lm)</c>.</para>
/// </remarks>
public static class Landmark
{
    /// <summary>Fits the curves (and a log-rank test when two or more groups remain) at each landmark.</summary>
    /// <param name="data">Counting-process rows, unweighted, at most one event per subject, with subject ids (<see cref="SurvivalData.WithIds"/>).</param>
    /// <param name="groups">The exposure group of each row.</param>
    /// <param name="landmarks">One or more landmark times, each finite.</param>
    /// <param name="options">Kaplan–Meier options.</param>
    /// <param name="levels">Optional explicit order of the groups.</param>
    public static IReadOnlyList<LandmarkResult> Fit(SurvivalData data, IReadOnlyList<string> groups, IReadOnlyList<double> landmarks, KaplanMeierOptions? options = null,
        IReadOnlyList<string>? levels = null)
    {
        ExtendedKaplanMeier.Check(data, groups);
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Count == 0) throw new ArgumentException("Give at least one landmark time.", nameof(landmarks));
        foreach (var l in landmarks)
            if (!double.IsFinite(l)) throw new ArgumentOutOfRangeException(nameof(landmarks), l, "Landmark times must be finite.");
        var subjects = SubjectRows.Build(data.Ids!, data.Start, data.Time);
        var order = levels ?? GroupLevels.Order(groups);
        return landmarks.Select(l => At(data, subjects, groups, l, options, order)).ToArray();
    }

    private static LandmarkResult At(SurvivalData data, SubjectRows subjects, IReadOnlyList<string> groups, double l,
        KaplanMeierOptions? options, IReadOnlyList<string> levels)
    {
        var start = new List<double>();
        var stop = new List<double>();
        var evt = new List<bool>();
        var group = new List<string>();
        var kept = new List<string>();
        bool gaps = false;
        for (int s = 0; s < subjects.Rows.Length; s++)
        {
            var rows = subjects.Rows[s];
            int at = Array.FindIndex(rows, r => data.StartAt(r) <= l && l < data.Time[r]);
            if (at < 0) continue;
            bool eventBefore = rows.Take(at).Any(r => data.Event[r]);
            if (eventBefore) continue;
            kept.Add(subjects.Subjects[s]);
            string g = groups[rows[at]];
            // Runs of contiguous rows from the row containing L on, shifted by −L.
            double runStart = 0, runStop = data.Time[rows[at]] - l;
            bool runEvent = data.Event[rows[at]];
            for (int k = at + 1; k < rows.Length && !runEvent; k++)
            {
                int r = rows[k];
                if (data.Start[r] != data.Time[rows[k - 1]])
                {
                    start.Add(runStart); stop.Add(runStop); evt.Add(false); group.Add(g);
                    runStart = data.Start[r] - l;
                    gaps = true;
                }
                runStop = data.Time[r] - l;
                runEvent = data.Event[r];
            }
            start.Add(runStart); stop.Add(runStop); evt.Add(runEvent); group.Add(g);
        }
        if (kept.Count == 0)
            return new LandmarkResult(l, 0, [], null, "nobody is under observation and event-free at the landmark");
        var shifted = gaps
            ? SurvivalData.CountingProcess(start, stop, evt)
            : SurvivalData.RightCensored(stop, evt);
        var present = levels.Where(x => group.Contains(x)).ToArray();
        var curves = KaplanMeier.Fit(shifted, group, options, present);
        LogRankResult? test = null;
        string? why = null;
        if (present.Length < 2) why = "only one group is at risk at the landmark";
        else if (gaps) why = "follow-up after the landmark has gaps (survdiff needs right-censored data)";
        else
        {
            try { test = LogRank.Test(shifted, group, levels: present); }
            catch (ArgumentException e) { why = e.Message; }
        }
        return new LandmarkResult(l, kept.Count, curves, test, why);
    }
}

/// <summary>The analysis at one landmark time.</summary>
public sealed class LandmarkResult
{
    internal LandmarkResult(double landmark, int subjects, IReadOnlyList<KaplanMeierResult> curves, LogRankResult? test,
        string? noTestReason)
    {
        LandmarkTime = landmark;
        Subjects = subjects;
        Curves = curves;
        Test = test;
        NoTestReason = noTestReason;
    }

    /// <summary>The landmark L; times of <see cref="Curves"/> are measured from it.</summary>
    public double LandmarkTime { get; }

    /// <summary>Subjects under observation and event-free at L.</summary>
    public int Subjects { get; }

    /// <summary>One curve per exposure group at L, times from L (empty when nobody is at risk at L).</summary>
    public IReadOnlyList<KaplanMeierResult> Curves { get; }

    /// <summary>The log-rank test between the groups at L (R: <c>survdiff</c>), or null (see <see cref="NoTestReason"/>).</summary>
    public LogRankResult? Test { get; }

    /// <summary>Why <see cref="Test"/> is null, or null when there is a test.</summary>
    public string? NoTestReason { get; }
}
