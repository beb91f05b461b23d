namespace CarTOutcomes.Survival.CompetingRisks;

internal sealed partial class FineGrayModel
{
    /// <summary>
    /// Σ_i (η_i + ψ_i)(η_i + ψ_i)ᵀ, the middle of crr's sandwich (Fine and Gray 1999, section 3; <c>crrvv</c>).
    /// η_i = ∫ (x_i − x̄)(dN_i − w_i dΛ̂) is the score residual, with dΛ̂(τ_j) = d_j/S0_j. ψ_i accounts for estimating G:
    /// with q_g(u) = Σ_{failures f in group g, t_f ≥ u} (1/S0) Σ_{competing events c in g, t_c &lt; u} (x_c − x̄) w_c
    /// and Y_g(u) the number of rows of group g with t ≥ u,
    /// ψ_i = q_g(t_i)·[i censored]/Y_g(t_i) − Σ_{censorings c in g, t_c ≤ t_i} q_g(t_c)/Y_g(t_c)².
    /// crr sums the failures f of q_g over censoring group g only (its loop pairs qu(·, icg(j1)) with ss3(·, icg(j1)));
    /// with one censoring group this is the formula of the paper, and it is kept as crr has it so that results agree.
    /// </summary>
    public double[,] ScoreOuterProduct(double[] beta, RiskSums sums)
    {
        var eta = Direct ? DirectEta(beta, sums) : FastEta(beta, sums);
        var qTable = Direct ? DirectQ(beta, sums) : null;
        return Sweep(beta, sums, eta, qTable);
    }

    /// <summary>Start index of each run of equal times.</summary>
    private int[] TieStarts()
    {
        var starts = new List<int>();
        for (int i = 0; i < _n; i++) if (i == 0 || _t[i] > _t[i - 1]) starts.Add(i);
        starts.Add(_n);
        return starts.ToArray();
    }

    private double[] XBar(RiskSums s)
    {
        var xbar = new double[_m * _p];
        for (int j = 0; j < _m; j++)
            for (int k = 0; k < _p; k++) xbar[j * _p + k] = s.S1[j * _p + k] / s.S0[j];
        return xbar;
    }

    /// <summary>
    /// η_i = [i fails](x_i − x̄(t_i)) − e_i(x_i A(t_i) − B(t_i)) − [i competing](e_i/G(t_i−))(x_i C_g(t_i) − D_g(t_i)),
    /// A, B = Σ_{τ_j ≤ t} d_j(1, x̄_j)/S0_j and C_g, D_g = Σ_{τ_j &gt; t} d_j G_g(τ_j−)(1, x̄_j)/S0_j.
    /// </summary>
    private double[] FastEta(double[] beta, RiskSums s)
    {
        var xbar = XBar(s);
        var (c, dsuf) = Suffix(s, xbar, byGroupEvents: false);
        var eta = new double[_n * _p];
        var x = new double[_p];
        double a = 0;
        var b = new double[_p];
        int jle = 0; // failure times ≤ current time
        for (int i = 0; i < _n; i++)
        {
            for (; jle < _m && _tau[jle] <= _t[i]; jle++)
            {
                a += _d[jle] / s.S0[jle];
                for (int k = 0; k < _p; k++) b[k] += _d[jle] * xbar[jle * _p + k] / s.S0[jle];
            }
            Covariates(i, 0, x);
            double e = Math.Exp(Dot(x, beta));
            int g = _grp[i];
            for (int k = 0; k < _p; k++)
            {
                double v = -e * (x[k] * a - b[k]);
                if (_failIndex[i] >= 0) v += x[k] - xbar[_failIndex[i] * _p + k];
                if (_ici[i] == 2)
                    v -= e / _gi[i] * (x[k] * c[g][jle] - dsuf[g][jle * _p + k]);
                eta[i * _p + k] = v;
            }
        }
        return eta;
    }

    /// <summary>
    /// Per censoring group g, suffix sums over failure times j' ≥ j of n_j' G_g(τ_j'−)(1, x̄_j')/S0_j', where n_j is d_j
    /// (all failures) or, with <paramref name="byGroupEvents"/>, the failures of group g (for q_g). Index m holds 0.
    /// </summary>
    private (double[][] Scalar, double[][] Vector) Suffix(RiskSums s, double[] xbar, bool byGroupEvents)
    {
        var c = new double[_ncg][];
        var v = new double[_ncg][];
        for (int g = 0; g < _ncg; g++)
        {
            c[g] = new double[_m + 1];
            v[g] = new double[(_m + 1) * _p];
            for (int j = _m - 1; j >= 0; j--)
            {
                double dj = byGroupEvents ? _dg[j * _ncg + g] : _d[j];
                double w = dj * _gg[j * _ncg + g] / s.S0[j];
                c[g][j] = c[g][j + 1] + w;
                for (int k = 0; k < _p; k++) v[g][j * _p + k] = v[g][(j + 1) * _p + k] + w * xbar[j * _p + k];
            }
        }
        return (c, v);
    }

    /// <summary>η_i by direct sums over the risk set of every failure time.</summary>
    private double[] DirectEta(double[] beta, RiskSums s)
    {
        var xbar = XBar(s);
        var eta = new double[_n * _p];
        var x = new double[_p];
        for (int i = 0; i < _n; i++)
        {
            if (_failIndex[i] < 0) continue;
            Covariates(i, _failIndex[i], x);
            for (int k = 0; k < _p; k++) eta[i * _p + k] += x[k] - xbar[_failIndex[i] * _p + k];
        }
        for (int j = 0; j < _m; j++)
            for (int i = 0; i < _n; i++)
            {
                double w = RiskWeight(i, j, beta, x);
                if (w == 0) continue;
                double f = _d[j] * w / s.S0[j];
                for (int k = 0; k < _p; k++) eta[i * _p + k] -= f * (x[k] - xbar[j * _p + k]);
            }
        return eta;
    }

    /// <summary>q_g(u) for every run of equal times u, by direct sums (layout [run][group][p]).</summary>
    private double[] DirectQ(double[] beta, RiskSums s)
    {
        var xbar = XBar(s);
        var starts = TieStarts();
        int runs = starts.Length - 1;
        var q = new double[runs * _ncg * _p];
        var prefix = new double[_ncg * _p];
        var x = new double[_p];
        for (int j = 0; j < _m; j++)
        {
            Array.Clear(prefix);
            for (int u = 0; u < runs && _t[starts[u]] <= _tau[j]; u++)
            {
                for (int g = 0; g < _ncg; g++)
                {
                    double f = _dg[j * _ncg + g] / s.S0[j];
                    if (f == 0) continue;
                    for (int k = 0; k < _p; k++) q[(u * _ncg + g) * _p + k] += f * prefix[g * _p + k];
                }
                for (int i = starts[u]; i < starts[u + 1]; i++)
                {
                    if (_ici[i] != 2 || _t[i] >= _tau[j]) continue;
                    double w = RiskWeight(i, j, beta, x);
                    for (int k = 0; k < _p; k++) prefix[_grp[i] * _p + k] += (x[k] - xbar[j * _p + k]) * w;
                }
            }
        }
        return q;
    }

    /// <summary>ψ_i from q_g and the outer products of η_i + ψ_i, in one pass over runs of equal times.</summary>
    private double[,] Sweep(double[] beta, RiskSums s, double[] eta, double[]? qTable)
    {
        var starts = TieStarts();
        var xbar = XBar(s);
        var (kSuf, lSuf) = qTable is null ? Suffix(s, xbar, byGroupEvents: true) : (Array.Empty<double[]>(), Array.Empty<double[]>());
        var y = new double[_ncg];
        foreach (int g in _grp) y[g]++;
        var ss2 = new double[_ncg * _p];
        var q = new double[_ncg * _p];
        var e0 = new double[_ncg];
        var e1 = new double[_ncg * _p];
        var v2 = new double[_p, _p];
        var x = new double[_p];
        var st = new double[_p];
        int jlt = 0; // failure times < current time
        for (int u = 0; u + 1 < starts.Length; u++)
        {
            int a = starts[u], b = starts[u + 1];
            double t = _t[a];
            for (; jlt < _m && _tau[jlt] < t; jlt++) { }
            bool censoring = false;
            for (int i = a; i < b; i++) censoring |= _ici[i] == 0;
            if (censoring)
            {
                for (int g = 0; g < _ncg; g++)
                    for (int k = 0; k < _p; k++)
                        q[g * _p + k] = qTable is not null
                            ? qTable[(u * _ncg + g) * _p + k]
                            : e1[g * _p + k] * kSuf[g][jlt] - e0[g] * lSuf[g][jlt * _p + k];
                for (int i = a; i < b; i++)
                {
                    if (_ici[i] != 0) continue;
                    int g = _grp[i];
                    for (int k = 0; k < _p; k++) ss2[g * _p + k] -= q[g * _p + k] / (y[g] * y[g]);
                }
            }
            for (int i = a; i < b; i++)
            {
                int g = _grp[i];
                for (int k = 0; k < _p; k++)
                {
                    st[k] = eta[i * _p + k] + ss2[g * _p + k];
                    if (_ici[i] == 0) st[k] += q[g * _p + k] / y[g];
                }
                for (int k = 0; k < _p; k++)
                    for (int l = 0; l < _p; l++) v2[k, l] += st[k] * st[l];
            }
            for (int i = a; i < b; i++)
            {
                y[_grp[i]]--;
                if (_ici[i] != 2 || qTable is not null) continue;
                Covariates(i, 0, x);
                double w = Math.Exp(Dot(x, beta)) / _gi[i];
                e0[_grp[i]] += w;
                for (int k = 0; k < _p; k++) e1[_grp[i] * _p + k] += w * x[k];
            }
        }
        return v2;
    }
}
