namespace CarTOutcomes.Survival.Comparisons;

/// <summary>The result of <see cref="ChiSquare.Test"/> (R: the <c>htest</c> object of <c>chisq.test</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class ChiSquareResult
{
    private readonly double[,] _expected;

    internal ChiSquareResult(double statistic, int degreesOfFreedom, double pValue, bool yatesApplied, double[,] expected, double minExpected)
    {
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
        YatesApplied = yatesApplied;
        _expected = expected;
        MinimumExpected = minExpected;
    }

    /// <summary>X-squared (R: <c>statistic</c>).</summary>
    public double Statistic { get; }

    /// <summary>Degrees of freedom (r − 1)(c − 1) (R: <c>parameter</c>).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail chi-square probability (R: <c>p.value</c>).</summary>
    public double PValue { get; }

    /// <summary>True when Yates' correction was applied and non-zero (R's method then reads "with Yates' continuity correction").</summary>
    public bool YatesApplied { get; }

    /// <summary>The smallest expected count; below 5 R warns "Chi-squared approximation may be incorrect".</summary>
    public double MinimumExpected { get; }

    /// <summary>True when some expected count is below 5 (R's warning condition).</summary>
    public bool ApproximationMayBeIncorrect => MinimumExpected < 5;

    /// <summary>The expected count of cell (row, column) under independence (R: <c>expected</c>).</summary>
    public double Expected(int row, int column) => _expected[row, column];
}
