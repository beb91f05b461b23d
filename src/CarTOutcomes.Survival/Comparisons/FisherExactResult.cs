namespace CarTOutcomes.Survival.Comparisons;

/// <summary>The result of <see cref="FisherExact.Test"/> (R: the <c>htest</c> object of <c>fisher.test</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class FisherExactResult
{
    internal FisherExactResult(double pValue, Alternative alternative, int rows, int columns, double? oddsRatio,
        ConfidenceInterval? oddsRatioInterval)
    {
        PValue = pValue;
        Alternative = alternative;
        Rows = rows;
        Columns = columns;
        OddsRatio = oddsRatio;
        OddsRatioInterval = oddsRatioInterval;
    }

    /// <summary>The p-value (R: <c>p.value</c>); two-sided sums all tables at most (1 + 1e-7) times as probable as the observed.</summary>
    public double PValue { get; }

    /// <summary>The alternative used (always <see cref="Alternative.TwoSided"/> for tables larger than 2×2).</summary>
    public Alternative Alternative { get; }

    /// <summary>Number of rows of the table.</summary>
    public int Rows { get; }

    /// <summary>Number of columns of the table.</summary>
    public int Columns { get; }

    /// <summary>Conditional maximum-likelihood odds ratio for 2×2 tables (R: <c>estimate</c>), 0 or +∞ at the support's ends; null otherwise.</summary>
    public double? OddsRatio { get; }

    /// <summary>Exact confidence interval of the odds ratio for 2×2 tables (R: <c>conf.int</c>); null otherwise.</summary>
    public ConfidenceInterval? OddsRatioInterval { get; }
}
