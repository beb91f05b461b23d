using MathNet.Numerics;

namespace CarTOutcomes.Survival.Comparisons;

/// <summary>Pearson's chi-square test of independence in an r×c table, as R's <c>chisq.test(x)</c> for a matrix.</summary>
public static class ChiSquare
{
    /// <summary>
    /// X² = Σ (|O − E| − Y)² / E with E = row total × column total / N and (r − 1)(c − 1) degrees of freedom; for 2×2
    /// tables with <paramref name="yates"/> Y = min(0.5, |O − E|) (Yates' continuity correction), else Y = 0.
    /// </summary>
    /// <param name="table">Counts, at least 2×2, non-negative, with no empty row or column (R would return NaN; this throws).</param>
    /// <param name="yates">R: <c>correct = TRUE</c>, the default; only applied to 2×2 tables, as in R.</param>
    public static ChiSquareResult Test(int[,] table, bool yates = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        int r = table.GetLength(0), c = table.GetLength(1);
        if (r < 2 || c < 2)
            throw new ArgumentException($"The table must have at least 2 rows and 2 columns; it is {r}×{c}.", nameof(table));
        var rowTotals = new double[r];
        var colTotals = new double[c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                if (table[i, j] < 0) throw new ArgumentException($"Count [{i}, {j}] is negative ({table[i, j]}).", nameof(table));
                rowTotals[i] += table[i, j];
                colTotals[j] += table[i, j];
            }
        for (int i = 0; i < r; i++)
            if (rowTotals[i] == 0) throw new ArgumentException($"Row {i} of the table is empty; expected counts would be 0.", nameof(table));
        for (int j = 0; j < c; j++)
            if (colTotals[j] == 0) throw new ArgumentException($"Column {j} of the table is empty; expected counts would be 0.", nameof(table));
        return Compute(table, rowTotals, colTotals, yates && r == 2 && c == 2);
    }

    private static ChiSquareResult Compute(int[,] table, double[] rowTotals, double[] colTotals, bool yates)
    {
        int r = rowTotals.Length, c = colTotals.Length;
        double n = rowTotals.Sum();
        var expected = new double[r, c];
        double correction = yates ? 0.5 : 0, minExpected = double.PositiveInfinity;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                expected[i, j] = rowTotals[i] * colTotals[j] / n;
                minExpected = Math.Min(minExpected, expected[i, j]);
                if (yates) correction = Math.Min(correction, Math.Abs(table[i, j] - expected[i, j]));
            }
        double x2 = 0;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                double dev = Math.Abs(table[i, j] - expected[i, j]) - correction;
                x2 += dev * dev / expected[i, j];
            }
        int df = (r - 1) * (c - 1);
        return new ChiSquareResult(x2, df, UpperTail(x2, df), yates && correction > 0, expected, minExpected);
    }

    /// <summary>R's <c>pchisq(x, df, lower.tail = FALSE)</c> = Q(df/2, x/2), the regularized upper incomplete gamma.</summary>
    internal static double UpperTail(double x, double df) => x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
}
