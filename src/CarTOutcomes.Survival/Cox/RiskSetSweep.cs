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
                double t = d.Stop[d.ByStop[ps]];
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
                for (; ps < end && d.Stop[d.ByStop[ps]] == t; ps++)
                {
                    int i = d.ByStop[ps];
                    var xi = x.AsSpan(i * p, p);
                    double eta = withOffset ? d.Offset[i] : 0;
                    for (int j = 0; j < p; j++) eta += beta[j] * xi[j];
                    double r = d.Weight[i] * Math.Exp(eta);
                    risk[i] = r;
                    if (d.Event[i])
                    {
                        deaths++;
                        deadWeight += d.Weight[i];
                        wEta += d.Weight[i] * eta;
                        denom2 += r;
                        Accumulate(xi, r, a2, c2);
                        for (int j = 0; j < p; j++) wx[j] += d.Weight[i] * xi[j];
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
    private static void Accumulate(ReadOnlySpan<double> xi, double r, double[] a, double[] c)
    {
        int k = 0;
        for (int j = 0; j < xi.Length; j++)
        {
            double rx = r * xi[j];
            a[j] += rx;
            var row = c.AsSpan(k, j + 1);
            var xs = xi[..(j + 1)];
            for (int l = 0; l < row.Length; l++) row[l] += rx * xs[l];
            k += j + 1;
        }
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
    public double[] U { get; }
    /// <summary>Information, full p × p row-major.</summary>
    public double[] Info { get; }

    public void Event(int stratum, double time, int d, double deadWeight, double wEta, double[] wx,
        double denom, double denom2, double[] a, double[] a2, double[] c, double[] c2)
    {
        LogLik += wEta;
        for (int j = 0; j < _p; j++) U[j] += wx[j];
        int steps = _efron ? d : 1;
        double wt = deadWeight / steps;
        for (int k = 0; k < steps; k++)
        {
            double f = (double)k / steps;
            double dk = denom - f * denom2, inv = 1 / dk;
            LogLik -= wt * Math.Log(dk);
            for (int j = 0; j < _p; j++)
            {
                _xbar[j] = (a[j] - f * a2[j]) * inv;
                U[j] -= wt * _xbar[j];
            }
            int q = 0;
            for (int j = 0; j < _p; j++)
            {
                double xj = _xbar[j];
                var row = Info.AsSpan(j * _p, j + 1);
                for (int l = 0; l < row.Length; l++, q++)
                    row[l] += wt * ((c[q] - f * c2[q]) * inv - xj * _xbar[l]);
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
