using CarTOutcomes.Survival.Formulas;
using MathNet.Numerics.Distributions;

namespace CarTOutcomes.Survival.Parametric;

/// <summary>
/// A fitted parametric survival (or mixture cure) model: its parameters, likelihood and information criteria, and
/// survival, hazard, quantiles and restricted means derived from it with delta-method limits.
/// </summary>
/// <remarks>
/// Derived quantities are for one covariate profile: by default the covariate means (weighted by the case weights),
/// otherwise the values passed. Limits are Wald limits on a transformed scale, mapped back: survival on
/// log(−log S) (R <c>survfit</c>'s <c>conf.type = "log-log"</c>), the cure fraction on logit π, the hazard, cumulative
/// hazard, quantiles and restricted means on the log scale. The variance of θ is the inverse of the observed
/// information (the negative Hessian of the log-likelihood at the maximum).
/// </remarks>
public sealed partial class ParametricResult
{
    private readonly ParametricLikelihood _lik;
    private readonly double[] _theta;
    private readonly double[,] _cov;
    private readonly double[] _xMean, _zMean;
    private readonly double _zCrit;

    internal ParametricResult(ParametricOptions options, ParametricLikelihood lik, Maximum max, string[] names,
        string[] cureNames, double[] xMean, double[] zMean, int rows, int events)
    {
        Options = options; _lik = lik; _theta = max.Theta; _xMean = xMean; _zMean = zMean;
        RowCount = rows; EventCount = events;
        MaxTime = lik.TimeArray.Max();
        LogLik = max.LogLik;
        Iterations = max.Iterations;
        int p = lik.P;
        Aic = -2 * LogLik + 2 * p;
        Bic = -2 * LogLik + Math.Log(rows) * p;
        _zCrit = Normal.InvCDF(0, 1, 0.5 + options.ConfidenceLevel / 2);
        var neg = new double[p, p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) neg[i, j] = -max.Hessian[i, j];
        var l = Cholesky.Factor(neg);
        var warnings = new List<string>();
        if (l is null)
        {
            _cov = new double[p, p];
            for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) _cov[i, j] = double.NaN;
            warnings.Add("The observed information is not positive definite at the estimate: standard errors are not available.");
        }
        else _cov = Cholesky.Inverse(l);
        Converged = max.Converged;
        if (!Converged)
            warnings.Add($"The maximisation did not converge in {max.Iterations} iterations (limit {options.MaxIterations}); the estimates are the last ones reached.");
        CoefficientNames = ParameterNames(lik, names, cureNames);
        var coefs = new ParametricCoefficient[p];
        for (int a = 0; a < p; a++)
        {
            double se = Math.Sqrt(_cov[a, a]), est = _theta[a], zv = est / se;
            coefs[a] = new ParametricCoefficient(CoefficientNames[a], est, se, zv, 2 * Normal.CDF(0, 1, -Math.Abs(zv)),
                est - _zCrit * se, est + _zCrit * se);
        }
        Coefficients = coefs;
        if (options.Cure)
        {
            double pi = CureFraction!.Estimate;
            if (pi < 1e-4) warnings.Add($"The cure fraction runs to the boundary 0 (estimate {pi:G3}): the data give no evidence of a cured fraction; its limits are not informative.");
            else if (pi > 1 - 1e-4) warnings.Add($"The cure fraction runs to the boundary 1 (estimate {pi:G6}): the fit is degenerate.");
        }
        Warnings = warnings;
    }

    private static string[] ParameterNames(ParametricLikelihood lik, string[] names, string[] cureNames)
    {
        var list = new List<string> { "(Intercept)" };
        list.AddRange(names);
        list.AddRange(lik.Family.AncillaryNames);
        if (lik.Cure)
        {
            list.Add("cure:(Intercept)");
            list.AddRange(cureNames.Select(n => "cure:" + n));
        }
        return list.ToArray();
    }

    /// <summary>The settings used.</summary>
    public ParametricOptions Options { get; }

    private ModelFrame? _model;

    /// <summary>The formula, terms, factor levels and rows used, when the model was fitted from a formula; otherwise null.</summary>
    public ModelFrame? Model => _model;

    /// <summary>Called once, by the formula entry point of <see cref="ParametricModel"/>.</summary>
    internal void AttachModel(ModelFrame frame)
    {
        if (_model is not null) throw new InvalidOperationException("The model is already attached.");
        _model = frame;
    }

    /// <summary>The distribution of T (of the uncured, in a cure model).</summary>
    public ParametricDistribution Distribution => Options.Distribution;

    /// <summary>True for a mixture cure model.</summary>
    public bool IsCure => Options.Cure;

    /// <summary>Number of rows fitted (R's <c>n</c>; the BIC's sample size).</summary>
    public int RowCount { get; }

    /// <summary>The largest exit time in the data: the end of the observed follow-up, beyond which the fit extrapolates.</summary>
    public double MaxTime { get; }

    /// <summary>Number of rows ending in an event.</summary>
    public int EventCount { get; }

    /// <summary>The maximised log-likelihood on the time scale (of the density of t), as <c>survreg</c> and <c>flexsurv</c> report it.</summary>
    public double LogLik { get; }

    /// <summary>Number of estimated parameters (the AIC's and BIC's degrees of freedom).</summary>
    public int ParameterCount => _theta.Length;

    /// <summary>Akaike's criterion −2ℓ + 2k.</summary>
    public double Aic { get; }

    /// <summary>Schwarz's criterion −2ℓ + k·log n, n the number of rows (R: <c>BIC(fit)</c>).</summary>
    public double Bic { get; }

    /// <summary>True when the maximisation met its convergence criterion at a point with negative definite Hessian.</summary>
    public bool Converged { get; }

    /// <summary>Newton iterations taken (for the best of the starting points).</summary>
    public int Iterations { get; }

    /// <summary>Problems with the fit: non-convergence, a singular information matrix, a cure fraction at a boundary.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The parameter names in the order of <see cref="Coefficients"/>.</summary>
    public IReadOnlyList<string> CoefficientNames { get; }

    /// <summary>Every estimated parameter on its estimation scale (see <see cref="ParametricCoefficient.Name"/>).</summary>
    public IReadOnlyList<ParametricCoefficient> Coefficients { get; }

    /// <summary>The covariate means (weighted) at which derived quantities are given by default.</summary>
    public IReadOnlyList<double> CovariateMeans => _xMean;

    /// <summary>The cure covariate means (weighted).</summary>
    public IReadOnlyList<double> CureCovariateMeans => _zMean;

    /// <summary>The variance-covariance matrix of the parameters (a copy), inverse of the observed information.</summary>
    public double[,] Covariance() => (double[,])_cov.Clone();
}
