using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// Firth's penalized Cox model. R's <c>coxphf</c> is not packaged for Debian here (<c>apt-cache policy r-cran-coxphf</c>
/// finds nothing), so these tests use a case solvable by hand and check the defining equations against the ordinary
/// (R-verified) likelihood engine instead of against coxphf's output.
/// </summary>
public class FirthTests
{
    private static readonly double Chi95 = 3.8414588206941245;   // qchisq(0.95, 1)

    /// <summary>
    /// Two subjects, x = (1, 0), events at t = 1 and 2. Only t = 1 informs: with π = e^β/(1 + e^β),
    /// ℓ = log π and I = π(1 − π), so ℓ* = 1.5 log π + 0.5 log(1 − π), maximal at π = 3/4: β̂ = log 3 exactly,
    /// although the ordinary estimate is infinite.
    /// </summary>
    [Fact]
    public void Two_subject_case_gives_log_3_and_the_profile_limits()
    {
        var data = SurvivalData.RightCensored([1.0, 2.0], [true, true]);
        IReadOnlyList<double>[] x = [new[] { 1.0, 0.0 }];
        var fit = CoxModel.Fit(data, x, ["x"], new CoxOptions { Firth = true });
        Approx.Equal(Math.Log(3), fit.Coefficients[0].Estimate, 1e-8, "beta");
        static double F(double pi) => 1.5 * Math.Log(pi) + 0.5 * Math.Log(1 - pi);
        Approx.Equal(F(0.75), fit.LogLik, 1e-10, "penalized loglik");
        Approx.Equal(F(0.5), fit.LogLikNull, 1e-10, "penalized loglik at 0");
        double target = F(0.75) - Chi95 / 2;
        double lower = Logit(Bisect(p => F(p) - target, 1e-9, 0.75));
        double upper = Logit(Bisect(p => F(p) - target, 0.75, 1 - 1e-12));
        Approx.Equal(Math.Exp(lower), fit.Coefficients[0].Lower, 1e-6, "lower limit");
        Approx.Equal(Math.Exp(upper), fit.Coefficients[0].Upper, 1e-6, "upper limit");
        // p-value of the penalized likelihood-ratio test of beta = 0 (one coefficient: no profiling needed)
        double lr = 2 * (F(0.75) - F(0.5));
        Approx.Equal(MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(0.5, lr / 2), fit.Coefficients[0].PValue, 1e-8, "p");
        // the ordinary log-likelihood log π climbs towards 0 without end: R and we stop at the iteration limit
        var ordinary = CoxModel.Fit(data, x, ["x"]);
        ordinary.Converged.Should().BeFalse();
        ordinary.Warnings.Should().Contain("Ran out of iterations and did not converge");
    }

    /// <summary>
    /// On Reference/Cox/monotone.csv, where R warns that β(x) is infinite, the Firth estimate is finite, it is a
    /// stationary point of ℓ(β) + ½ log det I(β) computed by the ordinary Breslow engine (checked against R), and the
    /// profile lower limit of x sits where the profile statistic equals the χ²₁ 95% quantile.
    /// </summary>
    [Fact]
    public void Monotone_data_give_a_finite_stationary_penalized_estimate()
    {
        var (data, columns) = CoxReferenceModels.Data("monotone");
        string[] names = ["x", "z"];
        var fit = CoxModel.Fit(data, columns, names, new CoxOptions { Firth = true });
        fit.Converged.Should().BeTrue();
        fit.IsFirth.Should().BeTrue();
        var b = fit.Estimates.ToArray();
        b.Should().OnlyContain(v => double.IsFinite(v) && Math.Abs(v) < 10);
        double Pen(double[] beta)
        {
            var f = CoxModel.Fit(data, columns, names, new CoxOptions { Ties = Ties.Breslow, MaxIterations = 0, InitialValues = beta });
            var v = f.NaiveVariance;
            double det = v[0, 0] * v[1, 1] - v[0, 1] * v[1, 0];
            return f.LogLikNull - 0.5 * Math.Log(det);
        }
        Approx.Equal(Pen(b), fit.LogLik, 1e-9, "penalized loglik");
        const double h = 1e-5;
        for (int j = 0; j < 2; j++)
        {
            var up = (double[])b.Clone(); up[j] += h;
            var dn = (double[])b.Clone(); dn[j] -= h;
            ((Pen(up) - Pen(dn)) / (2 * h)).Should().BeApproximately(0, 1e-5, $"penalized score of {names[j]}");
        }
        double lowerX = Math.Log(fit.Coefficients[0].Lower);
        double profile = MaximizeOver(z => Pen([lowerX, z]), b[1] - 3, b[1] + 3);
        (2 * (fit.LogLik - profile)).Should().BeApproximately(Chi95, 1e-4);
        fit.Coefficients[0].Lower.Should().BeLessThan(Math.Exp(b[0]));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Bisect(Func<double, double> f, double a, double b)
    {
        double fa = f(a);
        for (int k = 0; k < 200; k++)
        {
            double m = (a + b) / 2, fm = f(m);
            if (Math.Sign(fm) == Math.Sign(fa)) { a = m; fa = fm; } else b = m;
        }
        return (a + b) / 2;
    }

    private static double MaximizeOver(Func<double, double> f, double a, double b)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        for (int k = 0; k < 200; k++)
        {
            double c = b - g * (b - a), d = a + g * (b - a);
            if (f(c) > f(d)) b = d; else a = c;
        }
        return f((a + b) / 2);
    }
}
