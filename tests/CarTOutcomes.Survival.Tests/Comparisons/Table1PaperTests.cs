using System.Globalization;
using CarTOutcomes.Survival.Comparisons;

namespace CarTOutcomes.Survival.Tests.Comparisons;

/// <summary>
/// Table 1 of the study paper (38 patients who progressed vs 18 who did not): the P values that follow from the printed
/// counts by Fisher's exact test, and the documented list (docs/table1-discrepancies.md) of those that do not.
/// </summary>
public class Table1PaperTests
{
    private static int[,] TwoByTwo(int a, int b) => new[,] { { a, 38 - a }, { b, 18 - b } };

    private static int[,] Columns(int[] relapse, int[] noRelapse)
    {
        var t = new int[relapse.Length, 2];
        for (int i = 0; i < relapse.Length; i++) (t[i, 0], t[i, 1]) = (relapse[i], noRelapse[i]);
        return t;
    }

    public static TheoryData<string, int[,], double> Reproduced => new()
    {
        { "Male sex 28/38 vs 14/18", TwoByTwo(28, 14), 1.00 },
        { "Ph+ ALL subtype p190/p210/negative 8/5/25 vs 3/1/14", Columns([8, 5, 25], [3, 1, 14]), 0.74 },
        { "Bridging intensive/nonintensive/none 10/21/7 vs 10/7/1", Columns([10, 21, 7], [10, 7, 1]), 0.12 },
        { "Grade ≥3 CRS 9/38 vs 6/18", TwoByTwo(9, 6), 0.52 },
    };

    [Theory]
    [MemberData(nameof(Reproduced))]
    public void Printed_P_follows_from_the_counts(string what, int[,] table, double printed)
    {
        double p = FisherExact.Test(table).PValue;
        Rounding.Round(p, 2).Should().Be(printed, $"{what}: Fisher p = {p:R}");
    }

    /// <summary>One published P value that Fisher's exact test on the printed counts does not give.</summary>
    public sealed record Discrepancy(string Variable, string Counts, int[,] Table, string Printed, string Fisher, string Difference);

    /// <summary>The list in docs/table1-discrepancies.md: printed P, Fisher p to 4 decimals, Fisher − printed.</summary>
    public static readonly Discrepancy[] Discrepancies =
    [
        new("Prior blinatumomab", "10/38 vs 3/18", TwoByTwo(10, 3), "1.00", "0.5144", "-0.4856"),
        new("Prior HSCT before CAR T-cell therapy", "17/38 vs 3/18", TwoByTwo(17, 3), "0.11", "0.0715", "-0.0385"),
        new("Disease burden (morphologic/MRD/none)", "26/11/1 vs 5/6/6", Columns([26, 11, 1], [5, 6, 6]), "0.01", "0.0016", "-0.0084"),
        new("Grade ≥3 ICANS", "14/38 vs 10/18", TwoByTwo(14, 10), "0.19", "0.2504", "0.0604"),
        new("Tocilizumab for CRS/ICANS", "15/38 vs 5/18", TwoByTwo(15, 5), "0.39", "0.5522", "0.1622"),
        new("Systemic corticosteroid for CRS/ICANS", "12/38 vs 7/18", TwoByTwo(12, 7), "0.59", "0.7633", "0.1733"),
        new("HSCT consolidation after CAR T-cell therapy", "6/38 vs 9/18", TwoByTwo(6, 9), "0.10", "0.0107", "-0.0893"),
    ];

    public static TheoryData<int> DiscrepancyIndices => new(Enumerable.Range(0, Discrepancies.Length));

    [Theory]
    [MemberData(nameof(DiscrepancyIndices))]
    public void Discrepancy_is_computed_and_recorded(int index)
    {
        var d = Discrepancies[index];
        double p = FisherExact.Test(d.Table).PValue;
        double printed = double.Parse(d.Printed, CultureInfo.InvariantCulture);
        Rounding.Round(p, 4).ToString("0.0000", CultureInfo.InvariantCulture).Should().Be(d.Fisher, d.Variable);
        Rounding.Round(p, 2).Should().NotBe(printed, $"{d.Variable} would not be a discrepancy");
        Rounding.Round(double.Parse(d.Fisher, CultureInfo.InvariantCulture) - printed, 4)
            .ToString("0.0000", CultureInfo.InvariantCulture).Should().Be(d.Difference, d.Variable);
    }

    [Fact]
    public void Documented_list_matches_the_tests()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "table1-discrepancies.md"));
        var rows = doc.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        foreach (var d in Discrepancies)
            rows.Should().Contain(r => r.Contains($"| {d.Variable} | {d.Counts} |") && r.Contains($"| {d.Printed} | {d.Fisher} | {d.Difference} |"),
                $"docs/table1-discrepancies.md must list {d.Variable}");
        rows.Count(r => r.Contains("/38 vs", StringComparison.Ordinal) || r.Contains(" vs ", StringComparison.Ordinal) && r.Contains('/'))
            .Should().Be(Discrepancies.Length, "every documented row is tested");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CarTOutcomes.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CarTOutcomes.sln not found above " + AppContext.BaseDirectory);
    }
}
