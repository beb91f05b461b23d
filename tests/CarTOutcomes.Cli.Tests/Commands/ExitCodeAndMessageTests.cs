using System.Text;
using CarTOutcomes.Cli;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>Issue 15, "wrong exit codes and messages".</summary>
public class ExitCodeAndMessageTests() : ScratchTests("cartoutcomes-exitcodeandmessage-")
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "example");

    private static string Targets => Path.Combine(AppContext.BaseDirectory, "published", "targets.csv");

    [Fact]
    public void Logrank_with_a_hundred_thousand_groups_is_a_usage_error_naming_k()
    {
        // Before: exit 1 with OutOfMemoryException.
        var sb = new StringBuilder("time,status,g\n");
        for (int i = 0; i < 100_000; i++) sb.Append(i % 50 + 1).Append(',').Append(i % 2).Append(",g").Append(i).Append('\n');
        var (code, stdout, stderr) = CliRunner.Run("logrank", "--input", CliRunner.TempCsv(Scratch, sb.ToString()), "--time", "time", "--event", "status", "--group", "g");
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("k = 100000 groups").And.Contain("cannot be held").And.NotContain("(Parameter");
    }

    public static TheoryData<string[]> Commands() => new()
    {
        { new[] { "km", "--input", "{csv}", "--time", "t", "--event", "e" } },
        { new[] { "cox", "--input", "{csv}", "--time", "t", "--event", "e", "--covariates", "x" } },
        { new[] { "logrank", "--input", "{csv}", "--time", "t", "--event", "e", "--group", "g" } },
        { new[] { "cuminc", "--input", "{csv}", "--time", "t", "--status", "e" } },
        { new[] { "finegray", "--input", "{csv}", "--time", "t", "--status", "e", "--cause", "1", "--covariates", "x" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Ctrl_C_stops_every_command_prints_cancelled_writes_nothing_and_exits_130(string[] args)
    {
        // Before: km, cox, logrank, cuminc and finegray ignored the token, finished and exited 0.
        var csv = CliRunner.TempCsv(Scratch, "t,e,g,x\n1,1,a,0.5\n2,0,a,1\n3,1,b,0\n4,1,b,2\n5,0,a,1\n6,1,b,0.3\n");
        var argv = args.Select(a => a == "{csv}" ? csv : a).ToArray();
        var (ok, _, okErr) = CliRunner.Run(argv);
        ok.Should().Be(0, okErr);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLineApp.Run([.. argv, "--json"], stdout, stderr, null, cancelled.Token);
        code.Should().Be(CommandLineApp.Cancelled, stderr.ToString());
        stdout.ToString().Should().BeEmpty();
        stderr.ToString().Should().Be($"cancelled: nothing was written.{Environment.NewLine}");
    }

    [Fact]
    public void Ctrl_C_stops_reproduce_before_anything_is_written()
    {
        using var scratch = new TempDir("cartoutcomes-cancel-");
        var report = scratch.File("report");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLineApp.Run(["reproduce", "--cohort", Example, "--targets", Targets, "--out", report], stdout, stderr, null, cancelled.Token);
        code.Should().Be(CommandLineApp.Cancelled, stderr.ToString());
        stdout.ToString().Should().BeEmpty();
        stderr.ToString().Should().Be($"cancelled: nothing was written.{Environment.NewLine}");
        Directory.Exists(report).Should().BeFalse();
    }

    [Fact]
    public void An_invalid_cohort_prints_every_problem_one_per_line_up_to_100_and_problems_writes_them_all()
    {
        // Before: the first 5 problems on one line, no count.
        using var scratch = new TempDir("cartoutcomes-bad-");
        var dir = scratch.Path;
        foreach (var f in Directory.GetFiles(Example, "*.csv")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(dir, "dli.csv"), string.Concat(Enumerable.Range(0, 120).Select(i => $"E05,soon{i}\n")));
        var (code, _, stderr) = CliRunner.Run("reproduce", "--cohort", dir, "--targets", Targets);
        code.Should().Be(CommandLineApp.BadInput);
        var lines = stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be($"error: the cohort in '{dir}' is not valid: 120 problem(s):");
        lines.Skip(1).Take(100).Should().OnlyContain(l => l.StartsWith("dli.csv: row ") && l.Contains("column 'day': value \"soon"));
        lines[1].Should().Contain("value \"soon0\"");
        lines[100].Should().Contain("value \"soon99\"");
        lines[101].Should().Be("... and 20 more problem(s); --problems FILE writes them all.");
        lines.Should().HaveCount(102);

        var all = Path.Combine(dir, "problems.txt");
        (code, _, stderr) = CliRunner.Run("reproduce", "--cohort", dir, "--targets", Targets, "--problems", all);
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain($"every problem is written to '{all}'.");
        var written = File.ReadAllLines(all);
        written.Should().HaveCount(120);
        written[119].Should().Contain("value \"soon119\"");
    }

    [Fact]
    public void Messages_carry_no_dotnet_text()
    {
        // Before: "rho must be finite. (Parameter 'rho')" and "Actual value was NaN.".
        var csv = CliRunner.TempCsv(Scratch, "t,e,g\n1,1,a\n2,0,b\n3,1,a\n4,1,b\n");
        var (code, _, stderr) = CliRunner.Run("logrank", "--input", csv, "--time", "t", "--event", "e", "--group", "g", "--rho", "NaN");
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Be($"error: rho must be finite.{Environment.NewLine}");
        (code, _, stderr) = CliRunner.Run("logrank", "--input", CliRunner.TempCsv(Scratch, "t,e,g\n1,1,a\n2,0,a\n"), "--time", "t", "--event", "e", "--group", "g");
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().StartWith("error: There is only 1 group").And.NotContain("(Parameter");
    }

    [Fact]
    public void A_folder_given_as_input_is_reported_as_a_folder()
    {
        // Before: "the file does not exist".
        using var scratch = new TempDir("cartoutcomes-dir-");
        var dir = scratch.Path;
        var (code, _, stderr) = CliRunner.Run("km", "--input", dir, "--time", "t", "--event", "e");
        code.Should().Be(CommandLineApp.BadInput);
        stderr.Should().Contain($"{dir}: this is a folder, not a file").And.NotContain("does not exist");
    }

    [Fact]
    public void Minus_zero_is_read_as_zero_and_never_echoed_as_a_time()
    {
        var (code, stdout, stderr) = CliRunner.Run("km", "--input", CliRunner.TempCsv(Scratch, "t,e\n-0,1\n2,0\n3,1\n"), "--time", "t", "--event", "e", "--json");
        code.Should().Be(0, stderr);
        stdout.Should().NotContain("-0");
        (code, stdout, _) = CliRunner.Run("km", "--input", CliRunner.TempCsv(Scratch, "t,e\n-0,1\n2,0\n3,1\n"), "--time", "t", "--event", "e");
        code.Should().Be(0);
        stdout.Should().NotContain("-0");
    }

    [Fact]
    public void A_column_given_both_as_numbers_and_as_labels_is_a_clean_error()
    {
        // Found while attacking: --group status crashed with KeyNotFoundException (exit 1).
        var csv = CliRunner.TempCsv(Scratch, "t,e\n1,1\n2,0\n3,1\n");
        var (code, _, stderr) = CliRunner.Run("logrank", "--input", csv, "--time", "t", "--event", "e", "--group", "e");
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stderr.Should().Contain("'e' is given as both").And.NotContain("internal error");
    }
}
