using CarTOutcomes.Survival.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// Gray's (1988) k-sample test for cumulative incidence, as cmprsk's Fortran <c>crstm</c>/<c>crst</c>. The score of
/// group j compares its subdistribution hazard with the pooled one, weighted by (1 − F(t−))^rho; the variance is
/// Gray's, built from the per-group terms a, c, v2 and v3 of the paper. Strata add their scores and variances.
/// </summary>
internal static class GrayTest
{
    public static GrayTestResult Compute(CompetingRisksData data, IReadOnlyList<(string Label, IReadOnlyList<int> Rows)> groups,
        IReadOnlyList<string>? strata, int cause, double rho)
    {
        int ng = groups.Count;
        var groupOf = new int[data.Count];
        for (int g = 0; g < ng; g++) foreach (int r in groups[g].Rows) groupOf[r] = g;
        // m = 0 censored, 1 the cause, 2 another cause.
        var m = new int[data.Count];
        for (int i = 0; i < m.Length; i++)
            m[i] = data.Status[i] == cause ? 1 : data.Status[i] == data.CensorCode ? 0 : 2;
        var s = new double[ng - 1];
        var v = new double[ng - 1, ng - 1];
        var strataRows = strata is null
            ? [(Label: "", Rows: (IReadOnlyList<int>)Enumerable.Range(0, data.Count).ToArray())]
            : GroupLevels.Rows(strata);
        foreach (var (_, rows) in strataRows)
        {
            var order = rows.OrderBy(r => data.Time[r]).ThenBy(r => r).ToArray();
            new Stratum(ng, rho).Run(order.Select(r => data.Time[r]).ToArray(), order.Select(r => m[r]).ToArray(),
                order.Select(r => groupOf[r]).ToArray(), s, v);
        }
        return Statistic(cause, s, v, ng - 1);
    }

    /// <summary>s' V⁻¹ s with df = k − 1; NaN when V is numerically singular (R: <c>qr(v)$rank &lt; ncol</c>, stat −1).</summary>
    private static GrayTestResult Statistic(int cause, double[] s, double[,] v, int df)
    {
        var V = Matrix<double>.Build.DenseOfArray(v);
        var S = Vector<double>.Build.DenseOfArray(s);
        var qr = V.QR();
        double maxDiag = 0;
        for (int i = 0; i < df; i++) maxDiag = Math.Max(maxDiag, Math.Abs(qr.R[i, i]));
        bool singular = maxDiag == 0;
        for (int i = 0; i < df && !singular; i++) singular = Math.Abs(qr.R[i, i]) < 1e-7 * maxDiag;
        if (singular) return new GrayTestResult(cause, double.NaN, df, double.NaN);
        double stat = S.DotProduct(V.Solve(S));
        return new GrayTestResult(cause, stat, df, 1 - ChiSquared.CDF(df, stat));
    }

    /// <summary>
    /// One stratum of <c>crst</c>. Input sorted by time: m (0 censored, 1 cause, 2 other cause) and group 0..k−1.
    /// Per group: r at risk, S(t−)/S(t) all-cause KM, F(t−)/F(t) cause's CIF. With R_g = r_g/S_g(t−), the pooled
    /// subdistribution hazard is d1/ΣR_g and F̄ its cumulative; the score for group g adds
    /// w·(d1_g − d1·r_g(1 − F_g(t−))/(S_g(t−)·Σ r_h(1 − F_h(t−))/S_h(t−))), w = (1 − F̄(t−))^rho.
    /// </summary>
    private sealed class Stratum(int ng, double rho)
    {
        private readonly double[] _f1m = new double[ng], _f1 = new double[ng], _skmm = Ones(ng), _skm = Ones(ng), _v3 = new double[ng];
        private readonly double[,] _v2 = new double[ng - 1, ng], _c = new double[ng, ng], _a = new double[ng, ng];
        private readonly double[] _rs = new double[ng];
        private readonly int[,] _d = new int[3, ng];
        private double _fm, _f;

        private static double[] Ones(int n) { var x = new double[n]; Array.Fill(x, 1.0); return x; }

        public void Run(double[] y, int[] m, int[] ig, double[] s, double[,] v)
        {
            foreach (int g in ig) _rs[g]++;
            int n = y.Length;
            for (int ll = 0; ll < n;)
            {
                int lu = ll;
                while (lu + 1 < n && y[lu + 1] <= y[ll]) lu++;
                Array.Clear(_d);
                for (int i = ll; i <= lu; i++) _d[m[i], ig[i]]++;
                int nd1 = 0, nd2 = 0;
                for (int g = 0; g < ng; g++) { nd1 += _d[1, g]; nd2 += _d[2, g]; }
                if (nd1 > 0 || nd2 > 0) Step(nd1, nd2, s, v);
                if (lu >= n - 1) break;
                for (int i = ll; i <= lu; i++) _rs[ig[i]]--;
                _fm = _f;
                Array.Copy(_f1, _f1m, ng);
                Array.Copy(_skm, _skmm, ng);
                ll = lu + 1;
            }
            Finish(v);
        }

        private void Step(int nd1, int nd2, double[] s, double[,] v)
        {
            double tr = 0, tq = 0;
            for (int i = 0; i < ng; i++)
            {
                if (_rs[i] <= 0) continue;
                double td = _d[1, i] + _d[2, i];
                _skm[i] = _skmm[i] * (_rs[i] - td) / _rs[i];
                _f1[i] = _f1m[i] + _skmm[i] * _d[1, i] / _rs[i];
                tr += _rs[i] / _skmm[i];
                tq += _rs[i] * (1 - _f1m[i]) / _skmm[i];
            }
            _f = _fm + nd1 / tr;
            double fb = Math.Pow(1 - _fm, rho);
            UpdateAC(nd1, tr, fb);
            for (int i = 0; i < ng - 1; i++)
                if (_rs[i] > 0) s[i] += fb * (_d[1, i] - nd1 * _rs[i] * (1 - _f1m[i]) / (_skmm[i] * tq));
            if (nd1 > 0) CauseVariance(nd1, tr, v);
            if (nd2 > 0) OtherCauseVariance(v);
        }

        private void UpdateAC(int nd1, double tr, double fb)
        {
            Array.Clear(_a);
            for (int i = 0; i < ng; i++)
            {
                if (_rs[i] <= 0) continue;
                double t1 = _rs[i] / _skmm[i];
                _a[i, i] = fb * t1 * (1 - t1 / tr);
                if (_a[i, i] != 0) _c[i, i] += _a[i, i] * nd1 / (tr * (1 - _fm));
                for (int j = i + 1; j < ng; j++)
                {
                    if (_rs[j] <= 0) continue;
                    _a[i, j] = -fb * t1 * _rs[j] / (_skmm[j] * tr);
                    if (_a[i, j] != 0) _c[i, j] += _a[i, j] * nd1 / (tr * (1 - _fm));
                }
            }
            for (int i = 1; i < ng; i++)
                for (int j = 0; j < i; j++) { _a[i, j] = _a[j, i]; _c[i, j] = _c[j, i]; }
        }

        private void CauseVariance(int nd1, double tr, double[,] v)
        {
            for (int k = 0; k < ng; k++)
            {
                if (_rs[k] <= 0) continue;
                double t4 = _skm[k] > 0 ? 1 - (1 - _f) / _skm[k] : 1;
                double t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * _skmm[k] - 1) : 1;
                double t3 = t5 * _skmm[k] * nd1 / (tr * _rs[k]);
                _v3[k] += t4 * t4 * t3;
                for (int i = 0; i < ng - 1; i++)
                {
                    double t1 = _a[i, k] - t4 * _c[i, k];
                    _v2[i, k] += t1 * t4 * t3;
                    for (int j = 0; j <= i; j++) v[i, j] += t1 * (_a[j, k] - t4 * _c[j, k]) * t3;
                }
            }
        }

        private void OtherCauseVariance(double[,] v)
        {
            for (int k = 0; k < ng; k++)
            {
                if (_skm[k] <= 0 || _d[2, k] <= 0) continue;
                double t4 = (1 - _f) / _skm[k];
                double t5 = _d[2, k] > 1 ? 1 - (_d[2, k] - 1.0) / (_rs[k] - 1.0) : 1;
                double t3 = t5 * _skmm[k] * _skmm[k] * _d[2, k] / (_rs[k] * _rs[k]);
                _v3[k] += t4 * t4 * t3;
                for (int i = 0; i < ng - 1; i++)
                {
                    double t1 = t4 * _c[i, k];
                    _v2[i, k] -= t1 * t4 * t3;
                    for (int j = 0; j <= i; j++) v[i, j] += t1 * t4 * _c[j, k] * t3;
                }
            }
        }

        /// <summary>Adds Σ_k c_ik c_jk v3_k + c_ik v2_jk + c_jk v2_ik and fills the upper triangle.</summary>
        private void Finish(double[,] v)
        {
            // v holds sums over strata; the stratum's own lower triangle was added in place, so add this stratum's
            // closing terms there too and then mirror.
            for (int i = 0; i < ng - 1; i++)
                for (int j = 0; j <= i; j++)
                {
                    for (int k = 0; k < ng; k++)
                        v[i, j] += _c[i, k] * _c[j, k] * _v3[k] + _c[i, k] * _v2[j, k] + _c[j, k] * _v2[i, k];
                    v[j, i] = v[i, j];
                }
        }
    }
}
