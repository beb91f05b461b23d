using CarTOutcomes.Survival.Parametric;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>Every family's analytic derivatives agree with central differences of its own log S and log f.</summary>
public class ParametricDerivativeTests
{
    public static TheoryData<ParametricDistribution, ParametricScale> Families => new()
    {
        { ParametricDistribution.Exponential, ParametricScale.AcceleratedFailureTime },
        { ParametricDistribution.Weibull, ParametricScale.AcceleratedFailureTime },
        { ParametricDistribution.LogNormal, ParametricScale.AcceleratedFailureTime },
        { ParametricDistribution.LogLogistic, ParametricScale.AcceleratedFailureTime },
        { ParametricDistribution.Weibull, ParametricScale.ProportionalHazards },
        { ParametricDistribution.Gompertz, ParametricScale.ProportionalHazards },
        { ParametricDistribution.GeneralizedGamma, ParametricScale.AcceleratedFailureTime },
    };

    private static double[] EtaFor(Family f, double t) => f.K switch
    {
        1 => [Math.Log(t) + 0.3],
        2 => f is GompertzFamily ? [-2.1, 0.15] : [f is WeibullPHFamily ? -1.7 : Math.Log(t) + 0.2, -0.35],
        _ => [Math.Log(t) + 0.1, -0.2, 0.7],
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Gradients_and_curvatures_match_central_differences(ParametricDistribution d, ParametricScale scale)
    {
        var f = Family.Create(d, scale);
        foreach (double t in new[] { 0.4, 2.5, 9 })
        {
            var eta = EtaFor(f, t);
            int k = f.K;
            var ds = new double[k]; var df = new double[k];
            f.Evaluate(t, eta, out _, out _, ds, df);
            for (int j = 0; j < k; j++)
            {
                double h = 1e-6;
                var up = (double[])eta.Clone(); up[j] += h;
                var dn = (double[])eta.Clone(); dn[j] -= h;
                f.Evaluate(t, up, out double su, out double fu, new double[k], new double[k]);
                f.Evaluate(t, dn, out double sd, out double fd, new double[k], new double[k]);
                Approx.Equal((su - sd) / (2 * h), ds[j], 1e-5, $"{d} {scale} t={t} dlogS/deta{j}");
                Approx.Equal((fu - fd) / (2 * h), df[j], 1e-5, $"{d} {scale} t={t} dlogf/deta{j}");
            }
            if (!f.HasCurvature) continue;
            var c1 = new double[k * k]; var c2 = new double[k * k];
            f.EvaluateWithCurvature(t, eta, out _, out _, new double[k], new double[k], c1, c2);
            for (int j = 0; j < k; j++)
            {
                double h = 1e-5;
                var up = (double[])eta.Clone(); up[j] += h;
                var dn = (double[])eta.Clone(); dn[j] -= h;
                var su = new double[k]; var fu = new double[k]; var sd = new double[k]; var fd = new double[k];
                f.Evaluate(t, up, out _, out _, su, fu);
                f.Evaluate(t, dn, out _, out _, sd, fd);
                for (int m = 0; m < k; m++)
                {
                    Approx.Equal((su[m] - sd[m]) / (2 * h), c1[j * k + m], 1e-5, $"{d} t={t} d2logS/deta{j}deta{m}");
                    Approx.Equal((fu[m] - fd[m]) / (2 * h), c2[j * k + m], 1e-5, $"{d} t={t} d2logf/deta{j}deta{m}");
                }
            }
        }
    }

    [Fact]
    public void The_mixture_cure_gradient_matches_central_differences()
    {
        var lik = new ParametricLikelihood(Family.Create(ParametricDistribution.LogLogistic, ParametricScale.AcceleratedFailureTime), true,
            [1.0], [0.0], [true], [1.0], [], []);
        double[] eta = [0.8, -0.4, 0.3];
        foreach (double t in new[] { 0.5, 3, 20 })
        {
            var ds = new double[3]; var df = new double[3];
            lik.Evaluate(t, eta, out _, out _, ds, df);
            for (int j = 0; j < 3; j++)
            {
                double h = 1e-6;
                var up = (double[])eta.Clone(); up[j] += h;
                var dn = (double[])eta.Clone(); dn[j] -= h;
                lik.Evaluate(t, up, out double su, out double fu, new double[3], new double[3]);
                lik.Evaluate(t, dn, out double sd, out double fd, new double[3], new double[3]);
                Approx.Equal((su - sd) / (2 * h), ds[j], 1e-5, $"t={t} dlogS/deta{j}");
                Approx.Equal((fu - fd) / (2 * h), df[j], 1e-5, $"t={t} dlogf/deta{j}");
            }
        }
    }
}
