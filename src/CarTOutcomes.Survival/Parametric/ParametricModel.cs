using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// Fits parametric survival models by maximum likelihood: exponential, Weibull, log-normal and log-logistic
/// accelerated failure time models as R's <c>survreg</c>; Weibull and Gompertz proportional hazards and the
/// generalized gamma as <c>flexsurv</c>'s <c>flexsurvreg</c>; and mixture cure models of any of them (as
/// <c>flexsurvcure</c>). Right censoring, delayed entry (counting-process data with start &gt; 0) and case weights.
/// </summary>
/// <remarks>
/// <para>The log-likelihood is that of the density of t (survreg's <c>loglik</c>, flexsurv's <c>loglik</c>), so fits
/// of different distributions can be compared by AIC and BIC; BIC uses the number of rows, as R's <c>BIC</c> does
/// with <c>nobs(survreg fit)</c>.</para>
/// <para>Differences from R: <c>survreg</c> does not accept delayed entry (flexsurv does); R stops Newton's
/// method at a relative log-likelihood change of 1e-9, here the iteration runs to a Newton decrement of
/// 1e-12·(1 + |ℓ|), so estimates may differ from survreg's in about the sixth digit (both are within R's own
/// convergence error of the maximum).</para>
/// </remarks>
public static class ParametricModel
{
    /// <summary>Fits the model without covariates (R: <c>survreg(Surv(time, status) ~ 1, dist = ...)</c>).</summary>
    /// <param name="data">The outcomes: right-censored or counting-process (delayed entry) data, optional case weights.</param>
    /// <param name="options">The distribution and settings.</param>
    public static ParametricResult Fit(SurvivalData data, ParametricOptions options) =>
        Fit(data, Covariates.Create([], []), options);

    /// <summary>
    /// Fits the model from a formula (R: <c>survreg(formula, data, weights, dist)</c>; <c>flexsurvreg</c>;
    /// <c>flexsurvcure</c>). The right side gives the covariates of η₀ with R's coding and names (factors get treatment
    /// contrasts); <c>Surv(start, stop, status)</c> gives delayed entry. Strata, cluster and offset terms are refused.
    /// </summary>
    /// <param name="formula">E.g. <c>Surv(time, status) ~ age + factor(sex)</c>, or <c>Surv(time, status) ~ 1</c>.</param>
    /// <param name="data">The data; rows with a missing value in any variable used are dropped (R: <c>na.omit</c>).</param>
    /// <param name="options">The distribution and settings.</param>
    /// <param name="weights">Optional name of a column of case weights (R: <c>weights =</c>).</param>
    /// <param name="cureFormula">For a cure model, an optional right-side formula of the covariates of logit π (e.g. <c>~ age</c>); null for a constant cure fraction.</param>
    /// <exception cref="FormulaException">The formula cannot be parsed or evaluated on the data, or uses strata, cluster or offset.</exception>
    public static ParametricResult Fit(string formula, ModelData data, ParametricOptions options, string? weights = null,
        string? cureFormula = null)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var f = Formula.Parse(formula);
        if (f.Strata.Count > 0 || f.Cluster is not null || f.Offsets.Count > 0)
            throw new FormulaException(formula, null, "parametric models here take no strata(), cluster() or offset() terms.");
        if (!f.HasIntercept)
            throw new FormulaException(formula, null, "parametric models always have an intercept (R survreg's '- 1' is not supported).");
        if (cureFormula is not null && !options.Cure)
            throw new ArgumentException("A cure formula needs a cure model (options.Cure = true).", nameof(cureFormula));
        var frame = ModelFrame.Build(f, data, weights);
        var rows = frame.RowsUsed.ToArray();
        ModelFrame? cure = null;
        if (cureFormula is not null)
        {
            var cf = Formula.Parse(cureFormula);
            if (cf.Response is not null || cf.Strata.Count > 0 || cf.Cluster is not null || cf.Offsets.Count > 0)
                throw new FormulaException(cureFormula, null, "the cure formula is a right side only, e.g. '~ age + sex'.");
            cure = ModelFrame.Build(cf, data, null, requireResponse: false);
            rows = rows.Intersect(cure.RowsUsed).ToArray();
        }
        var outcome = frame.Response!;
        var keep = Positions(frame.RowsUsed, rows);
        if (keep.Length != frame.RowCount) outcome = outcome.Subset(keep);
        var x = Covariates.Create(frame.ColumnNames, frame.Columns.Select(c => (IReadOnlyList<double>)keep.Select(i => c[i]).ToArray()).ToArray());
        Covariates? z = null;
        if (cure is not null)
        {
            var ck = Positions(cure.RowsUsed, rows);
            z = Covariates.Create(cure.ColumnNames, cure.Columns.Select(c => (IReadOnlyList<double>)ck.Select(i => c[i]).ToArray()).ToArray());
        }
        var fit = Fit(outcome, x, options, z);
        fit.AttachModel(frame);
        return fit;
    }

    private static int[] Positions(IReadOnlyList<int> used, int[] rows)
    {
        var at = new Dictionary<int, int>(used.Count);
        for (int k = 0; k < used.Count; k++) at[used[k]] = k;
        return rows.Select(r => at[r]).ToArray();
    }

    /// <summary>
    /// Fits the model with covariates on η₀ (the location μ of log T for accelerated failure time models, the log
    /// rate for proportional hazards models) and, for a cure model, covariates on logit π.
    /// </summary>
    /// <param name="data">The outcomes: right-censored or counting-process (delayed entry) data, optional case weights.</param>
    /// <param name="covariates">Named numeric columns, one value per row of <paramref name="data"/> (none for a model without covariates).</param>
    /// <param name="options">The distribution and settings.</param>
    /// <param name="cureCovariates">Covariates of the cure fraction's logit (only with <see cref="ParametricOptions.Cure"/>); null for none.</param>
    public static ParametricResult Fit(SurvivalData data, Covariates covariates, ParametricOptions options, Covariates? cureCovariates = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(options);
        cureCovariates ??= Covariates.Create([], []);
        if (!options.Cure && cureCovariates.Count > 0)
            throw new ArgumentException("Cure covariates need a cure model (options.Cure = true).", nameof(cureCovariates));
        var x = Columns(covariates.Columns, covariates.Names, data.Count, nameof(covariates));
        var z = Columns(cureCovariates.Columns, cureCovariates.Names, data.Count, nameof(cureCovariates));
        var (time, entry, ev, w) = Outcomes(data, options.Distribution);
        var family = Family.Create(options.Distribution, options.EffectiveScale);
        var lik = new ParametricLikelihood(family, options.Cure, time, entry, ev, w, x, z);
        bool needCurve = options.Cure || options.Distribution is ParametricDistribution.LogNormal or ParametricDistribution.LogLogistic
            or ParametricDistribution.GeneralizedGamma;
        var summary = Summarise(data, time, entry, ev, w, needCurve);
        var best = Maximise(lik, summary, options);
        return new ParametricResult(options, lik, best, covariates.Names.ToArray(), cureCovariates.Names.ToArray(),
            Means(x, w), Means(z, w), data.Count, data.EventCount);
    }

    private static double[][] Columns(IReadOnlyList<IReadOnlyList<double>> columns, IReadOnlyList<string> names, int n, string param)
    {
        if (columns.Count != names.Count)
            throw new ArgumentException($"There are {names.Count} names for {columns.Count} covariates.", param);
        var result = new double[columns.Count][];
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Count != n)
                throw new ArgumentException($"Covariate '{names[j]}' has {columns[j].Count} values for {n} rows.", param);
            result[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = columns[j][i];
                if (!double.IsFinite(v)) throw new ArgumentException($"Covariate '{names[j]}', row {i + 1}: the value {v} is not finite.", param);
                result[j][i] = v;
            }
        }
        return result;
    }

    private static (double[] Time, double[] Entry, bool[] Event, double[] Weight) Outcomes(SurvivalData data, ParametricDistribution d)
    {
        int n = data.Count;
        if (n == 0) throw new ArgumentException("There are no rows to fit.", nameof(data));
        if (data.EventCount == 0) throw new ArgumentException("Can't fit a parametric model with 0 events (no row ends in an event).", nameof(data));
        var time = new double[n]; var entry = new double[n]; var ev = new bool[n]; var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = data.Time[i];
            if (!(time[i] > 0))
                throw new ArgumentException($"Row {i + 1}: time {time[i]} is not positive; the {d} distribution needs times > 0 (R survreg: 'Invalid survival times for this distribution').", nameof(data));
            double e = data.StartAt(i);
            entry[i] = e > 0 ? e : 0;
            ev[i] = data.Event[i];
            w[i] = data.WeightAt(i);
        }
        return (time, entry, ev, w);
    }

    private static double[] Means(double[][] columns, double[] w)
    {
        double sw = w.Sum();
        return columns.Select(c => c.Select((v, i) => v * w[i]).Sum() / sw).ToArray();
    }

    private static StartSummary Summarise(SurvivalData data, double[] time, double[] entry, bool[] ev, double[] w, bool needCurve)
    {
        double d = 0, exposure = 0, sl = 0, sl2 = 0, nd = 0;
        for (int i = 0; i < time.Length; i++)
        {
            exposure += w[i] * (time[i] - entry[i]);
            if (!ev[i]) continue;
            d += w[i];
            double l = Math.Log(time[i]);
            sl += l; sl2 += l * l; nd++;
        }
        // The Kaplan–Meier median and plateau (for starting values of the log-location families and cure models); the
        // curve is only needed by those.
        var km = needCurve ? KaplanMeier.Fit(data) : null;
        double mean = sl / nd;
        double sd = nd > 1 ? Math.Sqrt(Math.Max(0, (sl2 - nd * mean * mean) / (nd - 1))) : double.NaN;
        double plateau = km is null ? double.NaN : km.Survival.Count > 0 ? km.Survival[^1] : 1;
        return new StartSummary(d / exposure, km?.Median.Estimate ?? double.NaN, mean, sd, plateau);
    }

    /// <summary>
    /// Maximises from several starting points and keeps the best: the family's own start (exponential rate,
    /// Kaplan–Meier median); for the generalized gamma also the Weibull (Q = 1) and log-normal (Q = 0) fits; for cure
    /// models the fit without cure for the uncured and π from the Kaplan–Meier plateau (and half of it).
    /// </summary>
    private static Maximum Maximise(ParametricLikelihood lik, StartSummary s, ParametricOptions o)
    {
        var starts = new List<double[]>();
        double[] baseEta = lik.Family.Start(s);
        starts.Add(Theta(lik, baseEta, null));
        if (lik.Family is GeneralizedGammaFamily)
        {
            var wb = Family.Create(ParametricDistribution.Weibull, ParametricScale.AcceleratedFailureTime).Start(s);
            starts.Add(Theta(lik, [wb[0], wb[1], 1], null));
            starts.Add(Theta(lik, [baseEta[0], double.IsFinite(s.SdLog) && s.SdLog > 0 ? Math.Log(s.SdLog) : 0, 0.5], null));
        }
        if (lik.Cure)
        {
            var plain = new ParametricLikelihood(lik.Family, false, lik.TimeArray, lik.EntryArray, lik.EventArray, lik.WeightArray, lik.XArray, []);
            var noCure = DampedNewton.Run((t, g, h) => plain.Value(t, g, h), Theta(plain, baseEta, null), o.MaxIterations);
            var eta = new double[lik.Family.K];
            if (double.IsFinite(noCure.LogLik))
            {
                eta[0] = noCure.Theta[0];
                for (int k = 1; k < eta.Length; k++) eta[k] = noCure.Theta[plain.LocationCount + k - 1];
            }
            else baseEta.CopyTo(eta, 0);
            double p = Math.Clamp(s.Plateau, 0.05, 0.9);
            var withBeta = noCure.Theta.Take(plain.LocationCount).ToArray();
            starts.Clear();
            starts.Add(Theta(lik, eta, Logit(p), withBeta));
            starts.Add(Theta(lik, eta, Logit(p / 2), withBeta));
            starts.Add(Theta(lik, baseEta, Logit(0.5), null));
        }
        Maximum? best = null;
        foreach (var start in starts)
        {
            var m = DampedNewton.Run((t, g, h) => lik.Value(t, g, h), start, o.MaxIterations);
            if (!double.IsFinite(m.LogLik)) continue;
            if (best is null || (m.Converged && !best.Converged) || (m.Converged == best.Converged && m.LogLik > best.LogLik + 1e-9 * Math.Abs(m.LogLik)))
                best = m;
        }
        return best ?? throw new InvalidOperationException("The log-likelihood is not finite at any starting value.");
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double[] Theta(ParametricLikelihood lik, double[] eta, double? cureLogit, double[]? location = null)
    {
        var theta = new double[lik.P];
        if (location is not null) location.CopyTo(theta, 0);
        else theta[0] = eta[0];
        for (int k = 1; k < lik.Family.K; k++) theta[lik.LocationCount + k - 1] = eta[k];
        if (lik.Cure) theta[lik.CureOffset] = cureLogit ?? 0;
        return theta;
    }
}
