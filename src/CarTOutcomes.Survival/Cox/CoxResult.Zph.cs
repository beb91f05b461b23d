using MathNet.Numerics.LinearAlgebra;

namespace CarTOutcomes.Survival.Cox;

/// <summary>The time scale g(t) of the proportional-hazards test (R: <c>cox.zph(transform=)</c>).</summary>
public enum ZphTransform
{
    /// <summary>1 − S(t−), S the Kaplan–Meier of all rows ignoring strata and covariates (R: <c>transform = "km"</c>, the default).</summary>
    KaplanMeier,

    /// <summary>The rank of t among all rows' times, ties averaged (R: <c>"rank"</c>).</summary>
    Rank,

    /// <summary>t itself (R: <c>"identity"</c>).</summary>
    Identity,

    /// <summary>log t (R: <c>"log"</c>).</summary>
    Log,
}

public sealed partial class CoxResult
{
    /// <summary>
    /// The test of proportional hazards of R 3.5's <c>cox.zph</c>: a score test, at the fitted β, of adding the
    /// time-varying terms x·g(t) with g centered on its mean over the events (Grambsch &amp; Therneau 1994, in the
    /// exact score-test form of survival ≥ 3.0: score U = (0, Σ_events g(t)(x − x̄)), information of (x, x·g), statistic
    /// UᵀI⁻¹U). One test per covariate (1 df) and a global test.
    /// </summary>
    /// <exception cref="InvalidOperationException">The fit is the null model (<see cref="IsNullModel"/>), which has nothing to test (R: "there are no score residuals for a Null model").</exception>
    public CoxZphResult ProportionalHazardsTest(ZphTransform transform = ZphTransform.KaplanMeier)
    {
        if (IsNullModel) throw new InvalidOperationException("The null model has no coefficient whose proportional hazards could be tested (R's cox.zph: there are no score residuals for a Null model).");
        var keep = Enumerable.Range(0, _design.P).Where(j => !_singular[j]).ToArray();
        int q = keep.Length, p = _design.P;
        var g = TimeScale(transform);
        var table = HazardTable.Build(_design, _beta, Ties == Ties.Efron, true);
        var u = new double[q];
        var info = new double[2 * q, 2 * q];
        foreach (var e in table.Entries)
        {
            double gt = g(e.Time);
            for (int a = 0; a < q; a++)
            {
                u[a] += gt * (e.WX[keep[a]] - e.M[keep[a]]);
                for (int b = 0; b < q; b++)
                {
                    double v = e.Info[keep[a] * p + keep[b]];
                    info[a, b] += v;
                    info[a, q + b] += gt * v;
                    info[q + a, b] += gt * v;
                    info[q + a, q + b] += gt * gt * v;
                }
            }
        }
        var terms = new CoxZphTerm[q];
        for (int a = 0; a < q; a++)
        {
            var idx = Enumerable.Range(0, q).Append(q + a).ToArray();
            var sub = Matrix<double>.Build.Dense(q + 1, q + 1, (r, c) => info[idx[r], idx[c]]);
            var uu = Vector<double>.Build.Dense(q + 1, k => k == q ? u[a] : 0);
            terms[a] = new CoxZphTerm(Names[keep[a]], sub.Solve(uu).DotProduct(uu), 1);
        }
        var full = Matrix<double>.Build.DenseOfArray(info);
        var ug = Vector<double>.Build.Dense(2 * q, k => k < q ? 0 : u[k - q]);
        return new CoxZphResult(transform, terms, new CoxZphTerm("GLOBAL", full.Solve(ug).DotProduct(ug), q));
    }

    /// <summary>g(t) − mean of g over the event rows (R: <c>gtime</c>).</summary>
    private Func<double, double> TimeScale(ZphTransform transform)
    {
        var stop = _design.Stop;
        Func<double, double> f = transform switch
        {
            ZphTransform.Identity => t => t,
            ZphTransform.Log => Math.Log,
            ZphTransform.Rank => AverageRank(stop),
            ZphTransform.KaplanMeier => OneMinusKaplanMeier(),
            _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown transform."),
        };
        double mean = Enumerable.Range(0, _design.N).Where(i => _design.Event[i]).Average(i => f(stop[i]));
        return t => f(t) - mean;
    }

    private static Func<double, double> AverageRank(double[] times)
    {
        var sorted = times.Order().ToArray();
        return t =>
        {
            int lo = LowerBound(sorted, t), hi = LowerBound(sorted, Math.BitIncrement(t));
            return (lo + 1 + hi) / 2.0;   // ranks lo+1 … hi averaged
        };
    }

    private static int LowerBound(double[] sorted, double t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int m = (lo + hi) >> 1; if (sorted[m] < t) lo = m + 1; else hi = m; }
        return lo;
    }

    /// <summary>1 − S(t−) from the unweighted Kaplan–Meier of all rows, entries at their start times (R <c>survfitKM</c>).</summary>
    private Func<double, double> OneMinusKaplanMeier()
    {
        var d = _design;
        var eventTimes = Enumerable.Range(0, d.N).Where(i => d.Event[i]).Select(i => d.Stop[i]).Distinct().Order().ToArray();
        var stops = d.Stop.Order().ToArray();
        var starts = d.CountingProcess ? d.Start.Order().ToArray() : [];
        var deaths = Enumerable.Range(0, d.N).Where(i => d.Event[i]).GroupBy(i => d.Stop[i]).ToDictionary(x => x.Key, x => x.Count());
        var surv = new double[eventTimes.Length];   // S just after each event time
        double s = 1;
        for (int k = 0; k < eventTimes.Length; k++)
        {
            double t = eventTimes[k];
            int atRisk = d.N - LowerBound(stops, t) - (d.CountingProcess ? d.N - LowerBound(starts, t) : 0);
            s *= 1 - (double)deaths[t] / atRisk;
            surv[k] = s;
        }
        return t =>
        {
            int k = LowerBound(eventTimes, t);    // event times strictly before t
            return 1 - (k == 0 ? 1 : surv[k - 1]);
        };
    }
}

/// <summary>The result of <see cref="CoxResult.ProportionalHazardsTest"/> (R: <c>cox.zph(fit)$table</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxZphResult
{
    internal CoxZphResult(ZphTransform transform, IReadOnlyList<CoxZphTerm> terms, CoxZphTerm global)
    {
        Transform = transform; Terms = terms; Global = global;
    }

    /// <summary>The time scale used.</summary>
    public ZphTransform Transform { get; }

    /// <summary>One test per estimated covariate (collinear ones are left out, as R).</summary>
    public IReadOnlyList<CoxZphTerm> Terms { get; }

    /// <summary>The global test of all covariates together (R: row <c>GLOBAL</c>).</summary>
    public CoxZphTerm Global { get; }
}

/// <summary>One row of <c>cox.zph</c>'s table.</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxZphTerm
{
    internal CoxZphTerm(string name, double chiSquare, int df)
    {
        Name = name; ChiSquare = chiSquare; DegreesOfFreedom = df; PValue = CoxTest.ChiSquareUpper(chiSquare, df);
    }

    /// <summary>Covariate name, or "GLOBAL".</summary>
    public string Name { get; }

    /// <summary>The score statistic (R: <c>chisq</c>).</summary>
    public double ChiSquare { get; }

    /// <summary>Degrees of freedom (R: <c>df</c>).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail chi-square p-value (R: <c>p</c>).</summary>
    public double PValue { get; }
}
