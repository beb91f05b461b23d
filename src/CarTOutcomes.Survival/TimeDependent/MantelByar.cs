using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// The Mantel–Byar test (Mantel and Byar 1974): the log-rank statistic computed on time-dependent risk sets, for a
/// group that subjects may enter during follow-up (counting-process rows). With no subject changing group it is
/// R's <c>survdiff</c>; in general it is the score test of
/// <c>coxph(Surv(tstart, tstop, event) ~ factor(group), ties = "exact")</c> (not of coxph's default Efron
/// approximation, which differs when event times are tied).
/// </summary>
public static class MantelByar
{
    /// <summary>Tests equality of the hazards of the groups.</summary>
    /// <remarks>
    /// At each event time t, with n_g(t) rows of group g at risk (start &lt; t ≤ stop), n(t) in all and d(t) events,
    /// d_g(t) of them in group g: O_g = Σ d_g, E_g = Σ n_g d / n, and the hypergeometric covariance
    /// V_gh = Σ d (n − d) / (n (n − 1)) · n_g (δ_gh − n_h / n), as <c>survdiff</c> (survdiff2.c) accumulates it;
    /// the statistic is (O − E)′V⁻(O − E) over the groups with expected &gt; 0 but the first.
    /// <see cref="LogRankGroup.N"/> is the number of subjects with at least one row in the group.
    /// <para>With strata the risk sets are those of each stratum, and O, E and V are summed over the strata, as
    /// <c>survdiff</c> stratifies: the score test of
    /// <c>coxph(Surv(tstart, tstop, event) ~ factor(group) + strata(s), ties = "exact")</c>.</para>
    /// </remarks>
    /// <param name="data">Counting-process rows, unweighted, at most one event per subject, with subject ids (<see cref="SurvivalData.WithIds"/>); a subject's intervals must not overlap.</param>
    /// <param name="groups">The group of each row.</param>
    /// <param name="levels">Optional explicit order of the groups.</param>
    /// <param name="strata">Optional stratum of each row (R: <c>strata(s)</c>); when null, the data's own strata (<see cref="SurvivalData.Strata"/>), if any.</param>
    /// <exception cref="SubjectRowsException">When a subject's intervals overlap.</exception>
    public static LogRankResult Test(SurvivalData data, IReadOnlyList<string> groups, IReadOnlyList<string>? levels = null,
        IReadOnlyList<string>? strata = null)
    {
        ExtendedKaplanMeier.Check(data, groups);
        if (strata is not null && strata.Count != data.Count)
            throw new ArgumentException($"There are {strata.Count} stratum labels for {data.Count} rows.", nameof(strata));
        strata ??= data.Strata;
        var ids = data.Ids!;
        var levelOrder = levels ?? GroupLevels.Order(groups);
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < levelOrder.Count; i++) groupIndex[levelOrder[i]] = i;
        int k = levelOrder.Count;
        var g = new int[data.Count];
        for (int i = 0; i < g.Length; i++)
            if (!groupIndex.TryGetValue(groups[i], out g[i]))
                throw new ArgumentException($"Group label '{groups[i]}' at index {i} is not among the levels.", nameof(groups));
        var subjectsIn = new HashSet<string>[k];
        for (int j = 0; j < k; j++) subjectsIn[j] = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < g.Length; i++) subjectsIn[g[i]].Add(ids[i]);
        var n = subjectsIn.Select(s => s.Count).ToArray();
        if (n.Count(x => x > 0) < 2)
            throw new ArgumentException("There is only 1 group: the Mantel-Byar test compares two or more.", nameof(groups));
        var obs = new double[k];
        var exp = new double[k];
        var v = new double[k, k];
        if (strata is null) Accumulate(data, g, obs, exp, v);
        else
            foreach (var (_, rows) in GroupLevels.Rows(strata))
                Accumulate(data.Subset(rows), rows.Select(r => g[r]).ToArray(), obs, exp, v);
        return LogRankResult.Create(levelOrder, n, obs, exp, v, 0, strata is not null);
    }

    /// <summary>
    /// One pass over the distinct event times in ascending order: rows enter the risk set once their start is
    /// before t (rows sorted by start) and leave once their stop is before t (rows sorted by stop).
    /// </summary>
    private static void Accumulate(SurvivalData data, int[] g, double[] obs, double[] exp, double[,] v)
    {
        int k = obs.Length;
        var start = data.Start;
        var stop = data.Time;
        var evt = data.Event;
        var byStart = Order(start);
        var byStop = Order(stop);
        var risk = new double[k];
        var deathsByGroup = new double[k];
        double nrisk = 0;
        int ps = 0, pe = 0;
        for (int p = 0; p < byStop.Length;)
        {
            double t = stop[byStop[p]];
            for (; ps < byStart.Length && start[byStart[ps]] < t; ps++) { risk[g[byStart[ps]]]++; nrisk++; }
            for (; pe < byStop.Length && stop[byStop[pe]] < t; pe++) { risk[g[byStop[pe]]]--; nrisk--; }
            Array.Clear(deathsByGroup);
            double deaths = 0;
            for (; p < byStop.Length && stop[byStop[p]] == t; p++)
                if (evt[byStop[p]]) { deaths++; deathsByGroup[g[byStop[p]]]++; }
            if (deaths == 0) continue;
            for (int j = 0; j < k; j++)
            {
                obs[j] += deathsByGroup[j];
                exp[j] += deaths * risk[j] / nrisk;
            }
            if (nrisk <= 1) continue;
            for (int j = 0; j < k; j++)
            {
                double tmp = deaths * risk[j] * (nrisk - deaths) / (nrisk * (nrisk - 1));
                v[j, j] += tmp;
                for (int l = 0; l < k; l++) v[j, l] -= tmp * risk[l] / nrisk;
            }
        }
    }

    private static int[] Order(ReadOnlySpan<double> values)
    {
        var keys = values.ToArray();
        var idx = new int[keys.Length];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        Array.Sort(keys, idx);
        return idx;
    }
}
