namespace CarTOutcomes.Survival.Parametric;

/// <summary>Settings of a parametric survival fit (<see cref="ParametricModel"/>). Immutable and validated.</summary>
public sealed class ParametricOptions
{
    /// <summary>Settings for a distribution; every other setting takes its default.</summary>
    /// <param name="distribution">The distribution of T (R <c>survreg</c>'s <c>dist</c>, <c>flexsurvreg</c>'s <c>dist</c>).</param>
    public ParametricOptions(ParametricDistribution distribution)
    {
        if (!Enum.IsDefined(distribution))
            throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown distribution.");
        Distribution = distribution;
    }

    /// <summary>The distribution of T (of the uncured in a cure model).</summary>
    public ParametricDistribution Distribution { get; }

    /// <summary>
    /// How covariates act. Null (the default) means accelerated failure time for every distribution except the
    /// Gompertz, which is a proportional hazards model. Proportional hazards is available for the Weibull and the
    /// Gompertz only; accelerated failure time for all but the Gompertz.
    /// </summary>
    public ParametricScale? Scale
    {
        get => _scale;
        init
        {
            if (value is { } s && !IsAvailable(Distribution, s))
                throw new ArgumentException($"The {Distribution} distribution has no {s} form here.", nameof(Scale));
            _scale = value;
        }
    }

    private readonly ParametricScale? _scale;

    /// <summary>The scale used: <see cref="Scale"/> or the distribution's default.</summary>
    public ParametricScale EffectiveScale => _scale ?? (Distribution == ParametricDistribution.Gompertz
        ? ParametricScale.ProportionalHazards : ParametricScale.AcceleratedFailureTime);

    /// <summary>
    /// A mixture cure model S(t) = π + (1 − π)·S_u(t) with logit π linear in its own covariates (R
    /// <c>flexsurvcure(mixture = TRUE, link = "logistic")</c>). Default false.
    /// </summary>
    public bool Cure { get; init; }

    /// <summary>Confidence level of every interval (R: <c>conf.int = 0.95</c>). Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => _level;
        init
        {
            if (!(value > 0 && value < 1)) throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), value, "The confidence level must lie strictly between 0 and 1.");
            _level = value;
        }
    }

    private readonly double _level = 0.95;

    /// <summary>The iteration limit of the damped Newton maximisation (R <c>survreg.control(maxiter = 30)</c>). Default 100.</summary>
    public int MaxIterations
    {
        get => _maxIterations;
        init
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "At least one iteration is needed.");
            _maxIterations = value;
        }
    }

    private readonly int _maxIterations = 100;

    /// <summary>True when <paramref name="d"/> can be fitted on <paramref name="scale"/>.</summary>
    public static bool IsAvailable(ParametricDistribution d, ParametricScale scale) => scale == ParametricScale.ProportionalHazards
        ? d is ParametricDistribution.Weibull or ParametricDistribution.Gompertz
        : d != ParametricDistribution.Gompertz;
}
