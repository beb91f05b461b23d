using System.Globalization;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>One row of a generated Cox data set: time, event, and two covariates.</summary>
public sealed record CoxRow(double Time, bool Event, double X1, double X2)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Time}{(Event ? "" : "+")}/{X1}/{X2}");
}

/// <summary>A generated Cox data set; printed as R's <c>Surv(time, event)</c> with the covariates when a property fails.</summary>
public sealed record CoxSample(CoxRow[] Rows)
{
    public SurvivalData Data() =>
        SurvivalData.RightCensored(Rows.Select(r => r.Time).ToArray(), Rows.Select(r => r.Event).ToArray());

    public IReadOnlyList<double>[] X(Func<double, double>? f1 = null) =>
        [Rows.Select(r => (f1 ?? (v => v))(r.X1)).ToArray(), Rows.Select(r => r.X2).ToArray()];

    public CoxSample Shuffled(int seed)
    {
        var rows = (CoxRow[])Rows.Clone();
        new Random(seed).Shuffle(rows);
        return new CoxSample(rows);
    }

    /// <summary>The same rows with distinct times (row k gets k/1000 added; times are multiples of 0.5).</summary>
    public CoxSample Untied() => new(Rows.Select((r, k) => r with { Time = r.Time + k / 1000.0 }).ToArray());

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Rows.Select(r => r.ToString()))}]";
}

/// <summary>
/// Generators: 8 to 40 rows, times multiples of 0.5 up to 10 (many ties), about two thirds events, covariates on a
/// grid of quarters in [−5, 5] (some columns are all −1/0/1, which R leaves uncentered).
/// </summary>
public static class CoxArbitraries
{
    public static Arbitrary<CoxSample> Samples()
    {
        var row = from t in Gen.Choose(1, 20)
                  from e in Gen.Choose(0, 2)
                  from x1 in Gen.Choose(-20, 20)
                  from x2 in Gen.Choose(-4, 4)
                  select new CoxRow(t / 2.0, e > 0, x1 / 4.0, x2);
        var gen = from n in Gen.Choose(8, 40)
                  from rows in Gen.ArrayOf(row, n)
                  select new CoxSample(rows);
        return Arb.From(gen);
    }
}

/// <summary>
/// Invariances of the Cox partial likelihood that hold for every data set (issue #9). Fits that did not converge
/// to a finite estimate (no events, monotone likelihood, collinearity) are skipped: they are the edge cases of
/// CoxEdgeCaseTests, and there the coefficients are not defined.
/// </summary>
[Properties(Arbitrary = [typeof(CoxArbitraries)], MaxTest = 100)]
public class CoxPropertyTests
{
    private static readonly string[] Names = ["x1", "x2"];

    private static CoxResult? Fit(CoxSample s, Func<double, double>? f1 = null, Ties ties = Ties.Efron)
    {
        if (!s.Rows.Any(r => r.Event)) return null;
        var fit = CoxModel.Fit(s.Data(), s.X(f1), Names, new CoxOptions { Ties = ties });
        bool regular = fit.Converged && fit.Warnings.Count == 0 && fit.Estimates.All(double.IsFinite);
        return regular ? fit : null;
    }

    [Property]
    public void Coefficients_do_not_depend_on_row_order(CoxSample s, int seed)
    {
        var a = Fit(s);
        if (a is null) return;
        var b = CoxModel.Fit(s.Shuffled(seed).Data(), s.Shuffled(seed).X(), Names);
        for (int j = 0; j < 2; j++)
        {
            Approx.Equal(a.Estimates[j], b.Estimates[j], 1e-8, $"β{j + 1}");
            Approx.Equal(a.Coefficients[j].StandardError, b.Coefficients[j].StandardError, 1e-8, $"se{j + 1}");
        }
        Approx.Equal(a.LogLik, b.LogLik, 1e-10, "loglik");
    }

    [Property]
    public void Shifting_a_covariate_changes_neither_coefficients_nor_log_likelihood(CoxSample s, int shift)
    {
        var a = Fit(s);
        if (a is null) return;
        double c = shift % 1000 + 0.5;
        var b = CoxModel.Fit(s.Data(), s.X(v => v + c), Names);
        for (int j = 0; j < 2; j++)
        {
            Approx.Equal(a.Estimates[j], b.Estimates[j], 1e-7, $"β{j + 1} after x1 + {c}");
            Approx.Equal(a.Coefficients[j].StandardError, b.Coefficients[j].StandardError, 1e-7, $"se{j + 1} after x1 + {c}");
        }
        Approx.Equal(a.LogLikNull, b.LogLikNull, 1e-10, "loglik at 0");
        Approx.Equal(a.LogLik, b.LogLik, 1e-10, "loglik");
    }

    [Property]
    public void Scaling_a_covariate_by_c_divides_its_coefficient_and_se_by_c(CoxSample s, int power, bool negative)
    {
        var a = Fit(s);
        if (a is null) return;
        double c = Math.Pow(10, power % 4) * (negative ? -3 : 3);
        var b = CoxModel.Fit(s.Data(), s.X(v => v * c), Names);
        Approx.Equal(a.Estimates[0] / c, b.Estimates[0], 1e-7, $"β1 after x1 × {c}");
        Approx.Equal(a.Coefficients[0].StandardError / Math.Abs(c), b.Coefficients[0].StandardError, 1e-7, $"se1 after x1 × {c}");
        Approx.Equal(a.Estimates[1], b.Estimates[1], 1e-7, "β2 unchanged");
        Approx.Equal(a.LogLik, b.LogLik, 1e-10, "loglik");
    }

    [Property]
    public void Efron_equals_Breslow_without_tied_event_times(CoxSample s)
    {
        var untied = s.Untied();
        var efron = Fit(untied);
        if (efron is null) return;
        var breslow = CoxModel.Fit(untied.Data(), untied.X(), Names, new CoxOptions { Ties = Ties.Breslow });
        for (int j = 0; j < 2; j++)
        {
            Approx.Equal(efron.Estimates[j], breslow.Estimates[j], 1e-10, $"β{j + 1}");
            Approx.Equal(efron.Coefficients[j].StandardError, breslow.Coefficients[j].StandardError, 1e-10, $"se{j + 1}");
        }
        Approx.Equal(efron.LogLik, breslow.LogLik, 1e-12, "loglik");
    }

    [Property(MaxTest = 30)]
    public void Efron_and_Breslow_differ_when_events_are_tied(CoxSample s)
    {
        // The converse, so that the property above could fail: with tied events the two likelihoods differ.
        var times = s.Rows.Where(r => r.Event).GroupBy(r => r.Time);
        if (!times.Any(g => g.Count() > 1)) return;
        var efron = Fit(s);
        var breslow = Fit(s, ties: Ties.Breslow);
        if (efron is null || breslow is null) return;
        efron.LogLikNull.Should().NotBe(breslow.LogLikNull);
    }
}
