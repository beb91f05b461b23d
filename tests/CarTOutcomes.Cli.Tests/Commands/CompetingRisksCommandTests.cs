using System.Text.Json;

namespace CarTOutcomes.Cli.Tests.Commands;

public class CompetingRisksCommandTests() : ScratchTests("cartoutcomes-competingriskscommand-")
{
    // No censoring: the cumulative incidence of a cause is the fraction of subjects who had it by t.
    private const string Csv = "t,s,arm,x\n1,1,A,0.5\n2,2,A,1.5\n3,1,B,-0.3\n4,2,B,2.0\n5,1,A,1.1\n6,0,B,0.2\n7,1,B,0.9\n8,2,A,-1.0\n";

    [Fact]
    public void Cuminc_json_has_the_contract_fields_and_empirical_fractions()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, stderr) = CliRunner.Run("cuminc", "--input", path, "--time", "t", "--status", "s", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("curves");
        var curves = doc.RootElement.GetProperty("curves").EnumerateArray().ToList();
        curves.Should().HaveCount(2);
        var c1 = curves.Single(c => c.GetProperty("cause").GetInt32() == 1);
        c1.EnumerateObject().Select(p => p.Name).Should().Equal("group", "cause", "times", "estimate", "variance", "lower", "upper");
        c1.GetProperty("group").GetString().Should().Be("all");
        c1.GetProperty("times").EnumerateArray().Select(x => x.GetDouble()).Should().Equal(1, 3, 5, 7);
        // Before any censoring, CIF_1(5) = 3/8; overall survival just before 7 is 3/8 and 2 are at risk (the censoring
        // at 6 left), so the cause-1 event at 7 adds (3/8)·(1/2).
        c1.GetProperty("estimate")[2].GetDouble().Should().BeApproximately(3.0 / 8, 1e-12);
        c1.GetProperty("estimate")[3].GetDouble().Should().BeApproximately(3.0 / 8 + 3.0 / 16, 1e-12);
    }

    [Fact]
    public void Gray_test_appears_only_with_a_group()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, _) = CliRunner.Run("cuminc", "--input", path, "--time", "t", "--status", "s", "--group", "arm", "--json");
        code.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("curves", "grayTest");
        var g = doc.RootElement.GetProperty("grayTest")[0];
        g.EnumerateObject().Select(p => p.Name).Should().Equal("cause", "stat", "df", "p");
        g.GetProperty("df").GetInt32().Should().Be(1);
        doc.RootElement.GetProperty("curves").GetArrayLength().Should().Be(4, "two groups times two causes");
    }

    [Fact]
    public void Status_that_is_not_an_integer_code_is_an_error_naming_the_cell()
    {
        var path = CliRunner.TempCsv(Scratch, "t,s\n1,1\n2,1.5\n");
        var (code, _, stderr) = CliRunner.Run("cuminc", "--input", path, "--time", "t", "--status", "s");
        code.Should().Be(2);
        stderr.Should().Contain("row 2 (line 3), column 's': value \"1.5\"");
    }

    [Fact]
    public void Finegray_json_has_the_contract_fields()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, stderr) = CliRunner.Run("finegray", "--input", path, "--time", "t", "--status", "s", "--cause", "1", "--covariates", "x", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("n", "events", "coefficients", "logLik", "iterations", "converged");
        doc.RootElement.GetProperty("n").GetInt32().Should().Be(8);
        doc.RootElement.GetProperty("events").GetInt32().Should().Be(4);
        var c = doc.RootElement.GetProperty("coefficients")[0];
        c.EnumerateObject().Select(p => p.Name).Should().Equal("name", "coef", "hr", "se", "z", "p", "lower", "upper");
        c.GetProperty("hr").GetDouble().Should().BeApproximately(Math.Exp(c.GetProperty("coef").GetDouble()), 1e-12);
    }
}
