using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// Counting-process data with covariates: one row per <c>(start, stop]</c> interval of one subject, as produced by
/// R's <c>tmerge</c> and <c>survSplit</c>. Rows of one subject never overlap; gaps are allowed.
/// </summary>
/// <remarks>
/// Rows keep the order in which they were built (subjects in input order, intervals by start within a subject).
/// Missing covariate values are <see cref="double.NaN"/> (R's <c>NA</c>). Instances are immutable.
/// </remarks>
public sealed class TimeDependentData
{
    private readonly string[] _ids;
    private readonly double[] _start;
    private readonly double[] _stop;
    private readonly bool[] _event;
    private readonly string[] _names;
    private readonly double[][] _columns;
    private readonly int[] _cluster;
    private readonly string[] _subjects;

    private TimeDependentData(string[] ids, double[] start, double[] stop, bool[] evt, string[] names, double[][] columns)
    {
        _ids = ids;
        _start = start;
        _stop = stop;
        _event = evt;
        _names = names;
        _columns = columns;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        _cluster = new int[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!index.TryGetValue(ids[i], out int k)) index[ids[i]] = k = index.Count;
            _cluster[i] = k;
        }
        _subjects = index.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
    }

    /// <summary>
    /// Validates and wraps counting-process rows. Every row needs finite times with <c>stop &gt; start</c>; the rows
    /// of one subject must not overlap (R's <c>survcheck</c> "overlap"); covariate columns must have one value per row.
    /// </summary>
    /// <param name="ids">Subject of each row (R: the <c>id</c> / <c>cluster</c> variable).</param>
    /// <param name="start">Interval starts.</param>
    /// <param name="stop">Interval ends.</param>
    /// <param name="event">True where the interval ends in the event.</param>
    /// <param name="covariates">Named covariate columns, in the order they should be listed; may be null.</param>
    /// <exception cref="ArgumentException">Listing every problem found, each naming the subject and the values.</exception>
    public static TimeDependentData Create(IReadOnlyList<string> ids, IReadOnlyList<double> start, IReadOnlyList<double> stop,
        IReadOnlyList<bool> @event, IEnumerable<KeyValuePair<string, IReadOnlyList<double>>>? covariates = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(@event);
        int n = ids.Count;
        if (start.Count != n || stop.Count != n || @event.Count != n)
            throw new ArgumentException($"ids, start, stop and event must have equal lengths; got {n}, {start.Count}, {stop.Count}, {@event.Count}.", nameof(start));
        var cov = (covariates ?? []).ToList();
        var problems = new List<string>();
        CheckCovariates(cov, n, problems);
        CheckRows(ids, start, stop, problems);
        if (problems.Count == 0) CheckOverlap(ids, start, stop, problems);
        ThrowIfAny(problems, nameof(ids));
        return new TimeDependentData(ids.ToArray(), start.ToArray(), stop.ToArray(), @event.ToArray(),
            cov.Select(c => c.Key).ToArray(), cov.Select(c => c.Value.ToArray()).ToArray());
    }

    /// <summary>Right-censored rows as counting-process rows on <c>(0, time]</c> (R's <c>survSplit</c> default <c>zero = 0</c>).</summary>
    /// <param name="ids">Subject of each row; unique.</param>
    /// <param name="time">Follow-up times, each greater than 0.</param>
    /// <param name="event">Event indicators.</param>
    /// <param name="covariates">Named covariate columns; may be null.</param>
    public static TimeDependentData FromRightCensored(IReadOnlyList<string> ids, IReadOnlyList<double> time,
        IReadOnlyList<bool> @event, IEnumerable<KeyValuePair<string, IReadOnlyList<double>>>? covariates = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Create(ids, new double[time.Count], time, @event, covariates);
    }

    internal static TimeDependentData Trusted(string[] ids, double[] start, double[] stop, bool[] evt, string[] names, double[][] columns)
        => new(ids, start, stop, evt, names, columns);

    /// <summary>Number of rows.</summary>
    public int Count => _ids.Length;

    /// <summary>The subject of each row.</summary>
    public IReadOnlyList<string> SubjectIds => _ids;

    /// <summary>The distinct subjects, in order of first appearance.</summary>
    public IReadOnlyList<string> Subjects => _subjects;

    /// <summary>For each row, the index of its subject in <see cref="Subjects"/>: the cluster for a robust (sandwich) variance (R: <c>cluster(id)</c>).</summary>
    public IReadOnlyList<int> Cluster => _cluster;

    /// <summary>Interval starts.</summary>
    public ReadOnlySpan<double> Start => _start;

    /// <summary>Interval ends.</summary>
    public ReadOnlySpan<double> Stop => _stop;

    /// <summary>Event indicators (true where the interval ends in the event).</summary>
    public ReadOnlySpan<bool> Event => _event;

    /// <summary>Covariate names, in column order.</summary>
    public IReadOnlyList<string> CovariateNames => _names;

    /// <summary>The values of covariate <paramref name="name"/>, one per row.</summary>
    /// <exception cref="KeyNotFoundException">When there is no such covariate.</exception>
    public IReadOnlyList<double> Covariate(string name)
    {
        int k = Array.IndexOf(_names, name);
        if (k < 0) throw new KeyNotFoundException($"No covariate '{name}'; the covariates are: {string.Join(", ", _names)}.");
        return _columns[k];
    }

    /// <summary>The covariate matrix for <paramref name="names"/>: one array per row, values in the order of the names.</summary>
    /// <param name="names">Covariate names.</param>
    /// <exception cref="KeyNotFoundException">When a name is not a covariate.</exception>
    public double[][] CovariateRows(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var cols = names.Select(Covariate).ToArray();
        return Enumerable.Range(0, Count).Select(i => cols.Select(c => c[i]).ToArray()).ToArray();
    }

    /// <summary>Total time at risk, Σ (stop − start).</summary>
    public double TotalTime
    {
        get
        {
            double s = 0;
            for (int i = 0; i < _stop.Length; i++) s += _stop[i] - _start[i];
            return s;
        }
    }

    /// <summary>Number of rows that end in an event.</summary>
    public int EventCount => _event.Count(e => e);

    /// <summary>The outcome as R's <c>Surv(start, stop, event)</c>.</summary>
    public SurvivalData ToSurvivalData() => SurvivalData.CountingProcess(_start, _stop, _event);

    private static void CheckCovariates(List<KeyValuePair<string, IReadOnlyList<double>>> cov, int n, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in cov)
        {
            if (string.IsNullOrWhiteSpace(name)) problems.Add("A covariate has an empty name.");
            else if (!seen.Add(name)) problems.Add($"Covariate '{name}' is given twice.");
            if (values is null) problems.Add($"Covariate '{name}' has no values.");
            else if (values.Count != n) problems.Add($"Covariate '{name}' has {values.Count} values for {n} rows.");
        }
    }

    private static void CheckRows(IReadOnlyList<string> ids, IReadOnlyList<double> start, IReadOnlyList<double> stop, List<string> problems)
    {
        for (int i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrEmpty(ids[i])) problems.Add($"Row {i} has an empty subject id.");
            if (!double.IsFinite(start[i]) || !double.IsFinite(stop[i]))
                problems.Add($"Subject '{ids[i]}', row {i}: start {start[i]} and stop {stop[i]} must be finite.");
            else if (stop[i] <= start[i])
                problems.Add($"Subject '{ids[i]}', row {i}: stop {stop[i]} <= start {start[i]}; each interval (start, stop] must have stop > start.");
        }
    }

    // Within a subject, sorted by start, each interval must begin at or after the previous one ends.
    private static void CheckOverlap(IReadOnlyList<string> ids, IReadOnlyList<double> start, IReadOnlyList<double> stop, List<string> problems)
    {
        foreach (var group in Enumerable.Range(0, ids.Count).GroupBy(i => ids[i], StringComparer.Ordinal))
        {
            var rows = group.OrderBy(i => start[i]).ToArray();
            for (int k = 1; k < rows.Length; k++)
            {
                int a = rows[k - 1], b = rows[k];
                if (start[b] < stop[a])
                    problems.Add($"Subject '{group.Key}': interval ({start[b]}, {stop[b]}] overlaps ({start[a]}, {stop[a]}].");
            }
        }
    }

    internal static void ThrowIfAny(List<string> problems, string paramName)
    {
        if (problems.Count == 0) return;
        const int shown = 20;
        var text = string.Join(Environment.NewLine, problems.Take(shown));
        if (problems.Count > shown) text += $"{Environment.NewLine}... and {problems.Count - shown} more.";
        throw new ArgumentException($"{problems.Count} problem(s) in the time-dependent data:{Environment.NewLine}{text}", paramName);
    }
}
