namespace CarTOutcomes.Survival.TimeDependent;

/// <summary>
/// Thrown when the rows of one subject are inconsistent: overlapping <c>(start, stop]</c> intervals, a gap where
/// none is allowed, a transition into the state the subject is already in, or a stated current state that
/// contradicts the subject's history (R's <c>survcheck</c> calls these overlap, gap, jump and teleport).
/// </summary>
public sealed class SubjectRowsException : ArgumentException
{
    private readonly Func<Func<int, string>, string> _describe;

    internal SubjectRowsException(string subject, IReadOnlyList<int> rows, string problem, Func<Func<int, string>, string> describe)
        : base(describe(Index))
    {
        Subject = subject;
        Rows = rows;
        Problem = problem;
        _describe = describe;
    }

    private static string Index(int row) => $"the row at index {row}";

    /// <summary>
    /// The message with each row named by <paramref name="rowName"/> (e.g. a file's row and line) instead of its
    /// 0-based index.
    /// </summary>
    /// <param name="rowName">Names the row at a 0-based index, e.g. <c>i => $"row {i + 1}"</c>.</param>
    public string Describe(Func<int, string> rowName)
    {
        ArgumentNullException.ThrowIfNull(rowName);
        return _describe(rowName);
    }

    /// <summary>The subject's identifier.</summary>
    public string Subject { get; }

    /// <summary>The 0-based indices of the offending rows in the data as given.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>A short name of the problem: <c>overlap</c>, <c>gap</c>, <c>self-transition</c> or <c>teleport</c>.</summary>
    public string Problem { get; }
}

/// <summary>
/// The rows of each subject in time order. Contract: <c>ids</c>, <c>start</c> and <c>stop</c> have one entry per
/// row, in any order; a subject's rows are sorted by stop, then start (as R's <c>survcheck</c>:
/// <c>order(id, stop, start)</c>), and two consecutive rows overlap when the later one starts before the earlier
/// one stops. Subjects come in the order of their first row.
/// </summary>
internal sealed class SubjectRows
{
    private SubjectRows(string[] subjects, int[][] rows)
    {
        Subjects = subjects;
        Rows = rows;
    }

    /// <summary>Subject identifiers, in order of first appearance.</summary>
    public string[] Subjects { get; }

    /// <summary>For each subject, its row indices in time order.</summary>
    public int[][] Rows { get; }

    /// <summary>Groups and sorts the rows; throws <see cref="SubjectRowsException"/> on overlapping intervals.</summary>
    public static SubjectRows Build(IReadOnlyList<string> ids, ReadOnlySpan<double> start, ReadOnlySpan<double> stop)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count != stop.Length)
            throw new ArgumentException($"There are {ids.Count} subject ids for {stop.Length} rows.", nameof(ids));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lists = new List<List<int>>();
        var names = new List<string>();
        for (int i = 0; i < ids.Count; i++)
        {
            var id = ids[i] ?? throw new ArgumentException($"The subject id at index {i} is missing.", nameof(ids));
            if (!index.TryGetValue(id, out int s))
            {
                s = lists.Count;
                index[id] = s;
                lists.Add([]);
                names.Add(id);
            }
            lists[s].Add(i);
        }
        var sorted = new int[lists.Count][];
        var st = start.ToArray();
        var sp = stop.ToArray();
        for (int s = 0; s < lists.Count; s++)
        {
            var rows = lists[s].ToArray();
            Array.Sort(rows, (a, b) =>
            {
                int c = sp[a].CompareTo(sp[b]);
                if (c == 0) c = st[a].CompareTo(st[b]);
                return c == 0 ? a.CompareTo(b) : c;
            });
            for (int k = 1; k < rows.Length; k++)
            {
                int prev = rows[k - 1], cur = rows[k];
                if (st[cur] < sp[prev])
                {
                    string subject = names[s];
                    double a0 = st[prev], a1 = sp[prev], b0 = st[cur], b1 = sp[cur];
                    throw new SubjectRowsException(subject, [prev, cur], "overlap", row =>
                        $"Subject '{subject}' has overlapping intervals: {row(prev)} covers ({Show(a0)}, {Show(a1)}] " +
                        $"and {row(cur)} covers ({Show(b0)}, {Show(b1)}]; a subject can be in only one row at a time " +
                        "(R's survcheck reports this as an overlap).");
                }
            }
            sorted[s] = rows;
        }
        return new SubjectRows(names.ToArray(), sorted);
    }

    /// <summary>
    /// For each row, true when the same subject's next row starts exactly where it stops, so that the row's end is
    /// not the end of the subject's follow-up (R <c>survflag</c>: the row is not the last of its run).
    /// </summary>
    public bool[] Continues(ReadOnlySpan<double> start, ReadOnlySpan<double> stop)
    {
        var result = new bool[stop.Length];
        foreach (var rows in Rows)
            for (int k = 0; k + 1 < rows.Length; k++)
                result[rows[k]] = start[rows[k + 1]] == stop[rows[k]];
        return result;
    }

    internal static string Show(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
