namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// One parameter of a parametric fit on its estimation scale, with its Wald standard error, test and limits (R
/// <c>summary(survreg(...))$table</c>).
/// </summary>
public sealed class ParametricCoefficient
{
    internal ParametricCoefficient(string name, double estimate, double standardError, double z, double pValue, double lower, double upper)
    {
        Name = name; Estimate = estimate; StandardError = standardError; Z = z; PValue = pValue; Lower = lower; Upper = upper;
    }

    /// <summary>
    /// The name as R gives it: <c>(Intercept)</c>, a covariate's name, <c>Log(scale)</c> (survreg), <c>log(shape)</c>
    /// (Weibull PH), <c>shape</c> (Gompertz), <c>log(sigma)</c> and <c>Q</c> (generalized gamma); the cure model's
    /// logit-π coefficients are prefixed <c>cure:</c> (<c>cure:(Intercept)</c>, <c>cure:x</c>).
    /// </summary>
    public string Name { get; }

    /// <summary>The maximum likelihood estimate.</summary>
    public double Estimate { get; }

    /// <summary>Standard error from the inverse observed information (NaN when the information is singular).</summary>
    public double StandardError { get; }

    /// <summary>Wald statistic Estimate / StandardError.</summary>
    public double Z { get; }

    /// <summary>Two-sided Wald p-value.</summary>
    public double PValue { get; }

    /// <summary>Lower Wald limit, Estimate − z·SE.</summary>
    public double Lower { get; }

    /// <summary>Upper Wald limit, Estimate + z·SE.</summary>
    public double Upper { get; }
}

/// <summary>
/// A quantity derived from a parametric fit with its delta-method standard error and limits: survival, hazard or
/// cumulative hazard at a time, a quantile, a restricted mean, or the cure fraction.
/// </summary>
public sealed class ParametricEstimate
{
    internal ParametricEstimate(double at, double estimate, double standardError, double lower, double upper)
    {
        At = at; Estimate = estimate; StandardError = standardError; Lower = lower; Upper = upper;
    }

    /// <summary>The time (survival, hazard), the probability (quantile), the horizon (restricted mean); NaN for the cure fraction.</summary>
    public double At { get; }

    /// <summary>The estimate.</summary>
    public double Estimate { get; }

    /// <summary>Delta-method standard error of the estimate on its own scale.</summary>
    public double StandardError { get; }

    /// <summary>Lower limit (delta method on the transformed scale named by the method that made it).</summary>
    public double Lower { get; }

    /// <summary>Upper limit.</summary>
    public double Upper { get; }
}
