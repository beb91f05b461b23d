using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.EdgeCases;

/// <summary>
/// Fine–Gray and cumulative incidence on degenerate data against cmprsk 2.2 <c>crr</c> and <c>cuminc</c>
/// (Reference/EdgeCases/cr_edge.csv, from cox_edge_cases.R): values to 1e-4 (crr, iterative) or 1e-6 (cuminc)
/// relative; where cmprsk stops with an internal error, the message this library gives instead. See
/// docs/edge-cases.md, "Competing risks".
/// </summary>
public class CompetingRisksEdgeCaseTests
{
    private static (CompetingRisksData Data, IReadOnlyList<double>[] X) Load(string id, IReadOnlyList<int>? causes = null)
    {
        var t = ReferenceTable.Load("EdgeCases/cox_edge_data.csv");
        var rows = t.Where("case", id).ToList();
        rows.Should().NotBeEmpty(id);
        var data = CompetingRisksData.Create(rows.Select(r => t.Number(r, "time")).ToArray(),
            rows.Select(r => (int)t.Number(r, "status")).ToArray(), causes: causes);
        return (data, [rows.Select(r => t.Number(r, "x1")).ToArray()]);
    }

    private static List<string[]> Reference(string id, string fn, out ReferenceTable t)
    {
        t = ReferenceTable.Load("EdgeCases/cr_edge.csv");
        var table = t;
        return t.Where("case", id).Where(r => table.Text(r, "fn") == fn).ToList();
    }

    [Theory]
    [InlineData("cr_all_censored")]
    [InlineData("cr_no_cause1")]
    public void Fine_Gray_without_events_of_the_cause_is_a_clear_error(string id)
    {
        var rows = Reference(id, "crr", out var r);
        r.Text(rows[0], "error").Should().Contain("singular", "crr fails inside LAPACK");
        var (data, x) = Load(id);
        FluentActions.Invoking(() => FineGray.Fit(data, ["x1"], x)).Should().Throw<ArgumentException>()
            .WithMessage("No row has the cause of interest 1*");
    }

    [Theory]
    [InlineData("cr_single_cause1", true)]
    [InlineData("cr_separation", false)]
    public void Fine_Gray_agrees_with_crr(string id, bool converged)
    {
        var rows = Reference(id, "crr", out var r);
        var (data, x) = Load(id);
        var fit = FineGray.Fit(data, ["x1"], x);
        Approx.Equal(r.Number(rows[0], "value1"), fit.Coefficients[0].Coefficient, 1e-4, $"{id} coef");
        Approx.Equal(r.Number(rows[0], "value2"), fit.Coefficients[0].StandardError, 1e-4, $"{id} se");
        Approx.Equal(r.Number(rows[0], "value3"), fit.LogPseudoLikelihood, 1e-4, $"{id} loglik");
        (r.Number(rows[0], "value4") == 1).Should().Be(converged);
        fit.Converged.Should().Be(converged, "a monotone pseudo-likelihood runs out of iterations, as crr reports");
        fit.Iterations.Should().Be(converged ? fit.Iterations : fit.Options.MaxIterations);
    }

    [Theory]
    [InlineData("cr_no_cause1")]
    [InlineData("cr_single_cause1")]
    [InlineData("cr_separation")]
    public void Cumulative_incidence_agrees_with_cuminc(string id)
    {
        var rows = Reference(id, "cuminc", out var r);
        var fit = CumulativeIncidence.Fit(Load(id).Data);
        var keys = rows.Select(row => r.Text(row, "key")).Distinct().ToList();
        fit.Curves.Select(c => $"1 {c.Cause}").Should().Equal(keys, "cuminc makes curves only for causes that occur");
        foreach (var row in rows)
        {
            // cuminc lists each jump twice (before, after); the right-continuous value is the last at a time.
            double time = r.Number(row, "value1");
            if (rows.Any(o => ReferenceEquals(o, row) is false && r.Text(o, "key") == r.Text(row, "key")
                    && r.Number(o, "value1") == time && rows.IndexOf(o) > rows.IndexOf(row))) continue;
            var at = fit.Curve("all", int.Parse(r.Text(row, "key")[2..], System.Globalization.CultureInfo.InvariantCulture)).At(time);
            Approx.Equal(r.Number(row, "value2"), at.Estimate, 1e-6, $"{id} {r.Text(row, "key")} F({time})");
            Approx.Equal(r.Number(row, "value3"), at.Variance, 1e-6, $"{id} {r.Text(row, "key")} Var({time})");
        }
    }

    [Fact]
    public void A_declared_cause_without_events_has_an_incidence_of_zero()
    {
        var data = Load("cr_no_cause1", causes: [1, 2]).Data;
        var none = CumulativeIncidence.Fit(data).Curve("all", 1);
        none.Time.Should().BeEmpty("the curve has no jump");
        foreach (var t in data.Time.ToArray().Prepend(0))
        {
            none.At(t).Estimate.Should().Be(0);
            none.At(t).Variance.Should().Be(0);
        }
    }

    [Fact]
    public void All_censored_is_an_error_where_cuminc_fails_unless_causes_are_declared()
    {
        var rows = Reference("cr_all_censored", "cuminc", out var r);
        r.Text(rows[0], "error").Should().NotBeEmpty("cuminc stops with 'NAs in foreign function call'");
        FluentActions.Invoking(() => CumulativeIncidence.Fit(Load("cr_all_censored").Data))
            .Should().Throw<ArgumentException>().WithMessage("*no row ends in an event (all 6 rows have the censoring code 0)*");
        var declared = CumulativeIncidence.Fit(Load("cr_all_censored", causes: [1, 2]).Data);
        declared.Curves.Should().HaveCount(2).And.OnlyContain(c => c.Time.Count == 0 && c.At(3).Estimate == 0);
    }

    [Fact]
    public void Gray_test_of_a_declared_cause_without_events_is_NaN_not_an_exception()
    {
        var data = Load("cr_no_cause1", causes: [1, 2]).Data;
        var fit = CumulativeIncidence.Fit(data, ["a", "b", "a", "b", "a", "b"]);
        var none = fit.GrayTests.Single(t => t.Cause == 1);
        double.IsNaN(none.Statistic).Should().BeTrue("no events: the variance of the score is 0, the test is undefined");
        double.IsNaN(none.PValue).Should().BeTrue();
        double.IsFinite(fit.GrayTests.Single(t => t.Cause == 2).Statistic).Should().BeTrue();
    }
}
