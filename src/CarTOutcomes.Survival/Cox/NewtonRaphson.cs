using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.Survival.Cox;

/// <summary>The outcome of the Newton–Raphson iterations, on the covariates' original scale.</summary>
internal sealed record NewtonRaphsonResult(double[] Beta, double[] U, double[] Variance, double LogLikInitial,
    double LogLik, double ScoreTest, int Iterations, bool Converged, int Rank);

/// <summary>
/// Newton–Raphson with step-halving exactly as R's <c>coxfit6.c</c>/<c>agfit4.c</c>:
/// <list type="number">
/// <item>Evaluate at the initial β; the score test is U₀ᵀ I₀⁻ U₀ and the first step is I₀⁻ U₀. No convergence test on this step.</item>
/// <item>At each new β: converged when |1 − ℓ_best/ℓ_new| ≤ eps and the previous step was not halved.</item>
/// <item>If ℓ went down (or anything is not finite), step back: β_new = (β_new + h·β_best)/(h + 1), h = 1, 2, … the
/// number of successive halvings; otherwise accept β_new and take the full Newton step from it.</item>
/// </list>
/// The working coordinates are those of centered and scaled covariates (see <see cref="CoxDesign"/>); results are returned unscaled.
/// The monitor is told of each iteration before its pass over the data (where a cancellation is honoured).
/// </summary>
internal static class NewtonRaphson
{
    // risk: optional scratch of n values for the right-censored evaluation (reused by every iteration; the caller may reuse it afterwards)
    public static NewtonRaphsonResult Run(CoxDesign d, IReadOnlyList<double>? init, bool efron,
        int maxIter, double eps, double tolerChol, IterationMonitor monitor, double[]? risk = null)
    {
        int p = d.P;
        var beta = new double[p];
        for (int j = 0; j < p; j++) beta[j] = (init?[j] ?? 0) / d.Scale[j];
        if (Gram(d)) risk ??= new double[d.N];
        var s = Evaluate(d, beta, efron, risk);
        double ll0 = s.LogLik;
        var fac = GeneralizedCholesky.Factor(s.Info, p, tolerChol);
        var step = fac.Solve(s.U);
        double score = 0;
        for (int j = 0; j < p; j++) score += s.U[j] * step[j];
        if (maxIter == 0 || !double.IsFinite(ll0))
            return Finish(d, beta, s.U, fac, ll0, ll0, score, 0, true);

        double best = ll0;
        var newBeta = new double[p];
        for (int j = 0; j < p; j++) newBeta[j] = beta[j] + step[j];
        int halving = 0;
        for (int iter = 1; iter <= maxIter; iter++)
        {
            monitor.Iteration(iter);
            s = Evaluate(d, newBeta, efron, risk);
            fac = GeneralizedCholesky.Factor(s.Info, p, tolerChol);
            bool finite = double.IsFinite(s.LogLik) && s.U.All(double.IsFinite) && s.Info.All(double.IsFinite);
            if (finite && Converged(best, s.LogLik, eps))
                return Finish(d, newBeta, s.U, fac, ll0, s.LogLik, score, iter, true);
            if (!finite || s.LogLik < best)
            {
                halving++;
                for (int j = 0; j < p; j++) newBeta[j] = (newBeta[j] + halving * beta[j]) / (halving + 1.0);
            }
            else
            {
                halving = 0;
                best = s.LogLik;
                step = fac.Solve(s.U);
                for (int j = 0; j < p; j++) { beta[j] = newBeta[j]; newBeta[j] += step[j]; }
            }
        }
        // Out of iterations: report the best β with its own score and information (R's flag 1000).
        s = Evaluate(d, beta, efron, risk);
        fac = GeneralizedCholesky.Factor(s.Info, p, tolerChol);
        return Finish(d, beta, s.U, fac, ll0, s.LogLik, score, maxIter, false);
    }

    /// <summary>
    /// R's rule |1 − ℓ_best/ℓ_new| ≤ eps, plus ℓ_best = ℓ_new: R's ratio is 0/0 when both are exactly 0 (every event
    /// alone in its risk set, e.g. one row), and R then iterates to the limit and warns of non-convergence.
    /// </summary>
    private static bool Converged(double best, double ll, double eps) => best == ll || Math.Abs(1 - best / ll) <= eps;

    /// <summary>Right-censored data with segments: the likelihood is evaluated by <see cref="GramLikelihood"/>.</summary>
    private static bool Gram(CoxDesign d) => !d.CountingProcess && d.Segments.Length > 1;

    /// <summary>
    /// Log-likelihood, score and information at the scaled β_s = β / scale, in scaled coordinates: the sweep runs
    /// on the centered covariates at β, then U_s = U·scale and I_s = S I S (S = diag(scale)) — the same numbers as
    /// sweeping the scaled covariates, without a scaled copy of the data. Right-censored data go through
    /// <see cref="GramLikelihood"/> (<paramref name="risk"/>: its scratch, n values, or null to allocate one);
    /// counting-process data through the row-by-row <see cref="RiskSetSweep"/>.
    /// </summary>
    public static LikelihoodSink Evaluate(CoxDesign d, double[] betaScaled, bool efron, double[]? risk = null)
    {
        int p = d.P;
        var beta = new double[p];
        for (int j = 0; j < p; j++) beta[j] = betaScaled[j] * d.Scale[j];
        LikelihoodSink sink;
        if (Gram(d)) sink = GramLikelihood.Evaluate(d, beta, efron, risk ?? new double[d.N]);
        else
        {
            sink = new LikelihoodSink(p, efron);
            RiskSetSweep.Run(d, d.X, beta, ref sink);
        }
        sink.Symmetrize();
        for (int j = 0; j < p; j++)
        {
            sink.U[j] *= d.Scale[j];
            for (int k = 0; k < p; k++) sink.Info[j * p + k] *= d.Scale[j] * d.Scale[k];
        }
        return sink;
    }

    private static NewtonRaphsonResult Finish(CoxDesign d, double[] betaScaled, double[] uScaled, GeneralizedCholesky fac,
        double ll0, double ll, double score, int iter, bool converged)
    {
        int p = d.P;
        var v = fac.Inverse();
        var beta = new double[p];
        var u = new double[p];
        for (int i = 0; i < p; i++)
        {
            beta[i] = betaScaled[i] * d.Scale[i];
            u[i] = uScaled[i] / d.Scale[i];
            for (int j = 0; j < p; j++) v[i * p + j] *= d.Scale[i] * d.Scale[j];
        }
        return new NewtonRaphsonResult(beta, u, v, ll0, ll, score, iter, converged, fac.Rank);
    }
}
