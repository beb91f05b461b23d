using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Progress;
using MathNet.Numerics.LinearAlgebra;

namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// Fine–Gray proportional subdistribution hazards regression, as R's <c>cmprsk::crr</c> (cmprsk 2.2): the same
/// pseudo-likelihood, censoring weights, Newton iteration with step halving, convergence rule and sandwich variance.
/// </summary>
/// <remarks>
/// Differences from crr: an iteration costs O(n·p²) rather than O(n²) (running sums, as in the fastcmprsk package);
/// rows with missing values are not dropped (the caller decides); the number of Newton steps is reported.
/// Tied times are handled as crr handles them (Breslow-type: all failures at a time share one risk set), never jittered.
/// </remarks>
public static partial class FineGray
{
    /// <summary>Fits the model.</summary>
    /// <param name="data">Right-censored competing-risks data (crr takes no entry times).</param>
    /// <param name="names">Names of the fixed covariates (R: the column names of <c>cov1</c>).</param>
    /// <param name="covariates">Fixed covariate columns, each with one value per row (R: <c>cov1</c>).</param>
    /// <param name="options">Cause of interest, iteration limits, confidence level; crr's defaults when omitted.</param>
    /// <param name="censoringGroups">
    /// Optional group of each row; the censoring distribution is then estimated within each group (R: <c>cengroup</c>).
    /// </param>
    /// <param name="timeInteraction">Optional covariates multiplied by functions of time (R: <c>cov2</c>, <c>tf</c>).</param>
    /// <param name="initial">Optional starting values (R: <c>init</c>); zeros by default.</param>
    public static FineGrayResult Fit(CompetingRisksData data, IReadOnlyList<string> names,
        IReadOnlyList<IReadOnlyList<double>> covariates, FineGrayOptions? options = null,
        IReadOnlyList<string>? censoringGroups = null, TimeInteraction? timeInteraction = null,
        IReadOnlyList<double>? initial = null) =>
        Fit(data, names, covariates, options, censoringGroups, timeInteraction, initial, forceDirect: false);

    /// <summary>
    /// Fits the model as the overload without a token does, cancellable and reporting progress (for large data sets:
    /// each Newton iteration is one or more passes over every row).
    /// </summary>
    /// <param name="data">Right-censored competing-risks data (crr takes no entry times).</param>
    /// <param name="names">Names of the fixed covariates (R: the column names of <c>cov1</c>).</param>
    /// <param name="covariates">Fixed covariate columns, each with one value per row (R: <c>cov1</c>).</param>
    /// <param name="options">Cause of interest, iteration limits, confidence level; crr's defaults when null.</param>
    /// <param name="cancellationToken">Checked before the censoring weights are computed, at every Newton iteration
    /// and before the variance.</param>
    /// <param name="progress">
    /// Optional: told "Fine–Gray fit: iteration k of at most m" (fraction k/m, m = <see cref="FineGrayOptions.MaxIterations"/>)
    /// at each Newton iteration, and "Fine–Gray fit: done after k iterations" (fraction 1) at the end.
    /// </param>
    /// <param name="censoringGroups">Optional group of each row for the censoring distribution (R: <c>cengroup</c>).</param>
    /// <param name="timeInteraction">Optional covariates multiplied by functions of time (R: <c>cov2</c>, <c>tf</c>).</param>
    /// <param name="initial">Optional starting values (R: <c>init</c>); zeros by default.</param>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static FineGrayResult Fit(CompetingRisksData data, IReadOnlyList<string> names,
        IReadOnlyList<IReadOnlyList<double>> covariates, FineGrayOptions? options, CancellationToken cancellationToken,
        IProgress<ProgressReport>? progress = null, IReadOnlyList<string>? censoringGroups = null,
        TimeInteraction? timeInteraction = null, IReadOnlyList<double>? initial = null) =>
        Fit(data, names, covariates, options, censoringGroups, timeInteraction, initial, forceDirect: false,
            new IterationMonitor(cancellationToken, progress, "Fine–Gray fit", (options ?? FineGrayOptions.Default).MaxIterations));

    internal static FineGrayResult Fit(CompetingRisksData data, IReadOnlyList<string> names,
        IReadOnlyList<IReadOnlyList<double>> covariates, FineGrayOptions? options, IReadOnlyList<string>? censoringGroups,
        TimeInteraction? timeInteraction, IReadOnlyList<double>? initial, bool forceDirect, IterationMonitor? monitor = null)
    {
        monitor ??= IterationMonitor.None;
        monitor.Check();
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(covariates);
        options ??= FineGrayOptions.Default;
        Validate(data, names, covariates, options, censoringGroups, timeInteraction);
        var (model, counts) = Build(data, covariates, options, censoringGroups, timeInteraction, forceDirect);
        int p = model.P;
        var beta = initial?.ToArray() ?? new double[p];
        if (beta.Length != p) throw new ArgumentException($"There are {beta.Length} initial values for {p} coefficients.", nameof(initial));
        var (converged, iterations) = Newton(model, beta, options, monitor);
        monitor.Check();
        var (logLik, _, info, sums) = model.Evaluate(beta, info: true);
        var cov = Sandwich(info!, model.ScoreOuterProduct(beta, sums));
        double nullLik = model.Evaluate(new double[p], info: false).LogLik;
        double z = SurvivalConfidence.NormalQuantile(options.ConfidenceLevel);
        var allNames = names.Concat(timeInteraction?.Names ?? []).ToArray();
        var coefficients = allNames.Select((nm, k) => new FineGrayCoefficient(nm, beta[k], Math.Sqrt(cov[k, k]), z)).ToArray();
        monitor.Done(iterations);
        return new FineGrayResult(options, data.Count, counts.Events, counts.Competing, counts.Censored, coefficients, cov,
            logLik, nullLik, iterations, converged);
    }

    private static void Validate(CompetingRisksData data, IReadOnlyList<string> names,
        IReadOnlyList<IReadOnlyList<double>> covariates, FineGrayOptions options, IReadOnlyList<string>? censoringGroups,
        TimeInteraction? timeInteraction)
    {
        if (data.HasEntry) throw new ArgumentException("crr takes no entry times.", nameof(data));
        if (names.Count != covariates.Count)
            throw new ArgumentException($"There are {names.Count} names for {covariates.Count} covariates.", nameof(names));
        if (covariates.Count == 0 && timeInteraction is null)
            throw new ArgumentException("At least one covariate is needed.", nameof(covariates));
        var columns = covariates.Select((c, k) => (names[k], c)).Concat(timeInteraction is null ? []
            : timeInteraction.Names.Select((nm, k) => (nm, timeInteraction.Columns[k])));
        foreach (var (name, column) in columns)
        {
            if (column.Count != data.Count)
                throw new ArgumentException($"Covariate '{name}' has {column.Count} values for {data.Count} rows.", nameof(covariates));
            for (int i = 0; i < column.Count; i++)
                if (!double.IsFinite(column[i]))
                    throw new ArgumentException($"Covariate '{name}' at index {i} is {column[i]}; values must be finite.", nameof(covariates));
        }
        if (censoringGroups is not null && censoringGroups.Count != data.Count)
            throw new ArgumentException($"There are {censoringGroups.Count} censoring groups for {data.Count} rows.", nameof(censoringGroups));
        if (!data.Status.ToArray().Contains(options.Cause))
            throw new ArgumentException($"No row has the cause of interest {options.Cause}.", nameof(options));
    }

    private static (FineGrayModel, (int Events, int Competing, int Censored)) Build(CompetingRisksData data,
        IReadOnlyList<IReadOnlyList<double>> covariates, FineGrayOptions options, IReadOnlyList<string>? censoringGroups,
        TimeInteraction? ti, bool forceDirect)
    {
        var order = CumulativeIncidence.SortByTime(data);
        int n = order.Length, p1 = covariates.Count, p2 = ti?.Columns.Count ?? 0;
        var time = order.Select(i => data.Time[i]).ToArray();
        var ici = order.Select(i => data.Status[i] == options.Cause ? 1 : data.IsEvent(i) ? 2 : 0).ToArray();
        var levels = censoringGroups is null ? ["1"] : GroupLevels.Order(censoringGroups);
        var levelIndex = levels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k, StringComparer.Ordinal);
        var grp = order.Select(i => censoringGroups is null ? 0 : levelIndex[censoringGroups[i]]).ToArray();
        var x1 = new double[n * p1];
        var x2 = new double[n * p2];
        for (int r = 0; r < n; r++)
        {
            for (int k = 0; k < p1; k++) x1[r * p1 + k] = covariates[k][order[r]];
            for (int k = 0; k < p2; k++) x2[r * p2 + k] = ti!.Columns[k][order[r]];
        }
        var model = new FineGrayModel(time, ici, grp, levels.Count, x1, p1, x2, p2, tau => TimeFunctions(ti, tau))
        { ForceDirect = forceDirect };
        return (model, (ici.Count(c => c == 1), ici.Count(c => c == 2), ici.Count(c => c == 0)));
    }

    private static double[] TimeFunctions(TimeInteraction? ti, double[] tau)
    {
        if (ti is null) return [];
        int p2 = ti.Columns.Count;
        var tf = new double[tau.Length * p2];
        for (int j = 0; j < tau.Length; j++)
        {
            var v = ti.TimeFunction(tau[j]);
            if (v.Count != p2)
                throw new ArgumentException($"The time function returned {v.Count} values at time {tau[j]}; expected {p2}.", "timeInteraction");
            for (int k = 0; k < p2; k++) tf[j * p2 + k] = v[k];
        }
        return tf;
    }

    /// <summary>
    /// crr's Newton loop on f(β) = −log L (the monitor is told of step ll ≥ 1 before it is evaluated): stop when max|∂f/∂β_j|·max(|β_j|, 1) &lt; max(|f|, 1)·gtol; otherwise step
    /// s = I⁻¹U and halve it (at most 20 times) until f(β + s) ≤ f(β) − 10⁻⁴ sᵀU (Armijo); give up after maxiter steps.
    /// </summary>
    private static (bool Converged, int Iterations) Newton(FineGrayModel model, double[] beta, FineGrayOptions options,
        IterationMonitor monitor)
    {
        for (int ll = 0; ; ll++)
        {
            if (ll > 0) monitor.Iteration(ll);
            var (lik, u, info, _) = model.Evaluate(beta, info: true);
            double f = -lik, maxScore = 0;
            for (int k = 0; k < beta.Length; k++) maxScore = Math.Max(maxScore, Math.Abs(u[k]) * Math.Max(Math.Abs(beta[k]), 1));
            if (maxScore < Math.Max(Math.Abs(f), 1) * options.GradientTolerance) return (true, ll);
            if (ll == options.MaxIterations) return (false, ll);
            var step = Matrix<double>.Build.DenseOfArray(info!).Solve(Vector<double>.Build.DenseOfArray(u)).ToArray();
            double slope = 0;
            for (int k = 0; k < beta.Length; k++) slope -= step[k] * u[k];
            var trial = new double[beta.Length];
            int halvings = 0;
            while (true)
            {
                for (int k = 0; k < beta.Length; k++) trial[k] = beta[k] + step[k];
                double ft = -model.Evaluate(trial, info: false).LogLik;
                if (!double.IsNaN(ft) && ft <= f + 1e-4 * slope) break;
                if (++halvings > 20) return (false, ll);
                for (int k = 0; k < step.Length; k++) step[k] *= 0.5;
                slope *= 0.5;
            }
            Array.Copy(trial, beta, beta.Length);
        }
    }

    /// <summary>I⁻¹ V I⁻¹ (R: <c>h %*% v[[2]] %*% t(h)</c>, h = solve(information)).</summary>
    private static double[,] Sandwich(double[,] info, double[,] middle)
    {
        var h = Matrix<double>.Build.DenseOfArray(info).Inverse();
        return (h * Matrix<double>.Build.DenseOfArray(middle) * h.Transpose()).ToArray();
    }
}
