namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>Splits counting-process rows at fixed cut points (R: <c>survSplit(Surv(start, stop, event) ~ ., data, cut, episode)</c>).</summary>
public static class SurvSplit
{
    /// <summary>
    /// Splits each row <c>(s, e]</c> at every cut <c>c</c> with <c>s &lt; c &lt; e</c>. The pieces keep the row's
    /// subject and covariates; only the last piece keeps the event. Optionally adds an episode column, R's
    /// <c>findInterval(start, sort(cut)) + 1</c>: 1 before the first cut, k + 1 after the k-th.
    /// </summary>
    /// <param name="data">Rows to split.</param>
    /// <param name="cuts">Cut points; finite, any order, duplicates ignored.</param>
    /// <param name="episode">Name of the episode column to add (R's <c>episode</c>), or null for none.</param>
    public static TimeDependentData Split(TimeDependentData data, IEnumerable<double> cuts, string? episode = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cuts);
        var cut = cuts.ToArray();
        foreach (var c in cut)
            if (!double.IsFinite(c)) throw new ArgumentException($"Cut point {c} is not finite.", nameof(cuts));
        cut = cut.Distinct().Order().ToArray();
        if (episode is not null && data.CovariateNames.Contains(episode))
            throw new ArgumentException($"The data already have a column named '{episode}'.", nameof(episode));

        var rows = new List<(int Row, double Start, double Stop, bool Event)>();
        for (int i = 0; i < data.Count; i++)
        {
            double s = data.Start[i], e = data.Stop[i];
            var inner = cut.Where(c => c > s && c < e).ToArray();
            double from = s;
            foreach (var c in inner) { rows.Add((i, from, c, false)); from = c; }
            rows.Add((i, from, e, data.Event[i]));
        }
        var names = data.CovariateNames.ToList();
        var columns = names.Select(n => rows.Select(r => data.Covariate(n)[r.Row]).ToArray()).ToList();
        if (episode is not null)
        {
            names.Add(episode);
            columns.Add(rows.Select(r => (double)(cut.Count(c => c <= r.Start) + 1)).ToArray());
        }
        return TimeDependentData.Trusted(rows.Select(r => data.SubjectIds[r.Row]).ToArray(), rows.Select(r => r.Start).ToArray(),
            rows.Select(r => r.Stop).ToArray(), rows.Select(r => r.Event).ToArray(), names.ToArray(), columns.ToArray());
    }
}
