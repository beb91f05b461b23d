using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Parametric;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>The formula entry point: R's coding, delayed entry through Surv(start, stop, status), cure covariates.</summary>
public class ParametricFormulaTests
{
    [Theory]
    [InlineData("cure_cov_weibull", "Surv(time, status) ~ z")]
    [InlineData("cure_entry_weibull", "Surv(entry, time, status) ~ z")]
    public void A_cure_model_from_formulas_matches_the_reference(string model, string formula)
    {
        var fit = ParametricModel.Fit(formula, ParametricReferenceModels.ModelDataOf("cure"),
            new ParametricOptions(ParametricDistribution.Weibull) { Cure = true }, cureFormula: "~ x");
        var r = ReferenceTable.Load("Parametric/parametric_fits.csv");
        Approx.Equal(r.Number(r.Where("model", model).Single(), "loglik"), fit.LogLik, 1e-6, model + " loglik");
        fit.CoefficientNames.Should().Equal("(Intercept)", "z", "Log(scale)", "cure:(Intercept)", "cure:x");
        var p = ReferenceTable.Load("Parametric/parametric_predictions.csv");
        var cure = p.Where("model", model).Single(x => p.Text(x, "quantity") == "cure");
        Approx.Equal(p.Number(cure, "estimate"), fit.CureFraction!.Estimate, 1e-5, model + " cure fraction");
    }

    [Fact]
    public void Strata_and_missing_intercepts_are_refused()
    {
        var data = ParametricReferenceModels.ModelDataOf("lung");
        var o = new ParametricOptions(ParametricDistribution.Weibull);
        FluentActions.Invoking(() => ParametricModel.Fit("Surv(time, status) ~ age + strata(sex)", data, o))
            .Should().Throw<FormulaException>().WithMessage("*no strata()*");
        FluentActions.Invoking(() => ParametricModel.Fit("Surv(time, status) ~ age - 1", data, o))
            .Should().Throw<FormulaException>().WithMessage("*intercept*");
        FluentActions.Invoking(() => ParametricModel.Fit("Surv(time, status) ~ agee", data, o))
            .Should().Throw<FormulaException>();
        FluentActions.Invoking(() => ParametricModel.Fit("Surv(time, status) ~ age", data, o, cureFormula: "~ sex"))
            .Should().Throw<ArgumentException>().WithMessage("*cure model*");
    }

    [Fact]
    public void An_intercept_only_formula_is_the_model_without_covariates()
    {
        var a = ParametricModel.Fit("Surv(time, status) ~ 1", ParametricReferenceModels.ModelDataOf("ovarian"), new ParametricOptions(ParametricDistribution.Gompertz));
        var b = ParametricReferenceModels.Fit("ovarian_null_gompertz");
        Approx.Equal(b.LogLik, a.LogLik, 1e-12, "loglik");
        a.CoefficientNames.Should().Equal("(Intercept)", "shape");
    }
}
