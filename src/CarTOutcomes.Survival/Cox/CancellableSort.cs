namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Sorts keys with their items as <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> does, checking a
/// cancellation token between blocks: sorting 10^7 rows takes about a second, which is too long to ignore Ctrl+C.
/// </summary>
/// <remarks>
/// Arrays of at most <see cref="Block"/> keys are sorted in one call. Longer ones are sorted block by block, then
/// merged pairwise, bottom up (each pass is one linear merge; the token is checked before every block sorted and
/// every pair merged). The order of equal keys is not defined, as with Array.Sort; callers that need it fix it.
/// </remarks>
internal static class CancellableSort
{
    /// <summary>Keys sorted in one call: about 0.1 s of work.</summary>
    internal const int Block = 1 << 20;

    public static void Sort(double[] keys, int[] items, CancellationToken cancellationToken)
    {
        int n = keys.Length;
        if (n <= Block || !cancellationToken.CanBeCanceled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Sort(keys, items);
            return;
        }
        for (int a = 0; a < n; a += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Sort(keys, items, a, Math.Min(Block, n - a));
        }
        var k2 = new double[n];
        var i2 = new int[n];
        double[] kFrom = keys, kTo = k2;
        int[] iFrom = items, iTo = i2;
        for (int width = Block; width < n; width *= 2)
        {
            for (int lo = 0; lo < n; lo += 2 * width)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int mid = Math.Min(lo + width, n), hi = Math.Min(lo + 2 * width, n);
                Merge(kFrom, iFrom, kTo, iTo, lo, mid, hi);
            }
            (kFrom, kTo) = (kTo, kFrom);
            (iFrom, iTo) = (iTo, iFrom);
        }
        if (!ReferenceEquals(kFrom, keys))
        {
            Array.Copy(kFrom, keys, n);
            Array.Copy(iFrom, items, n);
        }
    }

    private static void Merge(double[] k, int[] it, double[] kOut, int[] iOut, int lo, int mid, int hi)
    {
        int a = lo, b = mid, o = lo;
        while (a < mid && b < hi)
        {
            if (k[b] < k[a]) { kOut[o] = k[b]; iOut[o++] = it[b++]; }
            else { kOut[o] = k[a]; iOut[o++] = it[a++]; }
        }
        while (a < mid) { kOut[o] = k[a]; iOut[o++] = it[a++]; }
        while (b < hi) { kOut[o] = k[b]; iOut[o++] = it[b++]; }
    }
}
