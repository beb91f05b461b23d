using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.MultiState;

/// <summary>
/// Multi-state data, one row per interval of one subject: <c>(id, start, stop, state entered at stop)</c>, the R
/// form <c>Surv(tstart, tstop, state)</c> with <c>id</c> and <c>istate</c> (survival vignette "Multi-state models
/// and competing risks"). Any set of states and transitions, recurrences included; delayed entry; an initial state
/// per subject; an optional group fixed per subject.
/// </summary>
/// <remarks>
/// <para>A subject's rows may come in any order: they are sorted by stop, then start (R's <c>survcheck</c> order).
/// Before anything is fitted the rows are checked as <c>survcheck</c> does, and a problem is a
/// <see cref="SubjectRowsException"/> naming the subject and the rows: overlapping intervals, a gap between two
/// rows of a subject (R's multi-state <c>survfit</c> refuses both), a transition into the state the subject is in,
/// and a stated current state that contradicts the subject's history ("teleport").</para>
/// <para>The states are ordered as R orders them: the initial states that are never entered come first, then the
/// states entered, each set in <see cref="GroupLevels.Order"/> order (R: the levels of <c>istate</c> not among
/// those of the state factor, then the state factor's levels).</para>
/// </remarks>
public sealed class MultiStateData
{
    /// <summary>The initial state when none is given, as R names it (<c>"(s0)"</c>).</summary>
    public const string DefaultInitialState = "(s0)";

    private MultiStateData(string[] states, string[] subjects, int[][] subjectRows, double[] start, double[] stop,
        int[] from, int[] to, string[] group, bool[] merged)
    {
        _states = states; _subjects = subjects; SubjectRowIndex = subjectRows; StartTimes = start; StopTimes = stop;
        From = from; To = to; _group = group; Merged = merged;
    }

    private readonly string[] _states, _subjects, _group;

    /// <summary>The states, in R's order.</summary>
    public IReadOnlyList<string> States => _states;

    /// <summary>The subjects, in order of first appearance.</summary>
    public IReadOnlyList<string> Subjects => _subjects;

    /// <summary>Number of rows.</summary>
    public int Count => StopTimes.Length;

    /// <summary>The group of each row (<c>"all"</c> when no groups were given).</summary>
    public IReadOnlyList<string> Groups => _group;

    /// <summary>The state each row's subject is in during the row (an index into <see cref="States"/>).</summary>
    public IReadOnlyList<int> CurrentState => From;

    /// <summary>The state entered at each row's stop (an index into <see cref="States"/>), or −1 for none.</summary>
    public IReadOnlyList<int> StateEntered => To;

    /// <summary>
    /// How many subjects are known to be in each state at <paramref name="time"/>, just after any transitions at that
    /// time: a subject with a row where start ≤ t &lt; stop is in that row's state; after its last row it is in the state
    /// that row entered (e.g. death), or unknown when the last row was censored. The "numbers in each state" printed
    /// under a state occupation figure.
    /// </summary>
    /// <param name="time">Any time.</param>
    /// <param name="group">Only subjects of this group; all subjects when null.</param>
    public IReadOnlyList<double> CountInState(double time, string? group = null)
    {
        var counts = new double[_states.Length];
        foreach (var rows in SubjectRowIndex)
        {
            if (group is not null && _group[rows[0]] != group) continue;
            int at = Array.FindIndex(rows, r => StartTimes[r] <= time && time < StopTimes[r]);
            if (at >= 0) counts[From[rows[at]]]++;
            else if (time >= StopTimes[rows[^1]] && To[rows[^1]] >= 0) counts[To[rows[^1]]]++;
        }
        return counts;
    }

    internal int[][] SubjectRowIndex { get; }
    internal double[] StartTimes { get; }
    internal double[] StopTimes { get; }
    internal int[] From { get; }
    internal int[] To { get; }
    internal bool[] Merged { get; }

    /// <summary>Builds and checks multi-state data.</summary>
    /// <param name="ids">The subject of each row.</param>
    /// <param name="start">Start of each row's interval (start, stop]; finite.</param>
    /// <param name="stop">Stop of each row's interval; greater than its start.</param>
    /// <param name="state">The state entered at stop, or null or empty for none (censored, or the subject goes on in its next row).</param>
    /// <param name="initialState">
    /// Optional: the state each row's subject is in during the row (R's <c>istate</c>). The value on a subject's
    /// first row is its initial state; values on later rows may be empty, and otherwise must agree with the
    /// subject's history. Without it every subject starts in <see cref="DefaultInitialState"/>.
    /// </param>
    /// <param name="groups">Optional group of each row, constant within a subject (<c>"all"</c> when omitted).</param>
    public static MultiStateData Create(IReadOnlyList<string> ids, IReadOnlyList<double> start, IReadOnlyList<double> stop,
        IReadOnlyList<string?> state, IReadOnlyList<string?>? initialState = null, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(state);
        int n = stop.Count;
        if (n == 0) throw new ArgumentException("The data have no rows.", nameof(stop));
        Same(n, start.Count, nameof(start));
        Same(n, ids.Count, nameof(ids));
        Same(n, state.Count, nameof(state));
        if (initialState is not null) Same(n, initialState.Count, nameof(initialState));
        if (groups is not null) Same(n, groups.Count, nameof(groups));
        var st = start.ToArray();
        var sp = stop.ToArray();
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(st[i])) throw new ArgumentException($"Start at index {i} is {st[i]}; start times must be finite.", nameof(start));
            if (!double.IsFinite(sp[i])) throw new ArgumentException($"Stop at index {i} is {sp[i]}; stop times must be finite.", nameof(stop));
            if (!(sp[i] > st[i])) throw new ArgumentException($"Row {i} has stop {sp[i]} <= start {st[i]}; each interval (start, stop] must have stop > start.", nameof(stop));
        }
        var subjects = SubjectRows.Build(ids, st, sp);
        static bool Empty(string? s) => string.IsNullOrEmpty(s);
        var entered = GroupLevels.Order(state.Where(s => !Empty(s)).Select(s => s!));
        var firstStates = subjects.Rows.Select((rows, s) =>
        {
            if (initialState is null) return DefaultInitialState;
            var v = initialState[rows[0]];
            if (Empty(v))
            {
                string subject = subjects.Subjects[s];
                int first = rows[0];
                throw new SubjectRowsException(subject, [first], "initial state", row =>
                    $"Subject '{subject}' has no initial state on its first row ({row(first)}).");
            }
            return v!;
        }).ToArray();
        var onlyInitial = GroupLevels.Order(firstStates.Where(s => !entered.Contains(s)));
        var states = onlyInitial.Concat(entered).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < states.Length; i++) index[states[i]] = i;
        var from = new int[n];
        var to = new int[n];
        var merged = new bool[n];
        var group = groups?.ToArray() ?? Enumerable.Repeat("all", n).ToArray();
        for (int s = 0; s < subjects.Rows.Length; s++)
            Walk(subjects.Subjects[s], subjects.Rows[s], st, sp, state, initialState, group, index[firstStates[s]], index, states, from, to, merged);
        return new MultiStateData(states, subjects.Subjects, subjects.Rows, st, sp, from, to, group, merged);
    }

    /// <summary>
    /// Follows one subject through its sorted rows, setting each row's current state and checking the survcheck
    /// rules. A row that is neither the subject's first nor its last and enters no state is marked merged: R's
    /// <c>survfitCI</c> joins it to the next row, so its stop is not a time of the curve.
    /// </summary>
    private static void Walk(string subject, int[] rows, double[] st, double[] sp, IReadOnlyList<string?> state,
        IReadOnlyList<string?>? initialState, string[] group, int first, Dictionary<string, int> index, string[] states,
        int[] from, int[] to, bool[] merged)
    {
        int current = first;
        for (int k = 0; k < rows.Length; k++)
        {
            int r = rows[k];
            if (k > 0)
            {
                int prev = rows[k - 1];
                double stop0 = sp[prev], start1 = st[r];
                if (start1 != stop0)
                    throw new SubjectRowsException(subject, [prev, r], "gap", row =>
                        $"Subject '{subject}' has a gap between {row(prev)}, which stops at {SubjectRows.Show(stop0)}, and {row(r)}, " +
                        $"which starts at {SubjectRows.Show(start1)}; multi-state rows of a subject must be contiguous (R's survfit refuses gaps).");
                string g0 = group[prev], g1 = group[r];
                if (g1 != g0)
                    throw new SubjectRowsException(subject, [prev, r], "group change", row =>
                        $"Subject '{subject}' changes group from '{g0}' ({row(prev)}) to '{g1}' ({row(r)}); " +
                        "a multi-state group is fixed per subject.");
                var stated = initialState?[r];
                string now = states[current];
                if (!string.IsNullOrEmpty(stated) && stated != now)
                    throw new SubjectRowsException(subject, [prev, r], "teleport", row =>
                        $"Subject '{subject}' is in state '{now}' after {row(prev)}, but {row(r)} states '{stated}' as its current state " +
                        "(R's survcheck calls this a teleport).");
            }
            from[r] = current;
            var next = state[r];
            if (string.IsNullOrEmpty(next))
            {
                to[r] = -1;
                merged[r] = k > 0 && k < rows.Length - 1;
                continue;
            }
            int target = index[next];
            double at = sp[r];
            if (target == current)
                throw new SubjectRowsException(subject, [r], "self-transition", row =>
                    $"Subject '{subject}' enters state '{next}' at {SubjectRows.Show(at)} ({row(r)}) while already in it; " +
                    "leave the state empty for a row that continues in the same state.");
            to[r] = target;
            current = target;
        }
    }

    private static void Same(int n, int count, string name)
    {
        if (count != n) throw new ArgumentException($"Length {count} differs from the number of rows ({n}).", name);
    }
}
