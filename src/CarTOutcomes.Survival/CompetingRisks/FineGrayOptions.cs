namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>Options for <see cref="FineGray"/>, with R's <c>crr</c> names and defaults.</summary>
public sealed class FineGrayOptions
{
    /// <summary>Creates options.</summary>
    /// <param name="cause">The cause of interest (R: <c>failcode = 1</c>).</param>
    /// <param name="maxIterations">Newton iterations at most (R: <c>maxiter = 10</c>).</param>
    /// <param name="gradientTolerance">
    /// Convergence when max|score_j|·max(|β_j|, 1) &lt; max(|log L|, 1)·gtol (R: <c>gtol = 1e-6</c>).
    /// </param>
    /// <param name="confidenceLevel">Level of the limits for exp(β) (R: <c>summary(fit, conf.int = 0.95)</c>).</param>
    public FineGrayOptions(int cause = 1, int maxIterations = 10, double gradientTolerance = 1e-6, double confidenceLevel = 0.95)
    {
        if (maxIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be non-negative.");
        if (!(gradientTolerance > 0))
            throw new ArgumentOutOfRangeException(nameof(gradientTolerance), gradientTolerance, "gradientTolerance must be positive.");
        Estimators.SurvivalConfidence.NormalQuantile(confidenceLevel);
        Cause = cause;
        MaxIterations = maxIterations;
        GradientTolerance = gradientTolerance;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>R's defaults: cause 1, 10 iterations, gtol 1e-6, 95% limits.</summary>
    public static FineGrayOptions Default { get; } = new();

    /// <summary>The cause of interest (R: <c>failcode</c>).</summary>
    public int Cause { get; }

    /// <summary>Maximum number of Newton iterations (R: <c>maxiter</c>).</summary>
    public int MaxIterations { get; }

    /// <summary>Convergence tolerance on the scaled score (R: <c>gtol</c>).</summary>
    public double GradientTolerance { get; }

    /// <summary>Level of the confidence limits for the subdistribution hazard ratios.</summary>
    public double ConfidenceLevel { get; }
}

/// <summary>
/// Covariates multiplied by functions of time (R: <c>crr(cov2 =, tf =)</c>): at a failure time t the model contains
/// the term <c>Columns[k][i] · TimeFunction(t)[k]</c> for subject i.
/// </summary>
public sealed class TimeInteraction
{
    private readonly double[][] _columns;
    private readonly string[] _names;

    /// <summary>Creates the time-interacting covariates.</summary>
    /// <param name="names">Term names, one per column (R labels them <c>cov2name*tfname</c>).</param>
    /// <param name="columns">The covariate columns, each with one value per row of the data.</param>
    /// <param name="timeFunction">Given a time, returns one value per column (R's <c>tf</c> evaluated at one time).</param>
    public TimeInteraction(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns,
        Func<double, IReadOnlyList<double>> timeFunction)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(timeFunction);
        if (names.Count != columns.Count)
            throw new ArgumentException($"There are {names.Count} names for {columns.Count} columns.", nameof(names));
        if (columns.Count == 0) throw new ArgumentException("At least one time-interacting column is needed.", nameof(columns));
        _names = names.ToArray();
        _columns = columns.Select(c => c.ToArray()).ToArray();
        TimeFunction = timeFunction;
    }

    /// <summary>Term names.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Covariate columns.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Columns => _columns;

    /// <summary>The functions of time, evaluated at one time.</summary>
    public Func<double, IReadOnlyList<double>> TimeFunction { get; }
}
