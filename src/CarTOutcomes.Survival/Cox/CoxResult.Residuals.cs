namespace CarTOutcomes.Survival.Cox;

public sealed partial class CoxResult
{
    /// <summary>Martingale residuals δ_i − exp(η_i)Λ̂₀ over (start_i, stop_i] (R: <c>residuals(fit, "martingale")</c>), one per row; with Efron ties the hazard is Efron's.</summary>
    public double[] MartingaleResiduals() => _design.ToDataOrder(Residuals().Martingale(_beta));

    /// <summary>Deviance residuals sign(M)·√(−2(M + δ log(δ − M))) (R: <c>residuals(fit, "deviance")</c>).</summary>
    public double[] DevianceResiduals()
    {
        var m = Residuals().Martingale(_beta);
        var r = new double[m.Length];
        for (int i = 0; i < m.Length; i++)
        {
            double log = _design.Event[i] ? Math.Log(1 - m[i]) : 0;
            r[i] = Math.Sign(m[i]) * Math.Sqrt(-2 * (m[i] + log));
        }
        return _design.ToDataOrder(r);
    }

    /// <summary>Score residuals, rows × covariates (R: <c>residuals(fit, "score")</c>, not multiplied by case weights).</summary>
    /// <exception cref="InvalidOperationException">The null model (<see cref="IsNullModel"/>).</exception>
    public double[,] ScoreResiduals() => ToRows(Residuals().Score(CoefficientsRequired("score")));

    /// <summary>
    /// dfbeta residuals: the approximate change in β when row i is left out, w_i L_i V (R: <c>residuals(fit, "dfbeta")</c>,
    /// which multiplies by case weights; V is the model-based variance).
    /// </summary>
    /// <exception cref="InvalidOperationException">The null model (<see cref="IsNullModel"/>).</exception>
    public double[,] DfBeta()
    {
        int p = _design.P;
        var s = Residuals().Score(CoefficientsRequired("dfbeta"));
        var r = new double[_design.N, p];
        for (int i = 0; i < _design.N; i++)
            for (int j = 0; j < p; j++)
            {
                double v = 0;
                for (int k = 0; k < p; k++) v += s[i * p + k] * _naiveVar[k * p + j];
                r[_design.Original[i], j] = _design.WeightAt(i) * v;
            }
        return r;
    }

    /// <summary>
    /// Schoenfeld residuals x_i − x̄(t_i), one row per event (R: <c>residuals(fit, "schoenfeld")</c>), with Efron ties
    /// x̄ averaged over Efron's steps. Rows are ordered as R's: stratum, time, then data order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The null model (<see cref="IsNullModel"/>).</exception>
    public CoxSchoenfeldResiduals SchoenfeldResiduals() => Schoenfeld(scaled: false);

    /// <summary>
    /// Scaled Schoenfeld residuals β + d·V r_i, d the number of events, V the model-based variance
    /// (R: <c>residuals(fit, "scaledsch")</c>; Grambsch &amp; Therneau 1994). Collinear coefficients count as 0.
    /// </summary>
    /// <exception cref="InvalidOperationException">The null model (<see cref="IsNullModel"/>).</exception>
    public CoxSchoenfeldResiduals ScaledSchoenfeldResiduals() => Schoenfeld(scaled: true);

    /// <summary>The working coefficients, or R's error of <c>residuals.coxph.null</c> for the null model.</summary>
    private double[] CoefficientsRequired(string type) => IsNullModel
        ? throw new InvalidOperationException($"'{type}' residuals are not defined for a null model (as R's residuals.coxph.null); only martingale and deviance residuals are.")
        : _beta;

    private CoxSchoenfeldResiduals Schoenfeld(bool scaled)
    {
        CoefficientsRequired(scaled ? "scaledsch" : "schoenfeld");
        int p = _design.P;
        var rows = SchoenfeldRows();
        var math = Residuals();
        var values = new double[rows.Length, p];
        var xh = new double[p];
        var raw = new double[p];
        for (int k = 0; k < rows.Length; k++)
        {
            int i = rows[k];
            var (_, e) = math.Accrued(i, xh);
            for (int j = 0; j < p; j++) raw[j] = _design.X[i * p + j] - math.Entries[e].XbarD[j];
            for (int j = 0; j < p; j++)
            {
                if (!scaled) { values[k, j] = raw[j]; continue; }
                double v = 0;
                for (int l = 0; l < p; l++) v += raw[l] * _naiveVar[l * p + j];
                values[k, j] = (_singular[j] ? 0 : _beta[j]) + rows.Length * v;
            }
        }
        var times = rows.Select(i => _design.Stop[i]).ToArray();
        var strata = rows.Select(i => _design.StratumLabels[_design.Stratum[i]]).ToArray();
        return new CoxSchoenfeldResiduals(rows.Select(i => _design.Original[i]).ToArray(), times, strata, values, Names);
    }

    /// <summary>Event rows in R's order: <c>order(stratum, stop, -status)</c>, stable.</summary>
    private int[] SchoenfeldRows()
        => Enumerable.Range(0, _design.N).Where(i => _design.Event[i])
            .OrderBy(i => _design.Stratum[i]).ThenBy(i => _design.Stop[i]).ThenBy(i => _design.Original[i]).ToArray();

    private double[,] ToRows(double[] flat)
    {
        int p = _design.P;
        var r = new double[_design.N, p];
        for (int i = 0; i < _design.N; i++)
            for (int j = 0; j < p; j++) r[_design.Original[i], j] = flat[i * p + j];
        return r;
    }
}

/// <summary>Schoenfeld-type residuals: one row per event.</summary>
public sealed class CoxSchoenfeldResiduals
{
    private readonly double[,] _values;

    internal CoxSchoenfeldResiduals(int[] rows, double[] times, string[] strata, double[,] values, IReadOnlyList<string> names)
    {
        Rows = rows; Times = times; Strata = strata; _values = values; Names = names;
    }

    /// <summary>The data row (0-based) of each event.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The event time of each row.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The stratum label of each row ("" without strata).</summary>
    public IReadOnlyList<string> Strata { get; }

    /// <summary>Covariate names (columns).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The residual of event <paramref name="k"/> for covariate <paramref name="j"/>.</summary>
    public double this[int k, int j] => _values[k, j];

    /// <summary>Number of events.</summary>
    public int Count => Rows.Count;
}
