namespace CarTOutcomes.Survival.MultiState;

/// <summary>
/// The Aalen–Johansen estimator of the probability of being in each state of a multi-state model (Aalen and
/// Johansen 1978), with infinitesimal-jackknife standard errors clustered by subject; one curve per group. The
/// equivalent of R's <c>survfit(Surv(tstart, tstop, state) ~ group, id = id, istate = istate)</c> (survival 3.5,
/// <c>survfitCI</c> and its C routine <c>survfitci.c</c>), to which it agrees to rounding on sorted rows.
/// </summary>
/// <remarks>
/// <para>Known difference from R: survival 3.5-3's multi-state survfit returns wrong (even negative) probabilities
/// when a subject's rows are not in time order, because it joins a row to the row that follows it in the data
/// rather than in time. Here a subject's rows are sorted first.</para>
/// <para>As R's default (<c>influence = FALSE</c>), the standard errors treat the initial distribution p0 as known:
/// they do not include the variance of p0 when subjects start in different states.</para>
/// </remarks>
public static class MultiStateAalenJohansen
{
    /// <summary>Fits one curve per group.</summary>
    /// <param name="data">The checked multi-state data.</param>
    /// <param name="options">Options; R's defaults when omitted.</param>
    public static MultiStateResult Fit(MultiStateData data, MultiStateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= MultiStateOptions.Default;
        var sets = options.StateSets ?? [];
        var setIndex = sets.Select(set =>
        {
            ArgumentNullException.ThrowIfNull(set, nameof(options));
            return set.States.Select(st =>
            {
                int k = data.States.ToList().IndexOf(st);
                return k >= 0 ? k : throw new ArgumentException($"State set '{set.Name}' names '{st}', which is not a state; the states are {string.Join(", ", data.States)}.", nameof(options));
            }).Distinct().ToArray();
        }).ToArray();
        var levels = Data.GroupLevels.Rows(data.Groups);
        var curves = levels.Select(g => Curve(data, g.Label, g.Rows.ToArray(), options.StandardErrors, sets, setIndex)).ToArray();
        return new MultiStateResult(data.States, curves, options);
    }

    /// <summary>
    /// One curve, as <c>docurve2</c> and <c>survfitci.c</c> compute it.
    /// <list type="number">
    /// <item>The times are the distinct stops of the rows (merged rows excluded).</item>
    /// <item>p0 is the distribution of the current states of the rows at risk (start &lt; t0 ≤ stop) at t0, the
    /// first time with a transition.</item>
    /// <item>At each time t with n_j(t) at risk in state j and d_jk(t) transitions j → k, the hazard matrix is
    /// H = I + dA, dA_jk = d_jk / n_j, dA_jj = −Σ_k dA_jk, and p(t) = p(t−) H.</item>
    /// <item>The influence of subject i is the derivative of p(t) with respect to its case weight:
    /// U_i(t) = U_i(t−) H + p(t−) ∂H/∂w_i, where row j of ∂H/∂w_i is (dN_ij· − Y_ij dA_j·) / n_j for the subject at
    /// risk in state j (dN_ijk its own transition, dN_ijj = −Σ_k dN_ijk); se_k(t) = √(Σ_i U_ik(t)²).</item>
    /// </list>
    /// The cost is O(rows · log rows) for the estimate and O(subjects · transition times) for the standard errors,
    /// as survfitci.c.
    /// </summary>
    private static MultiStateCurve Curve(MultiStateData data, string label, int[] rows, bool withSe, IReadOnlyList<StateSet> sets, int[][] setIndex)
    {
        int ns = data.States.Count;
        var start = data.StartTimes;
        var stop = data.StopTimes;
        var from = data.From;
        var to = data.To;
        var times = rows.Where(r => !data.Merged[r]).Select(r => stop[r]).Distinct().Order().ToArray();
        var p0 = InitialDistribution(data, rows, ns, out double startTime);
        var subjectOf = SubjectIndex(data, rows, out int nsub);
        var byStart = rows.OrderBy(r => start[r]).ToArray();
        var byStop = rows.OrderBy(r => stop[r]).ToArray();
        var atRisk = new HashSet<int>();
        var u = new double[withSe ? nsub : 0, ns];
        var p = (double[])p0.Clone();
        var prob = new double[times.Length, ns];
        var se = new double[times.Length, ns];
        var risk = new double[times.Length, ns];
        var setSe = new double[times.Length, sets.Count];
        var n = new double[ns];
        var d = new double[ns, ns];
        var pPrev = new double[ns];
        int ps = 0, pe = 0, pv = 0;
        for (int ti = 0; ti < times.Length; ti++)
        {
            double t = times[ti];
            for (; ps < byStart.Length && start[byStart[ps]] < t; ps++)
            {
                if (withSe) atRisk.Add(byStart[ps]);
                n[from[byStart[ps]]]++;
            }
            for (; pe < byStop.Length && stop[byStop[pe]] < t; pe++)
            {
                if (withSe) atRisk.Remove(byStop[pe]);
                n[from[byStop[pe]]]--;
            }
            Array.Clear(d);
            bool any = false;
            for (; pv < byStop.Length && stop[byStop[pv]] <= t; pv++)
            {
                int r = byStop[pv];
                if (stop[r] == t && to[r] >= 0) { d[from[r], to[r]]++; any = true; }
            }
            if (any)
            {
                Array.Copy(p, pPrev, ns);
                if (withSe)
                {
                    MultiplyByH(u, nsub, ns, n, d);
                    AddOwnTerms(u, atRisk, subjectOf, from, to, stop, t, pPrev, n, d, ns);
                }
                Step(p, n, d, ns);
            }
            for (int k = 0; k < ns; k++)
            {
                prob[ti, k] = p[k];
                risk[ti, k] = n[k];
                if (!withSe) { se[ti, k] = double.NaN; continue; }
                double ss = 0;
                for (int i = 0; i < nsub; i++) ss += u[i, k] * u[i, k];
                se[ti, k] = Math.Sqrt(ss);
            }
            for (int m = 0; m < sets.Count; m++)
            {
                if (!withSe) { setSe[ti, m] = double.NaN; continue; }
                double ss = 0;
                for (int i = 0; i < nsub; i++)
                {
                    double sum = 0;
                    foreach (var k in setIndex[m]) sum += u[i, k];
                    ss += sum * sum;
                }
                setSe[ti, m] = Math.Sqrt(ss);
            }
        }
        return new MultiStateCurve(label, nsub, data.States, startTime, p0, times, prob, se, risk, sets, setSe);
    }

    /// <summary>R's p0: weighted shares of the current states of the rows at risk at the first transition time.</summary>
    private static double[] InitialDistribution(MultiStateData data, int[] rows, int ns, out double startTime)
    {
        var withTransition = rows.Where(r => data.To[r] >= 0).ToArray();
        double t0 = withTransition.Length > 0 ? withTransition.Min(r => data.StopTimes[r]) : rows.Max(r => data.StopTimes[r]);
        var p0 = new double[ns];
        double total = 0;
        foreach (var r in rows)
        {
            if (data.StartTimes[r] < t0 && data.StopTimes[r] >= t0) { p0[data.From[r]]++; total++; }
        }
        for (int k = 0; k < ns; k++) p0[k] /= total;
        startTime = Math.Min(0, rows.Min(r => data.StartTimes[r]));
        return p0;
    }

    private static Dictionary<int, int> SubjectIndex(MultiStateData data, int[] rows, out int count)
    {
        var map = new Dictionary<int, int>();
        var bySubject = new Dictionary<int, int>();
        int next = 0;
        var rowSubject = new int[data.Count];
        for (int s = 0; s < data.SubjectRowIndex.Length; s++)
            foreach (var r in data.SubjectRowIndex[s]) rowSubject[r] = s;
        foreach (var r in rows)
        {
            if (!bySubject.TryGetValue(rowSubject[r], out int idx)) { idx = next++; bySubject[rowSubject[r]] = idx; }
            map[r] = idx;
        }
        count = next;
        return map;
    }

    /// <summary>U ← U H for every subject: with dA sparse, only columns of states left at t change.</summary>
    private static void MultiplyByH(double[,] u, int nsub, int ns, double[] n, double[,] d)
    {
        var old = new double[ns];
        for (int i = 0; i < nsub; i++)
        {
            bool nonzero = false;
            for (int j = 0; j < ns; j++) { old[j] = u[i, j]; nonzero |= old[j] != 0; }
            if (!nonzero) continue;
            for (int j = 0; j < ns; j++)
            {
                if (n[j] == 0 || old[j] == 0) continue;
                for (int k = 0; k < ns; k++)
                {
                    if (d[j, k] == 0) continue;
                    double flow = old[j] * d[j, k] / n[j];
                    u[i, k] += flow;
                    u[i, j] -= flow;
                }
            }
        }
    }

    /// <summary>U_i += p(t−) ∂H/∂w_i for each subject at risk at t.</summary>
    private static void AddOwnTerms(double[,] u, HashSet<int> atRisk, Dictionary<int, int> subjectOf, int[] from, int[] to,
        double[] stop, double t, double[] pPrev, double[] n, double[,] d, int ns)
    {
        foreach (var r in atRisk)
        {
            int j = from[r];
            double scale = pPrev[j] / n[j];
            if (scale == 0) continue;
            int i = subjectOf[r];
            double leaving = 0;
            for (int k = 0; k < ns; k++)
            {
                if (d[j, k] == 0) continue;
                double dA = d[j, k] / n[j];
                u[i, k] -= scale * dA;
                leaving += dA;
            }
            u[i, j] += scale * leaving;
            if (stop[r] == t && to[r] >= 0)
            {
                u[i, to[r]] += scale;
                u[i, j] -= scale;
            }
        }
    }

    /// <summary>p ← p H.</summary>
    private static void Step(double[] p, double[] n, double[,] d, int ns)
    {
        var next = (double[])p.Clone();
        for (int j = 0; j < ns; j++)
        {
            if (n[j] == 0 || p[j] == 0) continue;
            for (int k = 0; k < ns; k++)
            {
                if (d[j, k] == 0) continue;
                double flow = p[j] * d[j, k] / n[j];
                next[k] += flow;
                next[j] -= flow;
            }
        }
        Array.Copy(next, p, p.Length);
    }
}
