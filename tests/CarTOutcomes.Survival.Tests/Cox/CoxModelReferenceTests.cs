using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>Fits agree with R's coxph (Reference/Cox/cox_reference.R): 1e-6 relative, 1e-4 for robust quantities.</summary>
public class CoxModelReferenceTests
{
    private const double Tol = 1e-6;
    private const double RobustTol = 1e-4;

    public static IEnumerable<object[]> Models => CoxReferenceModels.Names;

    [Theory]
    [MemberData(nameof(Models))]
    public void Coefficients_match_R(string model)
    {
        var fit = CoxReferenceModels.Fit(model, confidenceLevel: 0.9);
        var r = ReferenceTable.Load("Cox/cox_coefficients.csv");
        var rows = r.Where("model", model).ToList();
        rows.Should().HaveCount(fit.Coefficients.Count);
        bool robust = rows.Any(x => !double.IsNaN(r.Number(x, "robust_se")));
        fit.IsRobust.Should().Be(robust || rows.All(x => double.IsNaN(r.Number(x, "coef"))) && fit.IsRobust);
        foreach (var row in rows)
        {
            var c = fit.Coefficients.Single(x => x.Name == r.Text(row, "term"));
            string w = $"{model} {c.Name}";
            double tolZ = robust ? RobustTol : Tol;
            Approx.Equal(r.Number(row, "coef"), c.Estimate, Tol, w + " coef");
            Approx.Equal(r.Number(row, "se"), c.StandardError, Tol, w + " se");
            Approx.Equal(r.Number(row, "robust_se"), c.RobustStandardError ?? double.NaN, RobustTol, w + " robust se");
            Approx.Equal(r.Number(row, "z"), c.Z, tolZ, w + " z");
            Approx.Equal(r.Number(row, "p"), c.PValue, tolZ * 10, w + " p");
            Approx.Equal(r.Number(row, "lower90"), c.Lower, tolZ, w + " lower .90");
            Approx.Equal(r.Number(row, "upper90"), c.Upper, tolZ, w + " upper .90");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Likelihoods_tests_and_concordance_match_R(string model)
    {
        var fit = CoxReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Cox/cox_summary.csv");
        var row = r.Where("model", model).Single();
        fit.RowCount.Should().Be((int)r.Number(row, "n"));
        fit.EventCount.Should().Be((int)r.Number(row, "nevent"));
        fit.Iterations.Should().Be((int)r.Number(row, "iter"), "Newton–Raphson should take R's path");
        Approx.Equal(r.Number(row, "loglik0"), fit.LogLikNull, Tol, model + " loglik0");
        Approx.Equal(r.Number(row, "loglik"), fit.LogLik, Tol, model + " loglik");
        Approx.Equal(r.Number(row, "lr"), fit.LikelihoodRatioTest!.Statistic, Tol, model + " LR");
        fit.LikelihoodRatioTest!.DegreesOfFreedom.Should().Be((int)r.Number(row, "lr_df"));
        Approx.Equal(r.Number(row, "wald"), fit.WaldTest!.Statistic, fit.IsRobust ? RobustTol : Tol, model + " Wald");
        Approx.Equal(r.Number(row, "score"), fit.ScoreTest!.Statistic, Tol, model + " score");
        Approx.Equal(r.Number(row, "robust_score"), fit.RobustScoreTest?.Statistic ?? double.NaN, RobustTol, model + " robust score");
        Approx.Equal(r.Number(row, "concordance"), fit.Concordance!.Value, Tol, model + " concordance");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Warnings_match_R(string model)
    {
        var fit = CoxReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Cox/cox_warnings.csv");
        var expected = r.Where("model", model).Single();
        var text = r.Text(expected, "warning");
        if (text == "none") fit.Warnings.Should().BeEmpty();
        else
        {
            // R pastes "variable  1 ;" with spaces; we write "variable 1;"
            var normalized = System.Text.RegularExpressions.Regex.Replace(text, @"\s+;", ";").Replace("  ", " ");
            fit.Warnings.Should().ContainSingle().Which.Should().Be(normalized);
        }
        fit.Converged.Should().BeTrue();
    }

    [Fact]
    public void Efron_and_Breslow_differ_on_tied_data()
    {
        var efron = CoxReferenceModels.Fit("syn_efron");
        var r = ReferenceTable.Load("Cox/cox_coefficients.csv");
        var breslow = r.Where("model", "syn_breslow").ToList();
        double x1 = r.Number(breslow.Single(x => r.Text(x, "term") == "x1"), "coef");
        Math.Abs(efron.Coefficients[0].Estimate - x1).Should().BeGreaterThan(1e-3);
        CoxReferenceModels.Fit("syn_efron", ties: Ties.Breslow).Coefficients[0].Estimate.Should().BeApproximately(x1, 1e-6 * Math.Abs(x1));
    }

    [Fact]
    public void Collinear_covariate_has_no_coefficient()
    {
        var fit = CoxReferenceModels.Fit("syn_collinear");
        double.IsNaN(fit.Coefficients[2].Estimate).Should().BeTrue();
        double.IsNaN(fit.Coefficients[2].StandardError).Should().BeTrue();
        fit.LikelihoodRatioTest!.DegreesOfFreedom.Should().Be(2);
        fit.Variance[2, 2].Should().Be(0);
    }
}
