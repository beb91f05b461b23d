using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>
/// Fits agree with R (Reference/Parametric/parametric_reference.R): survreg's coefficients, standard errors and
/// log-likelihood at 1e-6 relative (the issue asks 1e-4); for models R fits with optim (Gompertz, generalized gamma,
/// Weibull PH, cure, delayed entry) the log-likelihood, survival, hazard, median, restricted mean and cure fraction
/// at 1e-6, their limits at 1e-5.
/// </summary>
public class ParametricReferenceTests
{
    private const double Tol = 1e-6;

    public static IEnumerable<object[]> Models => ParametricReferenceModels.Names;

    public static IEnumerable<object[]> SurvregModels => ParametricReferenceModels.SurvregNames;

    public static IEnumerable<object[]> OptimModels => ParametricReferenceModels.OptimNames;

    [Theory]
    [MemberData(nameof(SurvregModels))]
    public void Coefficients_and_standard_errors_match_survreg(string model)
    {
        var fit = ParametricReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Parametric/parametric_coefficients.csv");
        var rows = r.Where("model", model).ToList();
        fit.Coefficients.Select(c => c.Name).Should().Equal(rows.Select(x => r.Text(x, "term")), "coefficient names and order are survreg's");
        foreach (var row in rows)
        {
            var c = fit.Coefficients.Single(x => x.Name == r.Text(row, "term"));
            Approx.Equal(r.Number(row, "estimate"), c.Estimate, Tol, $"{model} {c.Name} estimate");
            Approx.Equal(r.Number(row, "se"), c.StandardError, Tol, $"{model} {c.Name} se");
        }
    }

    [Theory]
    [MemberData(nameof(OptimModels))]
    public void Coefficients_match_the_optim_reference(string model)
    {
        // The parameterisation is the engine's in both; optim's estimates carry its own error (BFGS), so estimates are
        // compared to 1e-5 of their standard error and standard errors (R's Hessian is numerical) to 1e-5 (1e-4 for the
        // generalized gamma).
        var fit = ParametricReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Parametric/parametric_coefficients.csv");
        var rows = r.Where("model", model).ToList();
        fit.Coefficients.Select(c => c.Name).Should().Equal(rows.Select(x => r.Text(x, "term")));
        foreach (var row in rows)
        {
            var c = fit.Coefficients.Single(x => x.Name == r.Text(row, "term"));
            double se = r.Number(row, "se");
            Math.Abs(c.Estimate - r.Number(row, "estimate")).Should().BeLessThan(1e-5 * se, $"{model} {c.Name} estimate {c.Estimate} vs R {r.Number(row, "estimate")}");
            // The generalized gamma's derivatives are central differences of incomplete gamma functions (MathNet's,
            // good to about 1e-12), so its standard errors carry about 1e-5 of numerical noise.
            Approx.Equal(se, c.StandardError, model.Contains("gengamma") ? 1e-4 : 1e-5, $"{model} {c.Name} se");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Likelihood_and_information_criteria_match_R(string model)
    {
        var fit = ParametricReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Parametric/parametric_fits.csv");
        var row = r.Where("model", model).Single();
        fit.Converged.Should().BeTrue(string.Join("; ", fit.Warnings));
        fit.Warnings.Should().BeEmpty();
        fit.RowCount.Should().Be((int)r.Number(row, "n"));
        fit.EventCount.Should().Be((int)r.Number(row, "events"));
        fit.ParameterCount.Should().Be((int)r.Number(row, "df"));
        Approx.Equal(r.Number(row, "loglik"), fit.LogLik, Tol, model + " loglik");
        Approx.Equal(r.Number(row, "aic"), fit.Aic, Tol, model + " AIC");
        Approx.Equal(r.Number(row, "bic"), fit.Bic, Tol, model + " BIC");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Derived_quantities_and_their_limits_match_R(string model)
    {
        var fit = ParametricReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Parametric/parametric_predictions.csv");
        // Limits use R's covariance: survreg's vcov exactly, or optimHess (a numerical Hessian, 1e-3).
        double limitTol = ParametricReferenceModels.IsSurvreg(model) ? Tol : 1e-5;
        foreach (var row in r.Where("model", model))
        {
            string q = r.Text(row, "quantity");
            double at = r.Number(row, "at");
            var est = q switch
            {
                "survival" => fit.Survival([at])[0],
                "hazard" => fit.Hazard([at])[0],
                "cumhaz" => fit.CumulativeHazard([at])[0],
                "median" => fit.Median,
                "quantile" => fit.Quantile(at),
                "rmst" => fit.RestrictedMean(at),
                "cure" => fit.CureFraction!,
                _ => throw new InvalidDataException(q),
            };
            string w = $"{model} {q} at {at}";
            Approx.Equal(r.Number(row, "estimate"), est.Estimate, Tol, w + " estimate");
            // A median's limits can be enormous (a cure fraction near 1/2); they are compared on the log scale they are made on.
            Func<double, double> scale = q is "median" or "quantile" ? Math.Log : x => x;
            // cure_cov_weibull's median is nearly unidentified (π at the means is 0.4998, so S flattens at 1/2; its
            // limits span 1e-12 to 1e13): R's central difference of a uniroot solution there is good to about 1e-3 only.
            if (q is "median" or "quantile" && est.Upper / est.Lower > 1e6) limitTol = 1e-3;
            Approx.Equal(scale(r.Number(row, "lower")), scale(est.Lower), limitTol, w + " lower");
            Approx.Equal(scale(r.Number(row, "upper")), scale(est.Upper), limitTol, w + " upper");
        }
    }
}
