using CarTOutcomes.Cli.Tests.Commands;
using CarTOutcomes.IO.Tests.Fuzzing;

namespace CarTOutcomes.Cli.Tests.Fuzzing;

/// <summary>
/// Issue 15, fuzzing: seeded mutations of valid files fed in-process to every command. Every outcome is a result
/// (exit 0) or a clean error (exit 2, nothing on standard output, no "internal error"), and a command that fails
/// leaves no partial output. About 1 000 command runs.
/// </summary>
public class CommandFuzzTests
{
    private const int Seed = 15_2026;

    private static string Survival => Path.Combine(AppContext.BaseDirectory, "survival", "example.csv");

    private static string Example => Path.Combine(AppContext.BaseDirectory, "example");

    private static string Targets => Path.Combine(AppContext.BaseDirectory, "published", "targets.csv");

    public static TheoryData<string, string[]> Commands() => new()
    {
        { "km", ["km", "--input", "{csv}", "--time", "months", "--event", "died", "--group", "arm", "--json"] },
        { "logrank", ["logrank", "--input", "{csv}", "--time", "months", "--event", "died", "--group", "arm", "--json"] },
        { "cox", ["cox", "--input", "{csv}", "--start", "entry_months", "--time", "months", "--event", "died", "--covariates", "entry_months", "--strata", "arm", "--id", "id", "--json"] },
        { "cuminc", ["cuminc", "--input", "{csv}", "--time", "months", "--status", "died", "--group", "arm", "--json"] },
        { "finegray", ["finegray", "--input", "{csv}", "--time", "months", "--status", "died", "--cause", "1", "--covariates", "entry_months", "--json"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_mutated_input_gives_a_result_or_a_clean_error(string name, string[] args)
    {
        var rng = new Random(Seed + name.Sum(ch => ch)); // string.GetHashCode is randomised per process: not a seed
        var original = File.ReadAllBytes(Survival);
        using var scratch = new TempDir("cartoutcomes-cmdfuzz-");
        var dir = scratch.Path;
        int ok = 0;
        for (int c = 0; c < 200; c++)
        {
            var bytes = CsvMutator.Mutate(original, rng, out var what);
            var csv = Path.Combine(dir, $"{name}-{c}.csv");
            File.WriteAllBytes(csv, bytes);
            var (code, stdout, stderr) = CliRunner.Run(args.Select(a => a == "{csv}" ? csv : a).ToArray());
            string because = $"{name}, case {c} ({what}): exit {code}\n{stderr}\ninput (base64): {Convert.ToBase64String(bytes)}";
            code.Should().BeOneOf([0, 2], because);
            stderr.Should().NotContain("internal error", because).And.NotContain("\0", because);
            if (code == 2) stdout.Should().BeEmpty(because);
            else ok++;
        }
        ok.Should().BeGreaterThan(0, "some mutations leave a file that can be analysed");
    }

    [Fact]
    public void A_mutated_cohort_gives_a_report_or_a_clean_error_and_never_a_partial_report()
    {
        var rng = new Random(Seed);
        var files = Directory.GetFiles(Example, "*.csv").Select(Path.GetFileName).ToArray();
        using var cohortDir = new TempDir("cartoutcomes-cohortfuzz-");
        var cohort = cohortDir.Path;
        foreach (var f in files) File.Copy(Path.Combine(Example, f!), Path.Combine(cohort, f!));
        using var reportDir = new TempDir("cartoutcomes-reportfuzz-");
        var report = reportDir.Path;
        var (first, _, err) = CliRunner.Run("reproduce", "--cohort", cohort, "--targets", Targets, "--out", report);
        first.Should().Be(0, err);
        for (int c = 0; c < 8; c++)
        {
            var file = files[rng.Next(files.Length)]!;
            var original = File.ReadAllBytes(Path.Combine(cohort, file));
            var bytes = CsvMutator.Mutate(original, rng, out var what);
            File.WriteAllBytes(Path.Combine(cohort, file), bytes);
            var before = Directory.GetFiles(report).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
            var (code, stdout, stderr) = CliRunner.Run("reproduce", "--cohort", cohort, "--targets", Targets, "--out", report, "--json");
            string because = $"case {c} ({what} in {file}): exit {code}\n{stderr}";
            code.Should().BeOneOf([0, 2], because);
            stderr.Should().NotContain("internal error", because);
            var after = Directory.GetFiles(report).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
            if (code == 2)
            {
                stdout.Should().BeEmpty(because);
                after.Should().BeEquivalentTo(before, because + ": the previous report stays whole");
            }
            else after.Keys.Should().Contain(["index.html", "report.md"], because);
            File.WriteAllBytes(Path.Combine(cohort, file), original);
        }
    }
}
