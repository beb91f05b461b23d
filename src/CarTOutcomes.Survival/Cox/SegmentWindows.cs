namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// The pipeline shared by the parallel sweeps of right-censored data (<see cref="GroupedSweep"/>,
/// <see cref="GramLikelihood"/>): the segments of <see cref="CoxDesign.Segments"/> are taken in windows of
/// <see cref="Size"/>; a window's segment sums are computed on all cores (each segment by one thread, in row order), and
/// the caller scans the windows in order on one thread while the next window is summed on the other cores. Segments
/// are fixed by the data and the scan is sequential, so the results do not depend on the number of cores.
/// </summary>
internal static class SegmentWindows
{
    /// <summary>Segments per window.</summary>
    public const int Size = 1024;

    /// <summary>
    /// The windows in order, each with its buffer of segment sums (<paramref name="stride"/> values a segment) filled by
    /// <paramref name="sum"/>(window, buffer). The buffer of a window is valid until the next one is handed out.
    /// </summary>
    public static IEnumerable<(int Window, double[] Buffer)> Summed(CoxDesign d, int stride, Action<int, double[]> sum)
    {
        int segments = d.Segments.Length - 1;
        int windows = (segments + Size - 1) / Size;
        int bufferSegments = Math.Min(segments, Size);
        var buffers = new[] { new double[bufferSegments * stride], new double[bufferSegments * stride] };
        bool overlap = CoxParallelism.Degree > 1 && windows > 1;
        if (windows > 0) sum(0, buffers[0]);
        for (int w = 0; w < windows; w++)
        {
            int nw = w + 1;
            Task? next = overlap && nw < windows ? Task.Run(() => sum(nw, buffers[nw % 2])) : null;
            try
            {
                yield return (w, buffers[w % 2]);
            }
            finally
            {
                next?.GetAwaiter().GetResult();
            }
            if (!overlap && nw < windows) sum(nw, buffers[nw % 2]);
        }
    }

    /// <summary>The segments of window <paramref name="w"/>: [first, last).</summary>
    public static (int First, int Last) Range(CoxDesign d, int w) =>
        (w * Size, Math.Min(d.Segments.Length - 1, (w + 1) * Size));

    /// <summary>
    /// Calls <paramref name="segment"/>(s) for every segment s of window <paramref name="w"/>, in parallel over parts
    /// of about equal row counts; each segment is handled by one thread.
    /// </summary>
    public static void ForEachSegment(CoxDesign d, int w, Action<int> segment)
    {
        var (first, last) = Range(d, w);
        int degree = CoxParallelism.Degree;
        int parts = degree == 1 ? 1 : Math.Min(last - first, 4 * degree);
        int rowFirst = d.Segments[first], rows = d.Segments[last] - rowFirst;
        CoxParallelism.For(parts, q =>
        {
            // segments whose first row falls in this part's share of the rows
            int from = FirstSegmentAtOrAfter(d.Segments, first, last, rowFirst + (int)((long)rows * q / parts));
            int to = q == parts - 1 ? last : FirstSegmentAtOrAfter(d.Segments, first, last, rowFirst + (int)((long)rows * (q + 1) / parts));
            for (int s = from; s < to; s++) segment(s);
        });
    }

    private static int FirstSegmentAtOrAfter(int[] segments, int first, int last, int row)
    {
        int lo = first, hi = last;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (segments[mid] < row) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
