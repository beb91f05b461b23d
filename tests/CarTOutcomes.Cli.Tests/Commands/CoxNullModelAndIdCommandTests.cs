using System.Text.Json;
using CarTOutcomes.Cli;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>
/// <c>cox --formula</c> with a right side without covariates (the null model, R's <c>coxph.null</c>) and with
/// <c>--id</c>, on the inputs of tests/CarTOutcomes.Survival.Tests/Reference/Cox/cox_null_reference.R (R 4.2.2,
/// survival 3.5-3); the R values quoted are that script's outputs (cox_null.csv, cox_id_coefficients.csv).
/// </summary>
public class CoxNullModelAndIdCommandTests() : ScratchTests("cartoutcomes-coxnullid-")
{
    private static string Input(string name) => RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Cox", name);

    private static readonly string[] ContractFields = ["n", "events", "coefficients", "logLikNull", "logLik",
        "lrTest", "waldTest", "scoreTest", "concordance", "iterations", "converged", "warnings", "terms"];

    [Fact]
    public void Null_model_json_keeps_every_field_with_empty_lists_and_null_tests()
    {
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", Input("null_lung.csv"), "--formula", "Surv(time, status) ~ 1", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(ContractFields);
        root.GetProperty("n").GetInt32().Should().Be(228);
        root.GetProperty("events").GetInt32().Should().Be(165);
        root.GetProperty("coefficients").GetArrayLength().Should().Be(0);
        root.GetProperty("terms").GetArrayLength().Should().Be(0);
        // R: coxph(Surv(time, status) ~ 1, lung)$loglik
        root.GetProperty("logLik").GetDouble().Should().BeApproximately(-749.9098013903947, 1e-6 * 750);
        root.GetProperty("logLikNull").GetDouble().Should().Be(root.GetProperty("logLik").GetDouble());
        foreach (var field in new[] { "lrTest", "waldTest", "scoreTest", "concordance" })
            root.GetProperty(field).ValueKind.Should().Be(JsonValueKind.Null, $"{field}: the null model has none (R: coxph.null)");
        root.GetProperty("iterations").GetInt32().Should().Be(0);
        root.GetProperty("converged").GetBoolean().Should().BeTrue();
        root.GetProperty("warnings").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void Null_model_text_says_null_model_and_prints_the_log_likelihood()
    {
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", Input("null_lung.csv"), "--formula", "Surv(time, status) ~ 1");
        code.Should().Be(0, stderr);
        stdout.Should().Contain("n= 228, number of events= 165");
        stdout.Should().Contain("Null model (no covariate): no coefficient, no test.");
        stdout.Should().Contain("log likelihood= -749.9098");
        stdout.Should().NotContain("Concordance").And.NotContain("Wald");
    }

    [Theory]
    // R: coxph(Surv(time, status) ~ strata(celltype), veteran, ties = ...)$loglik
    [InlineData("null_veteran.csv", "Surv(time, status) ~ strata(celltype)", "breslow", -339.14159842330781)]
    [InlineData("null_veteran.csv", "Surv(time, status) ~ strata(celltype)", "efron", -338.73620722618404)]
    // R: coxph(Surv(start, stop, event) ~ 1, heart, ties = ...)$loglik
    [InlineData("null_heart.csv", "Surv(start, stop, event) ~ 1", "breslow", -298.32560673646248)]
    [InlineData("null_heart.csv", "Surv(start, stop, event) ~ strata(surgery)", "efron", -270.39789349728198)]
    public void Strata_only_and_counting_process_null_models_have_Rs_log_likelihood(string file, string formula, string ties, double r)
    {
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", Input(file), "--formula", formula, "--ties", ties, "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("logLik").GetDouble().Should().BeApproximately(r, 1e-6 * Math.Abs(r));
        doc.RootElement.GetProperty("coefficients").GetArrayLength().Should().Be(0);
    }

    private const string Intervals = SubjectIntervals.Csv;

    [Fact]
    public void Formula_with_id_accepts_subjects_whose_intervals_do_not_overlap_and_fits_as_the_columns_do()
    {
        var path = CliRunner.TempCsv(Scratch, Intervals);
        var byFormula = CliRunner.Run("cox", "--input", path, "--formula", "Surv(start, stop, event) ~ x", "--id", "id", "--json");
        byFormula.Code.Should().Be(0, byFormula.Err);
        var byColumns = CliRunner.Run("cox", "--input", path, "--start", "start", "--time", "stop", "--event", "event", "--covariates", "x", "--id", "id", "--json");
        byFormula.Out.Should().Be(byColumns.Out);
        var withoutId = CliRunner.Run("cox", "--input", path, "--formula", "Surv(start, stop, event) ~ x", "--json");
        byFormula.Out.Should().Be(withoutId.Out, "no subject has two events: as in R, the id changes nothing");
        var text = CliRunner.Run("cox", "--input", path, "--formula", "Surv(start, stop, event) ~ x", "--id", "id");
        text.Out.Should().Contain("n= 8, number of events= 5, subjects= 6");
    }

    [Fact]
    public void Formula_with_id_refuses_overlapping_and_duplicated_intervals_naming_subject_and_rows()
    {
        var bad = Intervals.Replace("a,5,9,1,1", "a,4,9,1,1") + "b,0,4,1,0\n";
        var path = CliRunner.TempCsv(Scratch, bad);
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", path, "--formula", "Surv(start, stop, event) ~ x", "--id", "id", "--json");
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("error: 2 problem(s)");
        stderr.Should().Contain($"{path}: row 2 (line 3), column 'id': value \"a\": intervals of one subject that do not overlap; subject 'a': (4, 9] overlaps (0, 5] of row 1 (R survcheck: overlap)");
        stderr.Should().Contain($"{path}: row 9 (line 10), column 'id': value \"b\": no duplicated interval; subject 'b' has (0, 4] in rows 3 and 9 (R survcheck: duplicate)");
        // the same two messages as with the column options
        var columns = CliRunner.Run("cox", "--input", path, "--start", "start", "--time", "stop", "--event", "event", "--covariates", "x", "--id", "id");
        columns.Err.Should().Be(stderr);
    }

    [Fact]
    public void Formula_with_id_and_no_start_wants_one_row_per_subject()
    {
        var path = CliRunner.TempCsv(Scratch, "id,time,event,x\na,5,1,0\nb,3,0,1\na,7,1,1\nc,2,1,0\nd,4,0,1\n");
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", path, "--formula", "Surv(time, event) ~ x", "--id", "id");
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain($"{path}: row 3 (line 4), column 'id': value \"a\": one row per subject without a start time in Surv(time, event) (counting-process data); subject 'a' also has row 1");
    }

    [Fact]
    public void Formula_with_id_checks_only_the_rows_the_model_uses_and_drops_a_row_without_id()
    {
        // row 2 overlaps row 1 but has a missing x: na.omit drops it before the check (R checks the model frame);
        // row 4 has no id: dropped, as R's model frame drops it
        var path = CliRunner.TempCsv(Scratch, "id,start,stop,event,x\na,0,5,0,1\na,4,9,1,\nb,0,4,1,0\n,0,3,1,1\nc,0,8,1,0\nd,0,6,0,1\ne,0,7,1,1\n");
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", path, "--formula", "Surv(start, stop, event) ~ x", "--id", "id", "--json");
        code.Should().Be(0, stderr);
        stderr.Should().Contain("note: 2 row(s) dropped for missing values in the columns used (rows 2, 4)");
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("n").GetInt32().Should().Be(5);
    }

    [Fact]
    public void Id_with_recurrent_events_switches_on_Rs_robust_variance_with_formula_and_columns()
    {
        // R: coxph(Surv(start, stop, event) ~ rx + number + size, bladder2, id = id): robust defaults to TRUE
        // (a subject with several events), cluster = id; the coefficients are those without id
        var path = Input("null_bladder.csv");
        const string formula = "Surv(start, stop, event) ~ rx + number + size";
        var withId = CliRunner.Run("cox", "--input", path, "--formula", formula, "--id", "id", "--json");
        withId.Code.Should().Be(0, withId.Err);
        using var doc = JsonDocument.Parse(withId.Out);
        var rx = doc.RootElement.GetProperty("coefficients")[0];
        rx.GetProperty("coef").GetDouble().Should().BeApproximately(-0.46468695, 1e-6);
        rx.GetProperty("se").GetDouble().Should().BeApproximately(0.19973219, 1e-6);
        rx.GetProperty("robustSe").GetDouble().Should().BeApproximately(0.26556081, 1e-4 * 0.27);
        doc.RootElement.GetProperty("waldTest").GetProperty("stat").GetDouble().Should().BeApproximately(11.543562842932854, 1e-4 * 11.5);
        var columns = CliRunner.Run("cox", "--input", path, "--start", "start", "--time", "stop", "--event", "event",
            "--covariates", "rx,number,size", "--id", "id", "--json");
        columns.Out.Should().Be(withId.Out);
        var withoutId = CliRunner.Run("cox", "--input", path, "--formula", formula, "--json");
        using var plain = JsonDocument.Parse(withoutId.Out);
        plain.RootElement.GetProperty("coefficients")[0].GetProperty("robustSe").ValueKind.Should().Be(JsonValueKind.Null);
        plain.RootElement.GetProperty("coefficients")[0].GetProperty("coef").GetDouble().Should().Be(rx.GetProperty("coef").GetDouble());
    }

    // ---- the column options without --covariates: the same null model ----

    [Theory]
    // R: coxph(Surv(time, status) ~ 1, lung, ties = ...)$loglik, and with strata(sex) (cox_null.csv)
    [InlineData("null_lung.csv", new[] { "--time", "time", "--event", "status" }, "Surv(time, status) ~ 1", "efron", 228, 165, -749.9098013903947)]
    [InlineData("null_lung.csv", new[] { "--time", "time", "--event", "status" }, "Surv(time, status) ~ 1", "breslow", 228, 165, -750.12201889531877)]
    [InlineData("null_lung.csv", new[] { "--time", "time", "--event", "status", "--strata", "sex" }, "Surv(time, status) ~ strata(sex)", "efron", 228, 165, -643.43701866939364)]
    // R: coxph(Surv(start, stop, event) ~ strata(surgery), heart, ties = "breslow")$loglik
    [InlineData("null_heart.csv", new[] { "--start", "start", "--time", "stop", "--event", "event", "--strata", "surgery", "--id", "id" },
        "Surv(start, stop, event) ~ strata(surgery)", "breslow", 172, 75, -270.60808263354625)]
    // bladder2 has subjects with several events: with --id there is still nothing to make robust
    [InlineData("null_bladder.csv", new[] { "--start", "start", "--time", "stop", "--event", "event", "--id", "id" },
        "Surv(start, stop, event) ~ 1", "efron", 178, 112, -458.73934959026587)]
    public void Column_options_without_covariates_fit_the_null_model_as_the_formula_does(string file, string[] columns, string formula,
        string ties, int n, int events, double r)
    {
        var byColumns = CliRunner.Run(["cox", "--input", Input(file), .. columns, "--ties", ties, "--json"]);
        byColumns.Code.Should().Be(0, byColumns.Err);
        string[] id = columns.Contains("--id") ? ["--id", "id"] : [];
        var byFormula = CliRunner.Run(["cox", "--input", Input(file), "--formula", formula, .. id, "--ties", ties, "--json"]);
        byFormula.Code.Should().Be(0, byFormula.Err);
        byColumns.Out.Should().Be(byFormula.Out, "the same JSON: the null model of the formula ~ 1");
        using var doc = JsonDocument.Parse(byColumns.Out);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(ContractFields);
        root.GetProperty("n").GetInt32().Should().Be(n);
        root.GetProperty("events").GetInt32().Should().Be(events);
        root.GetProperty("logLik").GetDouble().Should().BeApproximately(r, 1e-9 * Math.Abs(r));
        root.GetProperty("coefficients").GetArrayLength().Should().Be(0);
        root.GetProperty("lrTest").ValueKind.Should().Be(JsonValueKind.Null);
        // the text output too
        var text = CliRunner.Run(["cox", "--input", Input(file), .. columns, "--ties", ties]);
        var formulaText = CliRunner.Run(["cox", "--input", Input(file), "--formula", formula, .. id, "--ties", ties]);
        text.Out.Should().Be(formulaText.Out);
        text.Out.Should().Contain("Null model (no covariate): no coefficient, no test.");
    }

    [Fact]
    public void Covariates_given_empty_or_beside_a_formula_exit_2_with_a_sentence()
    {
        var empty = CliRunner.Run("cox", "--input", Input("null_lung.csv"), "--time", "time", "--event", "status", "--covariates", " , ");
        empty.Code.Should().Be(CommandLineApp.BadInput);
        empty.Err.Trim().Should().Be("error: --covariates needs at least one column name (leave it out for the null model).");
        var both = CliRunner.Run("cox", "--input", Input("null_lung.csv"), "--formula", "Surv(time, status) ~ 1", "--covariates", "age");
        both.Code.Should().Be(CommandLineApp.BadInput);
        both.Out.Should().BeEmpty();
        both.Err.Trim().Should().Be("error: --formula replaces --covariates: give one or the other (the covariates go on the right of '~').");
    }
}
