using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>Residuals, cox.zph and survfit.coxph agree with R (Reference/Cox/cox_reference.R).</summary>
public class CoxDiagnosticsReferenceTests
{
    private const double ResidualTol = 1e-5;

    public static IEnumerable<object[]> ResidualModels =>
        ReferenceTable.Load("Cox/cox_residuals.csv").Rows.Select(r => r[0]).Distinct().Select(m => new object[] { m });

    public static IEnumerable<object[]> ZphModels =>
        ReferenceTable.Load("Cox/cox_zph.csv").Rows.Select(r => r[0]).Distinct().Select(m => new object[] { m });

    public static IEnumerable<object[]> SurvfitModels =>
        ReferenceTable.Load("Cox/cox_survfit.csv").Rows.Select(r => r[0]).Distinct().Select(m => new object[] { m });

    [Theory]
    [MemberData(nameof(ResidualModels))]
    public void Residuals_match_R(string model)
    {
        var fit = CoxReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Cox/cox_residuals.csv");
        var rows = r.Where("model", model).ToList();
        var mart = fit.MartingaleResiduals();
        var dev = fit.DevianceResiduals();
        var score = fit.ScoreResiduals();
        var dfbeta = fit.DfBeta();
        var sch = fit.SchoenfeldResiduals();
        var scaled = fit.ScaledSchoenfeldResiduals();
        var schIndex = sch.Rows.Select((row, k) => (row, k)).ToDictionary(x => x.row, x => x.k);
        int checkedCount = 0;
        foreach (var row in rows)
        {
            string type = r.Text(row, "type");
            int i = (int)r.Number(row, "row") - 1;
            int j = type is "martingale" or "deviance" ? -1 : fit.Names.ToList().IndexOf(r.Text(row, "term"));
            double actual = type switch
            {
                "martingale" => mart[i],
                "deviance" => dev[i],
                "score" => score[i, j],
                "dfbeta" => dfbeta[i, j],
                "schoenfeld" => sch[schIndex[i], j],
                "scaledsch" => scaled[schIndex[i], j],
                _ => throw new InvalidDataException(type),
            };
            Approx.Equal(r.Number(row, "value"), actual, ResidualTol, $"{model} {type} row {i + 1} {r.Text(row, "term")}");
            checkedCount++;
        }
        checkedCount.Should().BeGreaterThan(6 * fit.EventCount);
        // Schoenfeld rows come in R's order
        var rOrder = rows.Where(x => r.Text(x, "type") == "schoenfeld" && r.Text(x, "term") == fit.Names[0])
            .Select(x => (int)r.Number(x, "row") - 1).ToArray();
        sch.Rows.Should().Equal(rOrder);
    }

    [Theory]
    [MemberData(nameof(ZphModels))]
    public void Proportional_hazards_test_matches_R(string model)
    {
        var fit = CoxReferenceModels.Fit(model);
        var r = ReferenceTable.Load("Cox/cox_zph.csv");
        foreach (var (name, transform) in new[] { ("km", ZphTransform.KaplanMeier), ("rank", ZphTransform.Rank),
                     ("identity", ZphTransform.Identity), ("log", ZphTransform.Log) })
        {
            var zph = fit.ProportionalHazardsTest(transform);
            var rows = r.Where("model", model).Where(x => r.Text(x, "transform") == name).ToList();
            rows.Should().HaveCount(zph.Terms.Count + 1);
            foreach (var row in rows)
            {
                string term = r.Text(row, "term");
                var t = term == "GLOBAL" ? zph.Global : zph.Terms.Single(x => x.Name == term);
                Approx.Equal(r.Number(row, "chisq"), t.ChiSquare, 1e-5, $"{model} {name} {term} chisq");
                t.DegreesOfFreedom.Should().Be((int)r.Number(row, "df"));
                Approx.Equal(r.Number(row, "p"), t.PValue, 1e-4, $"{model} {name} {term} p");
            }
        }
    }

    private static readonly Dictionary<string, double[]> NewData = new()
    {
        ["lung_efron"] = [60, 2, 1, 80, 5],
        ["lung_breslow"] = [60, 2, 1, 80, 5],
        ["veteran_efron"] = [1, 60, 58, 5, 0, 1, 0, 0],
        ["heart_efron"] = [-5, 3, 0, 1],
        ["syn_efron"] = [0.5, 1, 4],
    };

    [Theory]
    [MemberData(nameof(SurvfitModels))]
    public void Predicted_survival_matches_R(string model)
    {
        var fit = CoxReferenceModels.Fit(model);
        var curves = fit.PredictSurvival(NewData[model]);
        var r = ReferenceTable.Load("Cox/cox_survfit.csv");
        var rows = r.Where("model", model).ToList();
        rows.Should().HaveCount(curves.Sum(c => c.Points.Count));
        double seTol = fit.IsRobust ? 1e-4 : 1e-6;
        foreach (var curve in curves)
        {
            var expected = rows.Where(x => r.Text(x, "strata") == curve.Stratum).ToList();
            expected.Should().HaveCount(curve.Points.Count);
            for (int k = 0; k < expected.Count; k++)
            {
                var e = expected[k];
                var pt = curve.Points[k];
                string w = $"{model} {curve.Stratum} t={pt.Time}";
                pt.Time.Should().Be(r.Number(e, "time"));
                Approx.Equal(r.Number(e, "n_risk"), pt.AtRisk, 1e-12, w + " n.risk");
                Approx.Equal(r.Number(e, "n_event"), pt.Events, 1e-12, w + " n.event");
                Approx.Equal(r.Number(e, "cumhaz"), pt.CumulativeHazard, 1e-6, w + " cumhaz");
                Approx.Equal(r.Number(e, "surv"), pt.Survival, 1e-6, w + " surv");
                Approx.Equal(r.Number(e, "std_err"), pt.StandardError, seTol, w + " std.err");
                Approx.Equal(r.Number(e, "lower"), pt.Lower, seTol, w + " lower");
                Approx.Equal(r.Number(e, "upper"), pt.Upper, seTol, w + " upper");
            }
        }
    }
}
