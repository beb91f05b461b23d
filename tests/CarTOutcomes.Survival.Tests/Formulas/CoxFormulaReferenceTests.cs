using CarTOutcomes.Survival.Cox;
using CoxRegression = CarTOutcomes.Survival.Cox.Cox;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Formulas;

/// <summary>
/// coxph on formulas with factors, releveled factors, interactions, transforms, strata, clusters and offsets, against R
/// (Reference/Formulas/formulas_reference.R). Coefficient names must be R's exactly.
/// </summary>
public class CoxFormulaReferenceTests
{
    private const double Tol = 1e-6;       // closed-form given the coefficients
    private const double FitTol = 1e-4;    // iterative fits (brief: 1e-4), used for the robust quantities

    private static readonly ReferenceTable Coef = ReferenceTable.Load("Formulas/cox_coef.csv");
    private static readonly ReferenceTable FitTable = ReferenceTable.Load("Formulas/cox_fit.csv");
    private static readonly ReferenceTable Terms = ReferenceTable.Load("Formulas/cox_terms.csv");

    public static IEnumerable<object[]> Models => FormulaReference.Ids("coxph");

    internal static CoxResult Fit(string id)
    {
        var m = FormulaReference.Model(id);
        var t = FormulaReference.Models;
        string formula = t.Text(m, "formula");
        string extra = t.Text(m, "extra");
        if (extra.StartsWith("cluster=", StringComparison.Ordinal)) formula += $" + cluster({extra["cluster=".Length..]})";
        var options = new CoxOptions { Ties = t.Text(m, "ties") == "breslow" ? Ties.Breslow : Ties.Efron };
        return CoxRegression.Fit(formula, FormulaReference.Data(t.Text(m, "dataset")), options);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Coefficients_agree_with_coxph_by_name(string id)
    {
        var fit = Fit(id);
        var rows = Coef.Where("id", id).ToArray();
        fit.Coefficients.Select(c => c.Name).Should().Equal(rows.Select(r => Coef.Text(r, "name")), $"{id}: R's coefficient names");
        for (int j = 0; j < rows.Length; j++)
        {
            var r = rows[j];
            var c = fit.Coefficients[j];
            string what = $"{id} {c.Name}";
            Approx.Equal(Coef.Number(r, "coef"), c.Estimate, Tol, what + " coef");
            Approx.Equal(Coef.Number(r, "se"), c.StandardError, Tol, what + " se");
            Approx.Equal(Coef.Number(r, "robust_se"), c.RobustStandardError ?? double.NaN, FitTol, what + " robust se");
            double tol = c.RobustStandardError is null ? Tol : FitTol;
            Approx.Equal(Coef.Number(r, "z"), c.Z, tol, what + " z");
            Approx.Equal(Coef.Number(r, "p"), c.PValue, tol, what + " p");
            Approx.Equal(Coef.Number(r, "lower95"), c.Lower, tol, what + " lower");
            Approx.Equal(Coef.Number(r, "upper95"), c.Upper, tol, what + " upper");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_statistics_and_dropped_rows_agree(string id)
    {
        var fit = Fit(id);
        var r = FitTable.Where("id", id).Single();
        fit.RowCount.Should().Be((int)FitTable.Number(r, "n"), id);
        fit.EventCount.Should().Be((int)FitTable.Number(r, "nevent"), id);
        fit.Model!.DroppedRowCount.Should().Be((int)FitTable.Number(r, "n_dropped"), $"{id}: rows dropped by na.omit");
        Approx.Equal(FitTable.Number(r, "loglik0"), fit.LogLikNull, Tol, id + " loglik0");
        Approx.Equal(FitTable.Number(r, "loglik"), fit.LogLik, Tol, id + " loglik");
        Approx.Equal(FitTable.Number(r, "lr"), fit.LikelihoodRatioTest!.Statistic, Tol, id + " LR");
        fit.LikelihoodRatioTest!.DegreesOfFreedom.Should().Be((int)FitTable.Number(r, "lr_df"));
        Approx.Equal(FitTable.Number(r, "wald"), fit.WaldTest!.Statistic, fit.IsRobust ? FitTol : Tol, id + " Wald");
        Approx.Equal(FitTable.Number(r, "score"), fit.ScoreTest!.Statistic, Tol, id + " score");
        Approx.Equal(FitTable.Number(r, "robust_score"), fit.RobustScoreTest?.Statistic ?? double.NaN, FitTol, id + " robust score");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Per_term_Wald_tests_agree(string id)
    {
        var fit = Fit(id);
        var rows = Terms.Where("id", id).ToArray();
        fit.TermTests.Select(t => t.Term).Should().Equal(rows.Select(r => Terms.Text(r, "term")), $"{id}: R's term labels");
        for (int k = 0; k < rows.Length; k++)
        {
            var t = fit.TermTests[k];
            t.DegreesOfFreedom.Should().Be((int)Terms.Number(rows[k], "df"), $"{id} {t.Term} df");
            double tol = fit.IsRobust ? FitTol : Tol;
            Approx.Equal(Terms.Number(rows[k], "chisq"), t.ChiSquare, tol, $"{id} {t.Term} chisq");
            Approx.Equal(Terms.Number(rows[k], "p"), t.PValue, tol, $"{id} {t.Term} p");
        }
    }
}
