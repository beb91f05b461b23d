using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// The data of a Cox fit in the form the risk-set sweeps need: covariates centered (row-major, n × p), rows indexed
/// by stratum then descending stop time, and by stratum then descending start time.
/// </summary>
/// <remarks>
/// Centering follows R's <c>coxph</c> (<c>nocenter = c(-1, 0, 1)</c>): a column whose values are all −1, 0 or 1 is
/// left alone, any other column has its weighted mean subtracted. The partial likelihood is unchanged by centering;
/// it only keeps exp(η) in range. <see cref="Scale"/> is the extra rescaling of <c>coxfit6.c</c>
/// (1 / weighted mean |x − mean|) used inside Newton–Raphson, where it changes only rounding.
/// </remarks>
internal sealed class CoxDesign
{
    private CoxDesign(int n, int p) { N = n; P = p; }

    public int N { get; }
    public int P { get; }
    public double[] X { get; private init; } = [];
    public double[] Center { get; private init; } = [];
    public double[] Scale { get; private init; } = [];
    public double[] Stop { get; private init; } = [];
    public double[] Start { get; private init; } = [];
    public bool CountingProcess { get; private init; }
    public double[] Weight { get; private init; } = [];
    public double[] Offset { get; private init; } = [];
    public bool[] Event { get; private init; } = [];
    public int[] Stratum { get; private init; } = [];
    public IReadOnlyList<string> StratumLabels { get; private init; } = [];
    /// <summary>Rows by stratum, then stop descending.</summary>
    public int[] ByStop { get; private init; } = [];
    /// <summary>Rows by stratum, then start descending.</summary>
    public int[] ByStart { get; private init; } = [];
    /// <summary>Stratum s occupies positions [StratumBounds[s], StratumBounds[s+1]) of ByStop and ByStart.</summary>
    public int[] StratumBounds { get; private init; } = [];

    /// <summary>Sorted position k holds data row Original[k]: rows are stored by stratum, then descending stop time, so that the sweeps read memory in order.</summary>
    public int[] Original { get; private init; } = [];

    /// <summary>Cluster label of each data row (data order), or null.</summary>
    public IReadOnlyList<string>? ClusterLabels { get; private init; }

    /// <summary>Subject id of each data row (data order), or null.</summary>
    public IReadOnlyList<string>? Ids { get; private init; }

    // The token is checked inside the sorts (about a second for 10^7 rows): see CancellableSort.
    public static CoxDesign Create(SurvivalData data, IReadOnlyList<IReadOnlyList<double>> columns,
        IReadOnlyList<string> names, CoxOptions o, CancellationToken cancellationToken = default)
    {
        int n = data.Count, p = columns.Count;
        var (stratum0, labels) = StrataOf(data.Strata, n);
        var stop0 = data.Time;
        var order = Order(stratum0, stop0.ToArray(), cancellationToken);
        var w = new double[n];
        var stop = new double[n];
        var start = new double[n];
        var evt = new bool[n];
        var stratum = new int[n];
        var offset = new double[n];
        var events = data.Event;
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            w[k] = data.WeightAt(i);
            if (!(w[k] > 0)) throw new ArgumentException($"Weight at index {i} is {w[k]}; coxph requires weights > 0.", nameof(data));
            stop[k] = stop0[i];
            start[k] = data.StartAt(i);
            evt[k] = events[i];
            stratum[k] = stratum0[i];
            if (data.Offset is not null) offset[k] = data.Offset[i];
        }
        var values = ReadColumns(columns, names, n);
        var (center, scale) = CenterAndScale(values, w, order);
        var x = new double[n * p];
        for (int j = 0; j < p; j++)
        {
            var v = values[j];
            double c = center[j];
            for (int k = 0; k < n; k++) x[k * p + j] = v[order[k]] - c;
        }
        return new CoxDesign(n, p)
        {
            X = x, Center = center, Scale = scale, Stop = stop, Start = start,
            CountingProcess = data.IsCountingProcess, Weight = w, Offset = offset, Event = evt,
            ClusterLabels = data.Cluster, Ids = data.Ids,
            Stratum = stratum, StratumLabels = labels, ByStop = Enumerable.Range(0, n).ToArray(), Original = order,
            ByStart = data.IsCountingProcess ? Order(stratum, start, cancellationToken) : Enumerable.Range(0, n).ToArray(),
            StratumBounds = Bounds(stratum, labels.Count),
        };
    }

    /// <summary>Maps values by sorted position back to data-row order.</summary>
    public T[] ToDataOrder<T>(T[] bySorted)
    {
        var r = new T[N];
        for (int k = 0; k < N; k++) r[Original[k]] = bySorted[k];
        return r;
    }

    /// <summary>η_i = offset_i + βᵀx_i (centered covariates).</summary>
    public double[] LinearPredictors(double[] beta)
    {
        var lp = new double[N];
        for (int i = 0; i < N; i++)
        {
            double eta = Offset[i];
            for (int j = 0; j < P; j++) eta += beta[j] * X[i * P + j];
            lp[i] = eta;
        }
        return lp;
    }

    private static double[][] ReadColumns(IReadOnlyList<IReadOnlyList<double>> columns, IReadOnlyList<string> names, int n)
    {
        var values = new double[columns.Count][];
        for (int j = 0; j < columns.Count; j++)
        {
            var c = columns[j] ?? throw new ArgumentNullException(nameof(columns), $"Covariate '{names[j]}' is null.");
            if (c.Count != n) throw new ArgumentException($"Covariate '{names[j]}' has {c.Count} values for {n} rows.", nameof(columns));
            values[j] = c as double[] ?? c.ToArray();
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(values[j][i]))
                    throw new ArgumentException($"Covariate '{names[j]}' at index {i} is {values[j][i]}; covariates must be finite (remove rows with missing values first).", nameof(columns));
        }
        return values;
    }

    /// <summary>R <c>coxfit6.c</c>: weighted mean, then scale = Σw / Σ w|x − mean|; columns of −1/0/1 untouched.
    /// <paramref name="wSorted"/> is by sorted position, <paramref name="order"/> maps positions to rows.</summary>
    private static (double[] Center, double[] Scale) CenterAndScale(double[][] values, double[] wSorted, int[] order)
    {
        int p = values.Length, n = order.Length;
        var w = new double[n];
        for (int k = 0; k < n; k++) w[order[k]] = wSorted[k];
        double sw = w.Sum();
        var center = new double[p];
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            var v = values[j];
            bool zeroOne = true;
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                if (v[i] != 0 && v[i] != 1 && v[i] != -1) zeroOne = false;
                sum += w[i] * v[i];
            }
            scale[j] = 1;
            if (zeroOne) continue;
            center[j] = sum / sw;
            double abs = 0;
            for (int i = 0; i < n; i++) abs += w[i] * Math.Abs(v[i] - center[j]);
            scale[j] = abs > 0 ? sw / abs : 1;
        }
        return (center, scale);
    }

    private static (int[] Stratum, IReadOnlyList<string> Labels) StrataOf(IReadOnlyList<string>? strata, int n)
    {
        var s = new int[n];
        if (strata is null) return (s, [""]);
        var levels = GroupLevels.Order(strata);
        var index = levels.Select((l, k) => (l, k)).ToDictionary(t => t.l, t => t.k, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) s[i] = index[strata[i]];
        return (s, levels);
    }

    /// <summary>Row indices by stratum, then <paramref name="key"/> descending (ties by row index): a key sort, then a stable counting sort on stratum.</summary>
    private static int[] Order(int[] stratum, double[] key, CancellationToken cancellationToken)
    {
        int n = key.Length;
        var idx = Enumerable.Range(0, n).ToArray();
        var neg = new double[n];
        for (int i = 0; i < n; i++) neg[i] = -key[i];
        CancellableSort.Sort(neg, idx, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        // equal keys may come out in any order; restore row order within runs of equal keys for determinism
        for (int a = 0; a < n;)
        {
            int b = a + 1;
            while (b < n && neg[b] == neg[a]) b++;
            if (b - a > 1) Array.Sort(idx, a, b - a);
            a = b;
        }
        int count = stratum.Length == 0 ? 0 : stratum.Max() + 1;
        if (count <= 1) return idx;
        var start = new int[count + 1];
        foreach (var s in stratum) start[s + 1]++;
        for (int s = 0; s < count; s++) start[s + 1] += start[s];
        var result = new int[n];
        foreach (var i in idx) result[start[stratum[i]]++] = i;
        return result;
    }

    private static int[] Bounds(int[] sortedStratum, int count)
    {
        var b = new int[count + 1];
        foreach (var s in sortedStratum) b[s + 1]++;
        for (int s = 0; s < count; s++) b[s + 1] += b[s];
        return b;
    }
}
