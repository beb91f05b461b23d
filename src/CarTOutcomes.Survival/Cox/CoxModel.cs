using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Progress;
using MathNet.Numerics.Distributions;

namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Fits Cox proportional hazards models as R's <c>coxph</c> (survival 3.5): right-censored or counting-process data,
/// strata, case weights, offsets, Efron or Breslow ties, robust variance with clusters. No covariate (an empty list)
/// fits the null model (R: <c>coxph(Surv(...) ~ 1)</c>; see <see cref="CoxResult.IsNullModel"/>).
/// </summary>
/// <remarks>
/// Deliberate differences from R: (1) times are compared exactly (see <see cref="SurvivalData"/>), R's
/// <c>timefix</c> also merges near-equal times; (2) when the iteration limit is reached, the variance reported is the
/// inverse information at the best β (R inverts an unfactored matrix there), and the iteration count is the limit
/// (R reports <c>iter.max + 1</c>); (3) rows that can never be in a risk set
/// with an event are kept (R's <c>agreg.fit</c> drops them; the estimates are the same); (4) data without events are
/// an error (R returns all-<c>NA</c> coefficients); (5) a log-likelihood that is exactly 0 before and after a step
/// (every event alone in its risk set, e.g. one row) counts as converged, where R's relative test is 0/0 and R runs to
/// its iteration limit. Degenerate inputs: docs/edge-cases.md.
/// </remarks>
public static class CoxModel
{
    /// <summary>Fits the model (R: <c>coxph(Surv(...) ~ covariates, ...)</c>).</summary>
    /// <param name="data">The outcomes; case weights, if any, must be positive.</param>
    /// <param name="covariates">One numeric column per covariate, each with one value per row of <paramref name="data"/>; none for the null model.</param>
    /// <param name="names">Covariate names, one per column.</param>
    /// <param name="options">Settings; null means R's defaults.</param>
    public static CoxResult Fit(SurvivalData data, IReadOnlyList<IReadOnlyList<double>> covariates,
        IReadOnlyList<string> names, CoxOptions? options = null) =>
        Fit(data, covariates, names, options, IterationMonitor.None);

    /// <summary>
    /// Fits the model as <see cref="Fit(SurvivalData, IReadOnlyList{IReadOnlyList{double}}, IReadOnlyList{string}, CoxOptions?)"/>,
    /// cancellable and reporting progress: for large data sets, where each Newton–Raphson iteration is a pass over
    /// every row.
    /// </summary>
    /// <param name="data">The outcomes; case weights, if any, must be positive.</param>
    /// <param name="covariates">One numeric column per covariate, each with one value per row of <paramref name="data"/>.</param>
    /// <param name="names">Covariate names, one per column.</param>
    /// <param name="options">Settings; null means R's defaults.</param>
    /// <param name="cancellationToken">Checked before the data are sorted, between the passes of the sort, and at the start of every iteration.</param>
    /// <param name="progress">
    /// Optional: told "Cox fit: iteration k of at most m" (fraction k/m, m = <see cref="CoxOptions.MaxIterations"/>)
    /// at each iteration, and "Cox fit: done after k iterations" (fraction 1) at the end.
    /// </param>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static CoxResult Fit(SurvivalData data, IReadOnlyList<IReadOnlyList<double>> covariates,
        IReadOnlyList<string> names, CoxOptions? options, CancellationToken cancellationToken,
        IProgress<ProgressReport>? progress = null)
    {
        var o = options ?? new CoxOptions();
        int max = o.Firth ? Math.Max(o.MaxIterations, 50) : o.MaxIterations;
        return Fit(data, covariates, names, o, new IterationMonitor(cancellationToken, progress, "Cox fit", max));
    }

    // Fully optimized from the first call: code of the first tier keeps every argument alive to the end of the method,
    // and this one must let go of the caller's covariate columns once the design holds its own copy (issue #18).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static CoxResult Fit(SurvivalData data, IReadOnlyList<IReadOnlyList<double>> covariates,
        IReadOnlyList<string> names, CoxOptions? options, IterationMonitor monitor)
    {
        monitor.Check();
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(names);
        var o = options ?? new CoxOptions();
        if (names.Count != covariates.Count)
            throw new ArgumentException($"There are {names.Count} names for {covariates.Count} covariates.", nameof(names));
        o.Validate(data.Count, covariates.Count);
        if (data.EventCount == 0) throw new ArgumentException("Can't fit a Cox model with 0 failures (no row ends in an event).", nameof(data));
        var design = CoxDesign.Create(data, covariates, names, o, monitor.Token);
        if (CoxDesign.IsLarge(design.N, design.P)) CoxDesign.CollectGarbage();
        monitor.Check();
        var fit = design.P == 0 ? FitNull(design, o)
            : o.Firth ? FirthCox.Fit(design, names, o, monitor) : FitOrdinary(design, names, o, monitor);
        monitor.Done(fit.Iterations);
        return fit;
    }

    private static CoxResult FitOrdinary(CoxDesign d, IReadOnlyList<string> names, CoxOptions o, IterationMonitor monitor)
    {
        int p = d.P;
        bool efron = o.Ties == Ties.Efron;
        monitor.Check();
        var scratch = new double[d.N]; // the iterations' risk scores, then the linear predictors of the concordance
        var nr = NewtonRaphson.Run(d, o.InitialValues, efron, o.MaxIterations, o.Tolerance, o.CholeskyTolerance, monitor, scratch);
        monitor.Check();
        var singular = new bool[p];
        if (nr.Rank < p) for (int j = 0; j < p; j++) singular[j] = nr.Variance[j * p + j] == 0;
        var warnings = InfiniteCheck(d, nr, o);
        var naive = nr.Variance;
        var cluster = RobustClusters(d, o);
        double[] variance = naive;
        CoxTest? rscore = null;
        if (cluster is not null && singular.Any(s => !s))
        {
            var math = new CoxResidualMath(d, HazardTable.Build(d, nr.Beta, efron, false));
            variance = Robust.Sandwich(d, math.Score(nr.Beta), naive, cluster);
            var zero = HazardTable.Build(d, new double[p], efron, false, withOffset: false);
            var score0 = new CoxResidualMath(d, zero).Score(new double[p], withOffset: false);
            rscore = new CoxTest(Robust.ScoreTest(d, score0, cluster, o.CholeskyTolerance), p - singular.Count(s => s));
        }
        var lp = d.LinearPredictors(nr.Beta, scratch);
        int df = p - singular.Count(s => s);
        var core = new FitCore(nr.Beta, naive, variance, singular, cluster is not null, nr.LogLikInitial, nr.LogLik,
            nr.Iterations, nr.Converged, warnings,
            new CoxTest(2 * (nr.LogLik - nr.LogLikInitial), df),
            new CoxTest(Wald(nr.Beta, o.InitialValues, variance, singular, o.CholeskyTolerance), df),
            new CoxTest(nr.ScoreTest, df), rscore, CoxConcordance.Compute(d, lp),
            Table(names, nr.Beta, naive, variance, singular, cluster is not null, o.ConfidenceLevel),
            d.Ids?.Distinct(StringComparer.Ordinal).Count(), false);
        return new CoxResult(d, names, o, core);
    }

    /// <summary>
    /// The null model, no covariate (R: <c>coxph(Surv(...) ~ 1)</c>, or with only <c>strata()</c> and <c>offset()</c>
    /// terms; <c>coxph.fit</c>/<c>agreg.fit</c> with <c>nvar == 0</c>, a <c>coxph.null</c> object). Nothing is estimated:
    /// the log partial likelihood is evaluated once with η_i = offset_i, summed over strata, ℓ = Σ_t [Σ_D w η −
    /// Σ_{k&lt;d} w̄ log(Σ_R r − (k/d) Σ_D r)] with r = w·exp(η) (Efron; Breslow with k = 0 for every death). It is
    /// both <see cref="CoxResult.LogLikNull"/> and <see cref="CoxResult.LogLik"/>. As R, no test, concordance or robust
    /// variance: those properties are null. With <see cref="CoxOptions.Firth"/> the penalty (½ log det of a 0 × 0
    /// information) is 0 and the ties are Breslow's, as in every Firth fit.
    /// </summary>
    private static CoxResult FitNull(CoxDesign d, CoxOptions o)
    {
        var sink = new LikelihoodSink(0, o.Ties == Ties.Efron && !o.Firth);
        RiskSetSweep.RunRowByRow(d, d.X, [], ref sink);
        var core = new FitCore([], [], [], [], false, sink.LogLik, sink.LogLik, 0, true, [], null, null, null, null, null, [],
            d.Ids?.Distinct(StringComparer.Ordinal).Count(), o.Firth);
        return new CoxResult(d, [], o, core);
    }

    /// <summary>
    /// R's check for coefficients running to infinity (<c>coxph.fit</c>/<c>agreg.fit</c>): with V the inverse
    /// information and U the final score, |(UV)_j| is the size of the next Newton step; if it is still large when the
    /// log-likelihood has converged, β_j is on its way to ±∞ (monotone likelihood).
    /// </summary>
    private static List<string> InfiniteCheck(CoxDesign d, NewtonRaphsonResult nr, CoxOptions o)
    {
        var warnings = new List<string>();
        if (o.MaxIterations <= 1) return warnings;
        if (!nr.Converged)
        {
            warnings.Add("Ran out of iterations and did not converge");
            return warnings;
        }
        int p = d.P;
        double tolInf = o.InfiniteTolerance ?? Math.Sqrt(o.Tolerance);
        var flagged = new List<int>();
        for (int j = 0; j < p; j++)
        {
            double step = 0;
            for (int k = 0; k < p; k++) step += nr.U[k] * nr.Variance[k * p + j];
            step = Math.Abs(step);
            double b = Math.Abs(nr.Beta[j]);
            bool inf = d.CountingProcess
                ? !double.IsFinite(nr.U[j]) || step > tolInf * (1 + b)
                : !double.IsFinite(nr.U[j]) || (step > o.Tolerance && step > tolInf * b);
            if (inf) flagged.Add(j + 1);
        }
        if (flagged.Count > 0)
            warnings.Add($"Loglik converged before variable {string.Join(",", flagged)}; "
                + (d.CountingProcess ? "beta may be infinite." : "coefficient may be infinite."));
        return warnings;
    }

    /// <summary>R's default for <c>robust</c>: a cluster, ids with more than one event, or non-integer weights.</summary>
    private static int[]? RobustClusters(CoxDesign d, CoxOptions o)
    {
        var labels = d.ClusterLabels ?? d.Ids;
        bool robust = o.Robust ?? (d.ClusterLabels is not null || MultipleEvents(d, d.Ids)
            || d.Weight.Any(w => w != Math.Floor(w)));
        if (!robust) return null;
        if (labels is null) return Enumerable.Range(0, d.N).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var c = new int[d.N];
        for (int i = 0; i < d.N; i++)
        {
            string label = labels[d.Original[i]];
            if (!index.TryGetValue(label, out c[i])) index[label] = c[i] = index.Count;
        }
        return c;
    }

    private static bool MultipleEvents(CoxDesign d, IReadOnlyList<string>? ids)
    {
        if (ids is null) return false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < d.N; i++)
            if (d.Event[i] && !seen.Add(ids[d.Original[i]])) return true;
        return false;
    }

    /// <summary>R <c>coxph.wtest</c>: (β − init)ᵀ V⁻¹ (β − init) over the estimated coefficients.</summary>
    internal static double Wald(double[] beta, IReadOnlyList<double>? init, double[] v, bool[] singular, double toler)
    {
        int p = beta.Length;
        var keep = Enumerable.Range(0, p).Where(j => !singular[j]).ToArray();
        var b = keep.Select(j => beta[j] - (init?[j] ?? 0)).ToArray();
        var sub = new double[keep.Length * keep.Length];
        for (int a = 0; a < keep.Length; a++)
            for (int c = 0; c < keep.Length; c++) sub[a * keep.Length + c] = v[keep[a] * p + keep[c]];
        return GeneralizedCholesky.Quadratic(sub, keep.Length, b, toler);
    }

    internal static IReadOnlyList<CoxCoefficient> Table(IReadOnlyList<string> names, double[] beta, double[] naive,
        double[] variance, bool[] singular, bool robust, double level)
    {
        int p = beta.Length;
        double zq = Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
        var rows = new CoxCoefficient[p];
        for (int j = 0; j < p; j++)
        {
            if (singular[j])
            {
                rows[j] = new CoxCoefficient(names[j], double.NaN, double.NaN, robust ? double.NaN : null, double.NaN,
                    double.NaN, double.NaN, double.NaN);
                continue;
            }
            double se = Math.Sqrt(naive[j * p + j]);
            double used = Math.Sqrt(variance[j * p + j]);
            double z = beta[j] / used;
            rows[j] = new CoxCoefficient(names[j], beta[j], se, robust ? used : null, z, 2 * Normal.CDF(0, 1, -Math.Abs(z)),
                Math.Exp(beta[j] - zq * used), Math.Exp(beta[j] + zq * used));
        }
        return rows;
    }
}
