using System.Diagnostics;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Study;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Fuzzing;

/// <summary>
/// Issue 15, fuzzing: seeded mutations of valid files fed to every reader. Every outcome is a result or a
/// <see cref="DataValidationException"/>, never another exception: 2 200 cases.
/// </summary>
public class ReaderFuzzTests
{
    private const int Seed = 20261129;

    private static string Survival => Path.Combine(AppContext.BaseDirectory, "survival", "example.csv");

    private static string Example => Path.Combine(AppContext.BaseDirectory, "example");

    private static string Targets => Path.Combine(AppContext.BaseDirectory, "published", "targets.csv");

    /// <summary>Runs <paramref name="read"/> on <paramref name="cases"/> mutations of <paramref name="original"/>; returns how many read cleanly.</summary>
    private static int Fuzz(byte[] original, int cases, int seed, string extension, Action<string> read)
    {
        var rng = new Random(seed);
        var dir = Directory.CreateTempSubdirectory("cartoutcomes-fuzz-").FullName;
        int ok = 0;
        try
        {
            for (int c = 0; c < cases; c++)
            {
                var bytes = CsvMutator.Mutate(original, rng, out var what);
                var path = Path.Combine(dir, $"case{c}{extension}");
                File.WriteAllBytes(path, bytes);
                try
                {
                    read(path);
                    ok++;
                }
                catch (DataValidationException e)
                {
                    e.Message.Should().NotContain("\0", $"case {c} ({what}): a control character is never echoed raw");
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}, case {c} ({what}): {e.GetType().Name}: {e.Message}\n" +
                                                       $"input (base64): {Convert.ToBase64String(bytes)}");
                }
                File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return ok;
    }

    [Fact]
    public void Survival_files_give_a_table_or_a_clean_error()
    {
        var sw = Stopwatch.StartNew();
        var original = File.ReadAllBytes(Survival);
        var columns = new SurvivalColumns("months", "died", Entry: null, Group: "arm", Covariates: ["entry_months"], Id: "id");
        int ok = Fuzz(original, 800, Seed, ".csv", p => SurvivalCsv.Load(p, columns));
        ok += Fuzz(original, 400, Seed + 1, ".csv", p => SurvivalCsv.Load(p, new SurvivalColumns("months", "died", Entry: "entry_months", Strata: "arm")));
        ok += Fuzz(original, 400, Seed + 2, ".csv", p => ColumnTable.ReadAll(p));
        ok.Should().BeGreaterThan(100, "many mutations (such as a swapped pair of equal cells) leave a readable file");
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the issue budgets the fuzzing at under a minute in CI (a guard, not a speed measurement)");
    }

    [Fact]
    public void Cohort_files_give_a_cohort_or_a_clean_error()
    {
        var rng = new Random(Seed + 3);
        var files = Directory.GetFiles(Example, "*.csv").Select(Path.GetFileName).ToArray();
        using var dir = new TempDir(withExample: true);
        for (int c = 0; c < 400; c++)
        {
            var file = files[rng.Next(files.Length)]!;
            var original = File.ReadAllBytes(dir.File(file));
            var bytes = CsvMutator.Mutate(original, rng, out var what);
            File.WriteAllBytes(dir.File(file), bytes);
            try
            {
                var r = CohortCsv.Read(dir.Path);
                (r.Cohort is null).Should().Be(r.Issues.Count > 0, $"case {c}: a cohort exactly when there is no problem");
                r.Issues.Should().NotContain(i => i.ToString().Contains('\0'), $"case {c} ({what} in {file})");
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {Seed + 3}, case {c} ({what} in {file}): {e.GetType().Name}: {e.Message}\n" +
                                                   $"input (base64): {Convert.ToBase64String(bytes)}");
            }
            File.WriteAllBytes(dir.File(file), original);
        }
    }

    [Fact]
    public void Targets_files_give_targets_or_a_clean_error()
    {
        Fuzz(File.ReadAllBytes(Targets), 200, Seed + 4, ".csv", p => PublishedTargetsCsv.Load(p));
    }
}
