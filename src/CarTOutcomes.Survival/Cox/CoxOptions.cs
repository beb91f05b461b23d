namespace CarTOutcomes.Survival.Cox;

/// <summary>Settings of a Cox fit, named and defaulted as R's <c>coxph</c> and <c>coxph.control</c>. Per-row vectors
/// (strata, clusters, subject ids, offsets, weights) belong to the data: see <see cref="Data.SurvivalData.WithStrata"/>.</summary>
public sealed class CoxOptions
{
    /// <summary>Tie handling (R: <c>ties</c>, default <see cref="Ties.Efron"/>).</summary>
    public Ties Ties { get; init; } = Ties.Efron;

    /// <summary>
    /// Robust (sandwich) variance (R: <c>robust</c>). Null means R's default (survival 3.5 <c>coxph</c>): on when the data
    /// have clusters, when a case weight is not an integer, or when the data have subject ids
    /// (<see cref="Data.SurvivalData.WithIds"/>) and some subject has more than one event (then clustered on the
    /// subject). When on without clusters or ids in the data, every row is its own cluster. The null model (no
    /// covariate) has no variance, robust or not.
    /// </summary>
    public bool? Robust { get; init; }

    /// <summary>Level of the confidence limits of the hazard ratios (R: <c>summary(fit, conf.int = 0.95)</c>).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Maximum Newton–Raphson iterations (R: <c>coxph.control(iter.max = 20)</c>).</summary>
    public int MaxIterations { get; init; } = 20;

    /// <summary>Convergence criterion: relative change of the log partial likelihood (R: <c>coxph.control(eps = 1e-9)</c>).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Tolerance for declaring the information matrix singular (R: <c>toler.chol = .Machine$double.eps^0.75</c>).</summary>
    public double CholeskyTolerance { get; init; } = Math.Pow(2.220446049250313e-16, 0.75);

    /// <summary>Tolerance of the infinite-coefficient check (R: <c>toler.inf = sqrt(eps)</c>); null means √<see cref="Tolerance"/>.</summary>
    public double? InfiniteTolerance { get; init; }

    /// <summary>Initial coefficients (R: <c>init</c>, default all zero).</summary>
    public IReadOnlyList<double>? InitialValues { get; init; }

    /// <summary>
    /// Fit Firth's penalized partial likelihood (Heinze &amp; Schemper 2001; R package <c>coxphf</c>) instead of the
    /// ordinary one; it gives finite estimates under monotone likelihood. As <c>coxphf</c>: Breslow ties whatever
    /// <see cref="Ties"/> says, at least 50 iterations (<c>maxit = 50</c>), model-based variance only (a robust variance
    /// is not defined for a penalized model, as R's <c>coxph</c> warns), confidence limits and p-values from the profile
    /// penalized likelihood. Strata, offsets, weights and (start, stop] data are allowed.
    /// </summary>
    public bool Firth { get; init; }

    internal void Validate(int n, int p)
    {
        if (InitialValues is not null && InitialValues.Count != p) throw new ArgumentException($"There are {InitialValues.Count} initial values for {p} covariates.", nameof(InitialValues));
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        if (MaxIterations < 0) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "The iteration limit must be non-negative.");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The convergence tolerance must be positive.");
        if (!(CholeskyTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(CholeskyTolerance), CholeskyTolerance, "The Cholesky tolerance must be positive.");
    }
}
