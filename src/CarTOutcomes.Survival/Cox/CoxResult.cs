namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// A fitted Cox proportional hazards model (R: a <c>coxph</c> object and its <c>summary</c>). Immutable; the
/// residual, proportional-hazards and survival-curve methods compute from the data kept with the fit.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed partial class CoxResult
{
    private readonly CoxDesign _design;
    private readonly double[] _beta;        // working coefficients (0 where collinear), centered covariates
    private readonly double[] _naiveVar;    // p × p
    private readonly double[] _var;         // p × p, robust when robust
    private readonly bool[] _singular;
    private readonly double[] _coef;        // NaN where collinear
    private CoxResidualMath? _math;

    internal CoxResult(CoxDesign design, IReadOnlyList<string> names, CoxOptions options, FitCore core)
    {
        _design = design;
        Names = names.ToArray();
        Options = options;
        _beta = core.Beta; _naiveVar = core.NaiveVariance; _var = core.Variance; _singular = core.Singular;
        _coef = _beta.Select((b, j) => _singular[j] ? double.NaN : b).ToArray();
        IsRobust = core.Robust;
        LogLikNull = core.LogLikNull; LogLik = core.LogLik;
        Iterations = core.Iterations; Converged = core.Converged; Warnings = core.Warnings.ToArray();
        LikelihoodRatioTest = core.LikelihoodRatio; WaldTest = core.Wald; ScoreTest = core.Score;
        RobustScoreTest = core.RobustScore; Concordance = core.Concordance;
        Coefficients = core.Coefficients;
        SubjectCount = core.Subjects;
        IsFirth = core.Firth;
    }

    /// <summary>The options the model was fitted with.</summary>
    public CoxOptions Options { get; }

    /// <summary>Tie handling used (R: <c>fit$method</c>).</summary>
    public Ties Ties => IsFirth ? Ties.Breslow : Options.Ties;

    /// <summary>True for Firth's penalized likelihood (<see cref="CoxOptions.Firth"/>): log-likelihoods are penalized ones.</summary>
    public bool IsFirth { get; }

    /// <summary>Covariate names, in the order of the coefficients.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The coefficient table (R: <c>summary(fit)$coefficients</c> and <c>$conf.int</c>).</summary>
    public IReadOnlyList<CoxCoefficient> Coefficients { get; }

    /// <summary>Number of rows used (R: <c>fit$n</c>).</summary>
    public int RowCount => _design.N;

    /// <summary>
    /// Number of distinct subjects when subject ids were given, otherwise null (R: <c>length(unique(id))</c> of the rows
    /// used; survival 3.5's <c>coxph</c> does not return it: its fit has <c>n</c> and <c>nevent</c>, no <c>n.id</c>).
    /// </summary>
    public int? SubjectCount { get; }

    /// <summary>Number of rows ending in an event (R: <c>fit$nevent</c>).</summary>
    public int EventCount => _design.Event.Count(e => e);

    /// <summary>Log partial likelihood at the initial values (R: <c>fit$loglik[1]</c>; for the null model <c>fit$loglik</c>, its only value).</summary>
    public double LogLikNull { get; }

    /// <summary>Log partial likelihood at the estimate (R: <c>fit$loglik[2]</c>; for the null model <c>fit$loglik</c>, equal to <see cref="LogLikNull"/>).</summary>
    public double LogLik { get; }

    /// <summary>
    /// True for the null model, fitted without covariates (R: <c>coxph(Surv(time, status) ~ 1)</c>, also with only
    /// <c>strata()</c> or <c>offset()</c> terms; a <c>coxph.null</c> object, which R prints as "Null model"). It has no
    /// coefficients; <see cref="LogLik"/> = <see cref="LogLikNull"/> is the log partial likelihood with η = offset
    /// (summed over strata), the ℓ₀ of every model that adds covariates to it; <see cref="LikelihoodRatioTest"/>,
    /// <see cref="WaldTest"/>, <see cref="ScoreTest"/>, <see cref="RobustScoreTest"/> and <see cref="Concordance"/> are
    /// null (R has none), <see cref="Iterations"/> is 0, <see cref="Converged"/> true. Martingale and deviance residuals
    /// and <see cref="PredictSurvival(IReadOnlyList{double}, double, double)"/> with no covariate values (R:
    /// <c>survfit(fit)</c>) are defined; score, dfbeta and Schoenfeld residuals and the proportional-hazards test are
    /// not (an <see cref="InvalidOperationException"/>, as R's error).
    /// </summary>
    public bool IsNullModel => _design.P == 0;

    /// <summary>Likelihood-ratio test, 2(ℓ − ℓ₀) (R: <c>summary(fit)$logtest</c>); null for the null model (<see cref="IsNullModel"/>).</summary>
    public CoxTest? LikelihoodRatioTest { get; }

    /// <summary>Wald test βᵀV⁻¹β, with the robust V when robust (R: <c>fit$wald.test</c>); null for the null model (<see cref="IsNullModel"/>).</summary>
    public CoxTest? WaldTest { get; }

    /// <summary>Score (log-rank) test at the initial values, U₀ᵀ I₀⁻¹ U₀ (R: <c>fit$score</c>); null for the null model (<see cref="IsNullModel"/>).</summary>
    public CoxTest? ScoreTest { get; }

    /// <summary>Robust score test when the fit is robust (R: <c>fit$rscore</c>), otherwise null (always for the null model).</summary>
    public CoxTest? RobustScoreTest { get; }

    /// <summary>Harrell's concordance (R: <c>fit$concordance</c>); null for the null model (<see cref="IsNullModel"/>), whose linear predictor ranks no one.</summary>
    public CoxConcordance? Concordance { get; }

    /// <summary>Newton–Raphson iterations used (R: <c>fit$iter</c>).</summary>
    public int Iterations { get; }

    /// <summary>False when the iteration limit was reached first.</summary>
    public bool Converged { get; }

    /// <summary>Warnings, worded as R's (e.g. "Loglik converged before variable 1; coefficient may be infinite.").</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when <see cref="Variance"/> is the robust (sandwich) variance.</summary>
    public bool IsRobust { get; }

    /// <summary>The coefficient vector (NaN where collinear).</summary>
    public IReadOnlyList<double> Estimates => _coef;

    /// <summary>The variance matrix of the coefficients (R: <c>vcov(fit)</c>; robust when <see cref="IsRobust"/>); zero rows and columns where collinear.</summary>
    public double[,] Variance => ToMatrix(_var);

    /// <summary>The model-based variance, the inverse information (R: <c>fit$naive.var</c> when robust, else <c>fit$var</c>).</summary>
    public double[,] NaiveVariance => ToMatrix(_naiveVar);

    /// <summary>Linear predictors η_i = βᵀ(x_i − x̄) + offset_i (R: <c>fit$linear.predictors</c>; the same centering as R's).</summary>
    public IReadOnlyList<double> LinearPredictors => _design.ToDataOrder(_design.LinearPredictors(_beta));

    private CoxResidualMath Residuals()
        => _math ??= new CoxResidualMath(_design, HazardTable.Build(_design, _beta, Ties == Ties.Efron, false));

    private double[,] ToMatrix(double[] v)
    {
        int p = _design.P;
        var m = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) m[i, j] = v[i * p + j];
        return m;
    }
}

/// <summary>Everything <see cref="CoxModel"/> computes for a <see cref="CoxResult"/>.</summary>
internal sealed record FitCore(double[] Beta, double[] NaiveVariance, double[] Variance, bool[] Singular, bool Robust,
    double LogLikNull, double LogLik, int Iterations, bool Converged, IReadOnlyList<string> Warnings,
    CoxTest? LikelihoodRatio, CoxTest? Wald, CoxTest? Score, CoxTest? RobustScore, CoxConcordance? Concordance,
    IReadOnlyList<CoxCoefficient> Coefficients, int? Subjects, bool Firth);
