using System.Diagnostics;
using System.Text.Json;

namespace CarTOutcomes.Cli.Tests.Docs;

/// <summary>The documented walk-through runs as a C# file-based app and prints what it says it does.</summary>
public class WalkthroughTests
{
    [Fact]
    [Trait("Category", "Docs")]
    public async Task File_based_app_runs_on_the_example_cohort()
    {
        var root = RepositoryPaths.Root;
        // The SDK's temporary files go to a scratch folder deleted at the end (dotnet/sdk#35353), with no build
        // server to outlive the test holding it.
        using var temp = new TempDir("cartoutcomes-walkthrough-");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "run", Path.Combine("docs", "notebooks", "walkthrough.cs"), "--disable-build-servers", "--", Path.Combine(root, "data", "example") })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["TMPDIR"] = temp.Path;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        p.ExitCode.Should().Be(0, await stderr + text);
        text.Should().Contain("cohort: 8 patients");
        text.Should().MatchRegex(@"OS: median [0-9.]+ months; at 12 months [0-9.]+ \[[0-9.]+, [0-9.]+\]");
        text.Should().Contain("R/R incidence at 12 months:");
        text.Should().Contain("Cox, salvage (time-dependent): rows");
        text.Should().Contain("| Characteristic |").And.Contain("Prior HSCT");
        text.Should().MatchRegex("OS figure: [0-9]+ characters of SVG");
    }

    [Fact]
    public void Notebook_is_valid_json_with_the_same_steps()
    {
        var nb = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "notebooks", "walkthrough.ipynb")));
        var sources = nb.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(s => s.GetString()))).ToList();
        sources.Should().Contain(s => s.Contains("#r \"nuget: CarTOutcomes\""));
        foreach (var step in new[] { "KaplanMeier.Fit", "CumulativeIncidence.Fit", "SalvageTimeDependent", "CohortReport.Table1", "Cox.Fit(\"Surv(" })
            sources.Should().Contain(s => s.Contains(step), step);
    }

}
