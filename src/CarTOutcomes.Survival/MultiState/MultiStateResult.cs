namespace CarTOutcomes.Survival.MultiState;

/// <summary>Options of a multi-state Aalen–Johansen fit (R: arguments of <c>survfit</c>).</summary>
/// <param name="StandardErrors">
/// Compute the infinitesimal-jackknife standard errors (R: <c>se.fit = TRUE</c>, the default). They cost
/// O(subjects · transition times); without them the fit is O(rows · log rows).
/// </param>
/// <param name="StateSets">
/// Optional sets of states whose summed probability is also estimated, with its own jackknife standard error (the
/// influence of the sum is the sum of the influences; the standard error of a sum is not the sum of the standard
/// errors). E.g. current leukemia-free survival: alive in any remission state. R has no option for it; with
/// <c>influence = TRUE</c> it is <c>sqrt(colSums((fit$influence[, , j] + fit$influence[, , k])^2))</c>.
/// </param>
public sealed record MultiStateOptions(bool StandardErrors = true, IReadOnlyList<StateSet>? StateSets = null)
{
    /// <summary>R's defaults.</summary>
    public static MultiStateOptions Default { get; } = new();
}

/// <summary>A named set of states (see <see cref="MultiStateOptions.StateSets"/>).</summary>
/// <param name="Name">The name of the set, e.g. <c>"current LFS"</c>.</param>
/// <param name="States">The states of the set; each must be a state of the data.</param>
public sealed record StateSet(string Name, IReadOnlyList<string> States);

/// <summary>The result of <see cref="MultiStateAalenJohansen.Fit"/>: one curve per group.</summary>
public sealed class MultiStateResult
{
    internal MultiStateResult(IReadOnlyList<string> states, IReadOnlyList<MultiStateCurve> curves, MultiStateOptions options)
    {
        States = states;
        Curves = curves;
        Options = options;
    }

    /// <summary>The states, in the order of the columns of every curve.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>One curve per group, in group order (a single curve <c>"all"</c> without groups).</summary>
    public IReadOnlyList<MultiStateCurve> Curves { get; }

    /// <summary>The options used.</summary>
    public MultiStateOptions Options { get; }
}

/// <summary>
/// State occupation probabilities of one group: a times × states matrix whose rows sum to 1, with standard
/// errors and numbers at risk in each state (R: <c>fit$pstate</c>, <c>fit$std.err</c>, <c>fit$n.risk</c>).
/// </summary>
public sealed class MultiStateCurve
{
    private readonly double[] _time, _p0;
    private readonly double[,] _p, _se, _risk, _setSe;

    internal MultiStateCurve(string group, int subjects, IReadOnlyList<string> states, double startTime, double[] p0,
        double[] time, double[,] p, double[,] se, double[,] risk, IReadOnlyList<StateSet> sets, double[,] setSe)
    {
        Group = group; Subjects = subjects; States = states; StartTime = startTime;
        _p0 = p0; _time = time; _p = p; _se = se; _risk = risk; StateSets = sets; _setSe = setSe;
    }

    /// <summary>The state sets asked for in <see cref="MultiStateOptions.StateSets"/>.</summary>
    public IReadOnlyList<StateSet> StateSets { get; }

    /// <summary>P(in any state of set <paramref name="set"/>) at time index <paramref name="timeIndex"/>.</summary>
    /// <param name="timeIndex">Index into <see cref="Time"/>.</param>
    /// <param name="set">Index into <see cref="StateSets"/>.</param>
    public double SetProbability(int timeIndex, int set)
    {
        double sum = 0;
        foreach (var s in StateSets[set].States) sum += _p[timeIndex, IndexOf(s)];
        return sum;
    }

    /// <summary>Infinitesimal-jackknife standard error of <see cref="SetProbability"/> (NaN when not computed).</summary>
    /// <param name="timeIndex">Index into <see cref="Time"/>.</param>
    /// <param name="set">Index into <see cref="StateSets"/>.</param>
    public double SetStandardError(int timeIndex, int set) => _setSe[timeIndex, set];

    private int IndexOf(string state)
    {
        for (int k = 0; k < States.Count; k++) if (States[k] == state) return k;
        throw new ArgumentException($"'{state}' is not a state; the states are {string.Join(", ", States)}.", nameof(state));
    }

    /// <summary>The group label (<c>"all"</c> for a single curve).</summary>
    public string Group { get; }

    /// <summary>Number of subjects.</summary>
    public int Subjects { get; }

    /// <summary>The states (columns).</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The origin used for expected times in state: min(0, earliest start).</summary>
    public double StartTime { get; }

    /// <summary>The initial distribution p0 (R's <c>fit$p0</c>), the probabilities before the first time.</summary>
    public IReadOnlyList<double> InitialProbability => _p0;

    /// <summary>The distinct times of the curve, ascending.</summary>
    public IReadOnlyList<double> Time => _time;

    /// <summary>P(in state <paramref name="state"/> at time index <paramref name="timeIndex"/>).</summary>
    /// <param name="timeIndex">Index into <see cref="Time"/>.</param>
    /// <param name="state">Index into <see cref="States"/>.</param>
    public double Probability(int timeIndex, int state) => _p[timeIndex, state];

    /// <summary>Infinitesimal-jackknife standard error of <see cref="Probability"/> (NaN when not computed).</summary>
    /// <param name="timeIndex">Index into <see cref="Time"/>.</param>
    /// <param name="state">Index into <see cref="States"/>.</param>
    public double StandardError(int timeIndex, int state) => _se[timeIndex, state];

    /// <summary>Number at risk in the state just before the time (R's <c>n.risk</c>).</summary>
    /// <param name="timeIndex">Index into <see cref="Time"/>.</param>
    /// <param name="state">Index into <see cref="States"/>.</param>
    public double NumberAtRisk(int timeIndex, int state) => _risk[timeIndex, state];

    /// <summary>
    /// Probabilities and standard errors at any time, as R's <c>summary(fit, times = t, extend = TRUE)</c>: the
    /// values at the last curve time ≤ t; before the first time, p0 with standard errors 0.
    /// </summary>
    /// <param name="time">Any time.</param>
    public StateProbabilities At(double time)
    {
        int idx = Array.BinarySearch(_time, time);
        int i = idx >= 0 ? idx : ~idx - 1;
        int ns = States.Count;
        if (i < 0) return new StateProbabilities(time, _p0.ToArray(), new double[ns]);
        var p = new double[ns];
        var se = new double[ns];
        for (int k = 0; k < ns; k++) { p[k] = _p[i, k]; se[k] = _se[i, k]; }
        return new StateProbabilities(time, p, se);
    }

    /// <summary>
    /// The expected time spent in each state from <see cref="StartTime"/> up to <paramref name="horizon"/>: the area
    /// under each probability curve (R: <c>summary(fit, rmean = horizon)$table[, "rmean"]</c>; the "sojourn time").
    /// The values add up to horizon − start.
    /// </summary>
    /// <param name="horizon">The horizon; not before <see cref="StartTime"/>.</param>
    public IReadOnlyList<double> ExpectedTimeInState(double horizon)
    {
        if (!(horizon >= StartTime))
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"The horizon must not be before the start time {StartTime}.");
        int ns = States.Count;
        var area = new double[ns];
        double from = StartTime;
        var current = _p0;
        for (int i = 0; i <= _time.Length; i++)
        {
            double until = i < _time.Length ? Math.Min(_time[i], horizon) : horizon;
            if (until > from)
            {
                for (int k = 0; k < ns; k++) area[k] += current[k] * (until - from);
                from = until;
            }
            if (i == _time.Length || _time[i] >= horizon) break;
            current = Row(i);
        }
        return area;
    }

    private double[] Row(int i)
    {
        var r = new double[States.Count];
        for (int k = 0; k < r.Length; k++) r[k] = _p[i, k];
        return r;
    }
}

/// <summary>State occupation probabilities at one time.</summary>
/// <param name="Time">The time asked for.</param>
/// <param name="Probability">One probability per state.</param>
/// <param name="StandardError">One standard error per state.</param>
public sealed record StateProbabilities(double Time, IReadOnlyList<double> Probability, IReadOnlyList<double> StandardError);
