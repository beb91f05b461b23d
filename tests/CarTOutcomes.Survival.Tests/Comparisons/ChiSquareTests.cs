using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Tests.Support;
using static CarTOutcomes.Survival.Tests.Comparisons.ReferenceParsing;

namespace CarTOutcomes.Survival.Tests.Comparisons;

public class ChiSquareTests
{
    [Fact]
    public void Hand_computed_two_by_two()
    {
        // [[10, 20], [30, 40]]: E = [[12, 18], [28, 42]]; |O − E| = 2 everywhere.
        // Pearson X² = 4(1/12 + 1/18 + 1/28 + 1/42); Yates X² = 1.5²(1/12 + 1/18 + 1/28 + 1/42).
        double s = 1.0 / 12 + 1.0 / 18 + 1.0 / 28 + 1.0 / 42;
        var t = new[,] { { 10, 20 }, { 30, 40 } };
        Approx.Equal(4 * s, ChiSquare.Test(t, yates: false).Statistic, 1e-14, "Pearson");
        var y = ChiSquare.Test(t);
        Approx.Equal(2.25 * s, y.Statistic, 1e-14, "Yates");
        y.YatesApplied.Should().BeTrue();
        y.DegreesOfFreedom.Should().Be(1);
        y.Expected(1, 1).Should().Be(42);
    }

    [Fact]
    public void Agrees_with_R()
    {
        var t = ReferenceTable.Load("Comparisons/chisq.csv");
        foreach (var row in t.Rows)
        {
            var r = ChiSquare.Test(Table(t.Text(row, "cells"), (int)t.Number(row, "nrow")), t.Text(row, "correct") == "TRUE");
            string at = Where(t, row);
            Approx.Equal(t.Number(row, "statistic"), r.Statistic, 1e-9, $"X² {at}");
            r.DegreesOfFreedom.Should().Be((int)t.Number(row, "df"), at);
            Approx.Equal(t.Number(row, "p_value"), r.PValue, 1e-7, $"p {at}");
        }
        t.Rows.Should().HaveCountGreaterThan(30);
    }

    [Fact]
    public void Yates_is_not_applied_beyond_two_by_two_and_is_capped_at_the_deviation()
    {
        ChiSquare.Test(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }, yates: true).YatesApplied.Should().BeFalse();
        // O = E exactly: min(0.5, |O − E|) = 0, statistic 0, p 1.
        var r = ChiSquare.Test(new[,] { { 5, 5 }, { 5, 5 } });
        r.Statistic.Should().Be(0);
        r.PValue.Should().Be(1);
        r.YatesApplied.Should().BeFalse();
    }

    [Fact]
    public void Empty_row_is_an_error_not_NaN()
    {
        FluentActions.Invoking(() => ChiSquare.Test(new[,] { { 0, 0 }, { 3, 4 } })).Should().Throw<ArgumentException>().WithMessage("*Row 0*empty*");
    }
}
