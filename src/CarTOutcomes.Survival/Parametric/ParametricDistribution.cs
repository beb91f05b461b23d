namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// The distribution of the event time T in a parametric survival model. Parameterisations follow R:
/// <c>survreg</c> (<c>survival</c> 3.5) for the accelerated failure time families and <c>flexsurv</c> for the
/// proportional hazards families and the generalized gamma.
/// </summary>
public enum ParametricDistribution
{
    /// <summary>
    /// Exponential: S(t) = exp(−t/e^μ), constant hazard e^−μ. Fitted as R <c>survreg(dist = "exponential")</c>:
    /// coefficients act on μ = E[log T] + γ (the log of the mean); there is no scale parameter.
    /// </summary>
    Exponential,

    /// <summary>
    /// Weibull: log T = μ + σW with W standard minimum extreme value, S(t) = exp(−(t/e^μ)^(1/σ)). As an accelerated
    /// failure time model (the default) it is R <c>survreg(dist = "weibull")</c> with coefficients on μ and
    /// <c>Log(scale)</c> = log σ; as a proportional hazards model it is <c>flexsurv</c>'s <c>weibullPH</c>:
    /// h(t) = a·m·t^(a−1), coefficients on log m (log hazard ratios) and <c>log(shape)</c> = log a.
    /// </summary>
    Weibull,

    /// <summary>
    /// Gompertz (<c>flexsurv</c>'s <c>gompertz</c>): h(t) = b·e^(a·t), S(t) = exp(−(b/a)(e^(a·t) − 1)); coefficients on
    /// log b (log hazard ratios, proportional hazards) and <c>shape</c> = a. A negative shape gives a survival curve
    /// that levels off at exp(b/a) without a separate cure fraction.
    /// </summary>
    Gompertz,

    /// <summary>Log-normal: log T = μ + σZ with Z standard normal; R <c>survreg(dist = "lognormal")</c>.</summary>
    LogNormal,

    /// <summary>Log-logistic: log T = μ + σZ with Z standard logistic; R <c>survreg(dist = "loglogistic")</c>.</summary>
    LogLogistic,

    /// <summary>
    /// Generalized gamma in Prentice's (1974) parameterisation, as <c>flexsurv</c>'s <c>gengamma</c>: with
    /// w = (log t − μ)/σ and Q ≠ 0, Q^−2·exp(Q·w) has a gamma distribution with shape Q^−2; Q = 0 is the log-normal,
    /// Q = 1 the Weibull, Q = σ the gamma. Coefficients on μ, then <c>log(sigma)</c> and <c>Q</c>.
    /// </summary>
    GeneralizedGamma,
}

/// <summary>How covariates act in a parametric model.</summary>
public enum ParametricScale
{
    /// <summary>
    /// Accelerated failure time: covariates shift the location μ of log T (R <c>survreg</c>); the only choice for the
    /// exponential, log-normal, log-logistic and generalized gamma, and the default for the Weibull.
    /// </summary>
    AcceleratedFailureTime,

    /// <summary>
    /// Proportional hazards: covariates multiply the hazard (coefficients are log hazard ratios); the only choice for
    /// the Gompertz, available for the Weibull (<c>flexsurv</c>'s <c>weibullPH</c>).
    /// </summary>
    ProportionalHazards,
}
