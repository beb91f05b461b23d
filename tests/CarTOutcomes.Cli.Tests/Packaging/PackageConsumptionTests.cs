using System.Diagnostics;
using System.Globalization;

namespace CarTOutcomes.Cli.Tests.Packaging;

/// <summary>
/// Packs the library into a local folder feed, creates a fresh console project that references the package
/// <c>CarTOutcomes</c> by version, runs a Kaplan–Meier fit through it and checks the answer: the package works as
/// users consume it. Packing uses the already-built Debug outputs (<c>--no-build</c>) and a unique prerelease version,
/// so a package cached by an earlier run is never picked up. Everything is made in one scratch folder, deleted at the
/// end, and the child <c>dotnet</c> processes use a temporary folder inside it (the SDK leaves two empty folders in the
/// temporary folder per command, dotnet/sdk#35353) with no build servers (none outlives the test holding that folder).
/// </summary>
public class PackageConsumptionTests
{
    private static readonly string[] Packages = ["CarTOutcomes.Survival", "CarTOutcomes.Clinical", "CarTOutcomes.IO", "CarTOutcomes.Presentation"];

    [Fact]
    [Trait("Category", "Packaging")]
    public void A_fresh_project_can_reference_the_package_and_fit_a_curve()
    {
        var root = RepositoryPaths.Root;
        using var scratch = new TempDir("cartoutcomes-pkg-");
        var work = scratch.Path;
        var temp = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        var feed = Path.Combine(work, "feed");
        var version = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        // The configuration this test was built in (bin/<Configuration>/net10.0/): pack those outputs without rebuilding.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        foreach (var p in Packages)
        {
            Run(root, temp, "dotnet", "pack", Path.Combine("src", p), "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}", "--nologo",
                "--disable-build-servers");
        }
        File.Exists(Path.Combine(feed, $"CarTOutcomes.{version}.nupkg")).Should().BeTrue();
        File.Exists(Path.Combine(feed, $"CarTOutcomes.{version}.snupkg")).Should().BeTrue("symbols are packed");

        var app = Path.Combine(work, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CarTOutcomes" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="cartoutcomes-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using CarTOutcomes.Survival.Data;
            using CarTOutcomes.Survival.Estimators;
            var fit = KaplanMeier.Fit(SurvivalData.RightCensored(
                new double[] { 6, 1, 9, 3, 1, 8, 6 }, new[] { true, false, true, false, true, false, true }));
            Console.WriteLine(fit.Survival[2].ToString("R", CultureInfo.InvariantCulture));
            Console.WriteLine(fit.Median.Estimate.ToString("R", CultureInfo.InvariantCulture));
            """);
        var output = Run(app, temp, "dotnet", "run", "--nologo", "--disable-build-servers");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        double.Parse(lines[^2], CultureInfo.InvariantCulture).Should().BeApproximately(3.0 / 7, 1e-15);
        lines[^1].Should().Be("6");
    }


    private static string Run(string workingDirectory, string temp, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["TMPDIR"] = temp;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 5 minutes");
        }
        p.ExitCode.Should().Be(0, $"{file} {string.Join(' ', args)} failed:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
