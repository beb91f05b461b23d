using System.Globalization;
using System.Text.Json;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>
/// <c>cartoutcomes parametric</c>: the JSON contract of issue #19, agreement with the R reference of the engine
/// (tests/CarTOutcomes.Survival.Tests/Reference/Parametric), the formula path, and bad input (exit 2).
/// </summary>
public class ParametricCommandTests() : ScratchTests("cartoutcomes-parametriccommand-")
{
    private static readonly string Lung = RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Parametric", "lung.csv");

    private static double RFit(string model, string column)
    {
        var lines = File.ReadAllLines(RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Parametric", "parametric_fits.csv"));
        var header = lines[0].Split(',');
        var row = lines.Single(l => l.StartsWith(model + ",", StringComparison.Ordinal)).Split(',');
        return double.Parse(row[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
    }

    private static JsonElement Json(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run([.. args, "--json"]);
        code.Should().Be(0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    [Fact]
    public void Json_has_exactly_the_contract_fields()
    {
        var root = Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--dist", "weibull", "--cure", "--times", "100,365", "--horizon", "1000");
        root.EnumerateObject().Select(p => p.Name).Should().Equal("dist", "cure", "n", "events", "logLik", "aic", "bic", "converged",
            "coefficients", "cureFraction", "median", "rmst", "summary");
        root.GetProperty("coefficients")[0].EnumerateObject().Select(p => p.Name).Should().Equal("name", "estimate", "se", "lower", "upper");
        root.GetProperty("cureFraction").EnumerateObject().Select(p => p.Name).Should().Equal("estimate", "lower", "upper");
        root.GetProperty("rmst").EnumerateObject().Select(p => p.Name).Should().Equal("horizon", "estimate", "lower", "upper");
        root.GetProperty("summary")[0].EnumerateObject().Select(p => p.Name).Should().Equal("time", "survival", "lower", "upper");
        root.GetProperty("dist").GetString().Should().Be("weibull");
        root.GetProperty("cure").GetBoolean().Should().BeTrue();
        root.GetProperty("summary").GetArrayLength().Should().Be(2);
        root.GetProperty("summary")[1].GetProperty("time").GetDouble().Should().Be(365);
        root.GetProperty("rmst").GetProperty("horizon").GetDouble().Should().Be(1000);
        root.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().Equal("(Intercept)", "Log(scale)", "cure:(Intercept)");
    }

    [Theory]
    [InlineData("weibull", "lung_null_weibull")]
    [InlineData("gompertz", "lung_null_gompertz")]
    [InlineData("gengamma", "lung_null_gengamma")]
    public void Results_agree_with_the_R_reference(string dist, string model)
    {
        var root = Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--dist", dist);
        root.GetProperty("cureFraction").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("n").GetInt32().Should().Be((int)RFit(model, "n"));
        root.GetProperty("events").GetInt32().Should().Be((int)RFit(model, "events"));
        root.GetProperty("logLik").GetDouble().Should().BeApproximately(RFit(model, "loglik"), 1e-6 * Math.Abs(RFit(model, "loglik")));
        root.GetProperty("aic").GetDouble().Should().BeApproximately(RFit(model, "aic"), 1e-6 * RFit(model, "aic"));
        root.GetProperty("bic").GetDouble().Should().BeApproximately(RFit(model, "bic"), 1e-6 * RFit(model, "bic"));
        root.GetProperty("converged").GetBoolean().Should().BeTrue();
        // default horizon: the largest time; default summary times: its quarters
        root.GetProperty("rmst").GetProperty("horizon").GetDouble().Should().Be(1022);
        root.GetProperty("summary").EnumerateArray().Select(s => s.GetProperty("time").GetDouble()).Should().Equal(255.5, 511, 766.5, 1022);
    }

    [Fact]
    public void The_formula_path_gives_the_column_path_for_numeric_covariates()
    {
        var a = Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--covariates", "age,sex", "--dist", "loglogistic", "--weights", "w");
        var b = Json("parametric", "--input", Lung, "--formula", "Surv(time, status) ~ age + sex", "--dist", "loglogistic", "--weights", "w");
        b.GetProperty("logLik").GetDouble().Should().Be(a.GetProperty("logLik").GetDouble());
        b.GetProperty("coefficients").ToString().Should().Be(a.GetProperty("coefficients").ToString());
        Math.Abs(a.GetProperty("logLik").GetDouble() - RFit("lung_wt_loglogistic", "loglik")).Should().BeLessThan(1e-6 * 1400);
    }

    [Fact]
    public void Delayed_entry_by_column_or_formula_agrees_with_the_R_reference()
    {
        var veteran = RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Parametric", "veteran.csv");
        var a = Json("parametric", "--input", veteran, "--time", "time", "--event", "status", "--entry", "entry", "--covariates", "karno", "--dist", "weibull");
        var b = Json("parametric", "--input", veteran, "--formula", "Surv(entry, time, status) ~ karno", "--dist", "weibull");
        double r = RFit("veteran_entry_weibull", "loglik");
        a.GetProperty("logLik").GetDouble().Should().BeApproximately(r, 1e-6 * Math.Abs(r));
        b.GetProperty("logLik").GetDouble().Should().BeApproximately(r, 1e-6 * Math.Abs(r));
        a.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("(Intercept)", "karno", "Log(scale)");
    }

    [Fact]
    public void Readable_output_names_the_model_and_its_cure_fraction()
    {
        var (code, stdout, stderr) = CliRunner.Run("parametric", "--input", Lung, "--formula", "Surv(time, status) ~ age", "--dist", "weibull", "--cure");
        code.Should().Be(0, stderr);
        stdout.Should().Contain("weibull (accelerated failure time) mixture cure model: n= 227, events= 164")
            .And.Contain("cure:(Intercept)").And.Contain("cure fraction (at the covariate means)=").And.Contain("restricted mean to 1022");
    }

    [Theory]
    [InlineData("time,status,x\n1,1,2\n0,1,3\n3,0,1\n", new[] { "--time", "time", "--event", "status" }, "row 2 (line 3), column 'time': value \"0\": a time > 0")]
    [InlineData("time,status,x\n1,1,2\n0,1,3\n3,0,1\n", new[] { "--formula", "Surv(time, status) ~ x" }, "row 2 (line 3), column 'time': value \"0\": a time > 0")]
    [InlineData("time,status,x\n1,1,2\n2,1,3\nsoon,0,1\n", new[] { "--formula", "Surv(time, status) ~ x" }, "row 3 (line 4), column 'time': value \"soon\"")]
    [InlineData("time,status,x\n1,1,2\n2,1,abc\n3,0,1\n", new[] { "--time", "time", "--event", "status", "--covariates", "x" }, "row 2 (line 3), column 'x': value \"abc\"")]
    [InlineData("time,status,x\n1,1,2\n2,1,3\n3,0,1\n", new[] { "--formula", "Surv(time, status) ~ y" }, "y")]
    [InlineData("time,status,x\n1,1,2\n2,1,3\n3,0,1\n", new[] { "--formula", "Surv(time, status) ~ x", "--time", "time" }, "--formula replaces --time")]
    [InlineData("time,status,x\n1,1,2\n2,1,3\n3,0,1\n", new[] { "--time", "time" }, "Give --time and --event")]
    public void Bad_input_exits_2_naming_the_problem(string csv, string[] args, string expected)
    {
        var path = CliRunner.TempCsv(Scratch, csv);
        var (code, stdout, stderr) = CliRunner.Run(["parametric", "--input", path, "--dist", "weibull", .. args, "--json"]);
        code.Should().Be(2, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(expected).And.NotContain("   at ");
    }
}
