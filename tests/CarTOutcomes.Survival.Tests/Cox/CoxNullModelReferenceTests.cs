using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Tests.Support;
using CoxRegression = CarTOutcomes.Survival.Cox.Cox;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// The null Cox model (no covariate: <c>~ 1</c>, <c>~ strata(g)</c>, <c>~ offset(o)</c>) against R's <c>coxph.null</c>
/// fits, their <c>survfit</c> curves and residuals, and the nested models whose ℓ₀ it is (Reference/Cox/
/// cox_null_reference.R, R 4.2.2, survival 3.5-3, on lung, veteran, heart and bladder2). Nothing is iterated: 1e-6
/// relative, except the likelihood-ratio statistics of the nested (iterated) fits, 1e-4.
/// </summary>
public class CoxNullModelReferenceTests
{
    private const double Tol = 1e-6;
    private const double FitTol = 1e-4;

    private static readonly ReferenceTable Summary = ReferenceTable.Load("Cox/cox_null.csv");
    private static readonly ReferenceTable Curves = ReferenceTable.Load("Cox/cox_null_survfit.csv");
    private static readonly ReferenceTable Residuals = ReferenceTable.Load("Cox/cox_null_residuals.csv");

    public static IEnumerable<object[]> Models => Summary.Rows.Select(r => new object[] { Summary.Text(r, "model") });

    /// <summary>The input of a model: null_lung.csv for lung_efron, and so on.</summary>
    internal static ModelData Data(string model)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "Cox", $"null_{model[..model.IndexOf('_')]}.csv");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var columns = header.Select((_, j) => (IReadOnlyList<string?>)cells.Select(r => (string?)r[j]).ToArray()).ToArray();
        return ModelData.FromText(header, columns, Path.GetFileName(path));
    }

    private static (CoxResult Fit, string[] Row) Fit(string model, string formulaColumn = "formula")
    {
        var row = Summary.Where("model", model).Single();
        var ties = Summary.Text(row, "ties") == "breslow" ? Ties.Breslow : Ties.Efron;
        return (CoxRegression.Fit(Summary.Text(row, formulaColumn), Data(model), new CoxOptions { Ties = ties }), row);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_null_model_has_Rs_log_likelihood_n_and_events_and_nothing_estimated(string model)
    {
        var (fit, row) = Fit(model);
        fit.IsNullModel.Should().BeTrue();
        fit.RowCount.Should().Be((int)Summary.Number(row, "n"), model);
        fit.EventCount.Should().Be((int)Summary.Number(row, "nevent"), model);
        Approx.Equal(Summary.Number(row, "loglik"), fit.LogLik, Tol, model + " loglik");
        fit.LogLikNull.Should().Be(fit.LogLik, "the null model's only log-likelihood is both");
        fit.Coefficients.Should().BeEmpty();
        fit.Names.Should().BeEmpty();
        fit.Estimates.Should().BeEmpty();
        fit.Variance.Length.Should().Be(0);
        fit.TermTests.Should().BeEmpty();
        fit.LikelihoodRatioTest.Should().BeNull("R's coxph.null has no test");
        fit.WaldTest.Should().BeNull();
        fit.ScoreTest.Should().BeNull();
        fit.RobustScoreTest.Should().BeNull();
        fit.Concordance.Should().BeNull();
        fit.IsRobust.Should().BeFalse();
        fit.Iterations.Should().Be(0);
        fit.Converged.Should().BeTrue();
        fit.Warnings.Should().BeEmpty();
        fit.Model!.ColumnNames.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_null_model_is_the_l0_of_the_nested_model_and_gives_Rs_likelihood_ratio(string model)
    {
        var (nullFit, row) = Fit(model);
        var (full, _) = Fit(model, "full_formula");
        Approx.Equal(Summary.Number(row, "full_loglik0"), full.LogLikNull, Tol, model + " full loglik0");
        full.LogLikNull.Should().BeApproximately(nullFit.LogLik, 1e-9 * Math.Abs(nullFit.LogLik), "the same risk sets at β = 0");
        double lr = 2 * (full.LogLik - nullFit.LogLik);
        Approx.Equal(Summary.Number(row, "lr"), lr, FitTol, model + " anova(null, full) chi-square");
        Approx.Equal(full.LikelihoodRatioTest!.Statistic, lr, 1e-9, model + " LR test of the full fit");
        full.LikelihoodRatioTest.DegreesOfFreedom.Should().Be((int)Summary.Number(row, "lr_df"));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Baseline_survival_of_the_null_model_is_Rs_survfit(string model)
    {
        var (fit, _) = Fit(model);
        // R centres the offset (coxph: offset - mean(offset)), so survfit(fit) is the curve at the mean offset
        double offset = fit.Model!.Offset is { } o ? o.Average() : 0;
        var curves = fit.PredictSurvival([], 0.95, offset);
        var rows = Curves.Where("model", model).ToArray();
        curves.Sum(c => c.Points.Count).Should().Be(rows.Length, model);
        foreach (var stratum in rows.GroupBy(r => Curves.Text(r, "strata")))
        {
            var curve = curves.Single(c => c.Stratum == stratum.Key);
            var expected = stratum.ToArray();
            curve.Points.Should().HaveCount(expected.Length, $"{model} {stratum.Key}");
            for (int k = 0; k < expected.Length; k++)
            {
                var (r, p) = (expected[k], curve.Points[k]);
                string w = $"{model} {stratum.Key} t={p.Time}";
                Approx.Equal(Curves.Number(r, "time"), p.Time, 0, w + " time");
                Approx.Equal(Curves.Number(r, "n_risk"), p.AtRisk, Tol, w + " n.risk");
                Approx.Equal(Curves.Number(r, "n_event"), p.Events, Tol, w + " n.event");
                Approx.Equal(Curves.Number(r, "cumhaz"), p.CumulativeHazard, Tol, w + " cumhaz");
                Approx.Equal(Curves.Number(r, "surv"), p.Survival, Tol, w + " surv");
                Approx.Equal(Curves.Number(r, "std_err"), p.StandardError, Tol, w + " std.err");
                Approx.Equal(Curves.Number(r, "lower"), p.Lower, Tol, w + " lower");
                Approx.Equal(Curves.Number(r, "upper"), p.Upper, Tol, w + " upper");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Martingale_and_deviance_residuals_of_the_null_model_are_Rs(string model)
    {
        var (fit, _) = Fit(model);
        var rows = Residuals.Where("model", model).ToArray();
        var martingale = fit.MartingaleResiduals();
        var deviance = fit.DevianceResiduals();
        martingale.Should().HaveCount(rows.Length);
        for (int k = 0; k < rows.Length; k++)
        {
            int i = (int)Residuals.Number(rows[k], "row") - 1;
            Approx.Equal(Residuals.Number(rows[k], "martingale"), martingale[i], Tol, $"{model} martingale {i + 1}");
            Approx.Equal(Residuals.Number(rows[k], "deviance"), deviance[i], Tol, $"{model} deviance {i + 1}");
        }
    }

    [Fact]
    public void Residuals_and_the_PH_test_that_need_a_coefficient_are_refused_as_R_refuses_them()
    {
        var (fit, _) = Fit("lung_efron");
        fit.Invoking(f => f.ScoreResiduals()).Should().Throw<InvalidOperationException>().WithMessage("'score' residuals are not defined for a null model*");
        fit.Invoking(f => f.DfBeta()).Should().Throw<InvalidOperationException>().WithMessage("'dfbeta' residuals*");
        fit.Invoking(f => f.SchoenfeldResiduals()).Should().Throw<InvalidOperationException>().WithMessage("'schoenfeld' residuals*");
        fit.Invoking(f => f.ScaledSchoenfeldResiduals()).Should().Throw<InvalidOperationException>().WithMessage("'scaledsch' residuals*");
        fit.Invoking(f => f.ProportionalHazardsTest()).Should().Throw<InvalidOperationException>().WithMessage("*no score residuals for a Null model*");
    }

    [Fact]
    public void Column_interface_fits_the_null_model_from_an_empty_covariate_list()
    {
        // coxph(Surv(start, stop, event) ~ strata(surgery), heart, ties = "breslow"): the outcome with strata, no column
        var d = Data("heart_strata_breslow");
        var num = (string c) => d[c].AsNumbers().ToArray();
        var data = SurvivalData.CountingProcess(num("start"), num("stop"), num("event").Select(e => e == 1).ToArray())
            .WithStrata(num("surgery").Select(s => $"surgery={s}").ToArray());
        var fit = CoxModel.Fit(data, [], [], new CoxOptions { Ties = Ties.Breslow });
        var row = Summary.Where("model", "heart_strata_breslow").Single();
        fit.IsNullModel.Should().BeTrue();
        Approx.Equal(Summary.Number(row, "loglik"), fit.LogLik, Tol, "heart strata Breslow loglik");
        // Efron's loglik differs with ties (heart has tied event times): the ties option is honoured
        var efron = CoxModel.Fit(data, [], [], new CoxOptions { Ties = Ties.Efron });
        Approx.Equal(Summary.Number(Summary.Where("model", "heart_strata_efron").Single(), "loglik"), efron.LogLik, Tol, "heart strata Efron loglik");
    }

    [Fact]
    public void Firth_on_the_null_model_is_the_Breslow_null_likelihood_with_no_penalty()
    {
        var d = Data("lung_breslow");
        var fit = CoxRegression.Fit("Surv(time, status) ~ 1", d, new CoxOptions { Firth = true });
        fit.IsFirth.Should().BeTrue();
        fit.Ties.Should().Be(Ties.Breslow);
        Approx.Equal(Summary.Number(Summary.Where("model", "lung_breslow").Single(), "loglik"), fit.LogLik, Tol, "Firth null loglik");
    }

    [Fact]
    public void Null_model_with_a_cluster_has_no_robust_variance_as_R()
    {
        // coxph(Surv(time, status) ~ cluster(inst), lung) is a coxph.null: nothing to make robust
        var fit = CoxRegression.Fit("Surv(time, status) ~ cluster(inst)", Data("lung_efron"));
        fit.IsNullModel.Should().BeTrue();
        fit.IsRobust.Should().BeFalse();
        fit.RobustScoreTest.Should().BeNull();
        fit.RowCount.Should().Be(227, "the row with a missing inst is dropped (na.omit)");
    }

    [Fact]
    public void Initial_values_for_the_null_model_are_refused_naming_the_count()
    {
        var act = () => CoxRegression.Fit("Surv(time, status) ~ 1", Data("lung_efron"), new CoxOptions { InitialValues = [0.1] });
        act.Should().Throw<ArgumentException>().WithMessage("There are 1 initial values for 0 covariates.*");
    }
}
