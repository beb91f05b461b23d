using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>
/// Seeded calibration: over many simulated data sets with a known cure fraction, the 95% limits of the cure fraction
/// and of survival cover the truth about 95% of the time (Meta.Numerics' LinearRegressionVariances pattern).
/// </summary>
public class ParametricCoverageTests
{
    [Fact]
    public void Cure_fraction_and_survival_limits_cover_the_truth_about_95_percent_of_the_time()
    {
        // π = 0.35; uncured Weibull with shape 1.4 and scale 2 (S_u(t) = exp(−(t/2)^1.4)); censoring uniform on (0.5, 10).
        const double pi = 0.35, shape = 1.4, scale = 2, t0 = 2;
        double trueS = pi + (1 - pi) * Math.Exp(-Math.Pow(t0 / scale, shape));
        var rng = new Random(20261129);
        int sets = 300, coverCure = 0, coverS = 0, converged = 0;
        for (int k = 0; k < sets; k++)
        {
            int n = 150;
            var time = new double[n]; var died = new bool[n];
            for (int i = 0; i < n; i++)
            {
                double c = 0.5 + 9.5 * rng.NextDouble();
                double t = rng.NextDouble() < pi ? double.PositiveInfinity : scale * Math.Pow(-Math.Log(1 - rng.NextDouble()), 1 / shape);
                time[i] = Math.Min(t, c); died[i] = t <= c;
            }
            var fit = ParametricModel.Fit(SurvivalData.RightCensored(time, died), new ParametricOptions(ParametricDistribution.Weibull) { Cure = true });
            if (!fit.Converged) continue;
            converged++;
            var cf = fit.CureFraction!;
            if (cf.Lower <= pi && pi <= cf.Upper) coverCure++;
            var s = fit.Survival([t0])[0];
            if (s.Lower <= trueS && trueS <= s.Upper) coverS++;
        }
        converged.Should().Be(sets);
        // Binomial(300, 0.95) has standard deviation 0.0126: 0.92–0.98 is about ±2.4 sd.
        ((double)coverCure / converged).Should().BeInRange(0.92, 0.98);
        ((double)coverS / converged).Should().BeInRange(0.92, 0.98);
    }
}
