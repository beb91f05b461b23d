namespace CarTOutcomes.Survival.Data;

/// <summary>
/// Survival outcomes, one row per observation: right-censored <c>(time, event)</c> or counting-process
/// <c>(start, stop, event]</c> data with optional case weights. The R equivalent is <c>Surv(time, event)</c>
/// or <c>Surv(start, stop, event)</c> together with <c>weights=</c>.
/// </summary>
/// <remarks>
/// <para>Times are compared exactly as they are stored: two times are tied only when their doubles are equal.
/// Values parsed from the same decimal text are always equal, so ties read from CSV are preserved. R's default
/// (<c>timefix = TRUE</c>, <c>aeqSurv</c>) additionally merges times that differ by less than about 1.5e-8
/// relative, which matters only for times produced by arithmetic (e.g. days divided by 30.4375 in two
/// different ways). Derive such times once, from one formula, and ties are kept.</para>
/// <para>Instances are immutable; the arrays passed in are copied.</para>
/// </remarks>
public sealed class SurvivalData
{
    private readonly double[]? _start;
    private readonly double[] _time;
    private readonly bool[] _event;
    private readonly double[]? _weight;
    private string[]? _strata;
    private string[]? _cluster;
    private double[]? _offset;
    private string[]? _ids;

    private SurvivalData(double[]? start, double[] time, bool[] evt, double[]? weight)
    {
        _start = start;
        _time = time;
        _event = evt;
        _weight = weight;
    }

    private SurvivalData Copy() => new(_start, _time, _event, _weight)
    {
        _strata = _strata, _cluster = _cluster, _offset = _offset, _ids = _ids,
    };

    /// <summary>The same data with a stratum label on each row (R: <c>strata()</c>): models with a baseline hazard
    /// (Cox) get one per stratum; the log-rank test is stratified.</summary>
    /// <param name="strata">One label per row; null removes the strata.</param>
    public SurvivalData WithStrata(IReadOnlyList<string>? strata)
    {
        var c = Copy();
        c._strata = Labels(strata, nameof(strata));
        return c;
    }

    /// <summary>The same data with a cluster label on each row (R: <c>cluster()</c>): rows of a cluster are pooled in
    /// robust (sandwich) variances.</summary>
    /// <param name="cluster">One label per row; null removes the clusters.</param>
    public SurvivalData WithCluster(IReadOnlyList<string>? cluster)
    {
        var c = Copy();
        c._cluster = Labels(cluster, nameof(cluster));
        return c;
    }

    /// <summary>The same data with a subject id on each row (R: <c>id =</c>): counts subjects, and is the cluster of a
    /// robust variance when no cluster is given.</summary>
    /// <param name="ids">One id per row; null removes the ids.</param>
    public SurvivalData WithIds(IReadOnlyList<string>? ids)
    {
        var c = Copy();
        c._ids = Labels(ids, nameof(ids));
        return c;
    }

    /// <summary>The same data with an offset on each row (R: <c>offset()</c>), added to a model's linear predictor with
    /// coefficient 1.</summary>
    /// <param name="offset">One finite value per row; null removes the offset.</param>
    public SurvivalData WithOffset(IReadOnlyList<double>? offset)
    {
        var c = Copy();
        if (offset is null) { c._offset = null; return c; }
        CheckLength(Count, offset.Count, nameof(offset));
        var o = offset.ToArray();
        for (int i = 0; i < o.Length; i++)
            if (!double.IsFinite(o[i]))
                throw new ArgumentException($"Offset at index {i} is {o[i]}; offsets must be finite.", nameof(offset));
        c._offset = o;
        return c;
    }

    /// <summary>Stratum label of each row, or null without strata.</summary>
    public IReadOnlyList<string>? Strata => _strata;

    /// <summary>Cluster label of each row, or null.</summary>
    public IReadOnlyList<string>? Cluster => _cluster;

    /// <summary>Subject id of each row, or null.</summary>
    public IReadOnlyList<string>? Ids => _ids;

    /// <summary>Offset of each row, or null.</summary>
    public IReadOnlyList<double>? Offset => _offset;

    private string[]? Labels(IReadOnlyList<string>? labels, string name)
    {
        if (labels is null) return null;
        CheckLength(Count, labels.Count, name);
        var a = labels.ToArray();
        for (int i = 0; i < a.Length; i++)
            if (a[i] is null) throw new ArgumentException($"Label at index {i} is null; every row needs one.", name);
        return a;
    }

    /// <summary>Right-censored data: R <c>Surv(time, event)</c>.</summary>
    /// <param name="time">Follow-up times; finite and non-negative.</param>
    /// <param name="event">True where the row ends in an event, false where it is censored.</param>
    /// <param name="weights">Optional case weights, finite and non-negative (R: <c>weights=</c>).</param>
    public static SurvivalData RightCensored(IReadOnlyList<double> time, IReadOnlyList<bool> @event,
        IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(@event);
        CheckLength(time.Count, @event.Count, nameof(@event));
        var t = time.ToArray();
        for (int i = 0; i < t.Length; i++)
        {
            if (!double.IsFinite(t[i]) || t[i] < 0)
                throw new ArgumentException($"Time at index {i} is {t[i]}; times must be finite and non-negative.", nameof(time));
        }
        return new SurvivalData(null, t, @event.ToArray(), CheckWeights(weights, t.Length));
    }

    /// <summary>Counting-process data: R <c>Surv(start, stop, event)</c>; each row is at risk on <c>(start, stop]</c>.</summary>
    /// <param name="start">Entry times (delayed entry / left truncation, or the start of a time-dependent interval).</param>
    /// <param name="stop">Exit times; each must be greater than its start.</param>
    /// <param name="event">True where the interval ends in an event.</param>
    /// <param name="weights">Optional case weights, finite and non-negative.</param>
    public static SurvivalData CountingProcess(IReadOnlyList<double> start, IReadOnlyList<double> stop,
        IReadOnlyList<bool> @event, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(@event);
        CheckLength(stop.Count, start.Count, nameof(start));
        CheckLength(stop.Count, @event.Count, nameof(@event));
        var s = start.ToArray();
        var t = stop.ToArray();
        for (int i = 0; i < t.Length; i++)
        {
            if (!double.IsFinite(s[i]))
                throw new ArgumentException($"Start at index {i} is {s[i]}; start times must be finite.", nameof(start));
            if (!double.IsFinite(t[i]))
                throw new ArgumentException($"Stop at index {i} is {t[i]}; stop times must be finite.", nameof(stop));
            if (t[i] <= s[i])
                throw new ArgumentException($"Row {i} has stop {t[i]} <= start {s[i]}; each interval (start, stop] must have stop > start.", nameof(stop));
        }
        return new SurvivalData(s, t, @event.ToArray(), CheckWeights(weights, t.Length));
    }

    /// <summary>The arrays behind the spans, for parallel loops of this assembly (read only).</summary>
    internal double[] TimeArray => _time;

    /// <summary>The event flags (read only).</summary>
    internal bool[] EventArray => _event;

    /// <summary>The case weights, or null (read only).</summary>
    internal double[]? WeightArray => _weight;

    /// <summary>The start times, or null (read only).</summary>
    internal double[]? StartArray => _start;

    /// <summary>Number of rows.</summary>
    public int Count => _time.Length;

    /// <summary>True for counting-process <c>(start, stop]</c> data.</summary>
    public bool IsCountingProcess => _start is not null;

    /// <summary>True when case weights were given.</summary>
    public bool IsWeighted => _weight is not null;

    /// <summary>Entry (start) times; for right-censored data every row enters at minus infinity (always at risk from the origin).</summary>
    public ReadOnlySpan<double> Start => _start;

    /// <summary>Exit (stop) times: the follow-up time of right-censored data.</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>Event indicators.</summary>
    public ReadOnlySpan<bool> Event => _event;

    /// <summary>Case weights, empty when unweighted.</summary>
    public ReadOnlySpan<double> Weights => _weight;

    /// <summary>The entry time of row <paramref name="i"/> (negative infinity for right-censored data).</summary>
    public double StartAt(int i) => _start is null ? double.NegativeInfinity : _start[i];

    /// <summary>The case weight of row <paramref name="i"/> (1 when unweighted).</summary>
    public double WeightAt(int i) => _weight is null ? 1.0 : _weight[i];

    /// <summary>Number of rows that end in an event.</summary>
    public int EventCount
    {
        get
        {
            int n = 0;
            foreach (var e in _event) if (e) n++;
            return n;
        }
    }

    /// <summary>A new data set with the rows at <paramref name="rows"/>, in that order.</summary>
    public SurvivalData Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var t = new double[rows.Count];
        var e = new bool[rows.Count];
        var s = _start is null ? null : new double[rows.Count];
        var w = _weight is null ? null : new double[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            int i = rows[k];
            t[k] = _time[i];
            e[k] = _event[i];
            if (s is not null) s[k] = _start![i];
            if (w is not null) w[k] = _weight![i];
        }
        return new SurvivalData(s, t, e, w)
        {
            _strata = _strata is null ? null : rows.Select(i => _strata[i]).ToArray(),
            _cluster = _cluster is null ? null : rows.Select(i => _cluster[i]).ToArray(),
            _offset = _offset is null ? null : rows.Select(i => _offset[i]).ToArray(),
            _ids = _ids is null ? null : rows.Select(i => _ids[i]).ToArray(),
        };
    }

    private static void CheckLength(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"Length {actual} differs from the number of times ({expected}).", name);
    }

    private static double[]? CheckWeights(IReadOnlyList<double>? weights, int n)
    {
        if (weights is null) return null;
        CheckLength(n, weights.Count, nameof(weights));
        var w = weights.ToArray();
        for (int i = 0; i < w.Length; i++)
        {
            if (!double.IsFinite(w[i]) || w[i] < 0)
                throw new ArgumentException($"Weight at index {i} is {w[i]}; weights must be finite and non-negative.", nameof(weights));
        }
        return w;
    }
}
