using CarTOutcomes.Survival.Parametric;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>The ranking table: every distribution with and without cure, ranked by AIC and BIC.</summary>
public class ParametricComparisonTests
{
    [Fact]
    public void Ranks_follow_the_criteria_and_fits_are_those_of_the_single_model_calls()
    {
        var r = ReferenceTable.Load("Parametric/ovarian.csv");
        var data = Data.SurvivalData.RightCensored(r.Rows.Select(x => r.Number(x, "time")).ToArray(), r.Rows.Select(x => r.Number(x, "status") == 1).ToArray());
        var table = ParametricComparison.Fit(data);
        table.Failures.Should().BeEmpty();
        table.Rows.Should().HaveCount(12);
        table.Rows.Select(x => x.Fit.Aic).Should().BeInAscendingOrder();
        table.Rows.Select(x => x.AicRank).Should().Equal(Enumerable.Range(1, 12));
        table.Rows.OrderBy(x => x.BicRank).Select(x => x.Fit.Bic).Should().BeInAscendingOrder();
        table.BestByAic.Aic.Should().Be(table.Rows.Min(x => x.Fit.Aic));
        table.BestByBic.Bic.Should().Be(table.Rows.Min(x => x.Fit.Bic));
        table.Rows.Single(x => x.AicRank == 1).DeltaAic.Should().Be(0);
        table.Rows.Should().OnlyContain(x => x.DeltaAic >= 0 && x.DeltaBic >= 0);
        // The Gompertz row is the single fit of ovarian_null_gompertz, whose log-likelihood R confirms.
        var gompertz = table.Rows.Single(x => x.Fit.Distribution == ParametricDistribution.Gompertz && !x.Fit.IsCure);
        var fits = ReferenceTable.Load("Parametric/parametric_fits.csv");
        Approx.Equal(fits.Number(fits.Where("model", "ovarian_null_gompertz").Single(), "loglik"), gompertz.Fit.LogLik, 1e-6, "Gompertz loglik");
        var cure = table.Rows.Single(x => x.Fit.Distribution == ParametricDistribution.Weibull && x.Fit.IsCure);
        Approx.Equal(fits.Number(fits.Where("model", "ovarian_cure_weibull").Single(), "loglik"), cure.Fit.LogLik, 1e-6, "Weibull cure loglik");
        cure.Label.Should().Be("Weibull + cure");
    }
}
