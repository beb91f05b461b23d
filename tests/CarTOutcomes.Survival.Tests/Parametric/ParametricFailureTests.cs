using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>Non-convergence, boundaries and bad input are reported, not hidden.</summary>
public class ParametricFailureTests
{
    private static SurvivalData Exponential(int n, int seed, bool censor)
    {
        var rng = new Random(seed);
        var t = new double[n]; var d = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double x = -Math.Log(1 - rng.NextDouble());
            double c = censor ? 3 * rng.NextDouble() : double.PositiveInfinity;
            t[i] = Math.Min(x, c); d[i] = x <= c;
        }
        return SurvivalData.RightCensored(t, d);
    }

    [Fact]
    public void A_cure_fraction_running_to_zero_is_reported_as_a_boundary()
    {
        // Complete follow-up of exponential times: nobody is cured, the likelihood rises as π → 0.
        var fit = ParametricModel.Fit(Exponential(100, 3, censor: false), new ParametricOptions(ParametricDistribution.Weibull) { Cure = true });
        fit.CureFraction!.Estimate.Should().BeLessThan(1e-4);
        fit.Warnings.Should().Contain(w => w.Contains("boundary 0"));
    }

    [Fact]
    public void An_iteration_limit_that_is_reached_is_reported()
    {
        var fit = ParametricModel.Fit(Exponential(100, 4, censor: true), new ParametricOptions(ParametricDistribution.GeneralizedGamma) { MaxIterations = 1 });
        fit.Converged.Should().BeFalse();
        fit.Warnings.Should().Contain(w => w.Contains("did not converge in 1 iterations"));
    }

    [Fact]
    public void Non_positive_times_are_refused_with_the_row()
    {
        var data = SurvivalData.RightCensored([3, 2, 0, 5], [true, false, true, true]);
        var act = () => ParametricModel.Fit(data, new ParametricOptions(ParametricDistribution.Weibull));
        act.Should().Throw<ArgumentException>().WithMessage("Row 3: time 0 is not positive*");
    }

    [Fact]
    public void Bad_covariates_are_refused_with_name_row_and_value()
    {
        var data = SurvivalData.RightCensored([3, 2, 1, 5], [true, false, true, true]);
        var opts = new ParametricOptions(ParametricDistribution.Exponential);
        FluentActions.Invoking(() => ParametricModel.Fit(data, Covariates.Create(("age", [1, 2, double.NaN, 4])), opts))
            .Should().Throw<ArgumentException>().WithMessage("Covariate 'age', row 3: the value NaN is not finite*");
        FluentActions.Invoking(() => ParametricModel.Fit(data, Covariates.Create(("age", [1, 2])), opts))
            .Should().Throw<ArgumentException>().WithMessage("Covariate 'age' has 2 values for 4 rows*");
        FluentActions.Invoking(() => ParametricModel.Fit(data, Covariates.Create(("age", [1, 2, 3, 4])), opts, Covariates.Create(("x", [1, 2, 3, 4]))))
            .Should().Throw<ArgumentException>().WithMessage("Cure covariates need a cure model*");
        FluentActions.Invoking(() => ParametricModel.Fit(SurvivalData.RightCensored([1, 2], [false, false]), opts))
            .Should().Throw<ArgumentException>().WithMessage("*0 events*");
    }

    [Fact]
    public void Options_are_validated()
    {
        FluentActions.Invoking(() => new ParametricOptions(ParametricDistribution.LogNormal) { Scale = ParametricScale.ProportionalHazards })
            .Should().Throw<ArgumentException>().WithMessage("*LogNormal*ProportionalHazards*");
        FluentActions.Invoking(() => new ParametricOptions(ParametricDistribution.Gompertz) { Scale = ParametricScale.AcceleratedFailureTime })
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ParametricOptions(ParametricDistribution.Weibull) { ConfidenceLevel = 1 })
            .Should().Throw<ArgumentOutOfRangeException>();
        new ParametricOptions(ParametricDistribution.Gompertz).EffectiveScale.Should().Be(ParametricScale.ProportionalHazards);
        new ParametricOptions(ParametricDistribution.Weibull).EffectiveScale.Should().Be(ParametricScale.AcceleratedFailureTime);
    }
}
