using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Tests.Support;
using static CarTOutcomes.Survival.Tests.Comparisons.ReferenceParsing;

namespace CarTOutcomes.Survival.Tests.Comparisons;

public class FisherExactTests
{
    [Fact]
    public void Two_by_two_hand_computed()
    {
        // Margins 4/4/4/4: P(x) = C(4,x)C(4,4−x)/70 = 1,16,36,16,1 /70; x = 3 has 16/70; as or less probable: 34/70.
        var r = FisherExact.Test(new[,] { { 3, 1 }, { 1, 3 } });
        Approx.Equal(34.0 / 70, r.PValue, 1e-12, "two-sided p");
        Approx.Equal(17.0 / 70, FisherExact.Test(new[,] { { 3, 1 }, { 1, 3 } }, Alternative.Greater).PValue, 1e-12, "P(X ≥ 3)");
        Approx.Equal(69.0 / 70, FisherExact.Test(new[,] { { 3, 1 }, { 1, 3 } }, Alternative.Less).PValue, 1e-12, "P(X ≤ 3)");
    }

    [Fact]
    public void Two_by_two_agrees_with_R()
    {
        var t = ReferenceTable.Load("Comparisons/fisher_2x2.csv");
        int checkedRows = 0;
        foreach (var row in t.Rows)
        {
            var table = new[,] { { (int)t.Number(row, "x11"), (int)t.Number(row, "x12") }, { (int)t.Number(row, "x21"), (int)t.Number(row, "x22") } };
            var r = FisherExact.Test(table, ParseAlternative(t.Text(row, "alternative")), t.Number(row, "conf_level"));
            string at = Where(t, row);
            Approx.Equal(t.Number(row, "p_value"), r.PValue, 1e-9, $"p {at}");
            // Estimate and limits are uniroot roots (tol ≈ 1.2e-4); following uniroot's steps reproduces them closely.
            Approx.Equal(t.Number(row, "estimate"), r.OddsRatio!.Value, 1e-7, $"odds ratio {at}");
            Approx.Equal(t.Number(row, "conf_low"), r.OddsRatioInterval!.Lower, 1e-7, $"lower {at}");
            Approx.Equal(t.Number(row, "conf_high"), r.OddsRatioInterval!.Upper, 1e-7, $"upper {at}");
            checkedRows++;
        }
        checkedRows.Should().Be(102);
    }

    [Fact]
    public void R_by_c_agrees_with_R()
    {
        var t = ReferenceTable.Load("Comparisons/fisher_rxc.csv");
        foreach (var row in t.Rows)
        {
            var r = FisherExact.Test(Table(t.Text(row, "cells"), (int)t.Number(row, "nrow")));
            Approx.Equal(t.Number(row, "p_value"), r.PValue, 1e-9, $"p {Where(t, row)}");
            r.OddsRatio.Should().BeNull();
        }
        t.Rows.Should().HaveCount(12);
    }

    [Fact]
    public void Relative_tolerance_keeps_tables_equally_probable_in_exact_arithmetic()
    {
        // Symmetric margins: x = 1 and x = 3 have equal probability 16/70 in exact arithmetic; both are summed.
        var r = FisherExact.Test(new[,] { { 1, 3 }, { 3, 1 } });
        Approx.Equal(34.0 / 70, r.PValue, 1e-12, "p");
    }

    [Fact]
    public void Enumeration_guard_throws_instead_of_running_forever()
    {
        var big = new int[6, 6];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) big[i, j] = 5 + i + j;
        var act = () => FisherExact.Test(big, maxTables: 10_000);
        act.Should().Throw<NotSupportedException>().WithMessage("*10,000*FEXACT*");
    }

    [Fact]
    public void Bad_tables_are_rejected_with_the_cell()
    {
        FluentActions.Invoking(() => FisherExact.Test(new[,] { { 1, -2 }, { 3, 4 } })).Should().Throw<ArgumentException>().WithMessage("*[0, 1]*-2*");
        FluentActions.Invoking(() => FisherExact.Test(new[,] { { 1, 2, 3 } })).Should().Throw<ArgumentException>().WithMessage("*1×3*");
    }
}
