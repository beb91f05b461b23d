namespace CarTOutcomes.Survival.Comparisons;

/// <summary>Summary of a continuous variable (R: <c>quantile(x, type = 7, na.rm = TRUE)</c>, <c>mean</c>, <c>sd</c>, <c>sum(is.na(x))</c>).</summary>
public sealed class ContinuousSummary
{
    private readonly double[] _sorted;

    internal ContinuousSummary(double[] sorted, int missing)
    {
        _sorted = sorted;
        Missing = missing;
        N = sorted.Length;
        Mean = N == 0 ? double.NaN : sorted.Average();
        StandardDeviation = N < 2 ? double.NaN : Math.Sqrt(sorted.Sum(v => (v - Mean) * (v - Mean)) / (N - 1));
    }

    /// <summary>Number of non-missing values.</summary>
    public int N { get; }

    /// <summary>Number of missing values (null or NaN).</summary>
    public int Missing { get; }

    /// <summary>Arithmetic mean; NaN when there are no values.</summary>
    public double Mean { get; }

    /// <summary>Sample standard deviation (denominator n − 1, R's <c>sd</c>); NaN with fewer than 2 values.</summary>
    public double StandardDeviation { get; }

    /// <summary>Smallest value (NaN if none).</summary>
    public double Min => N == 0 ? double.NaN : _sorted[0];

    /// <summary>Largest value (NaN if none).</summary>
    public double Max => N == 0 ? double.NaN : _sorted[^1];

    /// <summary>Median (type 7 at p = 0.5, i.e. the usual median).</summary>
    public double Median => Quantile(0.5);

    /// <summary>First quartile, R type 7.</summary>
    public double FirstQuartile => Quantile(0.25);

    /// <summary>Third quartile, R type 7.</summary>
    public double ThirdQuartile => Quantile(0.75);

    /// <summary>The p-quantile, R type 7 (R's default).</summary>
    public double Quantile(double p) => Descriptive.Quantile(_sorted, p);

    /// <summary>The non-missing values in ascending order.</summary>
    public IReadOnlyList<double> Sorted => _sorted;
}
