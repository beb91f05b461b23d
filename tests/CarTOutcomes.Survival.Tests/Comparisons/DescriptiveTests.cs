using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Tests.Support;
using static CarTOutcomes.Survival.Tests.Comparisons.ReferenceParsing;

namespace CarTOutcomes.Survival.Tests.Comparisons;

public class DescriptiveTests
{
    [Fact]
    public void Hand_computed_with_a_missing_value()
    {
        // Unsorted with one missing: sorted {1, 2, 4, 7}; type 7 Q1 at h = 0.75: 1 + 0.75·1 = 1.75; Q3 at h = 2.25: 4 + 0.25·3 = 4.75.
        var s = Descriptive.Summarize(new double?[] { 7, null, 2, 1, 4 });
        s.N.Should().Be(4);
        s.Missing.Should().Be(1);
        s.Median.Should().Be(3);
        s.FirstQuartile.Should().Be(1.75);
        s.ThirdQuartile.Should().Be(4.75);
        s.Min.Should().Be(1);
        s.Max.Should().Be(7);
        s.Mean.Should().Be(3.5);
        Approx.Equal(Math.Sqrt(21.0 / 3), s.StandardDeviation, 1e-14, "sd: Σ(x − 3.5)² = 21");
    }

    [Fact]
    public void Agrees_with_R_quantile_mean_sd()
    {
        var t = ReferenceTable.Load("Comparisons/describe.csv");
        foreach (var row in t.Rows)
        {
            var x = t.Text(row, "x").Split(' ').Select(v => v == "NA" ? (double?)null : double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
            var s = Descriptive.Summarize(x);
            string at = $"describe.csv id {row[0]}";
            s.N.Should().Be((int)t.Number(row, "n"), at);
            s.Missing.Should().Be((int)t.Number(row, "missing"), at);
            Approx.Equal(t.Number(row, "mean"), s.Mean, 1e-12, $"mean {at}");
            Approx.Equal(t.Number(row, "sd"), s.StandardDeviation, 1e-12, $"sd {at}");
            foreach (var (col, p) in new[] { ("min", 0.0), ("q1", 0.25), ("median", 0.5), ("q3", 0.75), ("max", 1.0), ("p10", 0.1), ("p90", 0.9) })
                Approx.Equal(t.Number(row, col), s.Quantile(p), 1e-14, $"{col} {at}");
        }
    }

    [Fact]
    public void Rounding_agrees_with_R_round()
    {
        var t = ReferenceTable.Load("Comparisons/round.csv");
        foreach (var row in t.Rows)
        {
            double x = t.Number(row, "x");
            int d = (int)t.Number(row, "digits");
            Rounding.Round(x, d).Should().Be(t.Number(row, "rounded"), $"round({x:R}, {d})");
        }
        t.Rows.Should().HaveCount(23);
    }

    [Fact]
    public void Categorical_counts_keep_empty_levels_and_count_missing()
    {
        var c = Descriptive.Count(new[] { "b", null, "a", "b", null }, ["a", "b", "c"]);
        c.N.Should().Be(3);
        c.Missing.Should().Be(2);
        c.Count("c").Should().Be(0);
        c.Count("b").Should().Be(2);
        Approx.Equal(200.0 / 3, c.Percent(1), 1e-14, "percent of non-missing");
        FluentActions.Invoking(() => Descriptive.Count(new[] { "z" }, ["a"])).Should().Throw<ArgumentException>().WithMessage("*'z'*");
    }
}
