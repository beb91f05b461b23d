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
    public double[] Raw { get; private init; } = [];
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

    public static CoxDesign Create(SurvivalData data, IReadOnlyList<IReadOnlyList<double>> columns,
        IReadOnlyList<string> names, CoxOptions o)
    {
        int n = data.Count, p = columns.Count;
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = data.WeightAt(i);
            if (!(w[i] > 0)) throw new ArgumentException($"Weight at index {i} is {w[i]}; coxph requires weights > 0.", nameof(data));
        }
        var raw = ReadColumns(columns, names, n);
        var (center, scale) = CenterAndScale(raw, w, n, p);
        var x = new double[raw.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) x[i * p + j] = raw[i * p + j] - center[j];
        var (stratum, labels) = StrataOf(o.Strata, n);
        var stop = data.Time.ToArray();
        var start = new double[n];
        for (int i = 0; i < n; i++) start[i] = data.StartAt(i);
        var byStop = Order(stratum, stop);
        var bounds = Bounds(stratum, byStop, labels.Count);
        var offset = new double[n];
        if (o.Offset is not null) for (int i = 0; i < n; i++) offset[i] = o.Offset[i];
        return new CoxDesign(n, p)
        {
            X = x, Raw = raw, Center = center, Scale = scale, Stop = stop, Start = start,
            CountingProcess = data.IsCountingProcess, Weight = w, Offset = offset, Event = data.Event.ToArray(),
            Stratum = stratum, StratumLabels = labels, ByStop = byStop,
            ByStart = data.IsCountingProcess ? Order(stratum, start) : byStop, StratumBounds = bounds,
        };
    }

    /// <summary>The covariates multiplied by <see cref="Scale"/>: the working matrix of Newton–Raphson.</summary>
    public double[] ScaledX()
    {
        var xs = new double[X.Length];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < P; j++) xs[i * P + j] = X[i * P + j] * Scale[j];
        return xs;
    }

    private static double[] ReadColumns(IReadOnlyList<IReadOnlyList<double>> columns, IReadOnlyList<string> names, int n)
    {
        int p = columns.Count;
        var raw = new double[n * p];
        for (int j = 0; j < p; j++)
        {
            var c = columns[j] ?? throw new ArgumentNullException(nameof(columns), $"Covariate '{names[j]}' is null.");
            if (c.Count != n) throw new ArgumentException($"Covariate '{names[j]}' has {c.Count} values for {n} rows.", nameof(columns));
            for (int i = 0; i < n; i++)
            {
                double v = c[i];
                if (!double.IsFinite(v)) throw new ArgumentException($"Covariate '{names[j]}' at index {i} is {v}; covariates must be finite (remove rows with missing values first).", nameof(columns));
                raw[i * p + j] = v;
            }
        }
        return raw;
    }

    /// <summary>R <c>coxfit6.c</c>: weighted mean, then scale = Σw / Σ w|x − mean|; columns of −1/0/1 untouched.</summary>
    private static (double[] Center, double[] Scale) CenterAndScale(double[] raw, double[] w, int n, int p)
    {
        var center = new double[p];
        var scale = new double[p];
        double sw = w.Sum();
        for (int j = 0; j < p; j++)
        {
            scale[j] = 1;
            bool zeroOne = true;
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double v = raw[i * p + j];
                if (v != 0 && v != 1 && v != -1) zeroOne = false;
                s += w[i] * v;
            }
            if (zeroOne) continue;
            center[j] = s / sw;
            double a = 0;
            for (int i = 0; i < n; i++) a += w[i] * Math.Abs(raw[i * p + j] - center[j]);
            scale[j] = a > 0 ? sw / a : 1;
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
    private static int[] Order(int[] stratum, double[] key)
    {
        int n = key.Length;
        var idx = Enumerable.Range(0, n).ToArray();
        var neg = new double[n];
        for (int i = 0; i < n; i++) neg[i] = -key[i];
        Array.Sort(neg, idx);
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

    private static int[] Bounds(int[] stratum, int[] order, int count)
    {
        var b = new int[count + 1];
        foreach (var i in order) b[stratum[i] + 1]++;
        for (int s = 0; s < count; s++) b[s + 1] += b[s];
        return b;
    }
}
