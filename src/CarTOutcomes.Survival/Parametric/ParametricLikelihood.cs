namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// The log-likelihood of a parametric (optionally mixture cure) model and its first and second derivatives.
/// </summary>
/// <remarks>
/// <para>Layout of θ: the K₀ = 1 + p coefficients of η₀ (intercept, then the covariates in order), the K − 1
/// ancillary parameters, then (cure models) the 1 + q coefficients of logit π (intercept, then the cure covariates).</para>
/// <para>Row i contributes wᵢ·[dᵢ log f(tᵢ) + (1 − dᵢ) log S(tᵢ) − log S(eᵢ)], the last term only with a delayed entry
/// eᵢ &gt; 0 (the likelihood conditional on survival to entry). For a mixture cure model
/// S(t) = π + (1 − π)·S_u(t) and f(t) = (1 − π)·f_u(t) (Boag 1949; Farewell 1982), π = 1/(1 + e^−ηc).</para>
/// <para>The gradient with respect to the per-row parameters η is analytic for every family but the generalized gamma;
/// the per-row Hessian (at most 4 × 4) is a central difference of that gradient, and both are mapped to θ through the
/// design (∂ηⱼ/∂θ is the covariate value, or 1).</para>
/// </remarks>
internal sealed class ParametricLikelihood
{
    private readonly double[] _time, _entry, _weight;
    private readonly bool[] _event;
    private readonly double[][] _x;   // covariates of η₀ (without the intercept), column-major
    private readonly double[][] _z;   // covariates of logit π (without the intercept), column-major
    private readonly double[] _size;  // natural size of each η, for finite-difference steps

    public ParametricLikelihood(Family family, bool cure, double[] time, double[] entry, bool[] @event, double[] weight,
        double[][] x, double[][] z)
    {
        Family = family; Cure = cure;
        _time = time; _entry = entry; _event = @event; _weight = weight; _x = x; _z = z;
        M = family.K + (cure ? 1 : 0);
        double timeScale = time.Max();
        _size = new double[M];
        for (int j = 0; j < M; j++) _size[j] = j < family.K ? family.Size(j, timeScale) : 1;
        P = 1 + x.Length + (family.K - 1) + (cure ? 1 + z.Length : 0);
    }

    public Family Family { get; }

    public double[] TimeArray => _time;

    public double[] EntryArray => _entry;

    public bool[] EventArray => _event;

    public double[] WeightArray => _weight;

    public double[][] XArray => _x;

    public bool Cure { get; }

    /// <summary>Number of per-row parameters η (K, plus 1 for the cure logit).</summary>
    public int M { get; }

    /// <summary>Number of parameters θ.</summary>
    public int P { get; }

    public int CovariateCount => _x.Length;

    public int CureCovariateCount => _z.Length;

    public int LocationCount => 1 + _x.Length;

    public int CureOffset => LocationCount + Family.K - 1;

    /// <summary>Fills η for a row with covariates x (length p) and cure covariates z (length q).</summary>
    public void Eta(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> eta)
    {
        double e0 = theta[0];
        for (int j = 0; j < _x.Length; j++) e0 += theta[1 + j] * x[j];
        eta[0] = e0;
        for (int k = 1; k < Family.K; k++) eta[k] = theta[LocationCount + k - 1];
        if (Cure)
        {
            double c = theta[CureOffset];
            for (int j = 0; j < _z.Length; j++) c += theta[CureOffset + 1 + j] * z[j];
            eta[Family.K] = c;
        }
    }

    /// <summary>
    /// log S(t) and log f(t) of the (mixture) model at per-row parameters η, with their η-gradients (length M).
    /// </summary>
    public void Evaluate(double t, ReadOnlySpan<double> eta, out double logS, out double logF, Span<double> dLogS, Span<double> dLogF)
    {
        int k = Family.K;
        Family.Evaluate(t, eta[..k], out double lsu, out double lfu, dLogS[..k], dLogF[..k]);
        if (!Cure) { logS = lsu; logF = lfu; return; }
        double c = eta[k];
        double logPi = -Log1PExp(-c), log1mPi = -Log1PExp(c);
        double pi = Math.Exp(logPi), oneMinusPi = Math.Exp(log1mPi);
        // log S = log(π + (1 − π) S_u) computed as a log-sum-exp; r_u and r_c are the uncured and cured shares of S.
        double a = logPi, b = log1mPi + lsu;
        logS = Math.Max(a, b) + NormalMath.Log1P(Math.Exp(-Math.Abs(a - b)));
        double rU = Math.Exp(b - logS), rC = Math.Exp(a - logS);
        for (int j = 0; j < k; j++) dLogS[j] *= rU;
        dLogS[k] = rC * oneMinusPi - rU * pi;
        logF = log1mPi + lfu;
        dLogF[k] = -pi;
    }

    private static double Log1PExp(double x) => x > 0 ? x + NormalMath.Log1P(Math.Exp(-x)) : NormalMath.Log1P(Math.Exp(x));

    /// <summary>The row's log-likelihood contribution (unweighted), its η-gradient and η-Hessian in closed form (no cure).</summary>
    private double RowWithCurvature(int i, ReadOnlySpan<double> eta, Span<double> g, Span<double> d,
        Span<double> s1, Span<double> s2, Span<double> c1, Span<double> c2)
    {
        Family.EvaluateWithCurvature(_time[i], eta, out double ls, out double lf, s1, s2, c1, c2);
        double value;
        if (_event[i]) { value = lf; s2.CopyTo(g); c2.CopyTo(d); }
        else { value = ls; s1.CopyTo(g); c1.CopyTo(d); }
        double e = _entry[i];
        if (e > 0)
        {
            Family.EvaluateWithCurvature(e, eta, out double le, out _, s1, s2, c1, c2);
            value -= le;
            for (int j = 0; j < M; j++) g[j] -= s1[j];
            for (int j = 0; j < d.Length; j++) d[j] -= c1[j];
        }
        return value;
    }

    /// <summary>The row's log-likelihood contribution (unweighted) and its η-gradient.</summary>
    private double Row(int i, ReadOnlySpan<double> eta, Span<double> g, Span<double> s1, Span<double> s2)
    {
        Evaluate(_time[i], eta, out double ls, out double lf, s1, s2);
        double value;
        if (_event[i]) { value = lf; s2.CopyTo(g); }
        else { value = ls; s1.CopyTo(g); }
        double e = _entry[i];
        if (e > 0)
        {
            Evaluate(e, eta, out double le, out _, s1, s2);
            value -= le;
            for (int j = 0; j < M; j++) g[j] -= s1[j];
        }
        return value;
    }

    /// <summary>
    /// The log-likelihood at θ; when <paramref name="gradient"/> is not empty also its gradient, and when
    /// <paramref name="hessian"/> is not null also its Hessian (P × P).
    /// </summary>
    public double Value(ReadOnlySpan<double> theta, Span<double> gradient, double[,]? hessian)
    {
        int m = M, p = P;
        Span<double> eta = stackalloc double[m];
        Span<double> g = stackalloc double[m];
        Span<double> gp = stackalloc double[m];
        Span<double> gm = stackalloc double[m];
        Span<double> s1 = stackalloc double[m];
        Span<double> s2 = stackalloc double[m];
        Span<double> d = stackalloc double[m * m];
        Span<double> c1 = stackalloc double[m * m];
        Span<double> c2 = stackalloc double[m * m];
        bool closedForm = !Cure && Family.HasCurvature;
        Span<double> v = stackalloc double[p];
        Span<int> slot = stackalloc int[p];
        Span<double> xs = stackalloc double[_x.Length];
        Span<double> zs = stackalloc double[_z.Length];
        // The lower triangle of the Hessian, row by row (a flat array: no 2-D bounds checks in the row loop).
        var lower = hessian is null ? [] : new double[p * (p + 1) / 2];
        for (int a = 0; a < p; a++) slot[a] = SlotOf(a);
        // Design values that do not depend on the row: 1 for the intercepts and the ancillary parameters.
        for (int a = 0; a < p; a++) v[a] = 1;
        int cureCovariates = Cure ? CureOffset + 1 : p;
        gradient.Clear();
        double total = 0;
        for (int i = 0; i < _time.Length; i++)
        {
            double w = _weight[i];
            if (w == 0) continue;
            for (int j = 0; j < xs.Length; j++) xs[j] = v[1 + j] = _x[j][i];
            for (int j = 0; j < zs.Length; j++) zs[j] = v[cureCovariates + j] = _z[j][i];
            Eta(theta, xs, zs, eta);
            double value = hessian is not null && closedForm ? RowWithCurvature(i, eta, g, d, s1, s2, c1, c2) : Row(i, eta, g, s1, s2);
            total += w * value;
            if (!gradient.IsEmpty)
                for (int a = 0; a < p; a++) gradient[a] += w * g[slot[a]] * v[a];
            if (hessian is null) continue;
            // Per-row Hessian in η: in closed form, or by central differences of the analytic η-gradient
            // (then symmetrised).
            if (!closedForm)
            {
                for (int j = 0; j < m; j++)
                {
                    double e0 = eta[j], h = 1e-4 * Math.Max(_size[j], Math.Abs(e0));
                    eta[j] = e0 + h; Row(i, eta, gp, s1, s2);
                    eta[j] = e0 - h; Row(i, eta, gm, s1, s2);
                    eta[j] = e0;
                    for (int k = 0; k < m; k++) d[j * m + k] = (gp[k] - gm[k]) / (2 * h);
                }
                for (int j = 0; j < m; j++)
                    for (int k = 0; k < j; k++) d[j * m + k] = d[k * m + j] = 0.5 * (d[j * m + k] + d[k * m + j]);
            }
            int at = 0;
            for (int a = 0; a < p; a++)
            {
                double wa = w * v[a];
                int sa = slot[a] * m;
                for (int b = 0; b <= a; b++) lower[at++] += wa * v[b] * d[sa + slot[b]];
            }
        }
        if (hessian is not null)
        {
            int at = 0;
            for (int a = 0; a < p; a++)
                for (int b = 0; b <= a; b++) hessian[a, b] = hessian[b, a] = lower[at++];
        }
        return total;
    }

    /// <summary>Which η parameter θ[a] belongs to.</summary>
    public int SlotOf(int a)
    {
        if (a < LocationCount) return 0;
        if (a < CureOffset) return a - LocationCount + 1;
        return Family.K;
    }

}
