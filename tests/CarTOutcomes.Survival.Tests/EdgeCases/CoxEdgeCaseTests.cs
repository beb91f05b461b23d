using System.Text.RegularExpressions;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.EdgeCases;

/// <summary>
/// Cox models on degenerate data agree with R survival 3.5 <c>coxph</c> (Reference/EdgeCases/cox_edge.csv, from
/// cox_edge_cases.R): coefficients, standard errors and log-likelihoods to 1e-4 relative (iterative fits), NA where R
/// gives NA, and R's warnings; where R fails or answers with no estimate, the error this library gives instead. See
/// docs/edge-cases.md, "Cox model".
/// </summary>
public class CoxEdgeCaseTests
{
    private const double Tol = 1e-4;

    /// <summary>The cases where R returns a fit with at least one estimate.</summary>
    public static TheoryData<string> FittedCases() => new(
        ["single_event", "all_events_one_time", "no_variance", "no_variance_second", "collinear", "separation",
         "separation_continuous", "magnitude_1e6", "shifted_1e6"]);

    internal static (SurvivalData Data, IReadOnlyList<double>[] X, string[] Names) Load(string id)
    {
        var t = ReferenceTable.Load("EdgeCases/cox_edge_data.csv");
        var rows = t.Where("case", id).ToList();
        rows.Should().NotBeEmpty(id);
        var data = SurvivalData.RightCensored(rows.Select(r => t.Number(r, "time")).ToArray(),
            rows.Select(r => t.Number(r, "status") == 1).ToArray());
        var x1 = rows.Select(r => t.Number(r, "x1")).ToArray();
        var x2 = rows.Select(r => t.Number(r, "x2")).ToArray();
        return x2.All(double.IsNaN) ? (data, [x1], ["x1"]) : (data, [x1, x2], ["x1", "x2"]);
    }

    private static List<string[]> Reference(string id, out ReferenceTable t)
    {
        t = ReferenceTable.Load("EdgeCases/cox_edge.csv");
        return t.Where("case", id).ToList();
    }

    [Theory]
    [MemberData(nameof(FittedCases))]
    public void Estimates_and_log_likelihoods_agree_with_coxph(string id)
    {
        var (data, x, names) = Load(id);
        var fit = CoxModel.Fit(data, x, names);
        var rows = Reference(id, out var r);
        fit.Coefficients.Should().HaveCount(rows.Count);
        for (int j = 0; j < rows.Count; j++)
        {
            var c = fit.Coefficients[j];
            c.Name.Should().Be(r.Text(rows[j], "term"));
            Approx.Equal(r.Number(rows[j], "coef"), c.Estimate, Tol, $"{id} coef {c.Name}");
            Approx.Equal(r.Number(rows[j], "se"), c.StandardError, Tol, $"{id} se {c.Name}");
        }
        Approx.Equal(r.Number(rows[0], "loglik0"), fit.LogLikNull, Tol, $"{id} loglik0");
        Approx.Equal(r.Number(rows[0], "loglik"), fit.LogLik, Tol, $"{id} loglik");
        fit.EventCount.Should().Be((int)r.Number(rows[0], "nevent"));
        fit.Estimates.Should().OnlyContain(b => double.IsNaN(b) || double.IsFinite(b), "no infinity leaks out");
    }

    [Theory]
    [MemberData(nameof(FittedCases))]
    public void Warnings_agree_with_coxph(string id)
    {
        var (data, x, names) = Load(id);
        var fit = CoxModel.Fit(data, x, names);
        var text = Reference(id, out var r)[0] is var row ? r.Text(row, "warning") : "";
        if (text.Length == 0)
        {
            fit.Warnings.Should().BeEmpty(id);
            fit.Converged.Should().BeTrue(id);
            return;
        }
        // R pastes "variable  1 ; coefficient may be infinite. " with extra spaces; the words are the same.
        var normalized = Regex.Replace(text, @"\s+;", ";").Replace("  ", " ").Trim();
        fit.Warnings.Should().ContainSingle().Which.Should().Be(normalized, id);
        fit.Converged.Should().Be(!normalized.StartsWith("Ran out", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_converged_fits_report_the_iteration_limit_where_R_reports_one_more()
    {
        foreach (var id in new[] { "single_event", "separation_continuous" })
        {
            var (data, x, names) = Load(id);
            var fit = CoxModel.Fit(data, x, names);
            var rows = Reference(id, out var r);
            fit.Iterations.Should().Be((int)r.Number(rows[0], "iter") - 1, "R reports iter.max + 1 (documented difference)");
        }
    }

    [Theory]
    [InlineData("all_censored")]
    [InlineData("one_row_censored")]
    public void No_events_is_an_error_where_R_returns_NA(string id)
    {
        var (data, x, names) = Load(id);
        var rows = Reference(id, out var r);
        r.Number(rows[0], "nevent").Should().Be(0);
        double.IsNaN(r.Number(rows[0], "coef")).Should().BeTrue("R returns a fit with an NA coefficient");
        FluentActions.Invoking(() => CoxModel.Fit(data, x, names)).Should().Throw<ArgumentException>()
            .WithMessage("Can't fit a Cox model with 0 failures*");
    }

    [Fact]
    public void One_row_with_an_event_gives_NA_as_a_constant_covariate_where_R_fails()
    {
        var (data, x, names) = Load("one_row_event");
        var rows = Reference("one_row_event", out var r);
        r.Text(rows[0], "error").Should().NotBeEmpty("R's coxph stops with an internal error on one row");
        var fit = CoxModel.Fit(data, x, names);
        double.IsNaN(fit.Coefficients[0].Estimate).Should().BeTrue("one row carries no information about β");
        fit.LogLik.Should().Be(0, "the only risk set is the event's own row: log(e^η / e^η) = 0");
        fit.Converged.Should().BeTrue("ℓ is 0 at every β; R's test |1 − ℓ₀/ℓ| is 0/0 and R iterates to its limit");
        fit.Warnings.Should().BeEmpty("as for a covariate with no variance (R gives NA without a warning)");
        fit.LikelihoodRatioTest!.DegreesOfFreedom.Should().Be(0);
    }

    [Fact]
    public void Collinear_and_constant_covariates_get_NaN_and_do_not_count_in_the_degrees_of_freedom()
    {
        foreach (var id in new[] { "collinear", "no_variance_second" })
        {
            var (data, x, names) = Load(id);
            var fit = CoxModel.Fit(data, x, names);
            double.IsNaN(fit.Estimates[1]).Should().BeTrue(id);
            fit.LikelihoodRatioTest!.DegreesOfFreedom.Should().Be(1, id);
            fit.Variance[1, 1].Should().Be(0, id);
        }
    }

    [Fact]
    public void Covariates_of_magnitude_1e6_give_the_rescaled_fit()
    {
        // x·10^6 must give β/10^6 and se/10^6 of the unscaled covariate, with no overflow of exp(βx) on the way.
        var (data, x, names) = Load("magnitude_1e6");
        var big = CoxModel.Fit(data, x, names);
        var unit = CoxModel.Fit(data, [x[0].Select(v => v / 1e6).ToArray()], names);
        Approx.Equal(unit.Estimates[0] / 1e6, big.Estimates[0], 1e-8, "β scales by 1e-6");
        Approx.Equal(unit.Coefficients[0].StandardError / 1e6, big.Coefficients[0].StandardError, 1e-8, "se scales by 1e-6");
        Approx.Equal(unit.LogLik, big.LogLik, 1e-12, "loglik unchanged");
    }

    /// <summary>
    /// The 10^6-row data set of cox_edge_cases.R, rebuilt with the same integer arithmetic:
    /// x_i = (48271·i mod 2147483647) / 2147483647, time_i = 1 + (16807·i mod 997)·(1 + ⌊2x_i⌋), status_i = [i mod 5 ≠ 0].
    /// </summary>
    internal static (SurvivalData Data, double[] X) Large(int n)
    {
        var time = new double[n];
        var status = new bool[n];
        var x = new double[n];
        for (long i = 1; i <= n; i++)
        {
            x[i - 1] = (i * 48271 % 2147483647) / 2147483647.0;
            time[i - 1] = 1 + (i * 16807 % 997) * (1 + Math.Floor(2 * x[i - 1]));
            status[i - 1] = i % 5 != 0;
        }
        return (SurvivalData.RightCensored(time, status), x);
    }

    [Fact]
    public void A_fit_of_a_million_rows_completes_and_agrees_with_coxph()
    {
        var r = ReferenceTable.Load("EdgeCases/cox_large.csv");
        var row = r.Rows.Single();
        var (data, x) = Large((int)r.Number(row, "n"));
        var fit = CoxModel.Fit(data, [x], ["x1"]);
        Approx.Equal(r.Number(row, "coef"), fit.Estimates[0], Tol, "coef");
        Approx.Equal(r.Number(row, "se"), fit.Coefficients[0].StandardError, Tol, "se");
        Approx.Equal(r.Number(row, "loglik0"), fit.LogLikNull, 1e-6, "loglik0");
        Approx.Equal(r.Number(row, "loglik"), fit.LogLik, 1e-6, "loglik");
        fit.Iterations.Should().Be((int)r.Number(row, "iter"));
        fit.Warnings.Should().BeEmpty();
    }
}
