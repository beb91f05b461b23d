namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Fisher's noncentral hypergeometric distribution of x[1,1] in a 2×2 table with fixed margins, as fisher.test
/// builds it: log d_0(x) = log dhyper(x, m, n, k) on the support lo..hi, and d_ψ(x) ∝ d_0(x) ψ^x normalized after
/// subtracting the largest log term (R's <c>dnhyper</c>, <c>mnhyper</c>, <c>pnhyper</c>).
/// </summary>
internal sealed class NoncentralHypergeometric
{
    private readonly double[] _logD0;

    public NoncentralHypergeometric(int m, int n, int k, int x)
    {
        X = x;
        Lo = Math.Max(0, k - n);
        Hi = Math.Min(k, m);
        _logD0 = new double[Hi - Lo + 1];
        double logTotal = LogChoose(m + n, k);
        for (int s = Lo; s <= Hi; s++)
            _logD0[s - Lo] = LogChoose(m, s) + LogChoose(n, k - s) - logTotal;
    }

    public int X { get; }

    public int Lo { get; }

    public int Hi { get; }

    /// <summary>R's dnhyper(ψ): the probabilities on lo..hi.</summary>
    public double[] Density(double psi)
    {
        var d = new double[_logD0.Length];
        double logPsi = Math.Log(psi), max = double.NegativeInfinity;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = _logD0[i] + logPsi * (Lo + i);
            max = Math.Max(max, d[i]);
        }
        double sum = 0;
        for (int i = 0; i < d.Length; i++) sum += d[i] = Math.Exp(d[i] - max);
        for (int i = 0; i < d.Length; i++) d[i] /= sum;
        return d;
    }

    /// <summary>R's mnhyper(ψ): the mean, lo at ψ = 0 and hi at ψ = ∞.</summary>
    public double Mean(double psi)
    {
        if (psi == 0) return Lo;
        if (double.IsPositiveInfinity(psi)) return Hi;
        var d = Density(psi);
        double mean = 0;
        for (int i = 0; i < d.Length; i++) mean += (Lo + i) * d[i];
        return mean;
    }

    /// <summary>R's pnhyper(q, ψ, upper.tail): P(X ≤ q), or P(X ≥ q) when <paramref name="upper"/>.</summary>
    public double Cdf(int q, double psi, bool upper)
    {
        if (psi == 0) return (upper ? q <= Lo : q >= Lo) ? 1 : 0;
        if (double.IsPositiveInfinity(psi)) return (upper ? q <= Hi : q >= Hi) ? 1 : 0;
        var d = psi == 1 ? Central() : Density(psi);
        double sum = 0;
        for (int i = 0; i < d.Length; i++)
            if (upper ? Lo + i >= q : Lo + i <= q) sum += d[i];
        return sum;
    }

    /// <summary>Two-sided p-value at ψ = 1: the probability of every table at most (1 + 1e-7) times as probable as the observed.</summary>
    public double TwoSidedPValue()
    {
        var d = Density(1);
        double threshold = d[X - Lo] * (1 + FisherExact.RelativeTolerance), p = 0;
        foreach (var v in d)
            if (v <= threshold) p += v;
        return p;
    }

    /// <summary>R's mle(): 0 at lo, ∞ at hi, else the root of mnhyper(ψ) = x on (0, 1) or of mnhyper(1/t) = x on t ∈ (eps, 1).</summary>
    public double ConditionalMle()
    {
        if (X == Lo) return 0;
        if (X == Hi) return double.PositiveInfinity;
        double mu = Mean(1);
        if (mu > X) return ZeroIn.Find(t => Mean(t) - X, 0, 1, ZeroIn.DefaultTolerance);
        if (mu < X) return 1 / ZeroIn.Find(t => Mean(1 / t) - X, Eps, 1, ZeroIn.DefaultTolerance);
        return 1;
    }

    /// <summary>R's ncp.U(x, α): the ψ with P_ψ(X ≤ x) = α.</summary>
    public double UpperLimit(double alpha)
    {
        if (X == Hi) return double.PositiveInfinity;
        double p = Cdf(X, 1, upper: false);
        if (p < alpha) return ZeroIn.Find(t => Cdf(X, t, false) - alpha, 0, 1, ZeroIn.DefaultTolerance);
        if (p > alpha) return 1 / ZeroIn.Find(t => Cdf(X, 1 / t, false) - alpha, Eps, 1, ZeroIn.DefaultTolerance);
        return 1;
    }

    /// <summary>R's ncp.L(x, α): the ψ with P_ψ(X ≥ x) = α.</summary>
    public double LowerLimit(double alpha)
    {
        if (X == Lo) return 0;
        double p = Cdf(X, 1, upper: true);
        if (p > alpha) return ZeroIn.Find(t => Cdf(X, t, true) - alpha, 0, 1, ZeroIn.DefaultTolerance);
        if (p < alpha) return 1 / ZeroIn.Find(t => Cdf(X, 1 / t, true) - alpha, Eps, 1, ZeroIn.DefaultTolerance);
        return 1;
    }

    private const double Eps = 2.220446049250313e-16;

    /// <summary>The central (ψ = 1) hypergeometric probabilities, as R's phyper uses for pnhyper(q, 1).</summary>
    private double[] Central()
    {
        var d = new double[_logD0.Length];
        for (int i = 0; i < d.Length; i++) d[i] = Math.Exp(_logD0[i]);
        return d;
    }

    private static double LogChoose(int n, int k) =>
        FisherExact.LogFactorial(n) - FisherExact.LogFactorial(k) - FisherExact.LogFactorial(n - k);
}
