namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// A fitted Fine–Gray subdistribution hazard model (R: a <c>crr</c> object with <c>summary.crr</c>). The log
/// pseudo-likelihood is <c>fit$loglik</c>; <see cref="Covariance"/> is <c>fit$var</c>, the sandwich estimator of
/// Fine and Gray (1999) including the term for estimating the censoring distribution.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class FineGrayResult
{
    private readonly FineGrayCoefficient[] _coefficients;
    private readonly double[,] _covariance;

    internal FineGrayResult(FineGrayOptions options, int records, int events, int competingEvents, int censored,
        FineGrayCoefficient[] coefficients, double[,] covariance, double logLik, double nullLogLik, int iterations, bool converged)
    {
        Options = options;
        Records = records;
        Events = events;
        CompetingEvents = competingEvents;
        Censored = censored;
        _coefficients = coefficients;
        _covariance = covariance;
        LogPseudoLikelihood = logLik;
        NullLogPseudoLikelihood = nullLogLik;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>The model frame when fitted from a formula (rows used, coefficient names, status coding); null when fitted from columns.</summary>
    public Formulas.ModelFrame? Model { get; private set; }

    internal FineGrayResult WithModel(Formulas.ModelFrame frame)
    {
        Model = frame;
        return this;
    }

    /// <summary>The options used (the cause is <see cref="FineGrayOptions.Cause"/>).</summary>
    public FineGrayOptions Options { get; }

    /// <summary>Rows used (R: <c>fit$n</c>).</summary>
    public int Records { get; }

    /// <summary>Events of the cause of interest.</summary>
    public int Events { get; }

    /// <summary>Events of the other causes.</summary>
    public int CompetingEvents { get; }

    /// <summary>Censored rows.</summary>
    public int Censored { get; }

    /// <summary>One entry per term: fixed covariates first, then time-interacting ones (crr's order).</summary>
    public IReadOnlyList<FineGrayCoefficient> Coefficients => _coefficients;

    /// <summary>Variance matrix of the coefficients (R: <c>fit$var</c>); a copy.</summary>
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>Log pseudo-likelihood at the estimate (R: <c>fit$loglik</c>).</summary>
    public double LogPseudoLikelihood { get; }

    /// <summary>Log pseudo-likelihood at β = 0 (R: <c>fit$loglik.null</c>).</summary>
    public double NullLogPseudoLikelihood { get; }

    /// <summary>Newton steps taken (crr does not report this; it loops <c>ll</c> in 0..maxiter).</summary>
    public int Iterations { get; }

    /// <summary>True when the score criterion was met (R: <c>fit$converged</c>).</summary>
    public bool Converged { get; }
}

/// <summary>One row of <c>summary.crr</c>: coefficient, exp(coef), se, z, p and limits for exp(coef).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class FineGrayCoefficient
{
    internal FineGrayCoefficient(string name, double coef, double se, double z95)
    {
        Name = name;
        Coefficient = coef;
        StandardError = se;
        Z = coef / se;
        PValue = 2 * (1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, Math.Abs(Z)));
        Lower = Math.Exp(coef - z95 * se);
        Upper = Math.Exp(coef + z95 * se);
    }

    /// <summary>Term name.</summary>
    public string Name { get; }

    /// <summary>β, the log subdistribution hazard ratio.</summary>
    public double Coefficient { get; }

    /// <summary>exp(β), the subdistribution hazard ratio.</summary>
    public double HazardRatio => Math.Exp(Coefficient);

    /// <summary>Standard error of β.</summary>
    public double StandardError { get; }

    /// <summary>β / se.</summary>
    public double Z { get; }

    /// <summary>Two-sided p, 2(1 − Φ(|z|)) as R's summary.crr.</summary>
    public double PValue { get; }

    /// <summary>Lower limit for exp(β): exp(β − z·se).</summary>
    public double Lower { get; }

    /// <summary>Upper limit for exp(β): exp(β + z·se).</summary>
    public double Upper { get; }
}
