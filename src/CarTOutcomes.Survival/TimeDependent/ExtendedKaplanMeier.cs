using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// The extended Kaplan–Meier estimator of Simon and Makuch (1984): one curve per value of a time-dependent group,
/// on counting-process <c>(start, stop]</c> rows whose group may change within a subject. A subject is in a curve's
/// risk set while it is in one of that group's rows, so the numbers at risk change as subjects switch groups.
/// R: <c>survfit(Surv(tstart, tstop, event) ~ group, data = tmerge(...), id = id)</c> (survival 3.5).
/// </summary>
/// <remarks>
/// <para>The estimate and its Greenwood standard error are those of <see cref="KaplanMeier"/> on each group's rows.
/// A row whose subject continues in a contiguous later row (in the same or another group) is not counted as
/// censored, as R counts with <c>id</c>: only the end of a subject's follow-up is a censoring. (R 3.5-3 computes
/// that flag on the whole data but applies it to each group's subset by position, so its <c>n.censor</c> per group
/// is wrong when there are several groups; the estimates and standard errors are unaffected. This class counts the
/// censorings of each group from its own rows.)</para>
/// <para>A subject may have at most one event: with two or more R switches to a robust variance clustered by
/// subject, which this class does not compute. Case weights are not accepted.</para>
/// </remarks>
public static class ExtendedKaplanMeier
{
    /// <summary>Fits one curve per group.</summary>
    /// <param name="data">Counting-process rows, unweighted, with the subject of each row (<see cref="SurvivalData.WithIds"/>); a subject's intervals must not overlap.</param>
    /// <param name="groups">The group of each row (the value of the time-dependent covariate on the row).</param>
    /// <param name="options">Confidence interval options; the variance is Greenwood's.</param>
    /// <param name="levels">Optional explicit order of the groups.</param>
    /// <exception cref="SubjectRowsException">When a subject's intervals overlap.</exception>
    public static IReadOnlyList<KaplanMeierResult> Fit(SurvivalData data, IReadOnlyList<string> groups,
        KaplanMeierOptions? options = null, IReadOnlyList<string>? levels = null)
    {
        var continues = Check(data, groups);
        options ??= KaplanMeierOptions.Default;
        if (options.Variance == KaplanMeierVariance.InfinitesimalJackknife)
            throw new ArgumentException("The extended Kaplan-Meier estimator uses Greenwood's variance; a jackknife clustered by subject is not implemented.", nameof(options));
        return GroupLevels.Rows(groups, levels)
            .Select(g => KaplanMeier.Fit(data.Subset(g.Rows).WithIds(null), options, g.Label, g.Rows.Select(r => continues[r]).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// Checks the inputs shared by the time-dependent estimators and returns, for each row, whether the subject
    /// continues in a contiguous later row.
    /// </summary>
    internal static bool[] Check(SurvivalData data, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ids = data.Ids ?? throw new ArgumentException("The rows need subject ids (SurvivalData.WithIds; R: id =) so that each subject's intervals can be checked.", nameof(data));
        ArgumentNullException.ThrowIfNull(groups);
        if (!data.IsCountingProcess)
            throw new ArgumentException("A time-dependent group needs counting-process (start, stop] rows.", nameof(data));
        if (data.IsWeighted)
            throw new ArgumentException("Case weights are not supported with a time-dependent group.", nameof(data));
        if (data.Count == 0)
            throw new ArgumentException("The data have no rows.", nameof(data));
        if (groups.Count != data.Count)
            throw new ArgumentException($"There are {groups.Count} group labels for {data.Count} rows.", nameof(groups));
        var subjects = SubjectRows.Build(ids, data.Start, data.Time);
        var evt = data.Event.ToArray();
        for (int s = 0; s < subjects.Rows.Length; s++)
        {
            var withEvent = subjects.Rows[s].Where(r => evt[r]).ToArray();
            if (withEvent.Length > 1)
            {
                string subject = subjects.Subjects[s];
                throw new SubjectRowsException(subject, withEvent, "repeated event", row =>
                    $"Subject '{subject}' has an event in each of {string.Join(", ", withEvent.Select(row))}; " +
                    "the extended Kaplan-Meier estimator and the Mantel-Byar test take one event per subject.");
            }
        }
        return subjects.Continues(data.Start, data.Time);
    }
}
