namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// Competing-risks outcomes, one row per subject: a follow-up time, a status code that is either the censoring
/// code or the code of the cause that ended follow-up, and optionally an entry time (delayed entry). The R
/// equivalents are <c>cuminc(ftime, fstatus, cencode=)</c>, <c>crr(ftime, fstatus, cencode=)</c> and
/// <c>Surv(entry, time, factor(status))</c>.
/// </summary>
/// <remarks>
/// <para>Status coding is explicit: <see cref="CensorCode"/> (R: <c>cencode = 0</c>, the default) marks censoring and
/// every code in <see cref="Causes"/> is a cause. When the causes are given, any other code is an error naming its
/// row index and value; when they are not, every non-censoring code that occurs is a cause, in ascending order
/// (as <c>cuminc</c> sorts <c>unique(fstatus)</c>).</para>
/// <para>Times are compared exactly as stored doubles, as in <see cref="Data.SurvivalData"/>: events of different
/// causes, or an event and a censoring, at equal doubles are tied and handled as tied, never jittered.</para>
/// <para>Instances are immutable; the arrays passed in are copied.</para>
/// </remarks>
public sealed class CompetingRisksData
{
    private readonly double[] _time;
    private readonly int[] _status;
    private readonly double[]? _entry;
    private readonly int[] _causes;

    private CompetingRisksData(double[] time, int[] status, double[]? entry, int censorCode, int[] causes)
    {
        _time = time;
        _status = status;
        _entry = entry;
        CensorCode = censorCode;
        _causes = causes;
    }

    /// <summary>Builds and validates the data.</summary>
    /// <param name="time">Follow-up (exit) times; finite and non-negative.</param>
    /// <param name="status">Status code of each row: <paramref name="censorCode"/> or a cause.</param>
    /// <param name="censorCode">The code meaning "censored" (R: <c>cencode = 0</c>).</param>
    /// <param name="causes">Optional list of the allowed cause codes; any other non-censoring code is then an error.</param>
    /// <param name="entry">Optional entry times (left truncation); each must be finite and less than its exit time.</param>
    public static CompetingRisksData Create(IReadOnlyList<double> time, IReadOnlyList<int> status, int censorCode = 0,
        IReadOnlyList<int>? causes = null, IReadOnlyList<double>? entry = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        if (status.Count != time.Count)
            throw new ArgumentException($"There are {status.Count} status codes for {time.Count} times.", nameof(status));
        var t = time.ToArray();
        for (int i = 0; i < t.Length; i++)
        {
            if (!double.IsFinite(t[i]) || t[i] < 0)
                throw new ArgumentException($"Time at index {i} is {t[i]}; times must be finite and non-negative.", nameof(time));
        }
        var s = status.ToArray();
        var causeList = CheckCauses(s, censorCode, causes);
        double[]? e = null;
        if (entry is not null)
        {
            if (entry.Count != t.Length)
                throw new ArgumentException($"There are {entry.Count} entry times for {t.Length} times.", nameof(entry));
            e = entry.ToArray();
            for (int i = 0; i < e.Length; i++)
            {
                if (!double.IsFinite(e[i]) || e[i] >= t[i])
                    throw new ArgumentException($"Entry time at index {i} is {e[i]}; it must be finite and less than the exit time {t[i]}.", nameof(entry));
            }
        }
        return new CompetingRisksData(t, s, e, censorCode, causeList);
    }

    private static int[] CheckCauses(int[] s, int censorCode, IReadOnlyList<int>? causes)
    {
        if (causes is null)
            return s.Where(c => c != censorCode).Distinct().Order().ToArray();
        if (causes.Contains(censorCode))
            throw new ArgumentException($"The censoring code {censorCode} is also listed as a cause.", nameof(causes));
        var allowed = new HashSet<int>(causes);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != censorCode && !allowed.Contains(s[i]))
                throw new ArgumentException(
                    $"Status at index {i} is {s[i]}, which is neither the censoring code {censorCode} nor a cause ({string.Join(", ", causes)}).",
                    "status");
        }
        return causes.Distinct().Order().ToArray();
    }

    /// <summary>Number of rows.</summary>
    public int Count => _time.Length;

    /// <summary>Exit (follow-up) times.</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>Status codes.</summary>
    public ReadOnlySpan<int> Status => _status;

    /// <summary>True when entry times were given.</summary>
    public bool HasEntry => _entry is not null;

    /// <summary>Entry times; empty when there is no delayed entry.</summary>
    public ReadOnlySpan<double> Entry => _entry;

    /// <summary>The code meaning "censored" (R: <c>cencode</c>).</summary>
    public int CensorCode { get; }

    /// <summary>The cause codes, ascending (R: <c>sort(unique(fstatus[fstatus != cencode]))</c>, or those declared).</summary>
    public IReadOnlyList<int> Causes => _causes;

    /// <summary>True when row <paramref name="i"/> ends in an event of any cause.</summary>
    public bool IsEvent(int i) => _status[i] != CensorCode;

    /// <summary>A new data set with the rows at <paramref name="rows"/>, in that order, and the same causes.</summary>
    public CompetingRisksData Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var t = new double[rows.Count];
        var s = new int[rows.Count];
        var e = _entry is null ? null : new double[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            t[k] = _time[rows[k]];
            s[k] = _status[rows[k]];
            if (e is not null) e[k] = _entry![rows[k]];
        }
        return new CompetingRisksData(t, s, e, CensorCode, _causes);
    }
}
