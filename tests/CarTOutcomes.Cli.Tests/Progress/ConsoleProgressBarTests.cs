using System.Text.Json;
using CarTOutcomes.Cli.Progress;
using CarTOutcomes.Cli.Tests.Commands;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.Cli.Tests.Progress;

public class ConsoleProgressBarTests() : ScratchTests("cartoutcomes-consoleprogressbar-")
{
    [Theory]
    [InlineData(0.0, "load [----------]   0%")]
    [InlineData(0.05, "load [----------]   5%")]
    [InlineData(0.5, "load [#####-----]  50%")]
    [InlineData(0.999, "load [#########-]  99%")]
    [InlineData(1.0, "load [##########] 100%")]
    public void Renders_stage_bar_and_whole_percent(double fraction, string expected) =>
        ConsoleProgressBar.Render(new ProgressReport(fraction, "load"), 10).Should().Be(expected);

    [Fact]
    public void Redraws_in_place_only_when_the_percentage_changes_and_erases_itself()
    {
        var fake = new StringWriter();
        using (var bar = new ConsoleProgressBar(fake, 4))
        {
            bar.Report(new ProgressReport(0.25, "reading x.csv"));
            bar.Report(new ProgressReport(0.251, "reading x.csv")); // same whole percent: nothing drawn
            bar.Report(new ProgressReport(1, "done"));               // shorter line: padded over the old one
        }
        const string first = "reading x.csv [#---]  25%";
        const string second = "done [####] 100%";
        fake.ToString().Should().Be("\r" + first + "\r" + second + new string(' ', first.Length - second.Length)
                                    + "\r" + new string(' ', second.Length) + "\r");
    }

    [Fact]
    public void A_bar_that_never_drew_writes_nothing()
    {
        var fake = new StringWriter();
        new ConsoleProgressBar(fake).Dispose();
        fake.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Loading_draws_on_the_terminal_only_and_never_into_json_stdout()
    {
        var rows = string.Concat(Enumerable.Range(0, 20000).Select(i => $"{i % 97 + 1},{i % 3 % 2}\n"));
        var path = CliRunner.TempCsv(Scratch, "time,status\n" + rows);
        var (stdout, stderr, terminal) = (new StringWriter(), new StringWriter(), new StringWriter());
        int code = CommandLineApp.Run(["km", "--input", path, "--time", "time", "--event", "status", "--json"],
            stdout, stderr, terminal, progressThresholdBytes: 0);
        code.Should().Be(0, stderr.ToString());
        terminal.ToString().Should().Contain("reading ").And.Contain("100%");
        stdout.ToString().Should().NotContain("\r").And.NotContain("[#");
        using var doc = JsonDocument.Parse(stdout.ToString());
        doc.RootElement.GetProperty("groups")[0].GetProperty("n").GetInt32().Should().Be(20000);
        stderr.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Small_files_and_redirected_stderr_get_no_bar()
    {
        var path = CliRunner.TempCsv(Scratch, "time,status\n1,1\n2,0\n");
        var terminal = new StringWriter();
        CommandLineApp.Run(["km", "--input", path, "--time", "time", "--event", "status"], new StringWriter(), new StringWriter(), terminal)
            .Should().Be(0);
        terminal.ToString().Should().BeEmpty("a 20-byte file is read at once");
    }
}
