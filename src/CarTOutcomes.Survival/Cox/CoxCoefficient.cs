namespace CarTOutcomes.Survival.Cox;

/// <summary>One row of R's <c>summary(coxph)</c>: a coefficient with its hazard ratio, standard errors, test and limits.</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxCoefficient
{
    internal CoxCoefficient(string name, double estimate, double se, double? robustSe, double z, double p,
        double lower, double upper)
    {
        Name = name; Estimate = estimate; StandardError = se; RobustStandardError = robustSe;
        Z = z; PValue = p; Lower = lower; Upper = upper;
    }

    /// <summary>Covariate name.</summary>
    public string Name { get; }

    /// <summary>The coefficient β (R: <c>coef</c>); NaN when the covariate is collinear with others (R: <c>NA</c>).</summary>
    public double Estimate { get; }

    /// <summary>exp(β) (R: <c>exp(coef)</c>).</summary>
    public double HazardRatio => Math.Exp(Estimate);

    /// <summary>Model-based standard error, from the inverse information (R: <c>se(coef)</c>).</summary>
    public double StandardError { get; }

    /// <summary>Robust (sandwich) standard error when the fit is robust (R: <c>robust se</c>), otherwise null.</summary>
    public double? RobustStandardError { get; }

    /// <summary>β / SE, with the robust SE when there is one (R: <c>z</c>).</summary>
    public double Z { get; }

    /// <summary>Two-sided normal p-value of <see cref="Z"/> (R: <c>Pr(&gt;|z|)</c>).</summary>
    public double PValue { get; }

    /// <summary>Lower confidence limit of the hazard ratio, exp(β − z·SE) (R: <c>lower .95</c>); profile-likelihood for Firth fits.</summary>
    public double Lower { get; }

    /// <summary>Upper confidence limit of the hazard ratio (R: <c>upper .95</c>).</summary>
    public double Upper { get; }
}
