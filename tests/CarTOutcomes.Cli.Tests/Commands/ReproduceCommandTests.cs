using System.Text.Json;
using CarTOutcomes.Cli;

namespace CarTOutcomes.Cli.Tests.Commands;

public class ReproduceCommandTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "example");

    private static string Targets => Path.Combine(AppContext.BaseDirectory, "published", "targets.csv");

    [Fact]
    public void Json_has_exactly_the_contract_fields_and_consistent_counts()
    {
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets, "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("targets", "agreeing", "total");
        var targets = doc.RootElement.GetProperty("targets").EnumerateArray().ToArray();
        targets.Should().HaveCount(585);
        targets[0].EnumerateObject().Select(p => p.Name).Should().Equal("id", "source", "statistic", "published", "reproduced", "agrees");
        doc.RootElement.GetProperty("total").GetInt32().Should().Be(585);
        doc.RootElement.GetProperty("agreeing").GetInt32().Should().Be(targets.Count(t => t.GetProperty("agrees").GetBoolean()));
        var treated = targets.Single(t => t.GetProperty("id").GetString() == "res_treated_n");
        treated.GetProperty("reproduced").GetDouble().Should().Be(8, "the example cohort has 8 patients");
        treated.GetProperty("agrees").GetBoolean().Should().BeFalse("the study treated 56");
        targets.Single(t => t.GetProperty("id").GetString() == "meth_alpha").GetProperty("reproduced").ValueKind.Should().Be(JsonValueKind.Null);
        stderr.Should().Contain("SYNTHETIC");
    }

    [Fact]
    public void Text_prints_published_and_reproduced_side_by_side_with_reasons()
    {
        var (code, stdout, _) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets);
        code.Should().Be(0);
        stdout.Should().Contain("SYNTHETIC COHORT");
        stdout.Split('\n').Single(l => l.StartsWith("res_treated_n ", StringComparison.Ordinal)).Should().MatchRegex(@"56\s+8\s+no");
        stdout.Should().Contain("not evaluable: a rule or threshold");
        stdout.Should().MatchRegex(@"agreeing: \d+ of 585");
        var breakdown = System.Text.RegularExpressions.Regex.Match(stdout, @"of the (\d+) followed targets \(the (\d+) others .*\): (\d+) agree, (\d+) disagree, (\d+) not evaluable");
        breakdown.Success.Should().BeTrue(stdout[^400..]);
        int N(int k) => int.Parse(breakdown.Groups[k].Value, System.Globalization.CultureInfo.InvariantCulture);
        (N(1) + N(2)).Should().Be(585);
        (N(3) + N(4) + N(5)).Should().Be(N(1));
        N(3).Should().BeLessThan(N(1), "the 8-patient example cohort cannot reproduce the study");
    }

    [Fact]
    public void Out_writes_a_report_with_every_figure_and_every_number_beside_the_published_one()
    {
        using var scratch = new TempDir("cartoutcomes-report-");
        var dir = scratch.File("report");
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets, "--json", "--out", dir);
        code.Should().Be(0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        int total = doc.RootElement.GetProperty("total").GetInt32();
        int agreeing = doc.RootElement.GetProperty("agreeing").GetInt32();
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        html.Should().Contain("SYNTHETIC DATA");
        System.Text.RegularExpressions.Regex.Matches(html, "<figure id=\"figure-").Count.Should().Be(14, "Figures 1A-C, 2, 3A-B, 4, the five figures of exposures after infusion (issue #16), the parametric extrapolation of OS (issue #19) and the Table 3 forest plot");
        html.Should().Contain("Beyond the follow-up: overall survival extrapolated with parametric and cure models");
        System.Text.RegularExpressions.Regex.Matches(html, "<table class=\"parametric\"").Count.Should().Be(1);
        html.Should().Contain($"<strong>{agreeing} of {total}</strong>");
        System.Text.RegularExpressions.Regex.Matches(html, "<table class=\"targets\"").Count.Should().BeGreaterThan(3);
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        md.Should().Contain("![Figure 9](figure-9.svg)");
        File.Exists(Path.Combine(dir, "figure-9.svg")).Should().BeTrue();
    }

    [Fact]
    public void Text_opens_with_a_plain_language_summary_before_the_detail()
    {
        var (code, stdout, _) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets);
        code.Should().Be(0);
        var lines = stdout.Split('\n');
        int compared = Array.FindIndex(lines, l => l.StartsWith("What was compared: the 585 numbers", StringComparison.Ordinal));
        int rule = Array.FindIndex(lines, l => l.StartsWith("The agreement rule:", StringComparison.Ordinal));
        int count = Array.FindIndex(lines, l => l.StartsWith("The count: ", StringComparison.Ordinal));
        int detail = Array.FindIndex(lines, l => l.StartsWith("id ", StringComparison.Ordinal));
        new[] { compared, rule, count }.Should().OnlyContain(i => i >= 0 && i < detail, "the summary comes before the detail");
        compared.Should().BeLessThan(8);
        var m = System.Text.RegularExpressions.Regex.Match(lines[count], @"The count: (\d+) of 585 agree");
        m.Success.Should().BeTrue(lines[count]);
        stdout.Should().Contain($"agreeing: {m.Groups[1].Value} of 585", "the summary's count is the detail's count");
        lines.Take(detail).Should().Contain(l => l.Trim().StartsWith("Table 3: ", StringComparison.Ordinal), "the count is broken down by table");
    }

    [Fact]
    public void Out_adds_Tables_1_to_3_in_publication_layout_with_each_published_value_beside_the_reproduced_one()
    {
        using var scratch = new TempDir("cartoutcomes-report-");
        var dir = scratch.File("report");
        var (code, _, stderr) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets, "--out", dir);
        code.Should().Be(0, stderr);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        foreach (var t in new[] { "Table 1. Characteristics by progression", "Table 2. Cause-specific hazard", "Table 3. Overall survival after progression" })
            html.Should().Contain(t);
        var csv = File.ReadAllLines(Path.Combine(dir, "table-3-published.csv"));
        csv[0].Should().Be("Variable,Level,Univariate HR (95% CI): Reproduced,Univariate HR (95% CI): Published,Univariate P: Reproduced,Univariate P: Published," +
                           "Multivariable HR (95% CI): Reproduced,Multivariable HR (95% CI): Published,Multivariable P: Reproduced,Multivariable P: Published");
        // The published cell of the multivariable time-to-progression row is the paper's "0.91 (0.83–1.00)".
        csv.Single(l => l.Contains("Time from CAR T", StringComparison.Ordinal)).Should().Contain("0.91 (0.83–1.00)");
        var t1 = File.ReadAllLines(Path.Combine(dir, "table-1-published.csv"));
        t1.Should().Contain(l => l.StartsWith("Male sex,,", StringComparison.Ordinal) && l.Contains("28 (73.7%)"), "the published count and percent of male patients who progressed");
        t1.Should().Contain(l => l.Contains(",Intensive bridging therapy,", StringComparison.Ordinal), "levels sit under their variable");
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(Path.Combine(dir, "table-2-published.docx"), false);
        doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Count().Should().BeGreaterThan(10);
    }

    [Fact]
    public void A_missing_cohort_folder_is_bad_input()
    {
        var (code, _, stderr) = CliRunner.Run("reproduce", "--cohort", Path.Combine(Path.GetTempPath(), "no-such-cohort-" + Guid.NewGuid()), "--targets", Targets);
        code.Should().Be(2);
        stderr.Should().Contain("does not exist");
    }

    [Fact]
    public void Reconstruct_cancelled_by_ctrl_c_exits_130_says_so_and_writes_nothing()
    {
        using var scratch = new TempDir("cartoutcomes-cancelled-");
        var dir = scratch.File("cohort");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLineApp.Run(["reconstruct", "--seed", "1", "--iterations", "100", "--out", dir, "--targets", Targets], stdout, stderr, null, cancel.Token);
        code.Should().Be(CommandLineApp.Cancelled);
        stderr.ToString().Should().Contain("cancelled: nothing was written.");
        Directory.Exists(dir).Should().BeFalse();
    }

    [Fact]
    public void Reconstruct_writes_a_synthetic_cohort_with_a_progress_bar()
    {
        using var scratch = new TempDir("cartoutcomes-rec-");
        var dir = scratch.File("cohort");
        var (code, stdout, stderr) = CliRunner.Run("reconstruct", "--seed", "5", "--iterations", "20", "--out", dir, "--targets", Targets);
        code.Should().Be(0, stderr);
        stderr.Should().Contain("reconstructing [").And.Contain("100%");
        stdout.Should().Contain("56 SYNTHETIC patients");
        File.ReadAllText(Path.Combine(dir, "README.md")).Should().Contain("SYNTHETIC").And.Contain("--seed 5");
        Directory.GetFiles(dir, "*.csv").Select(Path.GetFileName).Should().BeEquivalentTo(CarTOutcomes.IO.Cohort.CohortCsvSchema.Columns.Keys);
    }

    [Fact]
    public void Reconstruct_continues_from_the_shipped_cohort_resumes_from_its_checkpoint_and_says_what_made_it()
    {
        using var scratch = new TempDir("cartoutcomes-cont-");
        var dir = scratch.File("cohort");
        var again = dir + "-again";
        var checkpoint = dir + ".checkpoint";
        var shipped = RepositoryPaths.Under("data", "cohort");
        var (code, stdout, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--seed", "2", "--iterations", "20", "--out", dir, "--targets", Targets,
            "--checkpoint", checkpoint);
        code.Should().Be(0, stderr);
        stderr.Should().Contain("reconstructing [").And.Contain("100%").And.Contain("best: ");
        stdout.Should().Contain("56 SYNTHETIC patients").And.Contain("published numbers agree (start: ");
        File.ReadAllText(Path.Combine(dir, "README.md")).Should().Contain("SYNTHETIC").And.Contain("--continue-from").And.Contain("--seed 2 --iterations 20");
        File.ReadLines(Path.Combine(dir, "patients.csv")).First().Should().StartWith("# SYNTHETIC")
            .And.Contain(File.ReadLines(Path.Combine(shipped, "patients.csv")).First()[^40..^2], "the banner names the commands that made the start cohort");
        File.Exists(checkpoint).Should().BeTrue();

        // The finished checkpoint resumes to the same files.
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--seed", "2", "--iterations", "20", "--out", again, "--targets", Targets,
            "--checkpoint", checkpoint);
        code.Should().Be(0, stderr);
        stderr.Should().Contain("resuming from");
        foreach (var f in Directory.GetFiles(dir, "*.csv"))
            File.ReadAllBytes(Path.Combine(again, Path.GetFileName(f))).Should().Equal(File.ReadAllBytes(f), Path.GetFileName(f));

        // Another budget with that checkpoint is refused.
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--seed", "2", "--iterations", "30", "--out", again, "--targets", Targets,
            "--checkpoint", checkpoint);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("other settings");
    }

    [Fact]
    public void Reconstruct_refuses_to_continue_from_a_cohort_it_did_not_make_and_a_checkpoint_without_a_continuation()
    {
        using var scratch = new TempDir("cartoutcomes-cont-");
        var dir = scratch.File("cohort");
        var (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", Example, "--iterations", "20", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--continue-from").And.Contain("not one of the reconstruction's 56 scripted patients");
        (code, _, stderr) = CliRunner.Run("reconstruct", "--checkpoint", dir + ".ck", "--iterations", "20", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--checkpoint needs --continue-from");
        (code, _, stderr) = CliRunner.Run("reconstruct", "--slack", "2", "--iterations", "20", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--acceptance, --slack, --focus-moves, --focus-rounds, --layout and --assign need --continue-from");
        (code, _, stderr) = CliRunner.Run("reconstruct", "--focus-moves", "100", "--iterations", "20", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("need --continue-from");
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", RepositoryPaths.Under("data", "cohort"), "--focus-moves", "-3", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--focus-moves must be at least 0, not -3");
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", RepositoryPaths.Under("data", "cohort"), "--focus-moves", "10", "--focus-rounds", "0", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--focus-rounds must be at least 1, not 0");
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", Example, "--acceptance", "greedy", "--out", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("greedy");
        Directory.Exists(dir).Should().BeFalse();
    }

    [Fact]
    public void Reconstruct_puts_a_baseline_assignment_into_the_start_cohort_names_it_in_the_banner_and_refuses_a_row_it_cannot_take()
    {
        var shipped = RepositoryPaths.Under("data", "cohort");
        using var scratch = new TempDir("cartoutcomes-assign-");
        var assignment = scratch.File("assign-" + Guid.NewGuid().ToString("N") + ".csv");
        var line = File.ReadLines(Path.Combine(shipped, "patients.csv")).First(l => l.StartsWith("SYN24,", StringComparison.Ordinal)).Split(',');
        int lines = int.Parse(line[6], System.Globalization.CultureInfo.InvariantCulture) == 7 ? 6 : int.Parse(line[6], System.Globalization.CultureInfo.InvariantCulture) + 1;
        File.WriteAllText(assignment, $"patient_id,variable,value\nSYN24,prior_lines,{lines}\n");
        var dir = scratch.File("assigned");
        var (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--assign", assignment, "--iterations", "0", "--out", dir, "--targets", Targets);
        code.Should().Be(0, stderr);
        File.ReadLines(Path.Combine(dir, "patients.csv")).Should().Contain(l => l.StartsWith("SYN24,", StringComparison.Ordinal) && l.Split(',')[6] == $"{lines}");
        File.ReadLines(Path.Combine(dir, "patients.csv")).First().Should().Contain($"--assign {Path.GetFileName(assignment)} --seed 1 --iterations 0");
        File.WriteAllText(assignment, "patient_id,variable,value\nSYN24,prior_lines,3\nSYN24,prior_lines,9\n");
        var dir2 = dir + "-2";
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--assign", assignment, "--iterations", "0", "--out", dir2, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--assign").And.Contain(assignment).And.Contain("row 2").And.Contain("SYN24").And.Contain("listed twice");
        Directory.Exists(dir2).Should().BeFalse();
    }

    [Fact]
    public void Reconstruct_puts_a_day_layout_into_the_start_cohort_names_it_in_the_banner_and_refuses_a_row_it_cannot_take()
    {
        var shipped = RepositoryPaths.Under("data", "cohort");
        using var scratch = new TempDir("cartoutcomes-layout-");
        var layout = scratch.File("layout-" + Guid.NewGuid().ToString("N") + ".csv");
        var line = File.ReadLines(Path.Combine(shipped, "followup.csv")).First(l => l.StartsWith("SYN24,", StringComparison.Ordinal)).Split(',');
        double end = double.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture) + 7.5;
        File.WriteAllText(layout, $"patient_id,last_contact_day\nSYN24,{end.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        var dir = scratch.File("laid");
        var (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--layout", layout, "--iterations", "0", "--out", dir, "--targets", Targets);
        code.Should().Be(0, stderr);
        File.ReadLines(Path.Combine(dir, "followup.csv")).Should().Contain(l => l.StartsWith($"SYN24,{end.ToString(System.Globalization.CultureInfo.InvariantCulture)},", StringComparison.Ordinal));
        File.ReadLines(Path.Combine(dir, "patients.csv")).First().Should().Contain($"--layout {Path.GetFileName(layout)} --seed 1 --iterations 0");
        File.WriteAllText(layout, "patient_id,last_contact_day\nSYN24,100\n");
        var dir2 = dir + "-2";
        (code, _, stderr) = CliRunner.Run("reconstruct", "--continue-from", shipped, "--layout", layout, "--iterations", "0", "--out", dir2, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("--layout").And.Contain("row 1").And.Contain("SYN24").And.Contain("at least 600 days");
        Directory.Exists(dir2).Should().BeFalse();
        (code, _, stderr) = CliRunner.Run("reconstruct", "--layout", layout, "--iterations", "0", "--out", dir2, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain("need --continue-from");
    }
}
