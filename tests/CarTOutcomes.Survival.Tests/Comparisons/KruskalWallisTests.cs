using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Tests.Support;
using static CarTOutcomes.Survival.Tests.Comparisons.ReferenceParsing;

namespace CarTOutcomes.Survival.Tests.Comparisons;

public class KruskalWallisTests
{
    [Fact]
    public void Hand_computed_without_ties()
    {
        // Ranks {1,2} {3,4} {5,6}: Σ R²/n = (9 + 49 + 121)/2 = 89.5; H = 12·89.5/42 − 21 = 4.5714…
        var r = KruskalWallis.Test([1, 2, 3, 4, 5, 6], ["a", "a", "b", "b", "c", "c"]);
        Approx.Equal(12 * 89.5 / 42 - 21, r.Statistic, 1e-14, "H");
        r.DegreesOfFreedom.Should().Be(2);
        Approx.Equal(Math.Exp(-r.Statistic / 2), r.PValue, 1e-12, "p (chi-square 2 df: exp(−H/2))");
    }

    [Fact]
    public void Agrees_with_R()
    {
        var t = ReferenceTable.Load("Comparisons/kruskal.csv");
        foreach (var row in t.Rows)
        {
            var g = Values(t.Text(row, "g")).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var r = KruskalWallis.Test(Values(t.Text(row, "x")), g);
            Approx.Equal(t.Number(row, "statistic"), r.Statistic, 1e-9, $"H {Where(t, row)}");
            Approx.Equal(t.Number(row, "p_value"), r.PValue, 1e-7, $"p {Where(t, row)}");
            r.DegreesOfFreedom.Should().Be((int)t.Number(row, "df"));
        }
        t.Rows.Should().HaveCount(4);
    }
}
