namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary><c>cartoutcomes report</c>: options, usage errors, nothing written on failure (the report itself is tested in CarTOutcomes.Presentation.Tests).</summary>
public class ReportCommandTests
{
    [Fact]
    public void Grouping_and_style_are_options_and_bad_values_are_usage_errors()
    {
        using var scratch = new TempDir("cartoutcomes-cohort-report-");
        var dir = scratch.File("report");
        var (ok, stdout, err) = CliRunner.Run("report", "--cohort", RepositoryPaths.Under("data", "example"), "--out", dir, "--group-by", "sex", "--style", "nejm");
        ok.Should().Be(0, err);
        stdout.Should().Contain("report written to");
        File.ReadAllText(Path.Combine(dir, "table-1.csv")).Split('\n')[0].Should().Contain("Female").And.Contain("Male");
        var (code, _, stderr) = CliRunner.Run("report", "--cohort", RepositoryPaths.Under("data", "example"), "--out", dir, "--group-by", "colour");
        code.Should().Be(2);
        stderr.Should().Contain("--group-by").And.Contain("colour");
        var (code2, _, stderr2) = CliRunner.Run("report", "--cohort", RepositoryPaths.Under("data", "nowhere"), "--out", dir + "-x");
        code2.Should().Be(2, stderr2);
        Directory.Exists(dir + "-x").Should().BeFalse("a failed run writes nothing");
    }

    [Fact]
    public void The_month_is_an_option_that_moves_every_time_and_other_values_are_usage_errors()
    {
        using var scratch = new TempDir("cartoutcomes-cohort-report-");
        string Run(string? month)
        {
            var dir = scratch.File(Guid.NewGuid().ToString("N"));
            string[] args = ["report", "--cohort", RepositoryPaths.Under("data", "example"), "--out", dir];
            var (ok, _, err) = CliRunner.Run(month is null ? args : [.. args, "--month", month]);
            ok.Should().Be(0, err);
            return File.ReadAllText(Path.Combine(dir, "figure-1.svg"));
        }
        var julian = Run(null);
        Run("365.25/12").Should().Be(julian, "365.25/12 is the default");
        Run("365/12").Should().NotBe(julian, "the same days are other months, so the steps of the curve move");
        var (code, _, stderr) = CliRunner.Run("report", "--cohort", RepositoryPaths.Under("data", "example"), "--out", scratch.File("x"), "--month", "30");
        code.Should().Be(2);
        stderr.Should().Contain("--month").And.Contain("30");
    }

}
