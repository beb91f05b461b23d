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
        var influence = withSe ? new Influence(nsub, ns, subjectOf) : null;
        var p = (double[])p0.Clone();
        var prob = new double[times.Length, ns];
        var se = new double[times.Length, ns];
        var risk = new double[times.Length, ns];
        var setSe = new double[times.Length, sets.Count];
        var n = new double[ns];
        var d = new double[ns, ns];
        var pPrev = new double[ns];
        var seNow = new double[ns];
        var setSeNow = new double[sets.Count];
        int ps = 0, pe = 0, pv = 0;
        for (int ti = 0; ti < times.Length; ti++)
        {
            double t = times[ti];
            for (; ps < byStart.Length && start[byStart[ps]] < t; ps++)
            {
                influence?.Enter(byStart[ps]);
                n[from[byStart[ps]]]++;
            }
            for (; pe < byStop.Length && stop[byStop[pe]] < t; pe++)
            {
                influence?.Leave(byStop[pe]);
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
                if (influence is not null)
                {
                    influence.Update(pPrev, n, d, from, to, stop, t);
                    for (int k = 0; k < ns; k++) seNow[k] = Math.Sqrt(influence.SumOfSquares(k));
                    for (int m = 0; m < sets.Count; m++) setSeNow[m] = Math.Sqrt(influence.SumOfSquares(setIndex[m]));
                }
                Step(p, n, d, ns);
            }
            for (int k = 0; k < ns; k++)
            {
                prob[ti, k] = p[k];
                risk[ti, k] = n[k];
                se[ti, k] = withSe ? seNow[k] : double.NaN;
            }
            for (int m = 0; m < sets.Count; m++) setSe[ti, m] = withSe ? setSeNow[m] : double.NaN;
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

    /// <summary>The subject index (0..count−1, within the curve) of each row of the curve; −1 for other rows.</summary>
    private static int[] SubjectIndex(MultiStateData data, int[] rows, out int count)
    {
        var rowSubject = new int[data.Count];
        for (int s = 0; s < data.SubjectRowIndex.Length; s++)
            foreach (var r in data.SubjectRowIndex[s]) rowSubject[r] = s;
        var bySubject = new Dictionary<int, int>();
        var map = new int[data.Count];
        Array.Fill(map, -1);
        int next = 0;
        foreach (var r in rows)
        {
            if (!bySubject.TryGetValue(rowSubject[r], out int idx)) { idx = next++; bySubject[rowSubject[r]] = idx; }
            map[r] = idx;
        }
        count = next;
        return map;
    }

    /// <summary>
    /// The influence U (subjects × states) of <see cref="Curve"/>, stored by state (one column per state, so that
    /// U ← U H is a few vector updates of whole columns) with the rows at risk kept in a dense list.
    /// </summary>
    private sealed class Influence
    {
        private readonly double[][] _u, _old;
        private readonly int[] _subjectOf, _position, _atRisk;
        private int _count;

        public Influence(int subjects, int states, int[] subjectOf)
        {
            _u = new double[states][];
            _old = new double[states][];
            for (int k = 0; k < states; k++) { _u[k] = new double[subjects]; _old[k] = new double[subjects]; }
            _subjectOf = subjectOf;
            _position = new int[subjectOf.Length];
            _atRisk = new int[subjectOf.Length];
        }

        public void Enter(int row)
        {
            _position[row] = _count;
            _atRisk[_count++] = row;
        }

        public void Leave(int row)
        {
            int at = _position[row], last = _atRisk[--_count];
            _atRisk[at] = last;
            _position[last] = at;
        }

        /// <summary>U ← U H + p(t−) ∂H/∂w_i for each subject i at risk at t.</summary>
        public void Update(double[] pPrev, double[] n, double[,] d, int[] from, int[] to, double[] stop, double t)
        {
            int ns = _u.Length;
            var leaving = new double[ns];
            for (int j = 0; j < ns; j++)
            {
                if (n[j] == 0) continue;
                for (int k = 0; k < ns; k++) leaving[j] += d[j, k] / n[j];
            }
            // U H: column k gains Σ_j U_j dA_jk; column j loses U_j Σ_k dA_jk, all from the columns before the step.
            for (int j = 0; j < ns; j++) if (leaving[j] > 0) Array.Copy(_u[j], _old[j], _u[j].Length);
            for (int j = 0; j < ns; j++)
            {
                if (leaving[j] == 0) continue;
                for (int k = 0; k < ns; k++) if (d[j, k] > 0) Axpy(d[j, k] / n[j], _old[j], _u[k]);
                Axpy(-leaving[j], _old[j], _u[j]);
            }
            for (int a = 0; a < _count; a++)
            {
                int r = _atRisk[a], j = from[r];
                if (leaving[j] == 0 || pPrev[j] == 0) continue;
                double scale = pPrev[j] / n[j];
                int i = _subjectOf[r];
                for (int k = 0; k < ns; k++) if (d[j, k] > 0) _u[k][i] -= scale * d[j, k] / n[j];
                _u[j][i] += scale * leaving[j];
                if (stop[r] == t && to[r] >= 0)
                {
                    _u[to[r]][i] += scale;
                    _u[j][i] -= scale;
                }
            }
        }

        /// <summary>Σ_i U_ik².</summary>
        public double SumOfSquares(int k)
        {
            var u = _u[k];
            var acc = System.Numerics.Vector<double>.Zero;
            int w = System.Numerics.Vector<double>.Count, i = 0;
            for (; i <= u.Length - w; i += w)
            {
                var v = new System.Numerics.Vector<double>(u, i);
                acc += v * v;
            }
            double ss = System.Numerics.Vector.Sum(acc);
            for (; i < u.Length; i++) ss += u[i] * u[i];
            return ss;
        }

        /// <summary>Σ_i (Σ_{k in set} U_ik)².</summary>
        public double SumOfSquares(int[] set)
        {
            double ss = 0;
            for (int i = 0; i < _u[0].Length; i++)
            {
                double sum = 0;
                foreach (var k in set) sum += _u[k][i];
                ss += sum * sum;
            }
            return ss;
        }

        private static void Axpy(double a, double[] x, double[] y)
        {
            int w = System.Numerics.Vector<double>.Count, i = 0;
            var va = new System.Numerics.Vector<double>(a);
            for (; i <= y.Length - w; i += w)
                (new System.Numerics.Vector<double>(y, i) + va * new System.Numerics.Vector<double>(x, i)).CopyTo(y, i);
            for (; i < y.Length; i++) y[i] += a * x[i];
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
