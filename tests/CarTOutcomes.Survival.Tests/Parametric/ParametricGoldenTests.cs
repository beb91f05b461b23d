using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Parametric;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>Hand-computable results and exact identities between models.</summary>
public class ParametricGoldenTests
{
    // Unsorted; 3 events in 28 units of time at risk.
    private static readonly double[] Time = [7, 2, 11, 3, 5];
    private static readonly bool[] Died = [true, true, false, false, true];

    [Fact]
    public void Exponential_fit_is_events_over_time_at_risk()
    {
        var fit = ParametricModel.Fit(SurvivalData.RightCensored(Time, Died), new ParametricOptions(ParametricDistribution.Exponential));
        double rate = 3.0 / 28;
        fit.Converged.Should().BeTrue();
        fit.Coefficients.Should().ContainSingle();
        Approx.Equal(Math.Log(28.0 / 3), fit.Coefficients[0].Estimate, 1e-10, "log mean");
        Approx.Equal(1 / Math.Sqrt(3), fit.Coefficients[0].StandardError, 1e-6, "se = 1/sqrt(D)");
        Approx.Equal(3 * Math.Log(rate) - 3, fit.LogLik, 1e-12, "loglik D log λ − λT");
        Approx.Equal(-2 * fit.LogLik + 2, fit.Aic, 1e-12, "AIC");
        Approx.Equal(-2 * fit.LogLik + Math.Log(5), fit.Bic, 1e-12, "BIC");
        Approx.Equal(Math.Exp(-rate * 4), fit.Survival([4])[0].Estimate, 1e-10, "S(4)");
        Approx.Equal(rate, fit.Hazard([4])[0].Estimate, 1e-10, "h(4)");
        Approx.Equal(rate * 4, fit.CumulativeHazard([4])[0].Estimate, 1e-10, "H(4)");
        Approx.Equal(Math.Log(2) / rate, fit.Median.Estimate, 1e-10, "median");
        Approx.Equal((1 - Math.Exp(-rate * 10)) / rate, fit.RestrictedMean(10).Estimate, 1e-10, "RMST(10)");
        // log-scale limits of the hazard: exp(log λ ± 1.96/sqrt(3))
        var h = fit.Hazard([4])[0];
        Approx.Equal(rate * Math.Exp(-1.959963984540054 / Math.Sqrt(3)), h.Lower, 1e-6, "hazard lower");
        fit.Survival([0])[0].Estimate.Should().Be(1);
        fit.CureFraction.Should().BeNull();
    }

    [Fact]
    public void Weibull_PH_is_the_AFT_model_reparameterised()
    {
        var r = ReferenceTable.Load("Parametric/lung.csv");
        var data = SurvivalData.RightCensored(r.Rows.Select(x => r.Number(x, "time")).ToArray(), r.Rows.Select(x => r.Number(x, "status") == 1).ToArray());
        var cov = Covariates.Create(("age", r.Rows.Select(x => r.Number(x, "age")).ToArray()));
        var aft = ParametricModel.Fit(data, cov, new ParametricOptions(ParametricDistribution.Weibull));
        var ph = ParametricModel.Fit(data, cov, new ParametricOptions(ParametricDistribution.Weibull) { Scale = ParametricScale.ProportionalHazards });
        Approx.Equal(aft.LogLik, ph.LogLik, 1e-10, "loglik");
        double sigma = Math.Exp(aft.Coefficients[2].Estimate);
        Approx.Equal(-aft.Coefficients[1].Estimate / sigma, ph.Coefficients[1].Estimate, 1e-6, "log HR = −β/σ");
        Approx.Equal(-aft.Coefficients[2].Estimate, ph.Coefficients[2].Estimate, 1e-6, "log shape = −log σ");
        Approx.Equal(aft.Median.Estimate, ph.Median.Estimate, 1e-8, "median");
        Approx.Equal(aft.Median.Lower, ph.Median.Lower, 1e-5, "median lower (invariant)");
    }

    [Fact]
    public void Splitting_a_row_at_an_entry_time_leaves_the_fit_unchanged()
    {
        // (0, 7] = (0, 4] censored + (4, 7] with delayed entry at 4: the likelihood factorises (conditional on survival to 4).
        var whole = SurvivalData.RightCensored(Time, Died);
        var split = SurvivalData.CountingProcess([0, 4, 0, 0, 0, 0], [4, 7, 2, 11, 3, 5], [false, true, true, false, false, true]);
        foreach (var d in ParametricComparison.AllDistributions)
        {
            var a = ParametricModel.Fit(whole, new ParametricOptions(d));
            var b = ParametricModel.Fit(split, new ParametricOptions(d));
            Approx.Equal(a.LogLik, b.LogLik, 1e-9, $"{d} loglik");
            for (int j = 0; j < a.Coefficients.Count; j++)
                Math.Abs(a.Coefficients[j].Estimate - b.Coefficients[j].Estimate).Should().BeLessThan(1e-5 * (1 + Math.Abs(a.Coefficients[j].Estimate)), $"{d} {a.Coefficients[j].Name}");
        }
    }

    [Fact]
    public void Integer_weights_are_replicated_rows()
    {
        double[] w = [1, 2, 3, 1, 2];
        var weighted = SurvivalData.RightCensored(Time, Died, w);
        var rows = Enumerable.Range(0, 5).SelectMany(i => Enumerable.Repeat(i, (int)w[i])).ToArray();
        var replicated = SurvivalData.RightCensored(rows.Select(i => Time[i]).ToArray(), rows.Select(i => Died[i]).ToArray());
        var a = ParametricModel.Fit(weighted, new ParametricOptions(ParametricDistribution.LogLogistic));
        var b = ParametricModel.Fit(replicated, new ParametricOptions(ParametricDistribution.LogLogistic));
        Approx.Equal(b.LogLik, a.LogLik, 1e-10, "loglik");
        Approx.Equal(b.Coefficients[1].StandardError, a.Coefficients[1].StandardError, 1e-6, "se");
    }

    [Theory]
    [InlineData(ParametricDistribution.Exponential, false)]
    [InlineData(ParametricDistribution.Weibull, false)]
    [InlineData(ParametricDistribution.Gompertz, false)]
    [InlineData(ParametricDistribution.LogNormal, true)]
    [InlineData(ParametricDistribution.LogLogistic, false)]
    [InlineData(ParametricDistribution.GeneralizedGamma, false)]
    [InlineData(ParametricDistribution.Weibull, true)]
    [InlineData(ParametricDistribution.GeneralizedGamma, true)]
    public void Survival_hazard_and_quantiles_are_consistent(ParametricDistribution d, bool cure)
    {
        var fit = ReferenceFit(d, cure);
        foreach (double t in new[] { 50.0, 200, 600 })
        {
            // h = −d log S/dt, checked by a central difference of the cumulative hazard
            double e = 1e-3 * t;
            double numeric = (fit.CumulativeHazard([t + e])[0].Estimate - fit.CumulativeHazard([t - e])[0].Estimate) / (2 * e);
            Approx.Equal(numeric, fit.Hazard([t])[0].Estimate, 1e-5, $"{d} h({t})");
            Approx.Equal(Math.Exp(-fit.CumulativeHazard([t])[0].Estimate), fit.Survival([t])[0].Estimate, 1e-12, $"{d} S = exp(−H)");
            var s = fit.Survival([t])[0];
            s.Lower.Should().BeLessThan(s.Estimate).And.BeGreaterThan(0);
            s.Upper.Should().BeGreaterThan(s.Estimate).And.BeLessThan(1);
        }
        foreach (double p in new[] { 0.1, 0.25, 0.4 })
        {
            var q = fit.Quantile(p);
            Approx.Equal(1 - p, fit.Survival([q.Estimate])[0].Estimate, 1e-9, $"{d} S(t_p) = 1 − p");
            q.Lower.Should().BeLessThan(q.Estimate);
        }
        var rmst = fit.RestrictedMean(500);
        rmst.Estimate.Should().BeLessThan(500).And.BeGreaterThan(500 * fit.Survival([500])[0].Estimate);
    }

    private static ParametricResult ReferenceFit(ParametricDistribution d, bool cure)
    {
        var r = ReferenceTable.Load("Parametric/lung.csv");
        var data = SurvivalData.RightCensored(r.Rows.Select(x => r.Number(x, "time")).ToArray(), r.Rows.Select(x => r.Number(x, "status") == 1).ToArray());
        return ParametricModel.Fit(data, new ParametricOptions(d) { Cure = cure });
    }

    [Fact]
    public void A_median_beyond_a_cure_fraction_of_more_than_half_is_infinite()
    {
        // 10 events early, 30 rows censored late: a cure fraction near 3/4.
        var time = Enumerable.Range(1, 10).Select(i => (double)i).Concat(Enumerable.Repeat(100.0, 30)).ToArray();
        var died = Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 30)).ToArray();
        var fit = ParametricModel.Fit(SurvivalData.RightCensored(time, died), new ParametricOptions(ParametricDistribution.Weibull) { Cure = true });
        fit.Converged.Should().BeTrue();
        fit.CureFraction!.Estimate.Should().BeApproximately(0.75, 0.01);
        double.IsPositiveInfinity(fit.Median.Estimate).Should().BeTrue();
        double.IsNaN(fit.Median.Lower).Should().BeTrue();
        fit.Survival([1000])[0].Estimate.Should().BeApproximately(fit.CureFraction.Estimate, 1e-6);
    }
}
