namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Descriptive summaries for baseline tables. Missing values (null or NaN, R's NA) are counted and reported,
/// never silently dropped; the statistics are computed on the values present (R: <c>na.rm = TRUE</c>).
/// </summary>
public static class Descriptive
{
    /// <summary>Summarizes a continuous variable: n, missing, mean, SD, min, quartiles (R type 7), max.</summary>
    public static ContinuousSummary Summarize(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = new List<double>();
        int missing = 0;
        foreach (var v in values)
        {
            if (v is null || double.IsNaN(v.Value)) missing++;
            else if (double.IsInfinity(v.Value)) throw new ArgumentException($"Value {present.Count + missing} is {v}; only finite values or missing are allowed.", nameof(values));
            else present.Add(v.Value);
        }
        var sorted = present.ToArray();
        Array.Sort(sorted);
        return new ContinuousSummary(sorted, missing);
    }

    /// <summary>Summarizes a continuous variable whose missing values are NaN.</summary>
    public static ContinuousSummary Summarize(IEnumerable<double> values) => Summarize(values.Select(v => (double?)v));

    /// <summary>
    /// Counts of a categorical variable. Percentages are of the non-missing values (as R's <c>prop.table(table(x))</c>);
    /// null is missing. Levels are in <paramref name="levels"/> order (zero counts kept) or, if omitted, in order of first appearance.
    /// </summary>
    public static CategoricalSummary Count(IEnumerable<string?> values, IReadOnlyList<string>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var order = levels?.ToList() ?? list.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        var counts = order.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        int missing = 0;
        for (int i = 0; i < list.Count; i++)
        {
            var v = list[i];
            if (v is null) missing++;
            else if (counts.ContainsKey(v)) counts[v]++;
            else throw new ArgumentException($"Value {i} ('{v}') is not among the levels {string.Join(", ", order)}.", nameof(values));
        }
        return new CategoricalSummary(order, order.Select(l => counts[l]).ToArray(), missing);
    }

    /// <summary>
    /// R's default quantile (type 7) of sorted values: with h = (n − 1)p, lo = ⌊h⌋ (0-based) and f = h − lo,
    /// Q = (1 − f)·x[lo] + f·x[lo + 1], written in that form as R's <c>quantile.default</c> does so that results agree
    /// to the last bit. NaN for an empty sample.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie in [0, 1].");
        if (sorted.Count == 0) return double.NaN;
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        double f = h - lo;
        if (f == 0 || sorted[lo + 1] == sorted[lo]) return sorted[lo];
        return (1 - f) * sorted[lo] + f * sorted[lo + 1];
    }

    internal static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
