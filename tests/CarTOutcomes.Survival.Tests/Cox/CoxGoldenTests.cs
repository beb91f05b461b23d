using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>A hand-computable case (in the manner of R's tests/book1.R): exact fractions, unsorted input.</summary>
public class CoxGoldenTests
{
    /// <summary>
    /// Deaths at t = 1, 2, 3, 4 with x = 1, 0, 1, 0, given in the order t = 3, 1, 4, 2. At β = 0 the risk sets are
    /// {1,2,3,4}, {2,3,4}, {3,4}, {4}: U = (1 − 1/2) + (0 − 1/3) + (1 − 1/2) + 0 = 2/3 and
    /// I = 1/4 + 2/9 + 1/4 + 0 = 13/18, so the score test is (2/3)² / (13/18) = 8/13; ℓ(0) = −log 24.
    /// β̂ solves U(β) = 2 − [2e^β/(2e^β + 2) + e^β/(e^β + 2) + e^β/(e^β + 1)] = 0, found by bisection in the test.
    /// </summary>
    [Fact]
    public void Four_deaths_by_hand()
    {
        var data = SurvivalData.RightCensored([3.0, 1, 4, 2], [true, true, true, true]);
        IReadOnlyList<double>[] x = [new[] { 1.0, 1, 0, 0 }];
        foreach (var ties in new[] { Ties.Efron, Ties.Breslow })   // no ties: both are the exact partial likelihood
        {
            var fit = CoxModel.Fit(data, x, ["x"], new CoxOptions { Ties = ties });
            Approx.Equal(8.0 / 13, fit.ScoreTest!.Statistic, 1e-12, "score test");
            Approx.Equal(-Math.Log(24), fit.LogLikNull, 1e-12, "loglik at 0");
            static double U(double b)
            {
                double e = Math.Exp(b);
                return 2 - (2 * e / (2 * e + 2) + e / (e + 2) + e / (e + 1));
            }
            double lo = -5, hi = 5;
            for (int k = 0; k < 200; k++) { double m = (lo + hi) / 2; if (U(m) > 0) lo = m; else hi = m; }
            Approx.Equal((lo + hi) / 2, fit.Coefficients[0].Estimate, 1e-8, "beta");
            fit.MartingaleResiduals().Sum().Should().BeApproximately(0, 1e-10, "martingale residuals sum to 0 at β̂");
        }
    }
}
