using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>The curves of <see cref="CumulativeIncidence"/> and, with groups, Gray's test per cause (R: a <c>cuminc</c> object).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CumulativeIncidenceResult
{
    private readonly CumulativeIncidenceCurve[] _curves;
    private readonly GrayTestResult[] _tests;

    internal CumulativeIncidenceResult(CumulativeIncidenceOptions options, IEnumerable<CumulativeIncidenceCurve> curves,
        IEnumerable<GrayTestResult> tests)
    {
        Options = options;
        _curves = curves.ToArray();
        _tests = tests.ToArray();
    }

    /// <summary>The model frame when fitted from a formula (rows used, groups, status coding); null when fitted from columns.</summary>
    public Formulas.ModelFrame? Model { get; private set; }

    internal CumulativeIncidenceResult WithModel(Formulas.ModelFrame frame)
    {
        Model = frame;
        return this;
    }

    /// <summary>The options used.</summary>
    public CumulativeIncidenceOptions Options { get; }

    /// <summary>One curve per (cause, group): causes ascending, groups in level order within a cause (cuminc's order).</summary>
    public IReadOnlyList<CumulativeIncidenceCurve> Curves => _curves;

    /// <summary>Gray's test for each cause (R: <c>$Tests</c>); empty for a single group.</summary>
    public IReadOnlyList<GrayTestResult> GrayTests => _tests;

    /// <summary>The curve of <paramref name="group"/> and <paramref name="cause"/>.</summary>
    /// <param name="group">Group label (<c>"all"</c> without groups).</param>
    /// <param name="cause">Cause code.</param>
    public CumulativeIncidenceCurve Curve(string group, int cause) =>
        _curves.FirstOrDefault(c => c.Group == group && c.Cause == cause)
        ?? throw new ArgumentException($"There is no curve for group '{group}' and cause {cause}.", nameof(group));

    /// <summary>Every curve at each of <paramref name="times"/> (R: <c>timepoints(fit, times)</c>).</summary>
    /// <param name="times">Landmark times; R sorts and de-duplicates them, here they are kept as given.</param>
    public IReadOnlyList<(CumulativeIncidenceCurve Curve, IReadOnlyList<CumulativeIncidenceEstimate> Estimates)> Timepoints(
        IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        return _curves.Select(c => (c, (IReadOnlyList<CumulativeIncidenceEstimate>)times.Select(c.At).ToArray())).ToArray();
    }
}

/// <summary>
/// One cumulative incidence function F_k(t) = P(T ≤ t, cause = k) for one group, with its variance as
/// <c>cmprsk::cuminc</c> reports it. The points are the times where F jumps (events of this cause); F is 0 before the
/// first and stays at its last value up to <see cref="LastFollowUp"/>, after which cmprsk reports NA.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CumulativeIncidenceCurve
{
    private readonly double[] _time, _est, _var, _lower, _upper;
    private readonly double _z;

    internal CumulativeIncidenceCurve(string group, int cause, int records, double[] time, double[] est, double[] variance,
        double lastFollowUp, CumulativeIncidenceOptions options)
    {
        Group = group;
        Cause = cause;
        Records = records;
        _time = time;
        _est = est;
        _var = variance;
        LastFollowUp = lastFollowUp;
        Transform = options.Transform;
        ConfidenceLevel = options.ConfidenceLevel;
        _z = SurvivalConfidence.NormalQuantile(options.ConfidenceLevel);
        _lower = new double[time.Length];
        _upper = new double[time.Length];
        for (int i = 0; i < time.Length; i++) (_lower[i], _upper[i]) = Limits(est[i], variance[i]);
    }

    /// <summary>The group label (<c>"all"</c> for a single group).</summary>
    public string Group { get; }

    /// <summary>The cause code.</summary>
    public int Cause { get; }

    /// <summary>Rows in the group.</summary>
    public int Records { get; }

    /// <summary>Scale of <see cref="Lower"/>/<see cref="Upper"/>.</summary>
    public ConfidenceTransform Transform { get; }

    /// <summary>Level of the limits.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The largest follow-up time of the group (the last element of cuminc's <c>$time</c>).</summary>
    public double LastFollowUp { get; }

    /// <summary>Distinct times of events of this cause, ascending.</summary>
    public IReadOnlyList<double> Time => _time;

    /// <summary>F_k(t) at each time (cuminc's <c>$est</c> after each jump).</summary>
    public IReadOnlyList<double> Estimate => _est;

    /// <summary>Variance of F_k(t) (cuminc's <c>$var</c>).</summary>
    public IReadOnlyList<double> Variance => _var;

    /// <summary>Lower pointwise limit.</summary>
    public IReadOnlyList<double> Lower => _lower;

    /// <summary>Upper pointwise limit.</summary>
    public IReadOnlyList<double> Upper => _upper;

    /// <summary>
    /// The curve at <paramref name="time"/> as <c>cmprsk::timepoints</c>: the right-continuous step value for
    /// 0 ≤ t ≤ <see cref="LastFollowUp"/>, NaN (R's NA) outside that range.
    /// </summary>
    /// <param name="time">Any time.</param>
    public CumulativeIncidenceEstimate At(double time)
    {
        if (!(time >= 0 && time <= LastFollowUp))
            return new CumulativeIncidenceEstimate(time, double.NaN, double.NaN, double.NaN, double.NaN);
        int idx = Array.BinarySearch(_time, time);
        int i = idx >= 0 ? idx : ~idx - 1;
        if (i < 0) return new CumulativeIncidenceEstimate(time, 0, 0, 0, 0);
        return new CumulativeIncidenceEstimate(time, _est[i], _var[i], _lower[i], _upper[i]);
    }

    /// <summary>
    /// Limits for F with standard error √V, by <see cref="SurvivalConfidence.Limits"/> applied to F with
    /// se(log F) = √V / F: plain F ± z√V; log F·exp(±z√V/F); log(−log) exp(−exp(log(−log F) ± z√V/(F log F))).
    /// </summary>
    private (double, double) Limits(double f, double v)
    {
        if (f == 0) return (0, 0);
        double seLog = v == 0 ? 0 : Math.Sqrt(v) / f;
        return SurvivalConfidence.Limits(f, seLog, _z, Transform, capUpper: true);
    }
}

/// <summary>A cumulative incidence at one time (a column of R's <c>timepoints</c>); NaN where R gives NA.</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CumulativeIncidenceEstimate
{
    internal CumulativeIncidenceEstimate(double time, double estimate, double variance, double lower, double upper)
    {
        Time = time;
        Estimate = estimate;
        Variance = variance;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time asked for.</summary>
    public double Time { get; }

    /// <summary>F_k(t).</summary>
    public double Estimate { get; }

    /// <summary>Its variance.</summary>
    public double Variance { get; }

    /// <summary>Lower pointwise limit.</summary>
    public double Lower { get; }

    /// <summary>Upper pointwise limit.</summary>
    public double Upper { get; }
}

/// <summary>Gray's (1988) test that a cause's cumulative incidence is equal across groups (a row of cuminc's <c>$Tests</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class GrayTestResult
{
    internal GrayTestResult(int cause, double statistic, int degreesOfFreedom, double pValue)
    {
        Cause = cause;
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>The cause code.</summary>
    public int Cause { get; }

    /// <summary>The chi-square statistic s' V⁻¹ s; NaN where V is singular (R prints −1 there).</summary>
    public double Statistic { get; }

    /// <summary>Number of groups − 1.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>1 − pchisq(stat, df), as R computes it; NaN where the statistic is.</summary>
    public double PValue { get; }
}
