namespace CarTOutcomes.Survival.Estimators;

/// <summary>
/// A fitted Kaplan–Meier curve: one entry per distinct time (event or censoring), as R's
/// <c>summary(survfit(...), censored = TRUE)</c>. A value that R reports as <c>NA</c> is <see cref="double.NaN"/>.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed partial class KaplanMeierResult
{
    private readonly double[] _time, _nRisk, _nEvent, _nCensor, _surv, _seLog, _se, _lower, _upper, _chaz, _seChaz;
    private readonly double _z;

    internal KaplanMeierResult(string group, KaplanMeierOptions options, bool robust, int records, double startTime,
        RiskTable table, double[] surv, double[] chaz, double[] seLog, double[] se, double[] seChaz,
        EntryIndex? entries)
    {
        _entries = entries;
        Group = group;
        Options = options;
        IsRobustVariance = robust;
        Records = records;
        StartTime = startTime;
        _time = table.Time;
        _nRisk = table.NRisk;
        _nEvent = table.NEvent;
        _nCensor = table.NCensor;
        _surv = surv;
        _chaz = chaz;
        _seLog = seLog;
        _se = se;
        _seChaz = seChaz;
        _z = SurvivalConfidence.NormalQuantile(options.ConfidenceLevel);
        _lower = new double[_time.Length];
        _upper = new double[_time.Length];
        for (int i = 0; i < _time.Length; i++)
            (_lower[i], _upper[i]) = SurvivalConfidence.Limits(surv[i], seLog[i], _z, options.Transform);
        Events = _nEvent.Sum();
    }

    /// <summary>The curve's label (R's stratum); <c>"all"</c> for a single curve.</summary>
    public string Group { get; }

    /// <summary>The options used.</summary>
    public KaplanMeierOptions Options { get; }

    /// <summary>True when the standard errors are the infinitesimal jackknife (R <c>robust = TRUE</c>).</summary>
    public bool IsRobustVariance { get; }

    /// <summary>Rows used (R's <c>n</c>, "records").</summary>
    public int Records { get; }

    /// <summary>Total (weighted) number of events.</summary>
    public double Events { get; }

    /// <summary>The origin of the curve: min(0, earliest entry) (R's <c>t0</c>).</summary>
    public double StartTime { get; }

    /// <summary>Distinct times, ascending.</summary>
    public IReadOnlyList<double> Time => _time;

    /// <summary>(Weighted) number at risk just before each time: rows with entry &lt; t ≤ exit.</summary>
    public IReadOnlyList<double> NumberAtRisk => _nRisk;

    /// <summary>(Weighted) number of events at each time.</summary>
    public IReadOnlyList<double> NumberOfEvents => _nEvent;

    /// <summary>(Weighted) number censored at each time.</summary>
    public IReadOnlyList<double> NumberCensored => _nCensor;

    /// <summary>Survival probability S(t).</summary>
    public IReadOnlyList<double> Survival => _surv;

    /// <summary>Standard error of S(t), as R's <c>summary.survfit</c> prints it.</summary>
    public IReadOnlyList<double> StandardError => _se;

    /// <summary>Standard error of log S(t) (R's <c>fit$std.err</c> when <c>logse</c> is true).</summary>
    public IReadOnlyList<double> StandardErrorOfLog => _seLog;

    /// <summary>Lower pointwise confidence limit.</summary>
    public IReadOnlyList<double> Lower => _lower;

    /// <summary>Upper pointwise confidence limit.</summary>
    public IReadOnlyList<double> Upper => _upper;

    /// <summary>Nelson–Aalen cumulative hazard.</summary>
    public IReadOnlyList<double> CumulativeHazard => _chaz;

    /// <summary>Standard error of the cumulative hazard (R's <c>std.chaz</c>).</summary>
    public IReadOnlyList<double> CumulativeHazardStandardError => _seChaz;

    /// <summary>The median survival time with its confidence limits (R: <c>quantile(fit, 0.5)</c>).</summary>
    public SurvivalQuantile Median => Quantile(0.5);

    /// <summary>
    /// The time by which a fraction <paramref name="probability"/> has had the event, with limits read off the
    /// confidence band (R: <c>quantile.survfit</c>, tolerance sqrt(machine epsilon), midpoint rule on flat stretches).
    /// </summary>
    /// <param name="probability">In [0, 1]; 0.5 gives the median.</param>
    public SurvivalQuantile Quantile(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie in [0, 1].");
        double q = QuantileFinder.Find(_time, _surv, probability, QuantileOrigin);
        double lo = QuantileFinder.Find(_time, _lower, probability, QuantileOrigin);
        double hi = QuantileFinder.Find(_time, _upper, probability, QuantileOrigin);
        return new SurvivalQuantile(probability, q, lo, hi);
    }

    // quantile.survfit reports x$start.time for p = 0, or 0 when the fit has none.
    private const double QuantileOrigin = 0;

    /// <summary>
    /// Estimates at a chosen time, as R's <c>summary(fit, times = t, extend = TRUE)</c>: the curve's value at the
    /// last time ≤ t, and the number at risk at t.
    /// </summary>
    /// <param name="time">Any time; before the first time the curve is 1.</param>
    public SurvivalEstimate At(double time)
    {
        int i = LastIndexAtOrBefore(time);
        double risk = NumberAtRiskAt(time);
        if (i < 0) // before the first time: R's survfit0 row, S = 1 with limits 1 and standard errors 0
            return new SurvivalEstimate(time, risk, 1, 0, 1, 1, 0, 0);
        return new SurvivalEstimate(time, risk, _surv[i], _se[i], _lower[i], _upper[i], _chaz[i], _seChaz[i]);
    }

    /// <summary>
    /// The (weighted) number at risk at <paramref name="time"/>: rows under observation at t (entry ≤ t ≤ exit), or 0
    /// after the last time. Without delayed entry this is R's <c>summary(fit, times=)</c> value (the at-risk count of
    /// the first curve time ≥ t). Under delayed entry R's rule also counts rows that enter after t but before the next
    /// curve time; this property does not (the mistake of lifelines issue #1385).
    /// </summary>
    /// <param name="time">Any time.</param>
    public double NumberAtRiskAt(double time) => RiskSetAt(time);

    /// <summary>
    /// Restricted mean survival time up to <paramref name="tau"/> and its standard error, as R's
    /// <c>print(fit, rmean = tau)</c> (<c>survmean</c>): the area under the curve from the origin, with
    /// variance Σ_j A_j² d_j / (n_j (n_j − d_j)), A_j the area from event time t_j to tau (Miller 1981).
    /// </summary>
    /// <param name="tau">The horizon.</param>
    public RestrictedMean RestrictedMean(double tau) => Estimators.RestrictedMean.Compute(this, tau);

    internal double[] RawTime => _time;
    internal double[] RawSurvival => _surv;
    internal double[] RawRisk => _nRisk;
    internal double[] RawEvents => _nEvent;

    private readonly EntryIndex? _entries;

    private int LastIndexAtOrBefore(double t)
    {
        int idx = Array.BinarySearch(_time, t);
        return idx >= 0 ? idx : ~idx - 1;
    }

    private double RiskSetAt(double t)
    {
        int idx = Array.BinarySearch(_time, t);
        int first = idx >= 0 ? idx : ~idx; // first curve time >= t
        if (first >= _time.Length) return 0;
        double risk = _nRisk[first];
        if (_entries is null || _time[first] == t) return risk;
        // No row exits in [t, next time), so the two risk sets differ only by rows entering in (t, next time).
        return risk - (_entries.WeightEnteringBefore(_time[first]) - _entries.WeightEnteringAtOrBefore(t));
    }
}

/// <summary>Entry times in ascending order with cumulative weights, to count delayed entries quickly.</summary>
internal sealed class EntryIndex
{
    private readonly double[] _times;
    private readonly double[] _cumWeight;

    public EntryIndex(CarTOutcomes.Survival.Data.SurvivalData data, int[] orderByStart)
    {
        _times = new double[orderByStart.Length];
        _cumWeight = new double[orderByStart.Length];
        double sum = 0;
        for (int i = 0; i < orderByStart.Length; i++)
        {
            _times[i] = data.StartAt(orderByStart[i]);
            sum += data.WeightAt(orderByStart[i]);
            _cumWeight[i] = sum;
        }
    }

    /// <summary>Σ weights of rows with entry &lt; x.</summary>
    public double WeightEnteringBefore(double x) => CumulativeUpTo(x, inclusive: false);

    /// <summary>Σ weights of rows with entry ≤ x.</summary>
    public double WeightEnteringAtOrBefore(double x) => CumulativeUpTo(x, inclusive: true);

    private double CumulativeUpTo(double x, bool inclusive)
    {
        int lo = 0, hi = _times.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_times[mid] < x || (inclusive && _times[mid] == x)) lo = mid + 1; else hi = mid;
        }
        return lo == 0 ? 0 : _cumWeight[lo - 1];
    }
}

/// <summary>A quantile of survival time with confidence limits; NaN where a value does not exist (R's <c>NA</c>).</summary>
/// <param name="Probability">The probability of having had the event (0.5 for the median).</param>
/// <param name="Estimate">The quantile.</param>
/// <param name="Lower">Lower confidence limit (from the lower band).</param>
/// <param name="Upper">Upper confidence limit (from the upper band).</param>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed record SurvivalQuantile(double Probability, double Estimate, double Lower, double Upper);

/// <summary>Estimates at a chosen time (R: <c>summary(fit, times=)</c>).</summary>
/// <param name="Time">The time asked for.</param>
/// <param name="NumberAtRisk">(Weighted) number at risk at the time.</param>
/// <param name="Survival">Survival probability.</param>
/// <param name="StandardError">Standard error of the survival probability.</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="CumulativeHazard">Nelson–Aalen cumulative hazard.</param>
/// <param name="CumulativeHazardStandardError">Its standard error.</param>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed record SurvivalEstimate(double Time, double NumberAtRisk, double Survival, double StandardError,
    double Lower, double Upper, double CumulativeHazard, double CumulativeHazardStandardError);
