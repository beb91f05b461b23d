using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.EdgeCases;

/// <summary>
/// Kaplan–Meier on degenerate data agrees with R survival 3.5 <c>survfit</c> (Reference/EdgeCases/edge_km.csv, from
/// edge_cases.R) to 1e-6 relative, NA and infinities included; see docs/edge-cases.md.
/// </summary>
public class KaplanMeierEdgeCaseTests
{
    private const double Tol = 1e-6;

    public static TheoryData<string> Cases() => new(EdgeCaseData.Cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Curve_agrees_with_survfit(string id)
    {
        var fit = KaplanMeier.Fit(EdgeCaseData.Load(id).Data);
        var reference = ReferenceTable.Load("EdgeCases/edge_km.csv");
        var rows = reference.Where("case", id).ToList();
        fit.Time.Count.Should().Be(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            void Check(string column, IReadOnlyList<double> actual) =>
                Approx.Equal(reference.Number(rows[i], column), actual[i], Tol, $"{id} {column}[{i}]");
            Check("time", fit.Time);
            Check("n_risk", fit.NumberAtRisk);
            Check("n_event", fit.NumberOfEvents);
            Check("n_censor", fit.NumberCensored);
            Check("surv", fit.Survival);
            Check("std_err", fit.StandardErrorOfLog);
            Check("lower", fit.Lower);
            Check("upper", fit.Upper);
            Check("cumhaz", fit.CumulativeHazard);
            Check("std_chaz", fit.CumulativeHazardStandardError);
        }
        var median = fit.Median;
        Approx.Equal(reference.Number(rows[0], "median"), median.Estimate, Tol, $"{id} median");
        Approx.Equal(reference.Number(rows[0], "median_lower"), median.Lower, Tol, $"{id} median lower");
        Approx.Equal(reference.Number(rows[0], "median_upper"), median.Upper, Tol, $"{id} median upper");
    }

    [Fact]
    public void Survival_of_zero_has_infinite_log_standard_error_and_no_limits()
    {
        var fit = KaplanMeier.Fit(EdgeCaseData.Load("all_events_one_time").Data);
        fit.Survival.Should().Equal(0);
        double.IsPositiveInfinity(fit.StandardErrorOfLog[0]).Should().BeTrue("Greenwood's d/(n(n−d)) has n = d");
        double.IsNaN(fit.StandardError[0]).Should().BeTrue("0 · ∞ is undefined, as R's summary prints NaN");
        double.IsNaN(fit.Lower[0]).Should().BeTrue();
        double.IsNaN(fit.Upper[0]).Should().BeTrue();
    }

    [Fact]
    public void Times_are_compared_exactly_unlike_R_timefix()
    {
        // 1e9 and 1e9 + 1 differ by 1e-9 relative: R's default (timefix = TRUE, aeqSurv) ties them, this library
        // does not; with timefix = FALSE R agrees (Reference/EdgeCases/edge_timefix.csv).
        var fit = KaplanMeier.Fit(SurvivalData.RightCensored([1e9, 1e9 + 1, 2e9], [true, true, true]));
        var tf = ReferenceTable.Load("EdgeCases/edge_timefix.csv");
        fit.Time.Count.Should().Be((int)tf.Number(tf.Where("timefix", "FALSE").Single(), "distinct_times"));
        fit.Time.Count.Should().NotBe((int)tf.Number(tf.Where("timefix", "TRUE").Single(), "distinct_times"));
    }

    [Fact]
    public void No_rows_is_refused_with_a_clear_message()
    {
        var empty = SurvivalData.RightCensored([], []);
        var act = () => KaplanMeier.Fit(empty);
        act.Should().Throw<ArgumentException>().WithMessage("*no rows*");
    }
}
