namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary><c>cartoutcomes report</c>: options, usage errors, nothing written on failure (the report itself is tested in CarTOutcomes.Presentation.Tests).</summary>
public class ReportCommandTests
{
    [Fact]
    public void Grouping_and_style_are_options_and_bad_values_are_usage_errors()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cartoutcomes-cohort-report-" + Guid.NewGuid().ToString("N"));
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

}
