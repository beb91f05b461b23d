using System.Runtime.Intrinsics;
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
    /// <summary>Start times by sorted position, for counting-process data; empty for right-censored data (read through <see cref="StartAt"/>).</summary>
    public double[] Start { get; private init; } = [];

    /// <summary>The start of sorted position <paramref name="i"/> (−∞ for right-censored data).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double StartAt(int i) => Start.Length == 0 ? double.NegativeInfinity : Start[i];
    public bool CountingProcess { get; private init; }
    /// <summary>Case weights by sorted position; empty when the data have none (read through <see cref="WeightAt"/>).</summary>
    public double[] Weight { get; private init; } = [];

    /// <summary>The case weight of sorted position <paramref name="i"/> (1 without weights).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double WeightAt(int i) => Weight.Length == 0 ? 1.0 : Weight[i];
    /// <summary>Offsets by sorted position; empty when the data have none (read through <see cref="OffsetAt"/>).</summary>
    public double[] Offset { get; private init; } = [];

    /// <summary>The offset of sorted position <paramref name="i"/> (0 without offsets).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double OffsetAt(int i) => Offset.Length == 0 ? 0 : Offset[i];
    public bool[] Event { get; private init; } = [];
    public int[] Stratum { get; private init; } = [];
    public IReadOnlyList<string> StratumLabels { get; private init; } = [];
    /// <summary>Sorted positions by stratum, then start descending (counting-process data; empty for right-censored data, where nobody leaves a risk set).</summary>
    public int[] ByStart { get; private init; } = [];
    /// <summary>Stratum s occupies sorted positions [StratumBounds[s], StratumBounds[s+1]) (the rows are stored by stratum, then stop descending), and the same stretch of ByStart.</summary>
    public int[] StratumBounds { get; private init; } = [];

    /// <summary>Sorted position k holds data row Original[k]: rows are stored by stratum, then descending stop time, so that the sweeps read memory in order.</summary>
    public int[] Original { get; private init; } = [];

    /// <summary>Cluster label of each data row (data order), or null.</summary>
    public IReadOnlyList<string>? ClusterLabels { get; private init; }

    /// <summary>Subject id of each data row (data order), or null.</summary>
    public IReadOnlyList<string>? Ids { get; private init; }

    /// <summary>A segment (the unit of parallel work of the sweeps) holds at most this many rows.</summary>
    public const int SegmentRows = 4096;

    /// <summary>
    /// Segment k covers sorted positions [Segments[k], Segments[k+1]): runs of equal stop time within a stratum (a
    /// time group), cut every <see cref="SegmentRows"/> rows. Fixed by the data alone, so that sums taken segment by
    /// segment are the same whatever the number of cores. Built for right-censored data only (empty otherwise).
    /// </summary>
    public int[] Segments { get; private init; } = [];

    /// <summary>True where segment k is the first of its time group.</summary>
    public bool[] SegmentStartsGroup { get; private init; } = [];

    public static CoxDesign Create(SurvivalData data, IReadOnlyList<IReadOnlyList<double>> columns,
        IReadOnlyList<string> names, CoxOptions o, CancellationToken cancellation = default)
    {
        int n = data.Count, p = columns.Count;
        var (stratum0, labels) = StrataOf(data.Strata, n);
        var (clusters, ids) = (data.Cluster, data.Ids); // read now: the data are not used past the copy below, so the collector may free them while the covariates are copied
        bool strata = labels.Count > 1;
        var timeArray = data.TimeArray;
        // without strata the radix sort's last pass holds the stop times in order: no gather through the order
        var (order, sortedStop) = strata ? (Order(stratum0, timeArray, cancellation), null)
            : RadixOrder.DescendingWithKeys(timeArray, cancellation);
        var weightArray = data.WeightArray;
        var w = weightArray is null ? [] : new double[n]; // 8 bytes a row saved without case weights
        var stop = sortedStop ?? new double[n];
        bool counting = data.IsCountingProcess;
        var start = counting ? new double[n] : []; // 8 bytes a row saved for right-censored data
        var evt = new bool[n];
        var stratum = new int[n]; // all zero without strata
        var offset = data.Offset is null ? [] : new double[n]; // 8 bytes a row saved when there is no offset
        // a copy into sorted order, in blocks on all cores; the first bad weight in sorted order is reported, as before
        const int block = 1 << 16;
        var badWeight = new int[(n + block - 1) / block];
        Array.Fill(badWeight, int.MaxValue);
        var eventArray = data.EventArray;
        var startArray = data.StartArray;
        var offsets = data.Offset;
        CoxParallelism.For(badWeight.Length, b =>
        {
            int end = Math.Min(n, (b + 1) * block);
            for (int k = b * block; k < end; k++)
            {
                int i = order[k];
                if (weightArray is not null)
                {
                    w[k] = weightArray[i];
                    if (!(w[k] > 0) && badWeight[b] == int.MaxValue) badWeight[b] = k;
                }
                if (sortedStop is null) stop[k] = timeArray[i];
                if (counting) start[k] = startArray![i];
                evt[k] = eventArray[i];
                if (strata) stratum[k] = stratum0[i];
                if (offsets is not null) offset[k] = offsets[i];
            }
        });
        int bad = badWeight.Min();
        if (bad < n) throw new ArgumentException($"Weight at index {order[bad]} is {w[bad]}; coxph requires weights > 0.", nameof(data));
        // the copy's closure shares its captured variables with the rest of this method: let go of the data's arrays,
        // so that the collector may free them (9 bytes a row) while the covariates are copied below
        (timeArray, eventArray, startArray, weightArray, offsets, stratum0) = (null!, null!, null, null, null, null!);
        cancellation.ThrowIfCancellationRequested();
        var values = ReadColumns(columns, names, n);
        var (center, scale) = CenterAndScale(values, names, w, order);
        if (IsLarge(n, p)) CollectGarbage(); // the sort's scratch (24 bytes a row) goes back before the largest allocation
        var x = Transpose(values, center, order);
        var (segments, startsGroup) = counting ? ([], []) : SegmentsOf(stop, stratum);
        return new CoxDesign(n, p)
        {
            X = x, Center = center, Scale = scale, Stop = stop, Start = start,
            CountingProcess = counting, Weight = w, Offset = offset, Event = evt,
            ClusterLabels = clusters, Ids = ids,
            Stratum = stratum, StratumLabels = labels, Original = order,
            ByStart = counting ? Order(stratum, start, cancellation) : [], // right-censored: nobody leaves
            StratumBounds = Bounds(stratum, labels.Count),
            Segments = segments, SegmentStartsGroup = startsGroup,
        };
    }

    /// <summary>Designs of at least 2^23 values (64 MB: 10^6 rows of 8 covariates).</summary>
    public static bool IsLarge(int n, int p) => (long)n * p >= 1L << 23;

    /// <summary>
    /// A full blocking collection, for large designs only, at the two points where a fit has just made much garbage
    /// and is about to allocate again: before the sorted copy of the covariates (the sort's scratch is dead) and after
    /// the design (the caller's columns are dead if the caller let go of them, as the command line does). Left to
    /// itself the collector lets dead large arrays wait, and the process holds both: on 10^6 rows and 10 covariates
    /// the `cox` command's peak resident set was 264-280 MB with and 245-256 MB without the wait (issue #18). Each
    /// collection takes a few milliseconds: the heap is a few dozen large arrays.
    /// </summary>
    public static void CollectGarbage() => GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>
    /// x[k·p + j] = column j at row order[k], minus its center. Written as a scatter: data rows are read in order (ten
    /// streams read sequentially) and each goes whole to its sorted position (one or two cache lines written), rather
    /// than gathering p values per sorted row from p random places. Blocks of rows are filled in parallel (a copy, no
    /// arithmetic across rows, so the same doubles on any number of cores).
    /// </summary>
    private static double[] Transpose(double[][] values, double[] center, int[] order)
    {
        int n = order.Length, p = values.Length;
        var position = new int[n];
        for (int k = 0; k < n; k++) position[order[k]] = k;
        var x = new double[n * p];
        const int block = 1 << 15;
        CoxParallelism.For((n + block - 1) / block, b =>
        {
            int end = Math.Min(n, (b + 1) * block);
            for (int i = b * block; i < end; i++)
            {
                var row = x.AsSpan(position[i] * p, p);
                for (int j = 0; j < row.Length; j++) row[j] = values[j][i] - center[j];
            }
        });
        return x;
    }

    /// <summary>Time groups (equal stratum and stop) cut into segments of at most <see cref="SegmentRows"/> rows.</summary>
    private static (int[] Segments, bool[] StartsGroup) SegmentsOf(double[] stop, int[] stratum)
    {
        var segments = new List<int>();
        var startsGroup = new List<bool>();
        int n = stop.Length, inSegment = 0;
        for (int k = 0; k < n; k++)
        {
            bool newGroup = k == 0 || stop[k] != stop[k - 1] || stratum[k] != stratum[k - 1];
            if (newGroup || inSegment == SegmentRows)
            {
                segments.Add(k);
                startsGroup.Add(newGroup);
                inSegment = 0;
            }
            inSegment++;
        }
        segments.Add(n);
        return (segments.ToArray(), startsGroup.ToArray());
    }

    /// <summary>Maps values by sorted position back to data-row order.</summary>
    public T[] ToDataOrder<T>(T[] bySorted)
    {
        var r = new T[N];
        for (int k = 0; k < N; k++) r[Original[k]] = bySorted[k];
        return r;
    }

    /// <summary>η_i = offset_i + βᵀx_i (centered covariates).</summary>
    /// <param name="beta">Coefficients on the scale of the stored covariates.</param>
    /// <param name="into">Optional array of at least n values to write into (else a new one).</param>
    public double[] LinearPredictors(double[] beta, double[]? into = null)
    {
        var lp = into ?? new double[N];
        const int block = 1 << 16;
        CoxParallelism.For((N + block - 1) / block, b =>
        {
            int end = Math.Min(N, (b + 1) * block);
            for (int i = b * block; i < end; i++)
            {
                double eta = OffsetAt(i);
                for (int j = 0; j < P; j++) eta += beta[j] * X[i * P + j];
                lp[i] = eta;
            }
        });
        return lp;
    }

    private static double[][] ReadColumns(IReadOnlyList<IReadOnlyList<double>> columns, IReadOnlyList<string> names, int n)
    {
        var values = new double[columns.Count][];
        for (int j = 0; j < columns.Count; j++)
        {
            var c = columns[j] ?? throw new ArgumentNullException(nameof(columns), $"Covariate '{names[j]}' is null.");
            if (c.Count != n) throw new ArgumentException($"Covariate '{names[j]}' has {c.Count} values for {n} rows.", nameof(columns));
            values[j] = c as double[] ?? c.ToArray(); // finite values are checked by CenterAndScale's pass
        }
        return values;
    }

    /// <summary>R <c>coxfit6.c</c>: weighted mean, then scale = Σw / Σ w|x − mean|; columns of −1/0/1 untouched.
    /// <paramref name="wSorted"/> is by sorted position, <paramref name="order"/> maps positions to rows.</summary>
    private static (double[] Center, double[] Scale) CenterAndScale(double[][] values, IReadOnlyList<string> names, double[] wSorted, int[] order)
    {
        int p = values.Length, n = order.Length;
        double[]? w = null; // weights in data order; null without case weights (all 1)
        if (wSorted.Length > 0)
        {
            w = new double[n];
            for (int k = 0; k < n; k++) w[order[k]] = wSorted[k];
        }
        double sw = w?.Sum() ?? n;
        var center = new double[p];
        var scale = new double[p];
        var notFinite = new int[p]; // the first index of a value that is not finite, by column; −1 for none
        // each column is summed by one thread, in a fixed order (ColumnSums): the same doubles on any number of cores
        CoxParallelism.For(p, j =>
        {
            var v = values[j];
            var (sum, zeroOne, finite) = ColumnSums(v, w);
            notFinite[j] = finite ? -1 : Array.FindIndex(v, x => !double.IsFinite(x));
            scale[j] = 1;
            if (!finite || zeroOne) return;
            center[j] = sum / sw;
            double abs = AbsoluteDeviations(v, w, center[j]);
            scale[j] = abs > 0 ? sw / abs : 1;
        });
        for (int j = 0; j < p; j++)
            if (notFinite[j] >= 0)
                throw new ArgumentException($"Covariate '{names[j]}' at index {notFinite[j]} is {values[j][notFinite[j]]}; covariates must be finite (remove rows with missing values first).", "columns");
        return (center, scale);
    }

    /// <summary>
    /// Σ w x over a column (w = 1 without weights), whether every value is −1, 0 or 1, and whether every value is
    /// finite: four rows to a vector in two independent chains (a sum in row order waits on each addition), the chains
    /// and lanes added in a fixed order at the end, the last rows one by one.
    /// </summary>
    private static (double Sum, bool ZeroOne, bool Finite) ColumnSums(double[] v, double[]? w)
    {
        int n = v.Length, nv = n & ~7;
        var s0 = Vector256<double>.Zero;
        var s1 = s0;
        var zeroOne = Vector256<double>.AllBitsSet;
        var finite = Vector256<double>.AllBitsSet;
        var one = Vector256.Create(1.0);
        ref double vr = ref v[0];
        for (nuint i = 0; i < (nuint)nv; i += 8)
        {
            var a = Vector256.LoadUnsafe(ref vr, i);
            var b = Vector256.LoadUnsafe(ref vr, i + 4);
            var aa = Vector256.Abs(a);
            var ab = Vector256.Abs(b);
            zeroOne &= (Vector256.Equals(aa, Vector256<double>.Zero) | Vector256.Equals(aa, one))
                & (Vector256.Equals(ab, Vector256<double>.Zero) | Vector256.Equals(ab, one));
            finite &= Vector256.Equals(a - a, Vector256<double>.Zero) & Vector256.Equals(b - b, Vector256<double>.Zero); // x − x is NaN for ±∞ and NaN
            if (w is null) { s0 += a; s1 += b; }
            else
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w[0], i), a, s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w[0], i + 4), b, s1);
            }
        }
        var s = s0 + s1;
        double sum = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        // masks: every lane's sign bit set when every comparison held (== on doubles would read all-ones as NaN)
        bool isZeroOne = zeroOne.ExtractMostSignificantBits() == 0xF, isFinite = finite.ExtractMostSignificantBits() == 0xF;
        for (int i = nv; i < n; i++)
        {
            if (v[i] != 0 && v[i] != 1 && v[i] != -1) isZeroOne = false;
            isFinite &= double.IsFinite(v[i]);
            sum += (w is null ? 1.0 : w[i]) * v[i];
        }
        return (sum, isZeroOne, isFinite);
    }

    /// <summary>Σ w |x − c| over a column, in the fixed order of <see cref="ColumnSums"/>.</summary>
    private static double AbsoluteDeviations(double[] v, double[]? w, double c)
    {
        int n = v.Length, nv = n & ~7;
        var s0 = Vector256<double>.Zero;
        var s1 = s0;
        var cv = Vector256.Create(c);
        ref double vr = ref v[0];
        for (nuint i = 0; i < (nuint)nv; i += 8)
        {
            var a = Vector256.Abs(Vector256.LoadUnsafe(ref vr, i) - cv);
            var b = Vector256.Abs(Vector256.LoadUnsafe(ref vr, i + 4) - cv);
            if (w is null) { s0 += a; s1 += b; }
            else
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w[0], i), a, s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w[0], i + 4), b, s1);
            }
        }
        var s = s0 + s1;
        double sum = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        for (int i = nv; i < n; i++) sum += (w is null ? 1.0 : w[i]) * Math.Abs(v[i] - c);
        return sum;
    }

    private static (int[] Stratum, IReadOnlyList<string> Labels) StrataOf(IReadOnlyList<string>? strata, int n)
    {
        if (strata is null) return ([], [""]); // one stratum: no per-row array (Create reads it only with two or more)
        var s = new int[n];
        var levels = GroupLevels.Order(strata);
        var index = levels.Select((l, k) => (l, k)).ToDictionary(t => t.l, t => t.k, StringComparer.Ordinal);
        for (int i = 0; i < n; i++) s[i] = index[strata[i]];
        return (s, levels);
    }

    /// <summary>
    /// Row indices by stratum, then <paramref name="key"/> descending, ties by row index: a stable radix sort on the
    /// key (<see cref="RadixOrder"/>), then a stable counting sort on stratum. Cancellable between passes.
    /// </summary>
    private static int[] Order(int[] stratum, ReadOnlySpan<double> key, CancellationToken cancellation)
    {
        int n = key.Length;
        var idx = RadixOrder.Descending(key, cancellation);
        int count = 0;
        foreach (var s in stratum) if (s + 1 > count) count = s + 1;
        if (count <= 1) return idx;
        cancellation.ThrowIfCancellationRequested();
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
