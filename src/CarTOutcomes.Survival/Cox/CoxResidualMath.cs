namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Row-level residual arithmetic from a <see cref="HazardTable"/>. A row at risk on (start, stop] accrues the hazard of
/// the event times in that interval: H_i = Σ dH over them, except that at its own event time a failing row accrues
/// dHd (Efron). Then (R <c>residuals.coxph</c>, Therneau &amp; Grambsch 2000, ch. 4):
/// martingale M_i = δ_i − exp(η_i)·H_i; score L_i = δ_i (x_i − x̄_D(t_i)) − exp(η_i)(x_i H_i − XH_i).
/// </summary>
internal sealed class CoxResidualMath
{
    private readonly CoxDesign _d;
    private readonly HazardTable.Entry[] _e;
    private readonly int[] _first;     // first entry of each stratum (and one past the last)
    private readonly double[] _ch;      // cumulative dH, by entry
    private readonly double[] _cxh;     // cumulative dXH, by entry (n_entries × p)

    public CoxResidualMath(CoxDesign d, HazardTable table)
    {
        _d = d;
        _e = table.Entries.ToArray();
        int p = d.P, m = _e.Length;
        _first = new int[d.StratumBounds.Length];
        for (int s = 0, k = 0; s < _first.Length; s++)
        {
            while (k < m && _e[k].Stratum < s) k++;
            _first[s] = k;
        }
        _first[^1] = m;
        _ch = new double[m];
        _cxh = new double[m * p];
        for (int k = 0; k < m; k++)
        {
            bool restart = k == 0 || _e[k].Stratum != _e[k - 1].Stratum;
            _ch[k] = (restart ? 0 : _ch[k - 1]) + _e[k].DH;
            for (int j = 0; j < p; j++) _cxh[k * p + j] = (restart ? 0 : _cxh[(k - 1) * p + j]) + _e[k].DXH[j];
        }
    }

    public IReadOnlyList<HazardTable.Entry> Entries => _e;

    /// <summary>Index of the last entry of stratum s with time ≤ t, or −1.</summary>
    public int LastAtOrBefore(int s, double t)
    {
        int lo = _first[s], hi = _first[s + 1] - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (_e[mid].Time <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found;
    }

    /// <summary>Accrued hazard H_i and XH_i of row i (XH written to <paramref name="xh"/>); returns the entry of its event or −1.</summary>
    public (double H, int EventEntry) Accrued(int i, Span<double> xh)
    {
        int p = _d.P, s = _d.Stratum[i];
        int kb = LastAtOrBefore(s, _d.Stop[i]);
        int ka = _d.CountingProcess ? LastAtOrBefore(s, _d.Start[i]) : -1;
        double h = 0;
        xh.Clear();
        if (kb >= 0)
        {
            h = _ch[kb];
            for (int j = 0; j < p; j++) xh[j] = _cxh[kb * p + j];
        }
        if (ka >= 0)
        {
            h -= _ch[ka];
            for (int j = 0; j < p; j++) xh[j] -= _cxh[ka * p + j];
        }
        if (!_d.Event[i]) return (h, -1);
        var e = _e[kb];
        h += e.DHd - e.DH;
        for (int j = 0; j < p; j++) xh[j] += e.DXHd[j] - e.DXH[j];
        return (h, kb);
    }

    public double Eta(int i, double[] beta, bool withOffset = true)
    {
        double eta = withOffset ? _d.OffsetAt(i) : 0;
        for (int j = 0; j < _d.P; j++) eta += beta[j] * _d.X[i * _d.P + j];
        return eta;
    }

    public double[] Martingale(double[] beta)
    {
        var m = new double[_d.N];
        var xh = new double[_d.P];
        for (int i = 0; i < _d.N; i++)
        {
            var (h, _) = Accrued(i, xh);
            m[i] = (_d.Event[i] ? 1 : 0) - Math.Exp(Eta(i, beta)) * h;
        }
        return m;
    }

    /// <summary>Score residuals, n × p row-major, not multiplied by case weights.</summary>
    public double[] Score(double[] beta, bool withOffset = true)
    {
        int p = _d.P;
        var r = new double[_d.N * p];
        var xh = new double[p];
        for (int i = 0; i < _d.N; i++)
        {
            var (h, k) = Accrued(i, xh);
            double risk = Math.Exp(Eta(i, beta, withOffset));
            for (int j = 0; j < p; j++)
            {
                double x = _d.X[i * p + j];
                double v = -risk * (x * h - xh[j]);
                if (k >= 0) v += x - _e[k].XbarD[j];
                r[i * p + j] = v;
            }
        }
        return r;
    }
}
