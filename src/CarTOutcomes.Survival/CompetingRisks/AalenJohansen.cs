namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// The Aalen–Johansen estimator of the state probabilities of a competing-risks model (one event-free state, one
/// absorbing state per cause), with delayed entry and the infinitesimal-jackknife standard errors that R's
/// <c>survfit(Surv(entry, time, factor(status)) ~ 1, id = id)</c> reports for <c>pstate</c> (survival 3.5,
/// <c>survfitCI</c>; one subject per row).
/// </summary>
/// <remarks>
/// Without entry times the cumulative incidences equal those of <see cref="CumulativeIncidence"/>; the standard
/// errors differ, since cmprsk uses Gray's delta-method variance and survfit the jackknife.
/// </remarks>
public static class AalenJohansen
{
    /// <summary>Fits the estimator to all rows.</summary>
    /// <param name="data">Competing-risks data, with or without entry times; a row is at risk on (entry, time].</param>
    public static AalenJohansenResult Fit(CompetingRisksData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var causes = data.Causes.ToArray();
        var cause = new int[data.Count]; // −1 censored, else index into causes
        for (int i = 0; i < cause.Length; i++)
            cause[i] = data.IsEvent(i) ? Array.IndexOf(causes, data.Status[i]) : -1;
        var times = data.Time.ToArray().Distinct().Order().ToArray();
        return new Estimator(data, cause, causes.Length).Run(times, causes);
    }

    /// <summary>
    /// At each time t with n at risk (entry &lt; t ≤ exit), d_k events of cause k, d = Σd_k and dA_k = d_k/n:
    /// P0(t) = P0(t−)(1 − d/n), P_k(t) = P_k(t−) + P0(t−) dA_k. The influence of row i is the derivative with respect
    /// to its case weight: with Y_i at risk and dN_ik its event,
    /// U0_i(t) = U0_i(t−)(1 − d/n) − P0(t−)(dN_i − Y_i d/n)/n,
    /// Uk_i(t) = Uk_i(t−) + U0_i(t−) dA_k + P0(t−)(dN_ik − Y_i dA_k)/n,
    /// and se = √(Σ_i U_i²) (survfitCI's robust variance with one cluster per row). Cost O(n · event times · causes).
    /// </summary>
    private sealed class Estimator(CompetingRisksData data, int[] cause, int nc)
    {
        private readonly double[] _u0 = new double[data.Count];
        private readonly double[,] _uk = new double[data.Count, nc];

        public AalenJohansenResult Run(double[] times, int[] causes)
        {
            int nt = times.Length;
            var risk = new double[nt];
            var p = new double[nt, nc + 1];
            var se = new double[nt, nc + 1];
            double p0 = 1;
            var pk = new double[nc];
            var dk = new double[nc];
            for (int j = 0; j < nt; j++)
            {
                double t = times[j];
                Array.Clear(dk);
                double n = 0, d = 0;
                for (int i = 0; i < data.Count; i++)
                {
                    if (!AtRisk(i, t)) continue;
                    n++;
                    if (data.Time[i] == t && cause[i] >= 0) { dk[cause[i]]++; d++; }
                }
                risk[j] = n;
                if (d > 0) UpdateInfluence(t, n, d, dk, p0);
                for (int k = 0; k < nc; k++) pk[k] += p0 * dk[k] / n;
                if (d > 0) p0 *= 1 - d / n;
                p[j, 0] = p0;
                for (int k = 0; k < nc; k++) p[j, k + 1] = pk[k];
                SumSquares(se, j);
            }
            return new AalenJohansenResult(data.Count, causes, times, risk, p, se);
        }

        private bool AtRisk(int i, double t) =>
            data.Time[i] >= t && (!data.HasEntry || data.Entry[i] < t);

        private void UpdateInfluence(double t, double n, double d, double[] dk, double p0)
        {
            for (int i = 0; i < data.Count; i++)
            {
                double y = AtRisk(i, t) ? 1 : 0;
                bool died = y > 0 && data.Time[i] == t && cause[i] >= 0;
                double u0 = _u0[i];
                for (int k = 0; k < nc; k++)
                {
                    double dn = died && cause[i] == k ? 1 : 0;
                    _uk[i, k] += u0 * dk[k] / n + p0 * (dn - y * dk[k] / n) / n;
                }
                _u0[i] = u0 * (1 - d / n) - p0 * ((died ? 1 : 0) - y * d / n) / n;
            }
        }

        private void SumSquares(double[,] se, int j)
        {
            double s0 = 0;
            var sk = new double[nc];
            for (int i = 0; i < data.Count; i++)
            {
                s0 += _u0[i] * _u0[i];
                for (int k = 0; k < nc; k++) sk[k] += _uk[i, k] * _uk[i, k];
            }
            se[j, 0] = Math.Sqrt(s0);
            for (int k = 0; k < nc; k++) se[j, k + 1] = Math.Sqrt(sk[k]);
        }
    }
}

/// <summary>
/// Aalen–Johansen state probabilities at every distinct exit time (R: <c>survfit(...)$pstate</c> and <c>$std.err</c>).
/// State 0 is event-free (R's <c>"(s0)"</c>), state k + 1 the k-th cause of <see cref="Causes"/>.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class AalenJohansenResult
{
    private readonly double[] _time, _risk;
    private readonly double[,] _p, _se;
    private readonly int[] _causes;

    internal AalenJohansenResult(int records, int[] causes, double[] time, double[] risk, double[,] p, double[,] se)
    {
        Records = records;
        _causes = causes;
        _time = time;
        _risk = risk;
        _p = p;
        _se = se;
    }

    /// <summary>Rows used.</summary>
    public int Records { get; }

    /// <summary>The cause codes, in state order.</summary>
    public IReadOnlyList<int> Causes => _causes;

    /// <summary>Distinct exit times, ascending.</summary>
    public IReadOnlyList<double> Time => _time;

    /// <summary>Number at risk in the event-free state just before each time (R: <c>n.risk[, 1]</c>).</summary>
    public IReadOnlyList<double> NumberAtRisk => _risk;

    /// <summary>Probability of being event-free, P0(t).</summary>
    public IReadOnlyList<double> EventFree => Column(_p, 0);

    /// <summary>Infinitesimal-jackknife standard error of P0(t).</summary>
    public IReadOnlyList<double> EventFreeStandardError => Column(_se, 0);

    /// <summary>The cumulative incidence of <paramref name="cause"/>, P_k(t).</summary>
    /// <param name="cause">A cause code.</param>
    public IReadOnlyList<double> CumulativeIncidence(int cause) => Column(_p, StateOf(cause));

    /// <summary>Infinitesimal-jackknife standard error of the cumulative incidence of <paramref name="cause"/>.</summary>
    /// <param name="cause">A cause code.</param>
    public IReadOnlyList<double> StandardError(int cause) => Column(_se, StateOf(cause));

    private int StateOf(int cause)
    {
        int k = Array.IndexOf(_causes, cause);
        if (k < 0) throw new ArgumentException($"Cause {cause} is not among the causes ({string.Join(", ", _causes)}).", nameof(cause));
        return k + 1;
    }

    private static double[] Column(double[,] m, int c)
    {
        var x = new double[m.GetLength(0)];
        for (int i = 0; i < x.Length; i++) x[i] = m[i, c];
        return x;
    }
}
