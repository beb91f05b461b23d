using System.Text.Json;
using CarTOutcomes.Survival.Formulas;
using CoxRegression = CarTOutcomes.Survival.Cox.Cox;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>The --formula, --times and 1/2 status contract of issue #13, on survival::lung exported as an analyst would.</summary>
public class FormulaCommandTests
{
    private static readonly string Lung = RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Formulas", "lung.csv");
    private static readonly string Colon = RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Formulas", "colon.csv");
    private static readonly string Pbc = RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Formulas", "pbc.csv");

    [Fact]
    public void Cox_with_a_formula_names_coefficients_as_R_and_adds_term_tests()
    {
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", Lung, "--formula",
            "Surv(time, status) ~ age + sex_text + factor(ph.ecog) + cluster(inst)", "--json");
        code.Should().Be(0, stderr);
        stderr.Should().Contain("2 was taken as the event").And.Contain("row(s) dropped for missing values");
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        root.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().Equal("age", "sex_textmale", "factor(ph.ecog)1", "factor(ph.ecog)2", "factor(ph.ecog)3");
        var terms = root.GetProperty("terms").EnumerateArray().ToArray();
        terms.Select(t => t.GetProperty("term").GetString()).Should().Equal("age", "sex_text", "factor(ph.ecog)");
        terms[2].EnumerateObject().Select(p => p.Name).Should().Equal("term", "df", "chisq", "p");
        terms[2].GetProperty("df").GetInt32().Should().Be(3);
        root.GetProperty("coefficients")[0].GetProperty("robustSe").ValueKind.Should().Be(JsonValueKind.Number, "cluster() in the formula");
    }

    [Fact]
    public void Km_with_a_formula_names_groups_as_R_and_summarises_at_times()
    {
        var (code, stdout, stderr) = CliRunner.Run("km", "--input", Lung, "--formula", "Surv(time, status) ~ sex + ph.ecog", "--times", "100,200,365", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToArray();
        groups.Select(g => g.GetProperty("group").GetString()).Should().StartWith(["sex=1, ph.ecog=0", "sex=1, ph.ecog=1"]);
        var summary = groups[0].GetProperty("summary").EnumerateArray().ToArray();
        summary.Should().HaveCount(3);
        summary[0].EnumerateObject().Select(p => p.Name).Should().Equal("time", "nRisk", "nEvent", "survival", "stdErr", "lower", "upper");
        var all = CliRunner.Run("km", "--input", Lung, "--formula", "Surv(time, status) ~ 1", "--json");
        JsonDocument.Parse(all.Out).RootElement.GetProperty("groups")[0].GetProperty("group").GetString().Should().Be("all");
    }

    [Fact]
    public void Logrank_with_a_formula_stratifies_by_strata_terms()
    {
        var (code, stdout, stderr) = CliRunner.Run("logrank", "--input", Colon, "--formula", "Surv(time, status) ~ rx + strata(sex)", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString())
            .Should().Equal("rx=Lev", "rx=Lev+5FU", "rx=Obs");
        doc.RootElement.GetProperty("df").GetInt32().Should().Be(2);
    }

    [Fact]
    public void Finegray_and_cuminc_take_formulas_and_times()
    {
        var (code, stdout, stderr) = CliRunner.Run("finegray", "--input", Pbc, "--formula", "Surv(time, status) ~ sex + age + factor(stage)", "--cause", "2", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().Equal("sexm", "age", "factor(stage)2", "factor(stage)3", "factor(stage)4");
        var ci = CliRunner.Run("cuminc", "--input", Pbc, "--formula", "Surv(time, status) ~ sex", "--times", "1000,2000", "--json");
        ci.Code.Should().Be(0, ci.Err);
        using var cdoc = JsonDocument.Parse(ci.Out);
        var curve = cdoc.RootElement.GetProperty("curves")[0];
        curve.GetProperty("summary").EnumerateArray().First().EnumerateObject().Select(p => p.Name)
            .Should().Equal("time", "estimate", "variance", "lower", "upper");
        cdoc.RootElement.TryGetProperty("grayTest", out _).Should().BeTrue("two groups");
        ci.Err.Should().NotContain("dropped", "sex has no missing value");
    }

    [Fact]
    public void Finegray_and_cuminc_with_a_formula_say_which_rows_na_omit_dropped()
    {
        // pbc.csv: chol is NA in 28 of 312 rows (R: sum(is.na(pbc$chol)) on this file), the first at data row 14
        var fg = CliRunner.Run("finegray", "--input", Pbc, "--formula", "Surv(time, status) ~ age + chol", "--cause", "2", "--json");
        fg.Code.Should().Be(0, fg.Err);
        fg.Err.Should().Contain("note: 28 row(s) dropped for missing values").And.Contain("rows 14, 40,");
        using (var doc = JsonDocument.Parse(fg.Out)) doc.RootElement.GetProperty("n").GetInt32().Should().Be(312 - 28);
        var ci = CliRunner.Run("cuminc", "--input", Pbc, "--formula", "Surv(time, status) ~ I(chol > 300)", "--json");
        ci.Code.Should().Be(0, ci.Err);
        ci.Err.Should().Contain("note: 28 row(s) dropped for missing values").And.Contain("rows 14, 40,");
    }

    [Fact]
    public void Flag_interface_accepts_Rs_one_two_status_and_says_so()
    {
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", Lung, "--time", "time", "--event", "status", "--covariates", "age,sex", "--json");
        code.Should().Be(0, stderr);
        stderr.Should().Contain("coded 1/2; 2 was taken as the event");
        var lung = CarTOutcomes.IO.Tabular.ModelDataCsv.Load(Lung, ["time", "status", "age", "sex"]);
        var engine = CoxRegression.Fit("Surv(time, status) ~ age + sex", lung);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("logLik").GetDouble().Should().BeApproximately(engine.LogLik, 1e-9);
    }

    [Theory]
    [InlineData("Surv(time, status) ~ age +", "nothing on its right")]
    [InlineData("Surv(time, status) ~ age + ecog", "no column named 'ecog'; the header has: inst, time, status")]
    [InlineData("Surv(time, status) ~ relevel(factor(sex_text), ref = \"x\")", "'x' is not a level of factor(sex_text); its levels are 'female', 'male'")]
    [InlineData("Surv(time, status) ~ factor(meal.cal)", "levels, more than 50: is it an identifier?")]
    public void Bad_formulas_exit_2_with_a_sentence_and_no_stack_trace(string formula, string message)
    {
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", Lung, "--formula", formula, "--json");
        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(message).And.NotContain("   at ");
    }

    [Fact]
    public void Formula_and_column_flags_are_exclusive()
    {
        var (code, _, stderr) = CliRunner.Run("cox", "--input", Lung, "--formula", "Surv(time, status) ~ age", "--time", "time", "--json");
        code.Should().Be(2);
        stderr.Should().Contain("--formula replaces --time");
        var none = CliRunner.Run("cox", "--input", Lung, "--json");
        none.Code.Should().Be(2);
        none.Err.Should().Contain("give --formula, or the column options --time and --event.");
    }
}
