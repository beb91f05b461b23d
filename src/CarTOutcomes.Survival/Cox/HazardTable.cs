namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// The per-event-time quantities of a fitted model, from one risk-set sweep at the final β (centered covariates):
/// for event time t with Efron steps k = 0…d−1 (one step for Breslow), weight w̄ = Σ_D w / steps, D_k and x̄_k as in
/// <see cref="LikelihoodSink"/>, hazard increments h_k = w̄ / D_k:
/// <list type="bullet">
/// <item>dH = Σ h_k, dXH = Σ h_k x̄_k — what a row at risk but not failing at t accrues (R <c>coxmart</c>, <c>agsurv</c>);</item>
/// <item>dHd = Σ (1 − k/d) h_k, dXHd likewise — what a failing row accrues at its own time (R <c>coxscore2</c>);</item>
/// <item>x̄_D = Σ x̄_k / steps — the mean a failing row is compared with (R <c>coxscho</c>);</item>
/// <item>dV = Σ w̄ / D_k² — the variance increment of the baseline hazard (R <c>agsurv5</c>);</item>
/// <item>M = Σ w̄ x̄_k and the information Σ w̄ (C_k / D_k − x̄_k x̄_kᵀ) — for <c>cox.zph</c>.</item>
/// </list>
/// Times are ascending within each stratum; strata follow each other.
/// </summary>
internal sealed class HazardTable : IEventSink
{
    private readonly int _p;
    private readonly bool _efron;
    private readonly bool _info;
    private readonly List<Entry> _rev = [];

    public HazardTable(int p, bool efron, bool withInformation)
    {
        _p = p; _efron = efron; _info = withInformation;
    }

    internal sealed class Entry
    {
        public int Stratum;
        public double Time;
        public int Deaths;
        public double DeadWeight;
        public double DH, DHd, DV;
        public double[] DXH = [], DXHd = [], XbarD = [], M = [], WX = [], Info = [];
    }

    /// <summary>Entries by stratum, then ascending time.</summary>
    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public static HazardTable Build(CoxDesign d, double[] beta, bool efron, bool withInformation, bool withOffset = true)
    {
        var t = new HazardTable(d.P, efron, withInformation);
        RiskSetSweep.Run(d, d.X, beta, ref t, withOffset);
        // the sweep is descending within each ascending stratum: reverse within strata
        t.Entries = t._rev.GroupBy(e => e.Stratum).OrderBy(g => g.Key).SelectMany(g => g.Reverse()).ToArray();
        return t;
    }

    public void Event(int stratum, double time, int d, double deadWeight, double wEta, double[] wx,
        double denom, double denom2, double[] a, double[] a2, double[] c, double[] c2)
    {
        int p = _p, steps = _efron ? d : 1;
        var e = new Entry
        {
            Stratum = stratum, Time = time, Deaths = d, DeadWeight = deadWeight,
            DXH = new double[p], DXHd = new double[p], XbarD = new double[p], M = new double[p], WX = (double[])wx.Clone(),
            Info = _info ? new double[p * p] : [],
        };
        double wt = deadWeight / steps;
        var xbar = new double[p];
        for (int k = 0; k < steps; k++)
        {
            double f = (double)k / steps, dk = denom - f * denom2, h = wt / dk, keep = 1 - f;
            e.DH += h; e.DHd += keep * h; e.DV += wt / (dk * dk);
            for (int j = 0; j < p; j++)
            {
                xbar[j] = (a[j] - f * a2[j]) / dk;
                e.DXH[j] += h * xbar[j];
                e.DXHd[j] += keep * h * xbar[j];
                e.XbarD[j] += xbar[j] / steps;
                e.M[j] += wt * xbar[j];
            }
            if (!_info) continue;
            int q = 0;
            for (int j = 0; j < p; j++)
                for (int l = 0; l <= j; l++, q++)
                {
                    double v = wt * ((c[q] - f * c2[q]) / dk - xbar[j] * xbar[l]);
                    e.Info[j * p + l] += v;
                    if (l != j) e.Info[l * p + j] += v;
                }
        }
        _rev.Add(e);
    }
}
