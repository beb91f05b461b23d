using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Estimators;

/// <summary>
/// The Kaplan–Meier (product-limit) estimator with the Nelson–Aalen cumulative hazard, for right-censored or
/// delayed-entry data with case weights; the equivalent of R's <c>survfit(Surv(...) ~ 1)</c> (survival 3.5,
/// <c>survfitKM</c> and its C routine <c>survfitkm.c</c>).
/// </summary>
public static partial class KaplanMeier
{
    /// <summary>Fits one curve to all rows of <paramref name="data"/>.</summary>
    /// <param name="data">The outcomes; rows with zero weight contribute nothing.</param>
    /// <param name="options">Confidence interval and variance options; R's defaults when omitted.</param>
    /// <param name="group">The label of the curve (R's stratum name); <c>"all"</c> by default.</param>
    public static KaplanMeierResult Fit(SurvivalData data, KaplanMeierOptions? options = null, string group = "all") =>
        Fit(data, options, group, null);

    /// <summary>The fit, with rows that continue in a later row of the same subject not counted as censored.</summary>
    internal static KaplanMeierResult Fit(SurvivalData data, KaplanMeierOptions? options, string group, bool[]? continues)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
            throw new ArgumentException("The data have no rows: a curve needs at least one (R's survfit stops with 'data set has no non-missing observations').", nameof(data));
        options ??= KaplanMeierOptions.Default;
        SurvivalConfidence.NormalQuantile(options.ConfidenceLevel); // validates the level
        var table = RiskTable.Build(data, continues);
        bool robust = options.Variance switch
        {
            KaplanMeierVariance.Greenwood => false,
            KaplanMeierVariance.InfinitesimalJackknife => true,
            _ => HasFractionalWeights(data),
        };
        var curve = ProductLimit(table);
        var (seLogS, seS, seChaz) = robust
            ? JackknifeVariance(data, table, curve)
            : GreenwoodVariance(table, curve);
        double t0 = StartTime(data);
        return new KaplanMeierResult(group, options, robust, data.Count, t0, table, curve.Survival, curve.CumHaz,
            seLogS, seS, seChaz, table.OrderByStart is null ? null : new EntryIndex(data, table.OrderByStart));
    }

    /// <summary>
    /// Fits one curve per group (R: <c>survfit(Surv(...) ~ group)</c>). Curves come in the order of
    /// <paramref name="levels"/> when given, else in <see cref="GroupLevels.Order"/> order.
    /// </summary>
    /// <param name="data">The outcomes.</param>
    /// <param name="groups">The group label of each row.</param>
    /// <param name="options">Confidence interval and variance options.</param>
    /// <param name="levels">Optional explicit order of the groups; every label must be listed.</param>
    public static IReadOnlyList<KaplanMeierResult> Fit(SurvivalData data, IReadOnlyList<string> groups,
        KaplanMeierOptions? options = null, IReadOnlyList<string>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != data.Count)
            throw new ArgumentException($"There are {groups.Count} group labels for {data.Count} rows.", nameof(groups));
        var rowsByGroup = GroupLevels.Rows(groups, levels);
        return rowsByGroup.Select(g => Fit(data.Subset(g.Rows), options, g.Label)).ToArray();
    }

    /// <summary>R's <c>t0</c>: the origin of the curve, min(0, earliest entry time).</summary>
    internal static double StartTime(SurvivalData data)
    {
        double t0 = 0;
        foreach (var s in data.Start) t0 = Math.Min(t0, s);
        return t0;
    }

    private static bool HasFractionalWeights(SurvivalData data)
    {
        foreach (var w in data.Weights) if (w != Math.Floor(w)) return true;
        return false;
    }

    internal readonly record struct Curve(double[] Survival, double[] CumHaz);

    /// <summary>
    /// Product-limit survival and Nelson–Aalen hazard. A time counts as an event time only when it has at least
    /// one event of positive weight (as <c>survfitkm.c</c>: <c>d0 &gt; 0 &amp;&amp; d1 &gt; 0</c>).
    /// </summary>
    internal static Curve ProductLimit(RiskTable t)
    {
        var s = new double[t.Count];
        var h = new double[t.Count];
        double km = 1, na = 0;
        for (int i = 0; i < t.Count; i++)
        {
            if (t.IsEventTime(i))
            {
                km *= (t.NRisk[i] - t.NEvent[i]) / t.NRisk[i];
                na += t.NEvent[i] / t.NRisk[i];
            }
            s[i] = km;
            h[i] = na;
        }
        return new Curve(s, h);
    }

    /// <summary>
    /// Greenwood: Var(log S(t)) = Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j)); the Nelson–Aalen variance Σ d_j / n_j²
    /// (R <c>survfitkm.c</c>, "simple variance").
    /// </summary>
    private static (double[] SeLog, double[] SeS, double[] SeChaz) GreenwoodVariance(RiskTable t, Curve c)
    {
        var seLog = new double[t.Count];
        var seS = new double[t.Count];
        var seH = new double[t.Count];
        double v1 = 0, v2 = 0;
        for (int i = 0; i < t.Count; i++)
        {
            if (t.IsEventTime(i))
            {
                double n = t.NRisk[i], d = t.NEvent[i];
                v1 += d / (n * (n - d));
                v2 += d / (n * n);
            }
            seLog[i] = Math.Sqrt(v1);
            seS[i] = seLog[i] * c.Survival[i];
            seH[i] = Math.Sqrt(v2);
        }
        return (seLog, seS, seH);
    }

    /// <summary>
    /// The infinitesimal-jackknife variance with one cluster per row (R <c>survfitkm.c</c>, "robust variance").
    /// The influence of row k on S(t) is S(t)·A_k(t), with
    /// A_k(t) = w_k Σ_{t_j ≤ t} [Y_k(t_j) h_j − dN_k(t_j)] / (n_j − d_j), h_j = d_j/n_j; on the cumulative hazard it is
    /// B_k(t) = w_k Σ_{t_j ≤ t} [dN_k(t_j) − Y_k(t_j) h_j] / n_j. Rather than updating every row at every time, as
    /// the C code does, rows at risk share the running sum X(t) − X(entry_k), so Σ_k A_k² is kept from three
    /// running sums over the risk set and one over finished rows: O(n log n) in all.
    /// </summary>
    private static (double[] SeLog, double[] SeS, double[] SeChaz) JackknifeVariance(SurvivalData data, RiskTable t, Curve c)
    {
        var ssS = new JackknifeAccumulator(data.Count);
        var ssH = new JackknifeAccumulator(data.Count);
        var seLog = new double[t.Count];
        var seS = new double[t.Count];
        var seH = new double[t.Count];
        var byStop = t.OrderByStop;
        var byStart = t.OrderByStart;
        int nextStop = 0, nextStart = 0;
        if (byStart is null)
        {
            for (int k = 0; k < data.Count; k++) { double w = data.WeightAt(k); ssS.Enter(k, w); ssH.Enter(k, w); }
        }
        bool dead = false;
        for (int i = 0; i < t.Count; i++)
        {
            double ti = t.Time[i];
            if (byStart is not null)
            {
                for (; nextStart < byStart.Length && data.StartAt(byStart[nextStart]) < ti; nextStart++)
                {
                    int k = byStart[nextStart];
                    double w = data.WeightAt(k);
                    ssS.Enter(k, w);
                    ssH.Enter(k, w);
                }
            }
            double n = t.NRisk[i], d = t.NEvent[i];
            bool eventTime = t.IsEventTime(i);
            if (eventTime && n == d) dead = true; // S reaches 0: every influence is 0 from here on
            if (eventTime && !dead) ssS.Advance(d / n / (n - d));
            if (eventTime) ssH.Advance(d / n / n);
            for (; nextStop < byStop.Length && data.Time[byStop[nextStop]] == ti; nextStop++)
            {
                int k = byStop[nextStop];
                double w = data.WeightAt(k);
                bool died = eventTime && data.Event[k];
                ssS.Exit(k, w, died && !dead ? w / (n - d) : 0);
                ssH.Exit(k, w, died ? w / n : 0);
            }
            seS[i] = dead ? 0 : c.Survival[i] * Math.Sqrt(Math.Max(ssS.SumOfSquares, 0));
            seLog[i] = seS[i] == 0 ? 0 : seS[i] / c.Survival[i];
            seH[i] = Math.Sqrt(Math.Max(ssH.SumOfSquares, 0));
        }
        return (seLog, seS, seH);
    }

    /// <summary>
    /// Keeps Σ_k (w_k (X − x_k) − e_k)² where x_k is the value of the running sum X when row k entered and e_k the
    /// jump of its own event: rows at risk through Q0 = Σw², Q1 = Σw²x, Q2 = Σw²x², finished rows through F.
    /// </summary>
    private sealed class JackknifeAccumulator(int rows)
    {
        private readonly double[] _entryValue = new double[rows];
        private double _x, _q0, _q1, _q2, _finished;

        public void Enter(int row, double w)
        {
            _entryValue[row] = _x;
            double w2 = w * w;
            _q0 += w2;
            _q1 += w2 * _x;
            _q2 += w2 * _x * _x;
        }

        public void Advance(double jump) => _x += jump;

        public void Exit(int row, double w, double ownJump)
        {
            double xk = _entryValue[row], w2 = w * w;
            _q0 -= w2;
            _q1 -= w2 * xk;
            _q2 -= w2 * xk * xk;
            double a = w * (_x - xk) - ownJump;
            _finished += a * a;
        }

        public double SumOfSquares => _finished + _x * _x * _q0 - 2 * _x * _q1 + _q2;
    }
}
