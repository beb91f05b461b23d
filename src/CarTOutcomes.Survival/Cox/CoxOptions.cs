namespace CarTOutcomes.Survival.Cox;

/// <summary>Settings of a Cox fit, named and defaulted as R's <c>coxph</c> and <c>coxph.control</c>.</summary>
public sealed class CoxOptions
{
    /// <summary>Tie handling (R: <c>ties</c>, default <see cref="Cox.Ties.Efron"/>).</summary>
    public Ties Ties { get; init; } = Ties.Efron;

    /// <summary>Optional stratum label of each row (R: <c>strata()</c>); each stratum has its own baseline hazard.</summary>
    public IReadOnlyList<string>? Strata { get; init; }

    /// <summary>Optional offset of each row, added to the linear predictor with coefficient 1 (R: <c>offset()</c>).</summary>
    public IReadOnlyList<double>? Offset { get; init; }

    /// <summary>Optional cluster label of each row (R: <c>cluster=</c>): rows of one cluster are pooled in the robust (sandwich) variance.</summary>
    public IReadOnlyList<string>? Cluster { get; init; }

    /// <summary>Optional subject id of each row (R: <c>id=</c>); used to count subjects, and as the cluster when
    /// <see cref="Robust"/> is true and no <see cref="Cluster"/> is given.</summary>
    public IReadOnlyList<string>? SubjectIds { get; init; }

    /// <summary>
    /// Robust (sandwich) variance (R: <c>robust</c>). Null means R's default: on when a cluster is given or when a case
    /// weight is not an integer. When on without cluster or ids, every row is its own cluster.
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
        if (Strata is not null && Strata.Count != n) throw new ArgumentException($"There are {Strata.Count} stratum labels for {n} rows.", nameof(Strata));
        if (Offset is not null && Offset.Count != n) throw new ArgumentException($"There are {Offset.Count} offsets for {n} rows.", nameof(Offset));
        if (Cluster is not null && Cluster.Count != n) throw new ArgumentException($"There are {Cluster.Count} cluster labels for {n} rows.", nameof(Cluster));
        if (SubjectIds is not null && SubjectIds.Count != n) throw new ArgumentException($"There are {SubjectIds.Count} subject ids for {n} rows.", nameof(SubjectIds));
        if (InitialValues is not null && InitialValues.Count != p) throw new ArgumentException($"There are {InitialValues.Count} initial values for {p} covariates.", nameof(InitialValues));
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        if (MaxIterations < 0) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "The iteration limit must be non-negative.");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The convergence tolerance must be positive.");
        if (!(CholeskyTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(CholeskyTolerance), CholeskyTolerance, "The Cholesky tolerance must be positive.");
        if (Offset is not null)
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(Offset[i])) throw new ArgumentException($"Offset at index {i} is {Offset[i]}; offsets must be finite.", nameof(Offset));
    }
}
