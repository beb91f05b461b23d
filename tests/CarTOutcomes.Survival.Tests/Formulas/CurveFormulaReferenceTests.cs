using System.Globalization;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.Tests.Support;
using CoxRegression = CarTOutcomes.Survival.Cox.Cox;

namespace CarTOutcomes.Survival.Tests.Formulas;

/// <summary>survfit, survdiff, crr and survfit(coxph, newdata) from formulas, against R (Reference/Formulas).</summary>
public class CurveFormulaReferenceTests
{
    private const double Tol = 1e-6;

    private static readonly ReferenceTable Km = ReferenceTable.Load("Formulas/survfit_summary.csv");
    private static readonly ReferenceTable Diff = ReferenceTable.Load("Formulas/survdiff.csv");
    private static readonly ReferenceTable DiffGroups = ReferenceTable.Load("Formulas/survdiff_groups.csv");
    private static readonly ReferenceTable CrrCoef = ReferenceTable.Load("Formulas/crr_coef.csv");
    private static readonly ReferenceTable CrrFit = ReferenceTable.Load("Formulas/crr_fit.csv");
    private static readonly ReferenceTable Predict = ReferenceTable.Load("Formulas/cox_predict.csv");
    private static readonly ReferenceTable NewData = ReferenceTable.Load("Formulas/cox_newdata.csv");
    private static readonly ReferenceTable Contrasts = ReferenceTable.Load("Formulas/contrasts.csv");

    public static IEnumerable<object[]> SurvfitModels => FormulaReference.Ids("survfit");
    public static IEnumerable<object[]> SurvdiffModels => FormulaReference.Ids("survdiff");
    public static IEnumerable<object[]> CrrModels => FormulaReference.Ids("crr");
    public static IEnumerable<object[]> PredictModels => Predict.Rows.Select(r => Predict.Text(r, "id")).Distinct().Select(id => new object[] { id });

    private static (string Formula, ModelData Data, string[] Row) Spec(string id)
    {
        var m = FormulaReference.Model(id);
        var t = FormulaReference.Models;
        return (t.Text(m, "formula"), FormulaReference.Data(t.Text(m, "dataset")), m);
    }

    [Theory]
    [MemberData(nameof(SurvfitModels))]
    public void Kaplan_Meier_summary_at_times_agrees_with_survfit_with_R_strata_names(string id)
    {
        var (formula, data, m) = Spec(id);
        var times = FormulaReference.Models.Text(m, "times").Split(';').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var curves = KaplanMeier.Fit(formula, data);
        var expected = Km.Where("id", id).ToArray();
        curves.Select(c => c.Group).Should().Equal(expected.Select(r => Km.Text(r, "strata")).Distinct(), $"{id}: names(fit$strata)");
        var actual = curves.SelectMany(c => c.Summary(times).Select(s => (c.Group, s))).ToArray();
        actual.Should().HaveCount(expected.Length, $"{id}: one row per stratum and time within the curve");
        for (int i = 0; i < expected.Length; i++)
        {
            var r = expected[i];
            var (group, s) = actual[i];
            string what = $"{id} {group} t={s.Time}";
            group.Should().Be(Km.Text(r, "strata"));
            s.Time.Should().Be(Km.Number(r, "time"));
            Approx.Equal(Km.Number(r, "n.risk"), s.NumberAtRisk, Tol, what + " n.risk");
            Approx.Equal(Km.Number(r, "n.event"), s.NumberOfEvents, Tol, what + " n.event");
            Approx.Equal(Km.Number(r, "surv"), s.Survival, Tol, what + " surv");
            Approx.Equal(Km.Number(r, "std.err"), s.StandardError, Tol, what + " std.err");
            Approx.Equal(Km.Number(r, "lower"), s.Lower, Tol, what + " lower");
            Approx.Equal(Km.Number(r, "upper"), s.Upper, Tol, what + " upper");
        }
    }

    [Theory]
    [MemberData(nameof(SurvdiffModels))]
    public void Log_rank_test_agrees_with_survdiff(string id)
    {
        var (formula, data, _) = Spec(id);
        var test = LogRank.Test(formula, data);
        var r = Diff.Where("id", id).Single();
        Approx.Equal(Diff.Number(r, "chisq"), test.ChiSquare, Tol, id + " chisq");
        test.DegreesOfFreedom.Should().Be((int)Diff.Number(r, "df"));
        Approx.Equal(Diff.Number(r, "p"), test.PValue, Tol, id + " p");
        var groups = DiffGroups.Where("id", id).ToArray();
        test.Groups.Select(g => g.Group).Should().Equal(groups.Select(g => DiffGroups.Text(g, "group")), $"{id}: names(x$n)");
        for (int i = 0; i < groups.Length; i++)
        {
            test.Groups[i].N.Should().Be((int)DiffGroups.Number(groups[i], "n"));
            Approx.Equal(DiffGroups.Number(groups[i], "observed"), test.Groups[i].Observed, Tol, $"{id} observed");
            Approx.Equal(DiffGroups.Number(groups[i], "expected"), test.Groups[i].Expected, Tol, $"{id} expected");
        }
    }

    [Theory]
    [MemberData(nameof(CrrModels))]
    public void Fine_Gray_from_a_formula_agrees_with_crr_on_model_matrix(string id)
    {
        var (formula, data, m) = Spec(id);
        var extra = FormulaReference.Models.Text(m, "extra").Split(';').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => int.Parse(kv[1], CultureInfo.InvariantCulture));
        var fit = FineGray.Fit(formula, data, new FineGrayOptions(cause: extra["failcode"]), extra["cencode"]);
        var rows = CrrCoef.Where("id", id).ToArray();
        fit.Coefficients.Select(c => c.Name).Should().Equal(rows.Select(r => CrrCoef.Text(r, "name")), $"{id}: model.matrix names");
        for (int j = 0; j < rows.Length; j++)
        {
            Approx.Equal(CrrCoef.Number(rows[j], "coef"), fit.Coefficients[j].Coefficient, 1e-4, $"{id} {fit.Coefficients[j].Name} coef");
            Approx.Equal(CrrCoef.Number(rows[j], "se"), fit.Coefficients[j].StandardError, 1e-4, $"{id} se");
            Approx.Equal(CrrCoef.Number(rows[j], "p"), fit.Coefficients[j].PValue, 1e-4, $"{id} p");
        }
        var f = CrrFit.Where("id", id).Single();
        fit.Records.Should().Be((int)CrrFit.Number(f, "n"));
        fit.Model!.RowsUsed.Should().HaveCount(fit.Records, "the frame kept with the fit holds the rows crr used");
        Approx.Equal(CrrFit.Number(f, "loglik"), fit.LogPseudoLikelihood, 1e-4, id + " loglik");
        fit.Converged.Should().Be(CrrFit.Text(f, "converged") == "TRUE");
    }

    [Theory]
    [MemberData(nameof(PredictModels))]
    public void Predicted_survival_for_new_data_given_by_level_names_agrees_with_survfit_coxph(string id)
    {
        var fit = CoxFormulaReferenceTests.Fit(id);
        var cells = NewData.Where("id", id).ToArray();
        var rowIds = cells.Select(c => NewData.Text(c, "newdata_row")).Distinct().ToArray();
        foreach (var rowId in rowIds)
        {
            var values = cells.Where(c => NewData.Text(c, "newdata_row") == rowId)
                .Select(c => (NewData.Text(c, "column"), (object?)(double.TryParse(NewData.Text(c, "value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : NewData.Text(c, "value"))))
                .ToArray();
            var curve = fit.PredictSurvival(ModelData.Row(values)).Single().Single();
            foreach (var r in Predict.Where("id", id).Where(r => Predict.Text(r, "newdata_row") == rowId))
            {
                double t = Predict.Number(r, "time");
                var point = curve.Points.Last(p => p.Time <= t);
                string what = $"{id} row {rowId} t={t}";
                Approx.Equal(Predict.Number(r, "surv"), point.Survival, Tol, what + " surv");
                Approx.Equal(Predict.Number(r, "std.err"), point.StandardError * point.Survival, Tol, what + " std.err");
                Approx.Equal(Predict.Number(r, "lower"), point.Lower, Tol, what + " lower");
                Approx.Equal(Predict.Number(r, "upper"), point.Upper, Tol, what + " upper");
            }
        }
    }

    [Fact]
    public void Factor_levels_are_in_Rs_order_for_every_model()
    {
        int checkedCount = 0;
        foreach (var id in FormulaReference.Ids("coxph").Select(o => (string)o[0]))
        {
            var fit = CoxFormulaReferenceTests.Fit(id);
            string dataset = FormulaReference.Models.Text(FormulaReference.Model(id), "dataset");
            foreach (var (variable, levels) in fit.Model!.Levels)
            {
                var row = Contrasts.Rows.FirstOrDefault(r => Contrasts.Text(r, "dataset") == dataset && Contrasts.Text(r, "expression") == variable);
                if (row is null) continue;
                levels.Should().Equal(Contrasts.Text(row, "level_order").Split(';'), $"{id}: levels of {variable}");
                checkedCount++;
            }
        }
        checkedCount.Should().BeGreaterThan(20);
    }
}
