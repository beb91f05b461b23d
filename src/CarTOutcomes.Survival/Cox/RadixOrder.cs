namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Row orders by a double key, stable (equal keys keep ascending row order): an LSD radix sort on the key's IEEE-754
/// bits mapped to an unsigned integer of the same order, one byte per pass. Passes in which every key has the same
/// byte are skipped, so times that are small integers or have few digits cost two or three passes. O(n), no
/// comparisons; −0 and +0 are one key. The cancellation token is checked before every pass.
/// </summary>
internal static class RadixOrder
{
    /// <summary>Rows 0…n−1 by <paramref name="key"/> descending, ties by ascending row.</summary>
    public static int[] Descending(ReadOnlySpan<double> key, CancellationToken cancellation = default) =>
        Sort(key, true, cancellation);

    /// <summary>Rows 0…n−1 by <paramref name="key"/> ascending, ties by ascending row.</summary>
    public static int[] Ascending(ReadOnlySpan<double> key, CancellationToken cancellation = default) =>
        Sort(key, false, cancellation);

    /// <summary>The key's bits as an unsigned integer with the order of the doubles (negative numbers flipped).</summary>
    private static ulong Ordered(double v)
    {
        long b = BitConverter.DoubleToInt64Bits(v + 0.0); // −0 + 0 = +0
        return b < 0 ? ~(ulong)b : (ulong)b | 0x8000_0000_0000_0000UL;
    }

    private static int[] Sort(ReadOnlySpan<double> key, bool descending, CancellationToken cancellation)
    {
        int n = key.Length;
        var keys = new ulong[n];
        var idx = new int[n];
        var count = new int[8 * 256];
        for (int i = 0; i < n; i++)
        {
            ulong k = Ordered(key[i]);
            if (descending) k = ~k;
            keys[i] = k;
            idx[i] = i;
            for (int b = 0; b < 8; b++) count[b * 256 + (int)((k >> (8 * b)) & 0xFF)]++;
        }
        if (n < 2) return idx;
        var keys2 = new ulong[n];
        var idx2 = new int[n];
        var next = new int[256];
        for (int b = 0; b < 8; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var c = count.AsSpan(b * 256, 256);
            if (c[(int)((keys[0] >> (8 * b)) & 0xFF)] == n) continue; // every key has this byte
            int sum = 0;
            for (int v = 0; v < 256; v++) { next[v] = sum; sum += c[v]; }
            int shift = 8 * b;
            for (int i = 0; i < n; i++)
            {
                ulong k = keys[i];
                int at = next[(int)((k >> shift) & 0xFF)]++;
                keys2[at] = k;
                idx2[at] = idx[i];
            }
            (keys, keys2) = (keys2, keys);
            (idx, idx2) = (idx2, idx);
        }
        return idx;
    }
}
