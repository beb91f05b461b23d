using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Testing;

/// <summary>Agreement with R survival 3.5 <c>survdiff</c> to 1e-6 relative; the R calls are in Reference/KaplanMeier/logrank.csv.</summary>
public class LogRankReferenceTests
{
    private const double Tol = 1e-6;

    // The arguments of each R call in logrank.csv (its r_call column says the same in R).
    public static TheoryData<string, string, string, string, string, string?, double> Cases() => new()
    {
        { "lung_sex_rho0", "lung", "time", "status == 2", "sex", null, 0 },
        { "lung_sex_rho1", "lung", "time", "status == 2", "sex", null, 1 },
        { "veteran_celltype_rho0", "veteran", "time", "status", "celltype", null, 0 },
        { "veteran_trt_strata_prior", "veteran", "time", "status", "trt", "prior", 0 },
        { "aml_x_rho0", "aml", "time", "status", "x", null, 0 },
        { "ovarian_rx_rho0", "ovarian", "futime", "fustat", "rx", null, 0 },
        { "syn_grp_rho0", "synthetic_km", "time", "status", "grp", null, 0 },
        { "syn_grp_strata_rho0", "synthetic_km", "time", "status", "grp", "strat", 0 },
        { "syn_grp_strata_rho0.5", "synthetic_km", "time", "status", "grp", "strat", 0.5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Test_agrees_with_survdiff(string id, string dataset, string time, string evt, string group, string? strata, double rho)
    {
        var (data, groups, strataLabels) = ReferenceData.Load("KaplanMeier", dataset, time, evt, group: group, strata: strata);
        var r = LogRank.Test(data, groups!, strataLabels, rho);

        var tests = ReferenceTable.Load("KaplanMeier/logrank.csv");
        var t = tests.Where("case", id).Single();
        Approx.Equal(tests.Number(t, "rho"), r.Rho, 0, $"{id} rho");
        Approx.Equal(tests.Number(t, "chisq"), r.ChiSquare, Tol, $"{id} chisq");
        r.DegreesOfFreedom.Should().Be((int)tests.Number(t, "df"));
        Approx.Equal(tests.Number(t, "p"), r.PValue, Tol, $"{id} p");

        var groupsRef = ReferenceTable.Load("KaplanMeier/logrank_groups.csv");
        var rows = groupsRef.Where("case", id).ToList();
        rows.Select(x => groupsRef.Text(x, "group")).Should().Equal(r.Groups.Select(g => g.Group), "groups in R's level order");
        for (int i = 0; i < rows.Count; i++)
        {
            r.Groups[i].N.Should().Be((int)groupsRef.Number(rows[i], "n"));
            Approx.Equal(groupsRef.Number(rows[i], "observed"), r.Groups[i].Observed, Tol, $"{id} observed {i}");
            Approx.Equal(groupsRef.Number(rows[i], "expected"), r.Groups[i].Expected, Tol, $"{id} expected {i}");
        }
        var v = ReferenceTable.Load("KaplanMeier/logrank_var.csv");
        foreach (var x in v.Where("case", id))
        {
            int i = (int)v.Number(x, "i") - 1, j = (int)v.Number(x, "j") - 1;
            Approx.Equal(v.Number(x, "value"), r.Variance(i, j), Tol, $"{id} var[{i},{j}]");
        }
    }
}
