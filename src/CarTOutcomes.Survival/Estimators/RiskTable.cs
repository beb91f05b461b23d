using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Estimators;

/// <summary>
/// Weighted counts at each distinct exit time: at risk (entry &lt; t ≤ exit), events and censorings at t.
/// Built as R's <c>survfitkm.c</c> does for data without an id: every distinct stop time is a row of the curve.
/// </summary>
internal sealed class RiskTable
{
    private RiskTable(double[] time, double[] nRisk, double[] nEvent, double[] nCensor, int[] eventRows,
        int[] orderByStop, int[]? orderByStart)
    {
        Time = time; NRisk = nRisk; NEvent = nEvent; NCensor = nCensor; EventRows = eventRows;
        OrderByStop = orderByStop; OrderByStart = orderByStart;
    }

    public double[] Time { get; }
    public double[] NRisk { get; }
    public double[] NEvent { get; }
    public double[] NCensor { get; }
    /// <summary>Unweighted number of event rows at each time (R's <c>d0</c>).</summary>
    public int[] EventRows { get; }
    public int[] OrderByStop { get; }
    public int[]? OrderByStart { get; }
    public int Count => Time.Length;

    /// <summary>R's rule: a time is an event time when it has an event row of positive total weight.</summary>
    public bool IsEventTime(int i) => EventRows[i] > 0 && NEvent[i] > 0;

    /// <summary>Builds the table.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="continues">
    /// Optional: true for a row whose subject goes on in a contiguous later row (R <c>survfitKM</c> with <c>id</c>:
    /// such a row's end is not a censoring, so it is not counted in <see cref="NCensor"/>; its time still appears).
    /// </param>
    public static RiskTable Build(SurvivalData data, bool[]? continues = null)
    {
        var byStop = SortOrder.Ascending(data.Time);
        var byStart = data.IsCountingProcess ? SortOrder.Ascending(data.Start) : null;
        var time = new List<double>();
        var ev = new List<double>();
        var cens = new List<double>();
        var evRows = new List<int>();
        var stopWeightAtOrAfter = new List<double>();
        var stops = data.Time;
        var events = data.Event;
        for (int p = 0; p < byStop.Length;)
        {
            double t = stops[byStop[p]];
            double e = 0, c = 0;
            int er = 0;
            for (; p < byStop.Length && stops[byStop[p]] == t; p++)
            {
                int k = byStop[p];
                double w = data.WeightAt(k);
                if (events[k]) { e += w; er++; } else if (continues is null || !continues[k]) c += w;
            }
            time.Add(t); ev.Add(e); cens.Add(c); evRows.Add(er);
        }
        int m = time.Count;
        var nRisk = new double[m];
        // Walk backwards as survfitkm.c does: add rows whose stop is >= t, remove rows whose start is >= t.
        double risk = 0;
        int ps = byStop.Length - 1, pe = byStart is null ? -1 : byStart.Length - 1;
        for (int i = m - 1; i >= 0; i--)
        {
            double t = time[i];
            for (; ps >= 0 && stops[byStop[ps]] >= t; ps--) risk += data.WeightAt(byStop[ps]);
            if (byStart is not null)
                for (; pe >= 0 && data.StartAt(byStart[pe]) >= t; pe--) risk -= data.WeightAt(byStart[pe]);
            nRisk[i] = risk;
        }
        return new RiskTable(time.ToArray(), nRisk, ev.ToArray(), cens.ToArray(), evRows.ToArray(), byStop, byStart);
    }
}

/// <summary>Index sorts that leave the data untouched.</summary>
internal static class SortOrder
{
    /// <summary>
    /// Indices 0..n−1 ordered by ascending value (stable for ties): the radix sort of the Cox fit
    /// (<see cref="Cox.RadixOrder"/>, O(n)) from a few thousand values on, a comparison sort below.
    /// </summary>
    public static int[] Ascending(ReadOnlySpan<double> values)
    {
        if (values.Length >= 4096) return Cox.RadixOrder.Ascending(values);
        var keys = values.ToArray();
        var idx = new int[keys.Length];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        // Array.Sort is unstable; ties are broken by index through a second pass to keep results reproducible.
        Array.Sort(keys, idx);
        for (int i = 0; i < keys.Length;)
        {
            int j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(idx, i, j - i);
            i = j;
        }
        return idx;
    }
}
