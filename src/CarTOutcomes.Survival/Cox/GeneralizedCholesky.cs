namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// The LDLᵀ decomposition of a symmetric non-negative definite matrix that tolerates singularity, as R's
/// <c>cholesky2</c>/<c>chsolve2</c>/<c>chinv2</c>: a pivot below <c>toler</c> × (largest diagonal) is set to zero
/// and its column is not used to eliminate later ones, so the columns kept form the LDLᵀ of the non-singular
/// sub-matrix. Solving gives 0 and inverting gives a zero row and column for the dropped columns — which is how
/// <c>coxph</c> makes the coefficient of a collinear covariate <c>NA</c>.
/// </summary>
internal sealed class GeneralizedCholesky
{
    private readonly int _n;
    private readonly double[] _l;   // unit lower triangle below the diagonal, D on it (row-major n × n)

    private GeneralizedCholesky(int n, double[] l, int rank)
    {
        _n = n; _l = l; Rank = rank;
    }

    /// <summary>Number of non-zero pivots (R's <c>flag</c>).</summary>
    public int Rank { get; }

    /// <summary>True where the pivot was kept.</summary>
    public bool IsKept(int i) => _l[i * _n + i] != 0;

    /// <summary>Factors a full symmetric row-major n × n matrix (copied).</summary>
    public static GeneralizedCholesky Factor(ReadOnlySpan<double> matrix, int n, double toler)
    {
        var m = matrix.ToArray();
        double eps = 0;
        for (int i = 0; i < n; i++) eps = Math.Max(eps, m[i * n + i]);
        eps = eps == 0 ? toler : eps * toler;
        int rank = 0;
        for (int i = 0; i < n; i++)
        {
            double pivot = m[i * n + i];
            if (!double.IsFinite(pivot) || pivot < eps)
            {
                m[i * n + i] = 0;
                continue;
            }
            rank++;
            for (int j = i + 1; j < n; j++)
            {
                double t = m[j * n + i] / pivot;
                m[j * n + i] = t;
                m[j * n + j] -= t * t * pivot;
                for (int k = j + 1; k < n; k++) m[k * n + j] -= t * m[k * n + i];
            }
        }
        return new GeneralizedCholesky(n, m, rank);
    }

    /// <summary>Solves A y = b on the kept columns; y is 0 on dropped ones.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var y = b.ToArray();
        for (int i = 0; i < _n; i++)
        {
            if (!IsKept(i)) { y[i] = 0; continue; }
            for (int j = 0; j < i; j++) y[i] -= y[j] * _l[i * _n + j];
        }
        for (int i = _n - 1; i >= 0; i--)
        {
            if (!IsKept(i)) { y[i] = 0; continue; }
            double t = y[i] / _l[i * _n + i];
            for (int j = i + 1; j < _n; j++) t -= y[j] * _l[j * _n + i];
            y[i] = t;
        }
        return y;
    }

    /// <summary>The (generalized) inverse: row-major n × n, zero rows and columns where a pivot was dropped.</summary>
    public double[] Inverse()
    {
        var inv = new double[_n * _n];
        var e = new double[_n];
        for (int k = 0; k < _n; k++)
        {
            if (!IsKept(k)) continue;
            Array.Clear(e);
            e[k] = 1;
            var col = Solve(e);
            for (int i = 0; i < _n; i++) inv[i * _n + k] = col[i];
        }
        for (int i = 0; i < _n; i++)   // symmetrize rounding
            for (int j = 0; j < i; j++)
                inv[i * _n + j] = inv[j * _n + i] = 0.5 * (inv[i * _n + j] + inv[j * _n + i]);
        return inv;
    }

    /// <summary>bᵀ A⁻ b, R's <c>coxph.wtest</c> statistic.</summary>
    public static double Quadratic(ReadOnlySpan<double> a, int n, ReadOnlySpan<double> b, double toler)
    {
        var f = Factor(a, n, toler);
        var y = f.Solve(b);
        double s = 0;
        for (int i = 0; i < n; i++) s += b[i] * y[i];
        return s;
    }
}
