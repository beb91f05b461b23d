using MathNet.Numerics;

namespace CarTOutcomes.Survival.Cox;

/// <summary>A chi-square test of a Cox model (likelihood-ratio, Wald, score or robust score, as R's <c>summary.coxph</c>).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxTest
{
    internal CoxTest(double statistic, int degreesOfFreedom)
    {
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = ChiSquareUpper(statistic, degreesOfFreedom);
    }

    /// <summary>The chi-square statistic.</summary>
    public double Statistic { get; }

    /// <summary>Degrees of freedom: the number of estimated coefficients.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail p-value, P(χ²_df ≥ statistic) (R: <c>pchisq(stat, df, lower.tail = FALSE)</c>).</summary>
    public double PValue { get; }

    /// <summary>P(χ²_df ≥ x) without cancellation: the regularized upper incomplete gamma Q(df/2, x/2).</summary>
    internal static double ChiSquareUpper(double x, int df)
    {
        if (double.IsNaN(x) || df <= 0) return double.NaN;
        if (x <= 0) return 1;
        return SpecialFunctions.GammaUpperRegularized(df / 2.0, x / 2.0);
    }
}
