namespace CarTOutcomes.Survival.Cox;

/// <summary>What a risk-set sweep reports at each event time of a stratum.</summary>
internal interface IEventSink
{
    /// <summary>
    /// One event time. Sums run over the risk set R (rows with start &lt; t ≤ stop in the stratum) and over the
    /// set D of rows with an event at t; r = w·exp(η). <paramref name="denom"/> = Σ_R r, <paramref name="a"/> = Σ_R r x,
    /// <paramref name="c"/> = Σ_R r x xᵀ (packed lower triangle); the *2 sums are the same over D;
    /// <paramref name="wEta"/> = Σ_D w η, <paramref name="wx"/> = Σ_D w x, <paramref name="deadWeight"/> = Σ_D w, d = |D|.
    /// </summary>
    void Event(int stratum, double time, int d, double deadWeight, double wEta, double[] wx,
        double denom, double denom2, double[] a, double[] a2, double[] c, double[] c2);
}

/// <summary>
/// One pass over the rows of each stratum in descending stop time with running sums, as R's <c>agfit4.c</c>:
/// rows enter the risk set at their stop time and leave it once the sweep reaches their start time, so each pass
/// costs O(n·p²) whatever the data, right-censored (nobody leaves) or counting-process.
/// </summary>
internal static class RiskSetSweep
{
    /// <summary>Runs the sweep. <paramref name="x"/> is row-major n × p (centered, possibly scaled), <paramref name="beta"/> on the same scale.</summary>
    public static void Run<TSink>(CoxDesign d, double[] x, ReadOnlySpan<double> beta, ref TSink sink, bool withOffset = true)
        where TSink : IEventSink
    {
        if (!d.CountingProcess && d.Segments.Length > 0)
        {
            GroupedSweep.Run(d, x, beta.ToArray(), ref sink, withOffset);
            return;
        }
        RunRowByRow(d, x, beta, ref sink, withOffset);
    }

    /// <summary>The row-by-row sweep of R's <c>agfit4.c</c>, for any data (tests compare the parallel sweeps with it).</summary>
    internal static void RunRowByRow<TSink>(CoxDesign d, double[] x, ReadOnlySpan<double> beta, ref TSink sink, bool withOffset = true)
        where TSink : IEventSink
    {
        int p = d.P, pp = p * (p + 1) / 2;
        var risk = new double[d.N];
        var a = new double[p]; var a2 = new double[p]; var wx = new double[p];
        var c = new double[pp]; var c2 = new double[pp];
        for (int s = 0; s + 1 < d.StratumBounds.Length; s++)
        {
            int end = d.StratumBounds[s + 1];
            int ps = d.StratumBounds[s], pr = ps;
            double denom = 0;
            Array.Clear(a); Array.Clear(c);
            while (ps < end)
            {
                double t = d.Stop[ps];
                // leave: rows whose interval (start, stop] starts at or after t (all were entered earlier, stop > start ≥ t)
                if (d.CountingProcess)
                {
                    while (pr < end && d.Start[d.ByStart[pr]] >= t)
                    {
                        int i = d.ByStart[pr++];
                        denom -= risk[i];
                        Accumulate(x.AsSpan(i * p, p), -risk[i], a, c);
                    }
                }
                int deaths = 0;
                double deadWeight = 0, wEta = 0, denom2 = 0;
                Array.Clear(a2); Array.Clear(c2); Array.Clear(wx);
                for (; ps < end && d.Stop[ps] == t; ps++)
                {
                    int i = ps;
                    var xi = x.AsSpan(i * p, p);
                    double eta = withOffset ? d.OffsetAt(i) : 0;
                    for (int j = 0; j < p; j++) eta += beta[j] * xi[j];
                    double r = d.WeightAt(i) * Math.Exp(eta);
                    risk[i] = r;
                    if (d.Event[i])
                    {
                        deaths++;
                        deadWeight += d.WeightAt(i);
                        wEta += d.WeightAt(i) * eta;
                        denom2 += r;
                        Accumulate(xi, r, a2, c2);
                        for (int j = 0; j < p; j++) wx[j] += d.WeightAt(i) * xi[j];
                    }
                    else
                    {
                        denom += r;
                        Accumulate(xi, r, a, c);
                    }
                }
                if (deaths == 0) continue;
                denom += denom2;
                for (int j = 0; j < p; j++) a[j] += a2[j];
                for (int k = 0; k < pp; k++) c[k] += c2[k];
                sink.Event(s, t, deaths, deadWeight, wEta, wx, denom, denom2, a, a2, c, c2);
            }
        }
    }

    /// <summary>a += r x, c += r x xᵀ (packed lower triangle, row by row).</summary>
    internal static void Accumulate(ReadOnlySpan<double> xi, double r, Span<double> a, Span<double> c)
    {
        int k = 0;
        for (int j = 0; j < xi.Length; j++)
        {
            double rx = r * xi[j];
            a[j] += rx;
            var row = c.Slice(k, j + 1);
            var xs = xi[..(j + 1)];
            for (int l = 0; l < row.Length; l++) row[l] += rx * xs[l];
            k += j + 1;
        }
    }
}

/// <summary>
/// The scalar weights of Efron's d tied steps at one event time (Efron 1977; R <c>coxfit6.c</c>): with f_k = k/d,
/// g_k = 1 − f_k and D_k = denom − f_k·denom2 (k = 0…d−1), LogSum = Σ w̄ log D_k, T₀ = Σ 1/D_k, T₁ = Σ g_k/D_k and
/// Q_m = Σ g_k^m / D_k² (m = 0, 1, 2). <see cref="LikelihoodSink"/> and <see cref="GramLikelihood"/> build the score and
/// the information from them.
/// </summary>
internal readonly record struct EfronWeights(double LogSum, double T0, double T1, double Q0, double Q1, double Q2)
{
    public static EfronWeights Of(int d, double wt, double denom, double denom2)
    {
        double logSum = 0, t0 = 0, t1 = 0, q0 = 0, q1 = 0, q2 = 0;
        for (int k = 0; k < d; k++)
        {
            double f = (double)k / d, g = 1 - f;
            double dk = denom - f * denom2, inv = 1 / dk, inv2 = inv * inv;
            logSum += wt * Math.Log(dk);
            t0 += inv; t1 += g * inv;
            q0 += inv2; q1 += g * inv2; q2 += g * g * inv2;
        }
        return new EfronWeights(logSum, t0, t1, q0, q1, q2);
    }
}

/// <summary>
/// Log partial likelihood, score and information at one β (R <c>coxfit6_iter</c> / <c>agfit4</c>). With d tied deaths
/// Efron's approximation treats them as d deaths from risk sets that lose a fraction k/d (k = 0…d−1) of the dying rows'
/// risk: term k has denominator D_k = denom − (k/d)·denom2 and mean x̄_k = (a − (k/d)·a2)/D_k, each weighted by the
/// deaths' mean case weight (Efron 1977; R <c>coxfit6.c</c>). Breslow's uses k = 0 for all d.
/// </summary>
internal struct LikelihoodSink : IEventSink
{
    private readonly bool _efron;
    private readonly int _p;
    private readonly double[] _xbar;

    public LikelihoodSink(int p, bool efron)
    {
        _p = p; _efron = efron;
        U = new double[p]; Info = new double[p * p]; _xbar = new double[p];
    }

    public double LogLik { get; private set; }

    /// <summary>Adds to the log-likelihood (for <see cref="GramLikelihood"/>, which fills the sums itself).</summary>
    public void AddLogLik(double value) => LogLik += value;

    public double[] U { get; }
    /// <summary>Information, full p × p row-major.</summary>
    public double[] Info { get; }

    public void Event(int stratum, double time, int d, double deadWeight, double wEta, double[] wx,
        double denom, double denom2, double[] a, double[] a2, double[] c, double[] c2)
    {
        LogLik += wEta;
        for (int j = 0; j < _p; j++) U[j] += wx[j];
        if (_efron && d > 1) EfronSteps(d, deadWeight, denom, denom2, a, a2, c, c2);
        else OneStep(deadWeight, denom, a, c);
    }

    /// <summary>Breslow, or Efron with one death: ℓ −= w̄ log D, U −= w̄ x̄, I += w̄ (C/D − x̄ x̄ᵀ), x̄ = a/D.</summary>
    private void OneStep(double wt, double denom, double[] a, double[] c)
    {
        double inv = 1 / denom;
        LogLik -= wt * Math.Log(denom);
        for (int j = 0; j < _p; j++)
        {
            _xbar[j] = a[j] * inv;
            U[j] -= wt * _xbar[j];
        }
        int q = 0;
        for (int j = 0; j < _p; j++)
        {
            double xj = _xbar[j];
            var row = Info.AsSpan(j * _p, j + 1);
            for (int l = 0; l < row.Length; l++, q++)
                row[l] += wt * (c[q] * inv - xj * _xbar[l]);
        }
    }

    /// <summary>
    /// Efron's d steps in O(d + p²) rather than O(d·p²). Write b = a − a2 and B = C − C2 for the sums over the rows at
    /// risk that do not fail at t, and g_k = 1 − k/d. Step k has D_k = denom − (k/d)·denom2, mean
    /// x̄_k = (b + g_k a2)/D_k and second moment (B + g_k C2)/D_k, so the d steps sum to
    /// U −= w̄ (T₀ b + T₁ a2) and I += w̄ (T₀ B + T₁ C2 − Q₀ b bᵀ − Q₁ (b a2ᵀ + a2 bᵀ) − Q₂ a2 a2ᵀ), with
    /// T₀ = Σ 1/D_k, T₁ = Σ g_k/D_k, Q_m = Σ g_k^m / D_k²: the same sums as R's <c>coxfit6.c</c> step by step, gathered
    /// into scalar weights (all positive, so nothing cancels in forming them).
    /// </summary>
    private void EfronSteps(int d, double deadWeight, double denom, double denom2, double[] a, double[] a2, double[] c, double[] c2)
    {
        double wt = deadWeight / d;
        var (logSum, t0, t1, q0, q1, q2) = EfronWeights.Of(d, wt, denom, denom2);
        LogLik -= logSum;
        var b = _xbar;
        for (int j = 0; j < _p; j++)
        {
            b[j] = a[j] - a2[j];
            U[j] -= wt * (t0 * b[j] + t1 * a2[j]);
        }
        int q = 0;
        for (int j = 0; j < _p; j++)
        {
            double bj = b[j], aj = a2[j];
            var row = Info.AsSpan(j * _p, j + 1);
            for (int l = 0; l < row.Length; l++, q++)
            {
                double second = t0 * (c[q] - c2[q]) + t1 * c2[q];
                double mean = q0 * bj * b[l] + q1 * (bj * a2[l] + aj * b[l]) + q2 * aj * a2[l];
                row[l] += wt * (second - mean);
            }
        }
    }

    /// <summary>Copies the lower triangle of <see cref="Info"/> into the upper.</summary>
    public readonly void Symmetrize()
    {
        for (int j = 0; j < _p; j++)
            for (int l = 0; l < j; l++) Info[l * _p + j] = Info[j * _p + l];
    }
}
