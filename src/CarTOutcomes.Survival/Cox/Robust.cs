namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// The robust (sandwich) variance of Lin &amp; Wei (1989), as R's <c>coxph</c>: D = Σ over the rows of each cluster of
/// w_i L_i V (weighted dfbeta residuals, V the inverse information), robust variance DᵀD. The robust score test uses
/// the clusters' summed weighted score residuals T at β = 0 (R evaluates them with a zero linear predictor, without
/// the offset): Uᵀ(TᵀT)⁻U with U = Σ T.
/// </summary>
internal static class Robust
{
    public static double[] Sandwich(CoxDesign d, double[] score, double[] v, int[] cluster)
    {
        int p = d.P;
        var sums = Collapse(d, score, cluster);
        int g = sums.Length / p;
        var dfb = new double[sums.Length];
        for (int c = 0; c < g; c++)
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int k = 0; k < p; k++) s += sums[c * p + k] * v[k * p + j];
                dfb[c * p + j] = s;
            }
        return CrossProduct(dfb, g, p);
    }

    public static double ScoreTest(CoxDesign d, double[] score0, int[] cluster, double toler)
    {
        int p = d.P;
        var t = Collapse(d, score0, cluster);
        int g = t.Length / p;
        var u = new double[p];
        for (int c = 0; c < g; c++)
            for (int j = 0; j < p; j++) u[j] += t[c * p + j];
        return GeneralizedCholesky.Quadratic(CrossProduct(t, g, p), p, u, toler);
    }

    private static double[] Collapse(CoxDesign d, double[] score, int[] cluster)
    {
        int p = d.P, g = cluster.Max() + 1;
        var sums = new double[g * p];
        for (int i = 0; i < d.N; i++)
            for (int j = 0; j < p; j++) sums[cluster[i] * p + j] += d.WeightAt(i) * score[i * p + j];
        return sums;
    }

    private static double[] CrossProduct(double[] m, int rows, int p)
    {
        var r = new double[p * p];
        for (int c = 0; c < rows; c++)
            for (int j = 0; j < p; j++)
                for (int k = 0; k < p; k++) r[j * p + k] += m[c * p + j] * m[c * p + k];
        return r;
    }
}
