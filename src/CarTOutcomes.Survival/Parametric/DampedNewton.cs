namespace CarTOutcomes.Survival.Parametric;

/// <summary>The outcome of a maximisation.</summary>
internal sealed record Maximum(double[] Theta, double LogLik, double[] Gradient, double[,] Hessian, int Iterations, bool Converged);

/// <summary>
/// Maximises a log-likelihood by Newton's method with step halving (as R's <c>survreg.fit</c>) and, where −H is not
/// positive definite or halving does not help, Levenberg–Marquardt damping (Nocedal &amp; Wright, ch. 10): the step
/// solves (−H + λ·D)δ = g, D = diag(max(|Hⱼⱼ|, 1)), λ growing tenfold at each failure and shrinking tenfold (to 0
/// below 1e-4) after each full step. Trial points are evaluated for the value only; the gradient and Hessian only at
/// accepted points.
/// Converged: a full Newton step (λ = 0, no halving) was accepted whose Newton decrement gᵀ(−H)⁻¹g is below
/// 1e-12·(1 + |ℓ|), or whose log-likelihood gain is below 1e-14·|ℓ| (no further progress is possible in double precision).
/// </summary>
internal static class DampedNewton
{
    private const int MaxHalvings = 30;

    public static Maximum Run(Func<double[], double[], double[,]?, double> f, double[] start, int maxIterations)
    {
        int p = start.Length;
        var theta = (double[])start.Clone();
        var g = new double[p];
        var h = new double[p, p];
        double ll = f(theta, g, h);
        if (!double.IsFinite(ll)) return new Maximum(theta, ll, g, h, 0, false);
        double lambda = 0;
        var trial = new double[p];
        for (int iter = 1; iter <= maxIterations; iter++)
        {
            var delta = Solve(h, g, lambda);
            if (delta is null)
            {
                lambda = Math.Max(lambda * 10, 1e-4);
                if (lambda > 1e12) return new Maximum(theta, ll, g, h, iter, false);
                continue;
            }
            double decrement = 0;
            for (int j = 0; j < p; j++) decrement += g[j] * delta[j];
            double step = 1, llt = double.NaN;
            bool accepted = false;
            for (int k = 0; k <= MaxHalvings && !accepted; k++, step /= 2)
            {
                for (int j = 0; j < p; j++) trial[j] = theta[j] + step * delta[j];
                llt = f(trial, [], null);
                accepted = double.IsFinite(llt) && llt >= ll - 1e-12 * Math.Abs(ll);
                if (accepted) break;
            }
            if (!accepted)
            {
                lambda = Math.Max(lambda * 10, 1e-4);
                if (lambda > 1e12) return new Maximum(theta, ll, g, h, iter, false);
                continue;
            }
            bool full = lambda == 0 && step == 1;
            double gain = llt - ll;
            (theta, trial) = (trial, theta);
            ll = f(theta, g, h);
            if (step == 1) lambda = lambda < 1e-3 ? 0 : lambda / 10;
            if (full && (decrement < 1e-12 * (1 + Math.Abs(ll)) || Math.Abs(gain) <= 1e-14 * Math.Abs(ll)))
                return new Maximum(theta, ll, g, h, iter, NegativeDefinite(h));
        }
        return new Maximum(theta, ll, g, h, maxIterations, false);
    }

    private static bool NegativeDefinite(double[,] h) => Cholesky.Factor(Negate(h)) is not null;

    private static double[,] Negate(double[,] h)
    {
        int p = h.GetLength(0);
        var a = new double[p, p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) a[i, j] = -h[i, j];
        return a;
    }

    private static double[]? Solve(double[,] h, double[] g, double lambda)
    {
        int p = g.Length;
        var a = Negate(h);
        for (int j = 0; j < p; j++) a[j, j] += lambda * Math.Max(Math.Abs(h[j, j]), 1);
        var l = Cholesky.Factor(a);
        return l is null ? null : Cholesky.Solve(l, g);
    }
}

/// <summary>Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix, and the solves and inverse it gives.</summary>
internal static class Cholesky
{
    /// <summary>L, or null when A is not (numerically) positive definite.</summary>
    public static double[,]? Factor(double[,] a)
    {
        int p = a.GetLength(0);
        var l = new double[p, p];
        double scale = 0;
        for (int i = 0; i < p; i++) scale = Math.Max(scale, Math.Abs(a[i, i]));
        for (int j = 0; j < p; j++)
        {
            double s = a[j, j];
            for (int k = 0; k < j; k++) s -= l[j, k] * l[j, k];
            if (!(s > 1e-13 * scale)) return null;
            l[j, j] = Math.Sqrt(s);
            for (int i = j + 1; i < p; i++)
            {
                double t = a[i, j];
                for (int k = 0; k < j; k++) t -= l[i, k] * l[j, k];
                l[i, j] = t / l[j, j];
            }
        }
        return l;
    }

    public static double[] Solve(double[,] l, double[] b)
    {
        int p = b.Length;
        var y = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
        }
        var x = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < p; k++) s -= l[k, i] * x[k];
            x[i] = s / l[i, i];
        }
        return x;
    }

    /// <summary>A⁻¹ from its factor.</summary>
    public static double[,] Inverse(double[,] l)
    {
        int p = l.GetLength(0);
        var inv = new double[p, p];
        var e = new double[p];
        for (int j = 0; j < p; j++)
        {
            Array.Clear(e); e[j] = 1;
            var col = Solve(l, e);
            for (int i = 0; i < p; i++) inv[i, j] = col[i];
        }
        return inv;
    }
}
