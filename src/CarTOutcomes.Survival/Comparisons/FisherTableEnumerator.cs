namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Two-sided Fisher p-value for an r×c table by complete enumeration of the tables with its margins.
/// Under independence a table has probability P(T) = Π R_i! Π C_j! / (N! Π n_ij!) (Freeman–Halton). The p-value
/// sums P(T) over every T with P(T) ≤ P(observed)·(1 + 1e-7), the same set fisher.test sums (R finds it with
/// Mehta and Patel's FEXACT network algorithm, which prunes whole subtrees, and compares log-probabilities with its
/// own small tolerance; the results agree to round-off on the tables tested).
/// Columns are filled left to right; each column's cells are bounded by the rows' remaining totals and the last
/// column is forced. The number of visited partial tables is capped (<c>maxTables</c>).
/// </summary>
internal sealed class FisherTableEnumerator
{
    private readonly int[] _colTotals;
    private readonly int[] _remaining;
    private readonly double _threshold;
    private readonly double _logConstant;
    private readonly long _maxTables;
    private long _visited;
    private double _pValue;

    private FisherTableEnumerator(int[,] table, long maxTables)
    {
        int r = table.GetLength(0), c = table.GetLength(1);
        _remaining = new int[r];
        _colTotals = new int[c];
        double logCells = 0;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                _remaining[i] += table[i, j];
                _colTotals[j] += table[i, j];
                logCells += FisherExact.LogFactorial(table[i, j]);
            }
        int n = _remaining.Sum();
        _logConstant = _remaining.Sum(FisherExact.LogFactorial) + _colTotals.Sum(FisherExact.LogFactorial) - FisherExact.LogFactorial(n);
        _threshold = Math.Exp(_logConstant - logCells) * (1 + FisherExact.RelativeTolerance);
        _maxTables = maxTables;
    }

    /// <summary>The two-sided p-value of <paramref name="table"/> (validated by the caller).</summary>
    public static double TwoSidedPValue(int[,] table, long maxTables)
    {
        var e = new FisherTableEnumerator(table, maxTables);
        e.Column(0, 0);
        return Math.Min(1, e._pValue);
    }

    /// <summary>Enumerates column <paramref name="j"/> given Σ log n! of the cells filled so far.</summary>
    private void Column(int j, double logCells)
    {
        if (j == _colTotals.Length - 1)
        {
            double last = logCells;
            foreach (var rem in _remaining) last += FisherExact.LogFactorial(rem);
            double p = Math.Exp(_logConstant - last);
            if (p <= _threshold) _pValue += p;
            return;
        }
        Cell(j, 0, _colTotals[j], logCells);
    }

    /// <summary>Fills cell (i, j) with every feasible count, <paramref name="left"/> being what column j still needs.</summary>
    private void Cell(int j, int i, int left, double logCells)
    {
        if (++_visited > _maxTables)
            throw new NotSupportedException(
                $"Fisher's exact test by enumeration would visit more than {_maxTables:N0} partial tables; the table is too large " +
                "for this implementation (R uses the FEXACT network algorithm). Use the chi-square test or raise maxTables.");
        int rows = _remaining.Length;
        if (i == rows - 1)
        {
            if (left > _remaining[i]) return;
            _remaining[i] -= left;
            Column(j + 1, logCells + FisherExact.LogFactorial(left));
            _remaining[i] += left;
            return;
        }
        int below = 0;
        for (int q = i + 1; q < rows; q++) below += _remaining[q];
        int lo = Math.Max(0, left - below), hi = Math.Min(left, _remaining[i]);
        for (int v = lo; v <= hi; v++)
        {
            _remaining[i] -= v;
            Cell(j, i + 1, left - v, logCells + FisherExact.LogFactorial(v));
            _remaining[i] += v;
        }
    }
}
