using System.Globalization;
using System.Text.Json;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>
/// The formula forms of the time-dependent commands with subject ids: <c>km --formula "Surv(start, stop, event) ~ g"
/// --id ID</c> (the extended Kaplan–Meier, and with <c>--landmark</c>) and <c>logrank --formula ... --id ID</c> (the
/// Mantel–Byar test). Each gives the column options' output (checked against R in
/// <see cref="TimeDependentCommandTests"/>) with the groups named as R names them, and agrees with R directly:
/// tests/CarTOutcomes.Survival.Tests/Reference/Exposures/formula_id_reference.R (R 4.2.2, survival 3.5-3) wrote the
/// data and the formula_id_*.csv references.
/// </summary>
public sealed class TimeDependentFormulaCommandTests() : ScratchTests("cartoutcomes-tdformula-")
{
    private static string Ref(string file) =>
        RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Exposures", file);

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var head = Fields(lines[0]);
        return lines.Skip(1).Select(l => head.Zip(Fields(l)).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    // R's script quotes a group label of two variables ("transplant=0, surgery=1"); no field holds a quote
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }

    private static double? D(string s) => s == "NA" ? null : double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>A JSON number (or null) against R's value (or NA), to 1e-9 relative.</summary>
    private static void Agrees(JsonElement actual, string r, string what)
    {
        if (D(r) is not { } expected)
        {
            actual.ValueKind.Should().Be(JsonValueKind.Null, $"{what}: R has NA");
            return;
        }
        actual.ValueKind.Should().Be(JsonValueKind.Number, $"{what}: R has {r}");
        actual.GetDouble().Should().BeApproximately(expected, 1e-9 * Math.Abs(expected) + 1e-15, what);
    }

    /// <summary>The JSON with every group label's "name=" prefix taken off, to compare with the column options' output.</summary>
    private static string Unnamed(string json, string name) => json.Replace($"\"group\":\"{name}=", "\"group\":\"");

    // ---- km --formula --id: the extended Kaplan-Meier ----

    [Fact]
    public void Km_formula_with_id_is_the_column_options_output_with_groups_named_as_R()
    {
        string heart = Ref("data/heart.csv");
        var columns = CliRunner.Run("km", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "tx",
            "--id", "id", "--times", "30,100,1000", "--json");
        var formula = CliRunner.Run("km", "--input", heart, "--formula", "Surv(start, stop, event) ~ tx", "--id", "id",
            "--times", "30,100,1000", "--json");
        columns.Code.Should().Be(0, columns.Err);
        formula.Code.Should().Be(0, formula.Err);
        formula.Err.Should().BeEmpty();
        using var doc = JsonDocument.Parse(formula.Out);
        doc.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()).Should().Equal("tx=0", "tx=1");
        Unnamed(formula.Out, "tx").Should().Be(columns.Out);
        // the text output too
        var text = CliRunner.Run("km", "--input", heart, "--formula", "Surv(start, stop, event) ~ tx", "--id", "id");
        var columnText = CliRunner.Run("km", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "tx", "--id", "id");
        text.Out.Replace("group=tx=", "group=").Should().Be(columnText.Out);
        // without --id, the same rows are delayed-entry rows and every row end is a censoring: other numbers
        var plain = CliRunner.Run("km", "--input", heart, "--formula", "Surv(start, stop, event) ~ tx", "--json");
        plain.Out.Should().NotBe(formula.Out);
    }

    [Theory]
    [InlineData("heart_transplant", "data/heart_formula.csv", "Surv(start, stop, event) ~ transplant", "")]
    [InlineData("heart_transplant_surgery", "data/heart_formula.csv", "Surv(start, stop, event) ~ transplant + surgery", "")]
    [InlineData("pbc_hibili", "data/pbc_hibili.csv", "Surv(tstart, tstop, death) ~ hibili", "")]
    [InlineData("pbc_hibili_trt", "data/pbc_hibili.csv", "Surv(tstart, tstop, death) ~ hibili + trt", "")]
    [InlineData("synthetic_arm", "data/td_synthetic.csv", "Surv(t0, t1, ev) ~ arm", "note: 2 row(s) dropped for missing values in the columns used (rows 5, 12).")]
    public void Km_formula_with_id_agrees_with_R_survfit_with_id(string rCase, string data, string formula, string note)
    {
        var (code, stdout, stderr) = CliRunner.Run("km", "--input", Ref(data), "--formula", formula, "--id", "id", "--json");
        code.Should().Be(0, stderr);
        stderr.Trim().Should().Be(note, "R's na.omit drops a row without an id or a group (survfit's model frame holds the id)");
        using var doc = JsonDocument.Parse(stdout);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToArray();
        var table = Csv(Ref("formula_id_ekm_table.csv")).Where(x => x["case"] == rCase).ToList();
        groups.Select(g => g.GetProperty("group").GetString()).Should().Equal(table.Select(x => x["group"]), "R's names(fit$strata), in R's order");
        var curves = Csv(Ref("formula_id_ekm_curves.csv")).Where(x => x["case"] == rCase).ToList();
        int compared = 0;
        foreach (var (g, t) in groups.Zip(table))
        {
            string name = t["group"];
            g.GetProperty("n").GetDouble().Should().Be(D(t["records"]));
            g.GetProperty("events").GetDouble().Should().Be(D(t["events"]));
            Agrees(g.GetProperty("median"), t["median"], $"{name} median");
            Agrees(g.GetProperty("medianLower"), t["median_lower"], $"{name} median lower");
            Agrees(g.GetProperty("medianUpper"), t["median_upper"], $"{name} median upper");
            var r = curves.Where(x => x["group"] == name).ToList();
            Doubles(g.GetProperty("times")).Should().Equal(r.Select(x => D(x["time"])!.Value), name);
            Doubles(g.GetProperty("nRisk")).Should().Equal(r.Select(x => D(x["n_risk"])!.Value), name);
            Doubles(g.GetProperty("nEvent")).Should().Equal(r.Select(x => D(x["n_event"])!.Value), name);
            Doubles(g.GetProperty("nCensor")).Should().Equal(r.Select(x => D(x["n_censor"])!.Value), name);
            for (int i = 0; i < r.Count; i++)
            {
                Agrees(g.GetProperty("survival")[i], r[i]["surv"], $"{name} survival at {r[i]["time"]}");
                Agrees(g.GetProperty("stdErr")[i], r[i]["std_err"], $"{name} std.err at {r[i]["time"]}");
                Agrees(g.GetProperty("lower")[i], r[i]["lower"], $"{name} lower at {r[i]["time"]}");
                Agrees(g.GetProperty("upper")[i], r[i]["upper"], $"{name} upper at {r[i]["time"]}");
                compared += 4;
            }
        }
        compared.Should().BeGreaterThan(40);
    }

    [Fact]
    public void Km_landmark_with_a_formula_is_the_column_options_output_and_agrees_with_R()
    {
        string heart = Ref("data/heart.csv");
        var columns = CliRunner.Run("km", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "tx",
            "--id", "id", "--landmark", "30,60", "--json");
        var formula = CliRunner.Run("km", "--input", heart, "--formula", "Surv(start, stop, event) ~ tx", "--id", "id", "--landmark", "30,60", "--json");
        formula.Code.Should().Be(0, formula.Err);
        Unnamed(formula.Out, "tx").Should().Be(columns.Out);
        formula.Out.Should().Contain("\"group\":\"tx=0\"");

        // pbc at 1 and 2 years, grouped by high bilirubin at the landmark: R's survfit on the subjects kept
        var (code, stdout, stderr) = CliRunner.Run("km", "--input", Ref("data/pbc_hibili.csv"), "--formula", "Surv(tstart, tstop, death) ~ hibili",
            "--id", "id", "--landmark", "365,730", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToArray();
        groups.Select(g => (g.GetProperty("landmark").GetDouble(), g.GetProperty("group").GetString()))
            .Should().Equal((365, "hibili=FALSE"), (365, "hibili=TRUE"), (730, "hibili=FALSE"), (730, "hibili=TRUE"));
        var r = Csv(Ref("formula_id_landmark_curves.csv"));
        int compared = 0;
        foreach (var g in groups)
        {
            var expected = r.Where(x => D(x["landmark"]) == g.GetProperty("landmark").GetDouble() && x["group"] == g.GetProperty("group").GetString()).ToList();
            expected.Should().NotBeEmpty();
            Doubles(g.GetProperty("times")).Should().Equal(expected.Select(x => D(x["time"])!.Value));
            Doubles(g.GetProperty("nRisk")).Should().Equal(expected.Select(x => D(x["n_risk"])!.Value));
            Doubles(g.GetProperty("nEvent")).Should().Equal(expected.Select(x => D(x["n_event"])!.Value));
            Doubles(g.GetProperty("nCensor")).Should().Equal(expected.Select(x => D(x["n_censor"])!.Value));
            for (int i = 0; i < expected.Count; i++)
            {
                Agrees(g.GetProperty("survival")[i], expected[i]["surv"], "survival");
                Agrees(g.GetProperty("stdErr")[i], expected[i]["std_err"], "std.err");
                Agrees(g.GetProperty("lower")[i], expected[i]["lower"], "lower");
                Agrees(g.GetProperty("upper")[i], expected[i]["upper"], "upper");
                compared += 4;
            }
        }
        compared.Should().BeGreaterThan(400);
        var text = CliRunner.Run("km", "--input", Ref("data/pbc_hibili.csv"), "--formula", "Surv(tstart, tstop, death) ~ hibili",
            "--id", "id", "--landmark", "365");
        text.Out.Should().StartWith($"Landmark 365: {r.First(x => x["landmark"] == "365")["subjects"]} subject(s) event-free and under observation");
    }

    // ---- logrank --formula --id: the Mantel-Byar test ----

    [Fact]
    public void Logrank_formula_with_id_is_the_column_options_mantel_byar_test_with_groups_named_as_R()
    {
        string heart = Ref("data/heart.csv");
        var columns = CliRunner.Run("logrank", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "txsurg", "--id", "id", "--json");
        var formula = CliRunner.Run("logrank", "--input", heart, "--formula", "Surv(start, stop, event) ~ txsurg", "--id", "id", "--json");
        formula.Code.Should().Be(0, formula.Err);
        formula.Out.Should().Contain("\"group\":\"txsurg=0_0\"");
        Unnamed(formula.Out, "txsurg").Should().Be(columns.Out);
        var text = CliRunner.Run("logrank", "--input", heart, "--formula", "Surv(start, stop, event) ~ txsurg", "--id", "id");
        var columnText = CliRunner.Run("logrank", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "txsurg", "--id", "id");
        // the same table, its group column wider by the names (single spaces: the padding differs)
        static string[] Squeezed(string s) => s.Replace("txsurg=", "").Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), " +", " ")).ToArray();
        Squeezed(text.Out).Should().Equal(Squeezed(columnText.Out));
        text.Out.Should().Contain("txsurg=1_1  13         6   11.4581        2.6       3.48").And.Contain("Chisq= 4.956  on 3 degrees of freedom, P = .18");
    }

    [Fact]
    public void Stratified_mantel_byar_is_the_same_with_a_formula_and_with_the_column_options()
    {
        string heart = Ref("data/heart_formula.csv");
        var columns = CliRunner.Run("logrank", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "transplant",
            "--strata", "surgery", "--id", "id", "--json");
        var formula = CliRunner.Run("logrank", "--input", heart, "--formula", "Surv(start, stop, event) ~ transplant + strata(surgery)", "--id", "id", "--json");
        columns.Code.Should().Be(0, columns.Err);
        formula.Code.Should().Be(0, formula.Err);
        Unnamed(formula.Out, "transplant").Should().Be(columns.Out);
        var unstratified = CliRunner.Run("logrank", "--input", heart, "--formula", "Surv(start, stop, event) ~ transplant", "--id", "id", "--json");
        unstratified.Out.Should().NotBe(formula.Out, "the strata change the risk sets");
        CliRunner.Run("logrank", "--input", heart, "--start", "start", "--time", "stop", "--event", "event", "--group", "transplant",
            "--id", "id", "--rho", "1").Err.Trim().Should().Be("error: The Mantel-Byar test (--start, --id) is the log-rank test: it takes no --rho.");
    }

    [Theory]
    [InlineData("heart_transplant_surgery", "data/heart_formula.csv", "Surv(start, stop, event) ~ transplant + surgery")]
    [InlineData("pbc_hibili", "data/pbc_hibili.csv", "Surv(tstart, tstop, death) ~ hibili")]
    [InlineData("synthetic_arm", "data/td_synthetic.csv", "Surv(t0, t1, ev) ~ arm")]
    // R: coxph(Surv(...) ~ factor(group) + strata(s), ties = "exact")$score
    [InlineData("heart_transplant_strata_surgery", "data/heart_formula.csv", "Surv(start, stop, event) ~ transplant + strata(surgery)")]
    [InlineData("pbc_hibili_strata_trt", "data/pbc_hibili.csv", "Surv(tstart, tstop, death) ~ hibili + strata(trt)")]
    public void Logrank_formula_with_id_agrees_with_Rs_exact_score_test(string rCase, string data, string formula)
    {
        var (code, stdout, stderr) = CliRunner.Run("logrank", "--input", Ref(data), "--formula", formula, "--id", "id", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        // R: coxph(Surv(...) ~ factor(group), ties = "exact")$score
        var r = Csv(Ref("formula_id_mantel_byar.csv")).Single(x => x["case"] == rCase);
        Agrees(root.GetProperty("chisq"), r["chisq"], "chisq");
        root.GetProperty("df").GetDouble().Should().Be(D(r["df"]));
        Agrees(root.GetProperty("p"), r["p"], "p");
        var groups = Csv(Ref("formula_id_mantel_byar_groups.csv")).Where(x => x["case"] == rCase).ToList();
        var actual = root.GetProperty("groups").EnumerateArray().ToArray();
        actual.Select(g => g.GetProperty("group").GetString()).Should().Equal(groups.Select(x => x["group"]));
        foreach (var (g, e) in actual.Zip(groups))
        {
            g.GetProperty("n").GetDouble().Should().Be(D(e["n"]), "subjects with a row in the group");
            g.GetProperty("observed").GetDouble().Should().Be(D(e["observed"]));
            Agrees(g.GetProperty("expected"), e["expected"], $"{e["group"]} expected");
        }
    }

    // ---- a subject's inconsistent rows: the column options' messages ----

    [Theory]
    [InlineData("id,start,stop,event,g\na,0,10,0,0\nb,0,4,1,0\na,5,12,1,1\n",
        "Subject 'a' has overlapping intervals: row 1 covers (0, 10] and row 3 covers (5, 12]; a subject can be in only one row at a time (R's survcheck reports this as an overlap).")]
    [InlineData("id,start,stop,event,g\na,0,10,1,0\nb,0,4,1,0\na,10,12,1,1\n",
        "Subject 'a' has an event in each of row 1, row 3; the extended Kaplan-Meier estimator and the Mantel-Byar test take one event per subject.")]
    public void A_subjects_overlapping_rows_or_second_event_exit_2_with_the_column_options_message(string csv, string problem)
    {
        var path = CliRunner.TempCsv(Scratch, csv);
        string expected = $"error: 1 problem(s) in the input:{Environment.NewLine}{path}: column 'id': {problem}{Environment.NewLine}";
        foreach (var command in new[] { "km", "logrank" })
        {
            var formula = CliRunner.Run(command, "--input", path, "--formula", "Surv(start, stop, event) ~ g", "--id", "id", "--json");
            formula.Code.Should().Be(2, command);
            formula.Out.Should().BeEmpty();
            formula.Err.Should().Be(expected, command);
            var columns = CliRunner.Run(command, "--input", path, "--start", "start", "--time", "stop", "--event", "event", "--group", "g", "--id", "id", "--json");
            formula.Err.Should().Be(columns.Err, $"{command}: the same words as the column options");
        }
        var landmark = CliRunner.Run("km", "--input", path, "--formula", "Surv(start, stop, event) ~ g", "--id", "id", "--landmark", "3");
        landmark.Code.Should().Be(2);
        landmark.Err.Should().Be(expected);
    }

    [Fact]
    public void Rows_are_named_by_the_file_after_rows_missing_a_value_are_dropped()
    {
        // row 2 has no id and is dropped; the overlap is still between the file's rows 1 and 4
        var path = CliRunner.TempCsv(Scratch, "id,start,stop,event,g\na,0,10,0,0\n,0,4,1,0\nb,0,4,1,1\na,5,12,1,1\n");
        var (code, _, stderr) = CliRunner.Run("km", "--input", path, "--formula", "Surv(start, stop, event) ~ g", "--id", "id");
        code.Should().Be(2);
        stderr.Should().Contain($"{path}: column 'id': Subject 'a' has overlapping intervals: row 1 covers (0, 10] and row 4 covers (5, 12]");
    }

    // ---- usage ----

    [Theory]
    [InlineData("km", "Surv(stop, event) ~ g", new string[0],
        "error: --id needs (start, stop] rows: write Surv(start, stop, event) on the left of the formula, not Surv(stop, event). (With Surv(time, status) each row is a subject: leave out --id; R's survfit gives the same curves with or without id when no subject has two events.)")]
    [InlineData("logrank", "Surv(stop, event) ~ g", new string[0],
        "error: --id needs (start, stop] rows: write Surv(start, stop, event) on the left of the formula, not Surv(stop, event). (With Surv(time, status) each row is a subject: leave out --id for R's survdiff.)")]
    [InlineData("logrank", "Surv(start, stop, event) ~ g + strata(s)", new[] { "--rho", "1" },
        "error: The Mantel-Byar test (--formula with --id) is the log-rank test: it takes no --rho.")]
    [InlineData("km", "Surv(start, stop, event) ~ 1", new[] { "--landmark", "3" },
        "error: --landmark needs a time-dependent group on the right of '~' (Surv(start, stop, event) ~ group).")]
    [InlineData("km", "Surv(start, stop, event) ~ g", new[] { "--start", "start" },
        "error: with --formula, write --start in the formula (Surv(entry, time, status), ~ group).")]
    [InlineData("logrank", "Surv(start, stop, event) ~ g", new[] { "--start", "start" },
        "error: with --formula, write --start in the formula as Surv(start, stop, event).")]
    public void Usage_errors_with_id_exit_2_with_a_sentence(string command, string formula, string[] extra, string message)
    {
        var path = CliRunner.TempCsv(Scratch, "id,start,stop,event,g,s\na,0,10,0,0,x\nb,0,4,1,0,x\na,10,12,1,1,y\nc,0,7,1,1,y\n");
        var (code, stdout, stderr) = CliRunner.Run([command, "--input", path, "--formula", formula, "--id", "id", .. extra]);
        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Trim().Should().Be(message);
    }

    [Fact]
    public void Landmark_with_a_formula_needs_id_and_counting_process_rows_without_id_are_not_a_log_rank_test()
    {
        var path = CliRunner.TempCsv(Scratch, "id,start,stop,event,g\na,0,10,0,0\nb,0,4,1,0\na,10,12,1,1\nc,0,7,1,1\n");
        var km = CliRunner.Run("km", "--input", path, "--formula", "Surv(start, stop, event) ~ g", "--landmark", "3");
        km.Code.Should().Be(2);
        km.Err.Trim().Should().Be("error: --landmark needs --id and a formula Surv(start, stop, event) ~ group with a time-dependent group.");
        var lr = CliRunner.Run("logrank", "--input", path, "--formula", "Surv(start, stop, event) ~ g");
        lr.Code.Should().Be(2);
        lr.Err.Trim().Should().Be("error: the log-rank test needs right-censored data, Surv(time, status) (R's survdiff does not take Surv(start, stop, event)); " +
                                  "with (start, stop] rows of subjects, give --id ID for the Mantel-Byar test.");
        // the column options keep their rules
        CliRunner.Run("logrank", "--input", path, "--time", "stop", "--event", "event", "--group", "g", "--id", "id")
            .Err.Should().Contain("--start and --id go together");
        CliRunner.Run("km", "--input", path, "--time", "stop", "--event", "event", "--id", "id")
            .Err.Should().Contain("--id needs --start");
    }
}
