namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// The Fine–Gray (1999) pseudo-likelihood and its sandwich variance, computed as <c>cmprsk::crr</c> (Fortran
/// <c>crrfsv</c>, <c>crrf</c>, <c>crrvv</c>) computes them, but with running sums.
/// </summary>
/// <remarks>
/// <para>Contract: rows sorted by ascending time; ici = 1 for the cause of interest, 2 for another cause, 0 censored;
/// grp the censoring group 0..G−1. At a failure time τ the risk set is every row with t ≥ τ (weight e^{xβ}) plus every
/// row with another cause before τ, weighted e^{xβ}·G(τ−)/G(t_i−), G the censoring KM of the row's group.</para>
/// <para>With fixed covariates the sums over that risk set split into a tail sum over rows with t ≥ τ and, per
/// censoring group, G_g(τ−) times a running sum of e^{xβ}x^{⊗k}/G_g(t_i−) over earlier competing events, so one
/// evaluation is O(n·p²) instead of crr's O(n·m·p), m the number of failure times. Covariates multiplied by functions
/// of time (crr's cov2/tf) make e^{x(τ)β} depend on τ and the sums cannot be shared: that path is direct, O(n·m·p²).</para>
/// </remarks>
internal sealed partial class FineGrayModel
{
    private readonly int _n, _p, _p1, _p2, _ncg, _m;
    private readonly double[] _t, _x1, _x2, _tf, _gi, _tau, _gg;
    private readonly int[] _ici, _grp, _d, _dg, _failIndex;

    /// <param name="time">Sorted times.</param>
    /// <param name="ici">Failure codes (1 cause, 2 other, 0 censored).</param>
    /// <param name="grp">Censoring groups.</param>
    /// <param name="ncg">Number of censoring groups.</param>
    /// <param name="x1">Fixed covariates, n × p1 row-major.</param>
    /// <param name="p1">Number of fixed covariates.</param>
    /// <param name="x2">Time-interacting covariates, n × p2 row-major (empty when p2 = 0).</param>
    /// <param name="p2">Number of time-interacting covariates.</param>
    /// <param name="tf">Time functions at the distinct failure times, m × p2 row-major.</param>
    public FineGrayModel(double[] time, int[] ici, int[] grp, int ncg, double[] x1, int p1, double[] x2, int p2,
        Func<double[], double[]> tf)
    {
        _n = time.Length;
        _t = time;
        _ici = ici;
        _grp = grp;
        _ncg = ncg;
        _x1 = x1;
        _x2 = x2;
        _p1 = p1;
        _p2 = p2;
        _p = p1 + p2;
        var tau = new List<double>();
        var d = new List<int>();
        _failIndex = new int[_n];
        for (int i = 0; i < _n; i++)
        {
            _failIndex[i] = -1;
            if (ici[i] != 1) continue;
            if (tau.Count == 0 || time[i] > tau[^1]) { tau.Add(time[i]); d.Add(0); }
            d[^1]++;
            _failIndex[i] = tau.Count - 1;
        }
        _tau = tau.ToArray();
        _d = d.ToArray();
        _m = _tau.Length;
        _dg = new int[_m * ncg];
        for (int i = 0; i < _n; i++) if (_failIndex[i] >= 0) _dg[_failIndex[i] * ncg + grp[i]]++;
        var cw = new CensoringWeights(time, ici.Select(c => c == 0).ToArray(), grp, ncg);
        _gi = new double[_n];
        for (int i = 0; i < _n; i++) _gi[i] = cw.Before(grp[i], time[i]);
        _gg = new double[_m * ncg];
        for (int j = 0; j < _m; j++)
            for (int g = 0; g < ncg; g++) _gg[j * ncg + g] = cw.Before(g, _tau[j]);
        _tf = p2 > 0 ? tf(_tau) : [];
    }

    /// <summary>Number of coefficients.</summary>
    public int P => _p;

    /// <summary>Number of distinct failure times of the cause.</summary>
    public int FailureTimes => _m;

    /// <summary>Use the direct O(n·m) sums even without time functions (to test one path against the other).</summary>
    public bool ForceDirect { get; init; }

    private bool Direct => _p2 > 0 || ForceDirect;

    /// <summary>x_i(τ_j): fixed covariates, then cov2 · tf(τ_j).</summary>
    private void Covariates(int i, int j, double[] into)
    {
        for (int k = 0; k < _p1; k++) into[k] = _x1[i * _p1 + k];
        for (int k = 0; k < _p2; k++) into[_p1 + k] = _x2[i * _p2 + k] * _tf[j * _p2 + k];
    }

    private double Dot(double[] x, double[] b)
    {
        double s = 0;
        for (int k = 0; k < _p; k++) s += x[k] * b[k];
        return s;
    }

    /// <summary>Risk-set sums at each failure time: S0_j, S1_j (p), and optionally S2_j (p × p).</summary>
    internal sealed class RiskSums(int m, int p, bool second)
    {
        public readonly double[] S0 = new double[m], S1 = new double[m * p];
        public readonly double[]? S2 = second ? new double[m * p * p] : null;
    }

    /// <summary>
    /// The log pseudo-likelihood Σ_j [Σ_{i fails at τ_j} x_i(τ_j)β − d_j log S0_j], its gradient
    /// U = Σ_j [Σ x_i(τ_j) − d_j S1_j/S0_j] and, when asked, the information Σ_j d_j (S2_j/S0_j − x̄_j x̄_jᵀ).
    /// </summary>
    public (double LogLik, double[] Score, double[,]? Info, RiskSums Sums) Evaluate(double[] beta, bool info)
    {
        var sums = Direct ? DirectSums(beta, info) : FastSums(beta, info);
        double lik = 0;
        var u = new double[_p];
        var xb = new double[_p];
        for (int i = 0; i < _n; i++)
        {
            if (_failIndex[i] < 0) continue;
            Covariates(i, _failIndex[i], xb);
            lik += Dot(xb, beta);
            for (int k = 0; k < _p; k++) u[k] += xb[k];
        }
        var h = info ? new double[_p, _p] : null;
        for (int j = 0; j < _m; j++)
        {
            double s0 = sums.S0[j], dj = _d[j];
            lik -= dj * Math.Log(s0);
            for (int k = 0; k < _p; k++) u[k] -= dj * sums.S1[j * _p + k] / s0;
            if (h is null) continue;
            for (int k = 0; k < _p; k++)
                for (int l = 0; l < _p; l++)
                    h[k, l] += dj * (sums.S2![(j * _p + k) * _p + l] / s0
                        - sums.S1[j * _p + k] / s0 * (sums.S1[j * _p + l] / s0));
        }
        return (lik, u, h, sums);
    }

    /// <summary>Running sums: a forward pass adds earlier competing events per censoring group, a backward pass the tail.</summary>
    private RiskSums FastSums(double[] beta, bool second)
    {
        var s = new RiskSums(_m, _p, second);
        var e = new double[_n];
        var x = new double[_p];
        for (int i = 0; i < _n; i++) { Covariates(i, 0, x); e[i] = Math.Exp(Dot(x, beta)); }
        var acc = new Accumulator[_ncg];
        for (int g = 0; g < _ncg; g++) acc[g] = new Accumulator(_p, second);
        int r = 0;
        for (int j = 0; j < _m; j++)
        {
            for (; r < _n && _t[r] < _tau[j]; r++)
            {
                if (_ici[r] != 2) continue;
                Covariates(r, 0, x);
                acc[_grp[r]].Add(e[r] / _gi[r], x);
            }
            for (int g = 0; g < _ncg; g++) acc[g].AddTo(s, j, _gg[j * _ncg + g]);
        }
        var tail = new Accumulator(_p, second);
        r = _n - 1;
        for (int j = _m - 1; j >= 0; j--)
        {
            for (; r >= 0 && _t[r] >= _tau[j]; r--)
            {
                Covariates(r, 0, x);
                tail.Add(e[r], x);
            }
            tail.AddTo(s, j, 1);
        }
        return s;
    }

    /// <summary>Direct sums over every row at each failure time (needed when covariates depend on time).</summary>
    private RiskSums DirectSums(double[] beta, bool second)
    {
        var s = new RiskSums(_m, _p, second);
        var x = new double[_p];
        var acc = new Accumulator(_p, second);
        for (int j = 0; j < _m; j++)
        {
            acc.Clear();
            for (int i = 0; i < _n; i++)
            {
                double w = RiskWeight(i, j, beta, x);
                if (w > 0) acc.Add(w, x);
            }
            acc.AddTo(s, j, 1);
        }
        return s;
    }

    /// <summary>The weight of row i in the risk set of τ_j (0 when outside it); fills x with x_i(τ_j).</summary>
    private double RiskWeight(int i, int j, double[] beta, double[] x)
    {
        if (_t[i] >= _tau[j]) { Covariates(i, j, x); return Math.Exp(Dot(x, beta)); }
        if (_ici[i] != 2) return 0;
        Covariates(i, j, x);
        return Math.Exp(Dot(x, beta)) * _gg[j * _ncg + _grp[i]] / _gi[i];
    }

    /// <summary>Σw, Σwx, Σwxxᵀ.</summary>
    private sealed class Accumulator(int p, bool second)
    {
        private double _s0;
        private readonly double[] _s1 = new double[p];
        private readonly double[]? _s2 = second ? new double[p * p] : null;

        public void Clear() { _s0 = 0; Array.Clear(_s1); if (_s2 is not null) Array.Clear(_s2); }

        public void Add(double w, double[] x)
        {
            _s0 += w;
            for (int k = 0; k < p; k++)
            {
                double wx = w * x[k];
                _s1[k] += wx;
                if (_s2 is null) continue;
                for (int l = 0; l < p; l++) _s2[k * p + l] += wx * x[l];
            }
        }

        public void AddTo(RiskSums s, int j, double factor)
        {
            if (factor == 0) return;
            s.S0[j] += factor * _s0;
            for (int k = 0; k < p; k++) s.S1[j * p + k] += factor * _s1[k];
            if (_s2 is null) return;
            for (int k = 0; k < p * p; k++) s.S2![j * p * p + k] += factor * _s2[k];
        }
    }
}
