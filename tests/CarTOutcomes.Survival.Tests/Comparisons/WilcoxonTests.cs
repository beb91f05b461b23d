using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Tests.Support;
using static CarTOutcomes.Survival.Tests.Comparisons.ReferenceParsing;

namespace CarTOutcomes.Survival.Tests.Comparisons;

public class WilcoxonTests
{
    [Fact]
    public void Exact_rank_sum_hand_computed()
    {
        // x = {1, 2, 3} below y = {4, 5, 6, 7}: W = 0, the smallest of C(7, 3) = 35 arrangements; two-sided p = 2/35.
        var r = Wilcoxon.RankSum([1, 2, 3], [4, 5, 6, 7]);
        r.Statistic.Should().Be(0);
        r.IsExact.Should().BeTrue();
        Approx.Equal(2.0 / 35, r.PValue, 1e-12, "p");
    }

    [Fact]
    public void Exact_signed_rank_hand_computed()
    {
        // All 5 differences positive: V = 15, P(V = 15) = 1/32, two-sided 2/32.
        var r = Wilcoxon.SignedRank([1.5, 2.5, 3.5, 4.5, 5.5]);
        r.Statistic.Should().Be(15);
        Approx.Equal(2.0 / 32, r.PValue, 1e-12, "p");
    }

    [Fact]
    public void Rank_sum_agrees_with_R()
    {
        var t = ReferenceTable.Load("Comparisons/wilcox_ranksum.csv");
        int exact = 0, approx = 0;
        foreach (var row in t.Rows)
        {
            var r = Wilcoxon.RankSum(Values(t.Text(row, "x")), Values(t.Text(row, "y")), ParseAlternative(t.Text(row, "alternative")),
                correct: t.Text(row, "correct") == "TRUE", method: Method(t.Text(row, "exact")), confidenceInterval: true);
            Check(t, row, r);
            if (r.IsExact) exact++; else approx++;
        }
        exact.Should().BeGreaterThan(10);
        approx.Should().BeGreaterThan(10);
    }

    [Fact]
    public void Signed_rank_agrees_with_R()
    {
        var t = ReferenceTable.Load("Comparisons/wilcox_signrank.csv");
        int exact = 0, approx = 0;
        foreach (var row in t.Rows)
        {
            var x = Values(t.Text(row, "x"));
            var y = Values(t.Text(row, "y"));
            var alt = ParseAlternative(t.Text(row, "alternative"));
            bool correct = t.Text(row, "correct") == "TRUE";
            var method = Method(t.Text(row, "exact"));
            double mu = t.Number(row, "mu");
            var r = y.Length == 0
                ? Wilcoxon.SignedRank(x, mu, alt, correct, method, confidenceInterval: true)
                : Wilcoxon.Paired(x, y, mu, alt, correct, method, confidenceInterval: true);
            Check(t, row, r);
            if (r.IsExact) exact++; else approx++;
        }
        exact.Should().BeGreaterThan(10);
        approx.Should().BeGreaterThan(10);
    }

    private static void Check(ReferenceTable t, string[] row, WilcoxonResult r)
    {
        string at = Where(t, row);
        Approx.Equal(t.Number(row, "statistic"), r.Statistic, 1e-12, $"statistic {at}");
        Approx.Equal(t.Number(row, "p_value"), r.PValue, r.IsExact ? 1e-9 : 1e-7, $"p {at}");
        Approx.Equal(t.Number(row, "estimate"), r.Estimate!.Value, 1e-7, $"estimate {at}");
        Approx.Equal(t.Number(row, "conf_low"), r.Interval!.Lower, 1e-7, $"lower {at}");
        Approx.Equal(t.Number(row, "conf_high"), r.Interval!.Upper, 1e-7, $"upper {at}");
        Approx.Equal(t.Number(row, "conf_level"), r.Interval!.Level, 1e-12, $"level {at}");
    }

    [Fact]
    public void Ties_force_the_normal_approximation_even_when_exact_is_requested()
    {
        var r = Wilcoxon.RankSum([1, 2, 2, 3], [2, 4, 5], method: WilcoxonMethod.Exact);
        r.IsExact.Should().BeFalse();
        r.Method.Should().Be("Wilcoxon rank sum test with continuity correction");
    }

    [Fact]
    public void Missing_values_are_rejected_not_dropped()
    {
        FluentActions.Invoking(() => Wilcoxon.RankSum([1, double.NaN], [2, 3])).Should().Throw<ArgumentException>().WithMessage("*Value 1 is NaN*");
        FluentActions.Invoking(() => Wilcoxon.Paired([1, 2], [2])).Should().Throw<ArgumentException>().WithMessage("*same length*");
    }
}
