namespace CarTOutcomes.Survival.Estimators;

/// <summary>
/// Reads a quantile off a step curve as R's <c>quantile.survfit</c> (its helper <c>findq</c>) does: the quantile for
/// probability p is where a horizontal line at p meets the cumulative distribution 1 − S. When the curve is flat at
/// exactly p (within tolerance sqrt(machine epsilon)) the quantile is the midpoint of that flat stretch, i.e. of the
/// time the level is reached and the next jump; a flat at the end of the curve runs to the last time.
/// </summary>
internal static class QuantileFinder
{
    private static readonly double Tolerance = Math.Sqrt(2.220446049250313e-16);

    /// <param name="time">Curve times, ascending.</param>
    /// <param name="survival">Curve values (survival or a confidence limit); NaN marks NA.</param>
    /// <param name="p">The probability.</param>
    /// <param name="origin">The time reported for p = 0 (R: <c>start.time</c>, else 0).</param>
    public static double Find(double[] time, double[] survival, double p, double origin)
    {
        int m = time.Length;
        var x = new List<double>(m + 1) { origin };
        var y = new List<double>(m + 1) { 0.0 };
        for (int i = 0; i < m; i++) { x.Add(time[i]); y.Add(1 - survival[i]); }
        double xmax = x[^1];

        double max = double.NegativeInfinity;
        foreach (var v in y) if (!double.IsNaN(v)) max = Math.Max(max, v);
        if (max < p) return double.NaN;

        // Drop repeated y values (censoring times), keeping the first; NA repeats count as duplicates too (R duplicated()).
        var ux = new List<double>();
        var uy = new List<double>();
        var seen = new HashSet<double>();
        bool seenNaN = false;
        for (int i = 0; i < y.Count; i++)
        {
            if (double.IsNaN(y[i])) { if (seenNaN) continue; seenNaN = true; }
            else if (!seen.Add(y[i])) continue;
            ux.Add(x[i]);
            uy.Add(y[i]);
        }
        int n = uy.Count;

        if (p == 0) return ux[0];
        int i1 = ConstantRightIndex(uy, Tolerance, p);
        int i2 = ConstantRightIndex(uy, -Tolerance, p);
        double quant = i1 < 0 || i2 < 0 ? double.NaN : (ux[i1] + ux[i2]) / 2;
        if (!double.IsNaN(uy[n - 1]) && Math.Abs(p - uy[n - 1]) < Tolerance)
            quant = i1 < 0 ? double.NaN : (ux[i1] + xmax) / 2;
        return quant;
    }

    /// <summary>
    /// R's <c>approx(y + shift, 1:n, p, method = "constant", f = 1)$y</c>: the index of the smallest knot ≥ p
    /// (NA pairs removed; outside the range of the knots the answer is NA, returned as −1).
    /// </summary>
    private static int ConstantRightIndex(List<double> y, double shift, double p)
    {
        var knots = new List<(double X, int Index)>(y.Count);
        for (int i = 0; i < y.Count; i++)
            if (!double.IsNaN(y[i])) knots.Add((y[i] + shift, i));
        if (knots.Count == 0) return -1;
        knots.Sort((a, b) => a.X.CompareTo(b.X));
        if (p < knots[0].X || p > knots[^1].X) return -1;
        foreach (var k in knots)
            if (k.X >= p) return k.Index;
        return -1;
    }
}
