namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// How many cores a Cox fit may use: all of them (<see cref="Environment.ProcessorCount"/>) unless a caller on this
/// logical thread set a limit with <see cref="Limit"/> (tests use it to compare one core with two).
/// </summary>
/// <remarks>
/// The parallel parts of a fit are arranged so that their results do not depend on this number: work is cut into
/// pieces fixed by the data alone (time groups and segments of at most <see cref="CoxDesign.SegmentRows"/> rows), each
/// piece is summed in row order by one thread, and the pieces are combined in a fixed order by one thread. A fit on one
/// core and on two therefore gives the same doubles, bit for bit.
/// </remarks>
internal static class CoxParallelism
{
    private static readonly AsyncLocal<int?> Override = new();

    /// <summary>The degree of parallelism in force (at least 1).</summary>
    public static int Degree => Math.Max(1, Override.Value ?? Environment.ProcessorCount);

    /// <summary>Limits the fits run on this logical thread to <paramref name="degree"/> cores until disposed.</summary>
    public static IDisposable Limit(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        var previous = Override.Value;
        Override.Value = degree;
        return new Restore(previous);
    }

    /// <summary>Runs <paramref name="body"/>(part) for part = 0 … parts−1, on up to <see cref="Degree"/> threads.</summary>
    public static void For(int parts, Action<int> body)
    {
        int degree = Degree;
        if (parts <= 1 || degree <= 1)
        {
            for (int k = 0; k < parts; k++) body(k);
            return;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = degree }, body);
    }

    private sealed class Restore(int? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
