namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Row orders by a double key, stable (equal keys keep ascending row order): an LSD radix sort on the key's IEEE-754
/// bits mapped to an unsigned integer of the same order, one byte per pass (a byte gave 36 ms for 10^6 continuous keys here, 11 bits 61 ms). Passes over bits
/// in which no two keys differ are skipped (found by one pass that ORs every key's difference from the first), so
/// times that are small integers or have few digits cost two passes. O(n), no comparisons; −0 and +0 are one key. The
/// cancellation token is checked before every pass.
/// </summary>
internal static class RadixOrder
{
    private const int Bits = 8, Buckets = 1 << Bits, Passes = 64 / Bits;

    /// <summary>Rows 0…n−1 by <paramref name="key"/> descending, ties by ascending row.</summary>
    public static int[] Descending(ReadOnlySpan<double> key, CancellationToken cancellation = default) =>
        Sort(key, true, cancellation).Order;

    /// <summary>
    /// Rows 0…n−1 by <paramref name="key"/> descending, ties by ascending row, and the keys in that order (−0 read as
    /// +0): the sort's last pass already holds them, so no gather through the order is needed.
    /// </summary>
    public static (int[] Order, double[] Sorted) DescendingWithKeys(ReadOnlySpan<double> key, CancellationToken cancellation = default)
    {
        var (order, mapped) = Sort(key, true, cancellation);
        var sorted = new double[mapped.Length];
        for (int k = 0; k < mapped.Length; k++) sorted[k] = Value(~mapped[k]);
        return (order, sorted);
    }

    /// <summary>Rows 0…n−1 by <paramref name="key"/> ascending, ties by ascending row.</summary>
    public static int[] Ascending(ReadOnlySpan<double> key, CancellationToken cancellation = default) =>
        Sort(key, false, cancellation).Order;

    /// <summary>
    /// Dense ranks of <paramref name="key"/> ascending: 0 for the smallest value, equal values share a rank, and the
    /// next larger value has the next rank. Returns the ranks by row and the number of distinct values.
    /// </summary>
    public static (int[] Rank, int Distinct) DenseRanks(ReadOnlySpan<double> key, CancellationToken cancellation = default)
    {
        if (key.Length >= BucketMinimum && BucketRanks(key, cancellation) is { } spread) return spread;
        return RadixRanks(key, cancellation);
    }

    /// <summary><see cref="DenseRanks"/> by the radix sort.</summary>
    internal static (int[] Rank, int Distinct) RadixRanks(ReadOnlySpan<double> key, CancellationToken cancellation = default)
    {
        var (order, sorted) = Sort(key, false, cancellation);
        var rank = new int[key.Length];
        int m = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (k > 0 && sorted[k] != sorted[k - 1]) m++; // the mapped bits are equal exactly when the doubles are
            rank[order[k]] = m;
        }
        return (rank, order.Length == 0 ? 0 : m + 1);
    }

    /// <summary>Keys from which <see cref="DenseRanks"/> tries buckets first.</summary>
    internal const int BucketMinimum = 1 << 12;

    /// <summary>The most keys a bucket may hold before <see cref="BucketRanks"/> gives way to the radix sort.</summary>
    private const int BucketLimit = 128;

    /// <summary>
    /// Dense ranks by one bucket pass, for keys spread evenly enough (the linear predictors of a fit): key v goes to
    /// bucket ⌊(v − min)·(B − 1)/(max − min)⌋ of B ≈ n/4, a map that never decreases (a rounded subtraction, a
    /// product with a positive number and a truncation each keep the order of their arguments, ties included), so
    /// the buckets in order hold the keys in order, and equal keys share one. Each bucket is then put in order by
    /// insertion. Two passes over the keys and one scatter, against a radix sort's eight, for continuous keys; null
    /// (use the radix sort) when a key is not finite, or when some bucket holds more than <see cref="BucketLimit"/>
    /// keys (few distinct values, or a far outlier that crowds the rest into a few buckets).
    /// </summary>
    internal static (int[] Rank, int Distinct)? BucketRanks(ReadOnlySpan<double> key, CancellationToken cancellation = default)
    {
        int n = key.Length;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in key)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        double range = max - min;
        if (!double.IsFinite(range) || !(range > 0)) return null; // not finite (or NaN), or a single value: the radix sort
        int buckets = n / 4;
        double scale = (buckets - 1) / range;
        if (!double.IsFinite(scale)) return null;
        var start = new int[buckets + 1];
        foreach (var v in key)
        {
            if (double.IsNaN(v)) return null;
            start[Bucket(v, min, scale, buckets) + 1]++;
        }
        for (int b = 0; b < buckets; b++)
        {
            if (start[b + 1] > BucketLimit) return null;
            start[b + 1] += start[b];
        }
        cancellation.ThrowIfCancellationRequested();
        var values = new double[n];
        var rows = new int[n];
        var next = start.AsSpan(0, buckets).ToArray();
        for (int i = 0; i < n; i++)
        {
            int at = next[Bucket(key[i], min, scale, buckets)]++;
            values[at] = key[i];
            rows[at] = i;
        }
        var rank = new int[n];
        int m = -1;
        for (int b = 0; b < buckets; b++)
        {
            int from = start[b], to = start[b + 1];
            for (int k = from + 1; k < to; k++) // insertion sort by value (rows follow; their order among ties is irrelevant)
            {
                double v = values[k];
                int r = rows[k], j = k - 1;
                for (; j >= from && values[j] > v; j--) { values[j + 1] = values[j]; rows[j + 1] = rows[j]; }
                values[j + 1] = v;
                rows[j + 1] = r;
            }
            for (int k = from; k < to; k++)
            {
                if (k == 0 || values[k] != values[k - 1]) m++; // −0 and +0 are one value
                rank[rows[k]] = m;
            }
        }
        return (rank, m + 1);
    }

    private static int Bucket(double v, double min, double scale, int buckets) => Math.Min((int)((v - min) * scale), buckets - 1);

    /// <summary>The key's bits as an unsigned integer with the order of the doubles (negative numbers flipped).</summary>
    private static ulong Ordered(double v)
    {
        long b = BitConverter.DoubleToInt64Bits(v + 0.0); // −0 + 0 = +0
        return b < 0 ? ~(ulong)b : (ulong)b | 0x8000_0000_0000_0000UL;
    }

    /// <summary>The inverse of <see cref="Ordered"/>.</summary>
    private static double Value(ulong u) =>
        BitConverter.Int64BitsToDouble((u & 0x8000_0000_0000_0000UL) != 0 ? (long)(u ^ 0x8000_0000_0000_0000UL) : (long)~u);

    /// <summary>The order, and the mapped keys in that order.</summary>
    private static (int[] Order, ulong[] Sorted) Sort(ReadOnlySpan<double> key, bool descending, CancellationToken cancellation)
    {
        int n = key.Length;
        var keys = new ulong[n];
        var idx = new int[n];
        ulong first = n == 0 ? 0 : Ordered(key[0]) ^ (descending ? ulong.MaxValue : 0), differ = 0;
        for (int i = 0; i < n; i++)
        {
            ulong k = Ordered(key[i]);
            if (descending) k = ~k;
            keys[i] = k;
            idx[i] = i;
            differ |= k ^ first;
        }
        if (n < 2 || differ == 0) return (idx, keys);
        // the passes that are needed, and their histograms in one more pass
        Span<int> shifts = stackalloc int[Passes];
        int passes = 0;
        for (int b = 0; b < Passes; b++)
            if (((differ >> (b * Bits)) & (ulong)(Buckets - 1)) != 0) shifts[passes++] = b * Bits;
        var count = new int[passes * Buckets];
        for (int i = 0; i < n; i++)
        {
            ulong k = keys[i];
            for (int q = 0; q < passes; q++) count[q * Buckets + (int)((k >> shifts[q]) & (ulong)(Buckets - 1))]++;
        }
        var keys2 = new ulong[n];
        var idx2 = new int[n];
        var next = new int[Buckets];
        for (int q = 0; q < passes; q++)
        {
            cancellation.ThrowIfCancellationRequested();
            var c = count.AsSpan(q * Buckets, Buckets);
            int sum = 0;
            for (int v = 0; v < Buckets; v++) { next[v] = sum; sum += c[v]; }
            int shift = shifts[q];
            for (int i = 0; i < n; i++)
            {
                ulong k = keys[i];
                int at = next[(int)((k >> shift) & (ulong)(Buckets - 1))]++;
                keys2[at] = k;
                idx2[at] = idx[i];
            }
            (keys, keys2) = (keys2, keys);
            (idx, idx2) = (idx2, idx);
        }
        return (idx, keys);
    }
}
