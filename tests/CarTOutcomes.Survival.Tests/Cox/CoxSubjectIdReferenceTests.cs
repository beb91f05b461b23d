using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Tests.Support;
using CoxRegression = CarTOutcomes.Survival.Cox.Cox;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// What <c>coxph(..., id = id)</c> changes in survival 3.5 (Reference/Cox/cox_null_reference.R): no coefficient, but
/// when a subject has more than one event R's <c>robust</c> defaults to TRUE with the id as the cluster (bladder2,
/// recurrent events), so z, p, limits and the Wald test use the sandwich variance; with at most one event per subject
/// (heart) nothing changes; <c>robust = FALSE</c> turns it off. Coefficients and model-based quantities 1e-6, robust
/// ones 1e-4.
/// </summary>
public class CoxSubjectIdReferenceTests
{
    private const double Tol = 1e-6;
    private const double RobustTol = 1e-4;

    private static readonly ReferenceTable Coef = ReferenceTable.Load("Cox/cox_id_coefficients.csv");
    private static readonly ReferenceTable Summary = ReferenceTable.Load("Cox/cox_id_summary.csv");

    // model → (formula, id column or null, ties, robust option)
    private static readonly Dictionary<string, (string Formula, string? Id, Ties Ties, bool? Robust)> Calls = new()
    {
        ["bladder_noid"] = ("Surv(start, stop, event) ~ rx + number + size", null, Ties.Efron, null),
        ["bladder_id"] = ("Surv(start, stop, event) ~ rx + number + size", "id", Ties.Efron, null),
        ["bladder_id_breslow"] = ("Surv(start, stop, event) ~ rx + number + size", "id", Ties.Breslow, null),
        ["bladder_id_norobust"] = ("Surv(start, stop, event) ~ rx + number + size", "id", Ties.Efron, false),
        ["heart_noid"] = ("Surv(start, stop, event) ~ age + transplant", null, Ties.Efron, null),
        ["heart_id"] = ("Surv(start, stop, event) ~ age + transplant", "id", Ties.Efron, null),
    };

    public static IEnumerable<object[]> Models => Calls.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Models))]
    public void The_id_argument_changes_what_R_changes(string model)
    {
        var (formula, id, ties, robust) = Calls[model];
        var fit = CoxRegression.Fit(formula, CoxNullModelReferenceTests.Data(model), new CoxOptions { Ties = ties, Robust = robust }, id: id);
        var s = Summary.Where("model", model).Single();
        bool rRobust = Summary.Text(s, "robust") == "TRUE";
        fit.IsRobust.Should().Be(rRobust, model);
        fit.RowCount.Should().Be((int)Summary.Number(s, "n"));
        fit.EventCount.Should().Be((int)Summary.Number(s, "nevent"));
        double tol = rRobust ? RobustTol : Tol;
        Approx.Equal(Summary.Number(s, "loglik0"), fit.LogLikNull, Tol, model + " loglik0");
        Approx.Equal(Summary.Number(s, "loglik"), fit.LogLik, Tol, model + " loglik");
        Approx.Equal(Summary.Number(s, "wald"), fit.WaldTest!.Statistic, tol, model + " Wald");
        Approx.Equal(Summary.Number(s, "score"), fit.ScoreTest!.Statistic, Tol, model + " score");
        Approx.Equal(Summary.Number(s, "robust_score"), fit.RobustScoreTest?.Statistic ?? double.NaN, RobustTol, model + " robust score");
        Approx.Equal(Summary.Number(s, "concordance"), fit.Concordance!.Value, Tol, model + " concordance");
        var rows = Coef.Where("model", model).ToArray();
        fit.Coefficients.Select(c => c.Name).Should().Equal(rows.Select(r => Coef.Text(r, "term")));
        for (int j = 0; j < rows.Length; j++)
        {
            var (r, c) = (rows[j], fit.Coefficients[j]);
            string w = $"{model} {c.Name}";
            Approx.Equal(Coef.Number(r, "coef"), c.Estimate, Tol, w + " coef");
            Approx.Equal(Coef.Number(r, "se"), c.StandardError, Tol, w + " se");
            Approx.Equal(Coef.Number(r, "robust_se"), c.RobustStandardError ?? double.NaN, RobustTol, w + " robust se");
            Approx.Equal(Coef.Number(r, "z"), c.Z, tol, w + " z");
            Approx.Equal(Coef.Number(r, "p"), c.PValue, tol * 10, w + " p");
            Approx.Equal(Coef.Number(r, "lower95"), c.Lower, tol, w + " lower");
            Approx.Equal(Coef.Number(r, "upper95"), c.Upper, tol, w + " upper");
        }
        if (id is not null) fit.SubjectCount.Should().Be(model.StartsWith("bladder", StringComparison.Ordinal) ? 85 : 103);
    }

    [Fact]
    public void The_id_changes_no_coefficient_and_no_model_based_standard_error()
    {
        var data = CoxNullModelReferenceTests.Data("bladder_id");
        const string formula = "Surv(start, stop, event) ~ rx + number + size";
        var without = CoxRegression.Fit(formula, data);
        var with = CoxRegression.Fit(formula, data, id: "id");
        with.Estimates.Should().Equal(without.Estimates);
        with.Coefficients.Select(c => c.StandardError).Should().Equal(without.Coefficients.Select(c => c.StandardError));
        with.Coefficients.Select(c => c.Z).Should().NotEqual(without.Coefficients.Select(c => c.Z), "the robust variance is used for z");
    }

    [Fact]
    public void A_row_with_a_missing_id_is_dropped_as_Rs_model_frame_drops_it()
    {
        var d = CoxNullModelReferenceTests.Data("heart_id");
        var ids = d["id"].AsTexts().Select((s, i) => i == 0 ? null : s).ToArray();
        var columns = d.Columns.Select(c => c.Name == "id" ? ModelColumn.Text("id", ids) : c).ToArray();
        var data = ModelData.Create(columns, "heart");
        var fit = CoxRegression.Fit("Surv(start, stop, event) ~ age", data, id: "id");
        fit.RowCount.Should().Be(171);
        fit.Model!.RowsUsed.Should().NotContain(0);
        fit.Model.DroppedRowCount.Should().Be(1);
    }
}
