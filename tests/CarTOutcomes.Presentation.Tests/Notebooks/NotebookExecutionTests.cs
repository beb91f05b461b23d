using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CarTOutcomes.Presentation.Tests.Notebooks;

/// <summary>
/// docs/notebooks/walkthrough.ipynb runs in a real .NET Interactive kernel (issue #14): the library is packed into a
/// folder feed as the README says, the notebook's package cell is pointed at it, and
/// <c>jupyter nbconvert --to html --execute</c> runs every cell. Any error output fails the run; the page must show
/// the figures (SVG) and tables (HTML). The kernel comes from <c>dotnet tool install Microsoft.dotnet-interactive</c>
/// and Debian's <c>jupyter-nbconvert python3-nbclient jupyter-client</c> (<c>.ci/run</c> installs them); the test is
/// skipped, saying why, only where they are not installed. Everything is made in one scratch folder, deleted at the
/// end; the child processes use a temporary folder inside it (the SDK leaves two empty folders in the temporary
/// folder per <c>dotnet</c> command, dotnet/sdk#35353) and <c>dotnet pack</c> no build servers.
/// </summary>
public class NotebookExecutionTests
{
    private static readonly string[] Packages = ["CarTOutcomes.Survival", "CarTOutcomes.Clinical", "CarTOutcomes.IO", "CarTOutcomes.Presentation", "CarTOutcomes.DataFrames"];

    private static string ToolsPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");

    private static string SearchPath => Environment.GetEnvironmentVariable("PATH") + Path.PathSeparator + ToolsPath;

    private static string? Which(string name) => SearchPath.Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [SkippableFact]
    [Trait("Category", "Notebook")]
    public void The_walkthrough_notebook_runs_in_a_real_kernel_without_errors_and_shows_figures_and_tables()
    {
        var jupyter = Which("jupyter");
        Skip.If(jupyter is null, "jupyter is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client; .ci/run does).");
        Skip.If(Which("dotnet-interactive") is null, "dotnet-interactive is not installed (dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001; .ci/run does).");
        var kernels = Run(RepositoryPaths.Root, jupyter!, ["kernelspec", "list"]);
        Skip.If(!kernels.Output.Contains(".net-csharp"), "the .NET (C#) Jupyter kernel is not registered (dotnet interactive jupyter install; .ci/run does).");

        using var scratch = new TempDir("cartoutcomes-notebook-");
        var work = scratch.Path;
        var temp = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        var feed = Path.Combine(work, "feed");
        var version = $"0.1.0-notebook.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        foreach (var p in Packages)
        {
            var pack = Run(RepositoryPaths.Root, "dotnet", ["pack", Path.Combine("src", p), "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}", "--nologo",
                "--disable-build-servers"], temp);
            pack.Code.Should().Be(0, pack.Output);
        }

        // A copy of the notebook beside the original (so that it finds the repository's data/ as a user's would),
        // its package cell pointed at the fresh feed and version.
        var notebookDir = RepositoryPaths.Under("docs", "notebooks");
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(notebookDir, "walkthrough.ipynb")))!;
        var packageCell = nb["cells"]!.AsArray().Single(c => string.Concat(c!["source"]!.AsArray().Select(s => (string?)s)).Contains("#r \"nuget: CarTOutcomes\""))!;
        packageCell["source"] = new JsonArray($"#i \"nuget: {feed}\"\n", $"#r \"nuget: CarTOutcomes, {version}\"\n",
            $"#r \"nuget: CarTOutcomes.DataFrames, {version}\"");
        var copy = Path.Combine(notebookDir, $".walkthrough-test-{Guid.NewGuid():N}.ipynb");
        try
        {
            File.WriteAllText(copy, nb.ToJsonString());
            var run = Run(notebookDir, jupyter!, ["nbconvert", "--to", "html", "--execute", "--ExecutePreprocessor.timeout=900",
                "--output-dir", work, "--output", "walkthrough", copy], temp);
            run.Code.Should().Be(0, "nbconvert stops at the first cell with an error: " + Tail(run.Output));
            var html = File.ReadAllText(Path.Combine(work, "walkthrough.html"));
            html.Should().NotContain("data-mime-type=\"application/vnd.jupyter.stderr\"", "no cell writes to standard error").And.NotContain("Error: compilation error");
            Regex.Matches(html, "<svg xmlns=\"http://www.w3.org/2000/svg\"").Count.Should().BeGreaterThanOrEqualTo(3, "the KM figure (twice) and the incidence figure");
            html.Should().Contain("class=\"publication-table\"").And.Contain("class=\"baseline-table\"").And.Contain("class=\"km-summary\"")
                .And.Contain("cartoutcomes-result coefficient").And.Contain("cartoutcomes-result SurvivalEstimate");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static string Tail(string s) => s.Length > 3000 ? s[^3000..] : s;

    private static (int Code, string Output) Run(string workingDirectory, string file, string[] args, string? temp = null)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (temp is not null) psi.Environment["TMPDIR"] = temp;
        psi.Environment["PATH"] = SearchPath;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(15))) { p.Kill(entireProcessTree: true); throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 15 minutes."); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
