using CarTOutcomes.Cli;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>
/// Issue 15, data loss: every command that writes files writes them all at once or not at all, and an output that
/// cannot be written is a usage error (exit 2) with a sentence.
/// </summary>
public class OutputSafetyTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "example");

    private static string Targets => Path.Combine(AppContext.BaseDirectory, "published", "targets.csv");

    private static TempDir NewFolder() => new("cartoutcomes-out-");

    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    [Fact]
    public void Reconstruct_into_a_cohort_with_a_folder_where_a_file_should_be_changes_nothing()
    {
        // The issue's reproduction: cp -r cohort X; mv X/salvage.csv S; mkdir X/salvage.csv; reconstruct --out X.
        // Before: four files were rewritten, then exit 1 with the cohort no longer valid.
        using var folder = NewFolder();
        var x = folder.Path;
        foreach (var f in Directory.GetFiles(Example, "*.csv")) File.Copy(f, Path.Combine(x, Path.GetFileName(f)));
        File.Delete(Path.Combine(x, "salvage.csv"));
        Directory.CreateDirectory(Path.Combine(x, "salvage.csv"));
        var before = Snapshot(x);
        var (code, stdout, stderr) = CliRunner.Run("reconstruct", "--seed", "1", "--iterations", "0", "--targets", Targets, "--out", x);
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("salvage.csv' is a folder").And.Contain("nothing was changed").And.NotContain("internal error");
        Snapshot(x).Should().BeEquivalentTo(before, "every old file stays as it was");
        Directory.GetDirectories(Path.GetDirectoryName(x)!, $".{Path.GetFileName(x)}.partial-*").Should().BeEmpty("no staging folder is left");
    }

    [Fact]
    public void Reconstruct_replaces_the_cohort_files_and_keeps_other_files()
    {
        using var folder = NewFolder();
        var x = folder.Path;
        foreach (var f in Directory.GetFiles(Example, "*.csv")) File.Copy(f, Path.Combine(x, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(x, "notes.txt"), "mine");
        var (code, _, stderr) = CliRunner.Run("reconstruct", "--seed", "1", "--iterations", "0", "--targets", Targets, "--out", x);
        code.Should().Be(0, stderr);
        File.ReadAllText(Path.Combine(x, "notes.txt")).Should().Be("mine");
        File.ReadLines(Path.Combine(x, "patients.csv")).First().Should().StartWith("# SYNTHETIC");
        File.Exists(Path.Combine(x, "README.md")).Should().BeTrue();
        CarTOutcomes.IO.Cohort.CohortCsv.Read(x).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("reconstruct")]
    [InlineData("reproduce")]
    public void Out_naming_an_existing_file_is_a_usage_error_with_a_sentence(string command)
    {
        // Before: exit 1, "internal error: IOException".
        using var folder = NewFolder();
        var file = folder.File("taken");
        File.WriteAllText(file, "keep me");
        string[] args = command == "reconstruct"
            ? ["reconstruct", "--iterations", "0", "--targets", Targets, "--out", file]
            : ["reproduce", "--cohort", Example, "--targets", Targets, "--out", file];
        var (code, stdout, stderr) = CliRunner.Run(args);
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Be($"error: --out '{file}' is an existing file; give a folder to write into (it is created if needed).{Environment.NewLine}");
        File.ReadAllText(file).Should().Be("keep me");
    }

    [Fact]
    public void A_report_that_cannot_be_written_whole_leaves_the_previous_report()
    {
        using var folder = NewFolder();
        var d = folder.Path;
        var (first, _, err1) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets, "--out", d);
        first.Should().Be(0, err1);
        File.Delete(Path.Combine(d, "figure-2.svg"));
        Directory.CreateDirectory(Path.Combine(d, "figure-2.svg"));
        var before = Snapshot(d);
        var (code, _, stderr) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", Targets, "--out", d);
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stderr.Should().Contain("figure-2.svg' is a folder");
        Snapshot(d).Should().BeEquivalentTo(before, "index.html and report.md are not half replaced");
    }

    [Fact]
    public void Reproduce_out_escapes_html_and_links_from_the_targets_file()
    {
        // Before: report.md held <script>alert(2)</script> and [x](javascript:alert(3)) verbatim.
        using var folder = NewFolder();
        var targets = folder.File("t.csv");
        File.WriteAllText(targets, "id,source,population,statistic,time_months,value,unit,precision,relation,followed,description,notes\n" +
                                   "res_treated_n,\"[x](javascript:alert(3))\",all56,count,,56,patients,0,=,yes,<script>alert(2)</script>,\n");
        // (A targets file with no Table 3 row used to fail with "There is no row to draw. (Parameter 'univariate')".)
        using var report = NewFolder();
        var d = report.Path;
        var (code, _, stderr) = CliRunner.Run("reproduce", "--cohort", Example, "--targets", targets, "--out", d);
        code.Should().Be(0, stderr);
        var md = File.ReadAllText(Path.Combine(d, "report.md"));
        md.Should().Contain("\\<script\\>alert(2)\\</script\\>").And.Contain("\\[x\\](javascript:alert(3))");
        System.Text.RegularExpressions.Regex.IsMatch(md, @"(?<!\\)<script").Should().BeFalse();
        File.ReadAllText(Path.Combine(d, "index.html")).Should().NotContain("<script>alert");
    }
}
