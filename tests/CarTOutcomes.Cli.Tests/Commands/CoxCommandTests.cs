using System.Text.Json;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Cli.Tests.Commands;

public class CoxCommandTests() : ScratchTests("cartoutcomes-coxcommand-")
{
    private const string Csv = "id,t,d,x,z,s\n1,5,1,0,1.2,a\n1,8,0,1,0.3,a\n2,3,1,1,2.2,b\n3,9,1,0,-0.4,b\n4,4,0,1,0.8,a\n5,6,1,0,1.9,b\n6,2,1,1,0.1,a\n7,7,0,0,1.4,b\n8,10,1,1,-1.1,a\n";

    [Fact]
    public void Json_has_exactly_the_contract_fields_and_matches_the_engine()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", path, "--time", "t", "--event", "d", "--covariates", "x,z", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("n", "events", "coefficients", "logLikNull", "logLik",
            "lrTest", "waldTest", "scoreTest", "concordance", "iterations", "converged", "warnings", "terms");
        root.GetProperty("lrTest").EnumerateObject().Select(p => p.Name).Should().Equal("stat", "df", "p");
        var c = root.GetProperty("coefficients")[0];
        c.EnumerateObject().Select(p => p.Name).Should().Equal("name", "coef", "hr", "se", "robustSe", "z", "p", "lower", "upper");
        c.GetProperty("robustSe").ValueKind.Should().Be(JsonValueKind.Null, "no --cluster");
        root.GetProperty("n").GetInt32().Should().Be(9);
        root.GetProperty("events").GetInt32().Should().Be(6);

        var engine = CoxModel.Fit(SurvivalData.RightCensored([5, 8, 3, 9, 4, 6, 2, 7, 10], [true, false, true, true, false, true, true, false, true]),
            [[0, 1, 1, 0, 1, 0, 1, 0, 1], [1.2, 0.3, 2.2, -0.4, 0.8, 1.9, 0.1, 1.4, -1.1]], ["x", "z"]);
        c.GetProperty("coef").GetDouble().Should().BeApproximately(engine.Coefficients[0].Estimate, 1e-12);
        root.GetProperty("logLik").GetDouble().Should().BeApproximately(engine.LogLik, 1e-12);
        root.GetProperty("converged").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Cluster_sets_the_robust_standard_error_and_uses_it()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", path, "--time", "t", "--event", "d", "--covariates", "x", "--cluster", "id", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var c = doc.RootElement.GetProperty("coefficients")[0];
        double robust = c.GetProperty("robustSe").GetDouble();
        robust.Should().BePositive();
        c.GetProperty("z").GetDouble().Should().BeApproximately(c.GetProperty("coef").GetDouble() / robust, 1e-10, "z uses the robust SE, as R");
    }

    [Fact]
    public void Breslow_and_efron_differ_on_tied_times()
    {
        var path = CliRunner.TempCsv(Scratch, "t,d,x\n1,1,0\n1,1,1\n2,1,1\n2,1,0\n2,0,1\n3,1,0\n4,1,1\n");
        double Coef(string ties)
        {
            var (code, stdout, _) = CliRunner.Run("cox", "--input", path, "--time", "t", "--event", "d", "--covariates", "x", "--ties", ties, "--json");
            code.Should().Be(0);
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.GetProperty("coefficients")[0].GetProperty("coef").GetDouble();
        }
        Coef("efron").Should().NotBeApproximately(Coef("breslow"), 1e-6);
    }

    [Fact]
    public void Non_numeric_covariate_is_an_error_naming_the_cell()
    {
        var path = CliRunner.TempCsv(Scratch, "t,d,x\n1,1,0\n2,1,yes\n3,0,1\n");
        var (code, _, stderr) = CliRunner.Run("cox", "--input", path, "--time", "t", "--event", "d", "--covariates", "x");
        code.Should().Be(2);
        stderr.Should().Contain(path).And.Contain("row 2 (line 3), column 'x': value \"yes\"");
    }
}
