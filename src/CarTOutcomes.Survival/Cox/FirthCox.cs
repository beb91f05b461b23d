using CarTOutcomes.Survival.Progress;
using MathNet.Numerics.Distributions;

namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Firth's penalized partial likelihood for the Cox model (Heinze &amp; Schemper 2001, the method of R's
/// <c>coxphf</c>): maximize ℓ*(β) = ℓ(β) + ½ log det I(β), Breslow ties. Its score is
/// U*_r = U_r + ½ tr(I⁻¹ ∂I/∂β_r); with S_k the risk-set sums Σ r x^{⊗k} at an event time, m = S1/S0 and
/// V = S2/S0 − m mᵀ, ∂V/∂β_r = S3_r/S0 − (S2/S0) m_r − V_r mᵀ − m V_rᵀ (V_r the r-th column of V).
/// Confidence limits and p-values come from the profile penalized likelihood: β_j = c lies inside the limits while
/// 2(ℓ*(β̂) − max over β_{−j} of ℓ*(c, β_{−j})) ≤ χ²₁ quantile.
/// </summary>
/// <remarks>
/// Each evaluation visits every row at risk at every event time and forms third moments: O(n · events · p³), fine
/// for the small cohorts Firth's method is for. Iterations take Newton steps I⁻¹U* (the unpenalized information
/// stands in for the Hessian, as in <c>coxphf</c>), each coefficient moving at most 0.5 per step, halving when
/// ℓ* does not increase; they stop when every component of U* is below 1e-9 in absolute value.
/// </remarks>
internal static class FirthCox
{
    private const double MaxStep = 0.5;
    private const double ScoreTolerance = 1e-9;

    public static CoxResult Fit(CoxDesign d, IReadOnlyList<string> names, CoxOptions o, IterationMonitor monitor)
    {
        int p = d.P;
        var free = Enumerable.Repeat(true, p).ToArray();
        var start = new double[p];
        if (o.InitialValues is not null) for (int j = 0; j < p; j++) start[j] = o.InitialValues[j];
        var (beta, iter, converged) = Maximize(d, start, free, o.MaxIterations < 1 ? 1 : Math.Max(o.MaxIterations, 50), monitor);
        var quiet = monitor.Quiet();
        var at = Evaluate(d, beta, true);
        var fac = GeneralizedCholesky.Factor(at.Info, p, o.CholeskyTolerance);
        var v = fac.Inverse();
        var singular = Enumerable.Range(0, p).Select(j => !fac.IsKept(j)).ToArray();
        var zero = Evaluate(d, new double[p], false);
        double score = GeneralizedCholesky.Quadratic(zero.Info, p, zero.U, o.CholeskyTolerance);
        int df = p - singular.Count(s => s);
        double q = ChiSquared.InvCDF(1, o.ConfidenceLevel);
        var rows = new CoxCoefficient[p];
        for (int j = 0; j < p; j++)
        {
            double se = Math.Sqrt(v[j * p + j]);
            double lr0 = 2 * (at.PenalizedLogLik - Profile(d, beta, j, 0, quiet));
            double lo = Limit(d, beta, at.PenalizedLogLik, j, -1, q, se, quiet);
            double hi = Limit(d, beta, at.PenalizedLogLik, j, +1, q, se, quiet);
            rows[j] = new CoxCoefficient(names[j], beta[j], se, null, beta[j] / se, CoxTest.ChiSquareUpper(Math.Max(lr0, 0), 1),
                Math.Exp(lo), Math.Exp(hi));
        }
        var warnings = converged ? new List<string>() : ["Ran out of iterations and did not converge"];
        if (o.Robust == true || d.ClusterLabels is not null)
            warnings.Add("the robust variance is not defined for a penalized model, option ignored");
        var core = new FitCore(beta, v, v, singular, false, zero.PenalizedLogLik, at.PenalizedLogLik, iter, converged, warnings,
            new CoxTest(2 * (at.PenalizedLogLik - zero.PenalizedLogLik), df),
            new CoxTest(CoxModel.Wald(beta, null, v, singular, o.CholeskyTolerance), df),
            new CoxTest(score, df), null, CoxConcordance.Compute(d, d.LinearPredictors(beta)), rows,
            d.Ids?.Distinct(StringComparer.Ordinal).Count(), true);
        return new CoxResult(d, names, o, core);
    }

    /// <summary>Maximizes ℓ* over the coordinates marked free, the others held at their values in <paramref name="beta"/>.</summary>
    private static (double[] Beta, int Iterations, bool Converged) Maximize(CoxDesign d, double[] beta, bool[] free, int maxIter,
        IterationMonitor monitor)
    {
        int p = d.P;
        var b = (double[])beta.Clone();
        var cur = Evaluate(d, b, true);
        var idx = Enumerable.Range(0, p).Where(j => free[j]).ToArray();
        if (idx.Length == 0) return (b, 0, true);
        for (int iter = 1; iter <= maxIter; iter++)
        {
            if (idx.Max(j => Math.Abs(cur.PenalizedScore[j])) < ScoreTolerance) return (b, iter - 1, true);
            monitor.Iteration(iter);
            var step = NewtonStep(cur, idx, p);
            double biggest = step.Max(Math.Abs);
            if (biggest > MaxStep) for (int k = 0; k < step.Length; k++) step[k] *= MaxStep / biggest;
            bool accepted = false;
            for (int halving = 0; halving < 40 && !accepted; halving++)
            {
                var trial = (double[])b.Clone();
                for (int k = 0; k < idx.Length; k++) trial[idx[k]] = b[idx[k]] + step[k];
                var next = Evaluate(d, trial, true);
                if (next.PenalizedLogLik > cur.PenalizedLogLik) { b = trial; cur = next; accepted = true; }
                else for (int k = 0; k < step.Length; k++) step[k] /= 2;
            }
            if (!accepted) return (b, iter, idx.Max(j => Math.Abs(cur.PenalizedScore[j])) < 1e-6);   // no ascent left at machine precision
        }
        return (b, maxIter, false);
    }

    private static double[] NewtonStep(Evaluation e, int[] idx, int p)
    {
        int m = idx.Length;
        var sub = new double[m * m];
        var u = new double[m];
        for (int a = 0; a < m; a++)
        {
            u[a] = e.PenalizedScore[idx[a]];
            for (int c = 0; c < m; c++) sub[a * m + c] = e.Info[idx[a] * p + idx[c]];
        }
        return GeneralizedCholesky.Factor(sub, m, 1e-12).Solve(u);
    }

    /// <summary>max over β_{−j} of ℓ*(β_j = c, β_{−j}), started from β̂.</summary>
    private static double Profile(CoxDesign d, double[] betaHat, int j, double c, IterationMonitor monitor)
    {
        var free = Enumerable.Range(0, d.P).Select(k => k != j).ToArray();
        var start = (double[])betaHat.Clone();
        start[j] = c;
        var (b, _, _) = Maximize(d, start, free, 200, monitor);
        return Evaluate(d, b, false).PenalizedLogLik;
    }

    /// <summary>The profile-likelihood limit on one side: bracket, then bisect to 1e-8.</summary>
    private static double Limit(CoxDesign d, double[] betaHat, double best, int j, int side, double q, double se,
        IterationMonitor monitor)
    {
        double Excess(double c) => 2 * (best - Profile(d, betaHat, j, c, monitor)) - q;
        double step = double.IsFinite(se) && se > 0 ? se : 1;
        double inside = betaHat[j], outside = betaHat[j] + side * step;
        for (int k = 0; Excess(outside) < 0; k++)
        {
            if (k > 40) return side * double.PositiveInfinity;
            inside = outside;
            step *= 2;
            outside = betaHat[j] + side * step;
        }
        for (int k = 0; k < 200 && Math.Abs(outside - inside) > 1e-8 * Math.Max(1, Math.Abs(inside)); k++)
        {
            double mid = (inside + outside) / 2;
            if (Excess(mid) < 0) inside = mid; else outside = mid;
        }
        return (inside + outside) / 2;
    }

    internal sealed record Evaluation(double PenalizedLogLik, double[] PenalizedScore, double[] U, double[] Info);

    /// <summary>ℓ*, U*, U and I at β (Breslow), directly over each event time's risk set.</summary>
    internal static Evaluation Evaluate(CoxDesign d, double[] beta, bool withScore)
    {
        int p = d.P;
        var lp = d.LinearPredictors(beta);
        var u = new double[p];
        var info = new double[p * p];
        var dInfo = new double[p * p * p];   // [r][j][k]
        double ll = 0;
        var s1 = new double[p]; var s2 = new double[p * p]; var s3 = new double[p * p * p];
        for (int s = 0; s + 1 < d.StratumBounds.Length; s++)
        {
            int lo = d.StratumBounds[s], hi = d.StratumBounds[s + 1];
            foreach (var t in Enumerable.Range(lo, hi - lo).Where(i => d.Event[i]).Select(i => d.Stop[i]).Distinct())
            {
                double s0 = 0, deadW = 0;
                Array.Clear(s1); Array.Clear(s2); Array.Clear(s3);
                for (int i = lo; i < hi; i++)
                {
                    if (!(d.StartAt(i) < t && t <= d.Stop[i])) continue;
                    double r = d.WeightAt(i) * Math.Exp(lp[i]);
                    var x = d.X.AsSpan(i * p, p);
                    s0 += r;
                    for (int a = 0; a < p; a++)
                    {
                        s1[a] += r * x[a];
                        for (int b = 0; b < p; b++)
                        {
                            s2[a * p + b] += r * x[a] * x[b];
                            if (withScore) for (int c = 0; c < p; c++) s3[(a * p + b) * p + c] += r * x[a] * x[b] * x[c];
                        }
                    }
                    if (d.Stop[i] == t && d.Event[i])
                    {
                        deadW += d.WeightAt(i);
                        ll += d.WeightAt(i) * lp[i];
                        for (int a = 0; a < p; a++) u[a] += d.WeightAt(i) * x[a];
                    }
                }
                AddEventTime(p, deadW, s0, s1, s2, s3, withScore, ref ll, u, info, dInfo);
            }
        }
        var fac = GeneralizedCholesky.Factor(info, p, 1e-12);
        double logDet = LogDet(info, p);
        var penalized = (double[])u.Clone();
        if (withScore)
        {
            var inv = fac.Inverse();
            for (int r = 0; r < p; r++)
            {
                double tr = 0;
                for (int a = 0; a < p; a++)
                    for (int b = 0; b < p; b++) tr += inv[a * p + b] * dInfo[(r * p + b) * p + a];
                penalized[r] += 0.5 * tr;
            }
        }
        return new Evaluation(ll + 0.5 * logDet, penalized, u, info);
    }

    /// <summary>Breslow terms of one event time: ℓ −= w_D log S0; U −= w_D m; I += w_D V; ∂I/∂β_r += w_D ∂V/∂β_r.</summary>
    private static void AddEventTime(int p, double deadW, double s0, double[] s1, double[] s2, double[] s3, bool withScore,
        ref double ll, double[] u, double[] info, double[] dInfo)
    {
        ll -= deadW * Math.Log(s0);
        var m = s1.Select(v => v / s0).ToArray();
        var v = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            u[a] -= deadW * m[a];
            for (int b = 0; b < p; b++)
            {
                v[a * p + b] = s2[a * p + b] / s0 - m[a] * m[b];
                info[a * p + b] += deadW * v[a * p + b];
            }
        }
        if (!withScore) return;
        for (int r = 0; r < p; r++)
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                    dInfo[(r * p + a) * p + b] += deadW * (s3[(a * p + b) * p + r] / s0 - s2[a * p + b] / s0 * m[r]
                        - v[a * p + r] * m[b] - m[a] * v[b * p + r]);
    }

    /// <summary>log det of a symmetric positive definite matrix by Cholesky (−∞ if singular).</summary>
    private static double LogDet(double[] a, int p)
    {
        var l = (double[])a.Clone();
        double sum = 0;
        for (int j = 0; j < p; j++)
        {
            double diag = l[j * p + j];
            for (int k = 0; k < j; k++) diag -= l[j * p + k] * l[j * p + k];
            if (!(diag > 0)) return double.NegativeInfinity;
            double root = Math.Sqrt(diag);
            sum += 2 * Math.Log(root);
            l[j * p + j] = root;
            for (int i = j + 1; i < p; i++)
            {
                double v = l[i * p + j];
                for (int k = 0; k < j; k++) v -= l[i * p + k] * l[j * p + k];
                l[i * p + j] = v / root;
            }
        }
        return sum;
    }
}
