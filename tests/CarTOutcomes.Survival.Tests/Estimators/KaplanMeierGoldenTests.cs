using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Estimators;

/// <summary>
/// Hand-computed Kaplan–Meier values (in the manner of R's tests/book1.R): a tiny unsorted data set whose answers are
/// exact fractions worked out in the comments.
/// </summary>
public class KaplanMeierGoldenTests
{
    // Unsorted on purpose. Sorted: 1+ 1(death first) 3+ 6 6 8+ 9, i.e. a death and a censoring tied at 1.
    private static readonly double[] Time = [6, 1, 9, 3, 1, 8, 6];
    private static readonly bool[] Died = [true, false, true, false, true, false, true];
    private static SurvivalData Data => SurvivalData.RightCensored(Time, Died);

    [Fact]
    public void Counts_treat_the_censoring_tied_with_a_death_as_at_risk()
    {
        var fit = KaplanMeier.Fit(Data);
        fit.Time.Should().Equal(1, 3, 6, 8, 9);
        fit.NumberAtRisk.Should().Equal(7, 5, 4, 2, 1);
        fit.NumberOfEvents.Should().Equal(1, 0, 2, 0, 1);
        fit.NumberCensored.Should().Equal(1, 1, 0, 1, 0);
    }

    [Fact]
    public void Survival_is_the_product_limit()
    {
        var fit = KaplanMeier.Fit(Data);
        // S(1) = 6/7, S(6) = 6/7 · 2/4 = 3/7, S(9) = 0.
        double[] expected = [6.0 / 7, 6.0 / 7, 3.0 / 7, 3.0 / 7, 0];
        for (int i = 0; i < expected.Length; i++) Approx.Equal(expected[i], fit.Survival[i], 1e-14, $"S[{i}]");
    }

    [Fact]
    public void Standard_error_is_greenwood_not_peto()
    {
        var fit = KaplanMeier.Fit(Data);
        // Greenwood: Var(log S(6)) = 1/(7·6) + 2/(4·2) = 23/84. Peto's formula, S²(1−S)/n, would give something else.
        double seLog = Math.Sqrt(23.0 / 84);
        Approx.Equal(seLog, fit.StandardErrorOfLog[2], 1e-14, "se(log S(6))");
        Approx.Equal(3.0 / 7 * seLog, fit.StandardError[2], 1e-14, "se(S(6))");
        double peto = 3.0 / 7 * Math.Sqrt((1 - 3.0 / 7) / 4);
        Math.Abs(fit.StandardError[2] - peto).Should().BeGreaterThan(1e-3);
        // At S = 0 the Greenwood term d/(n(n−d)) is infinite and R reports NaN for se(S).
        double.IsNaN(fit.StandardError[4]).Should().BeTrue();
    }

    [Theory]
    [InlineData(ConfidenceTransform.Log)]
    [InlineData(ConfidenceTransform.LogLog)]
    [InlineData(ConfidenceTransform.Plain)]
    public void Confidence_limits_follow_the_chosen_scale(ConfidenceTransform transform)
    {
        var fit = KaplanMeier.Fit(Data, new KaplanMeierOptions(transform, 0.90));
        double s = 3.0 / 7, se = Math.Sqrt(23.0 / 84), z = 1.6448536269514722;
        var (lo, hi) = transform switch
        {
            ConfidenceTransform.Log => (s * Math.Exp(-z * se), Math.Min(1, s * Math.Exp(z * se))),
            ConfidenceTransform.LogLog => (Math.Exp(-Math.Exp(Math.Log(-Math.Log(s)) - z * se / Math.Log(s))),
                                           Math.Exp(-Math.Exp(Math.Log(-Math.Log(s)) + z * se / Math.Log(s)))),
            _ => (Math.Max(0, s - z * se * s), Math.Min(1, s + z * se * s)),
        };
        Approx.Equal(lo, fit.Lower[2], 1e-12, "lower");
        Approx.Equal(hi, fit.Upper[2], 1e-12, "upper");
    }

    [Fact]
    public void Log_and_log_log_intervals_differ()
    {
        var log = KaplanMeier.Fit(Data, new KaplanMeierOptions(ConfidenceTransform.Log));
        var loglog = KaplanMeier.Fit(Data, new KaplanMeierOptions(ConfidenceTransform.LogLog));
        Math.Abs(log.Lower[2] - loglog.Lower[2]).Should().BeGreaterThan(1e-3);
    }

    [Fact]
    public void Nelson_aalen_hazard_and_its_variance()
    {
        var fit = KaplanMeier.Fit(Data);
        // H(6) = 1/7 + 2/4 = 9/14; Var = 1/7² + 2/4² = 57/392.
        Approx.Equal(9.0 / 14, fit.CumulativeHazard[2], 1e-14, "H(6)");
        Approx.Equal(Math.Sqrt(57.0 / 392), fit.CumulativeHazardStandardError[2], 1e-14, "se H(6)");
    }

    [Fact]
    public void Median_is_the_first_time_survival_drops_below_one_half()
    {
        var fit = KaplanMeier.Fit(Data);
        fit.Median.Estimate.Should().Be(6);
    }

    [Fact]
    public void Median_on_a_flat_stretch_at_one_half_is_the_midpoint()
    {
        // S(1) = 3/4, S(2) = 3/4 · 2/3 = 1/2 exactly, censoring at 3, next death at 4: flat at 1/2 on [2, 4)
        // (R: quantile.survfit's midpoint rule gives (2 + 4)/2).
        var fit = KaplanMeier.Fit(SurvivalData.RightCensored([1, 2, 3, 4], [true, true, false, true]));
        Approx.Equal(0.5, fit.Survival[1], 1e-15, "S(2)");
        fit.Median.Estimate.Should().Be(3);
    }

    [Fact]
    public void Landmark_estimates_carry_the_curve_and_count_the_risk_set()
    {
        var fit = KaplanMeier.Fit(Data);
        var at5 = fit.At(5);
        Approx.Equal(6.0 / 7, at5.Survival, 1e-14, "S(5)");
        at5.NumberAtRisk.Should().Be(4); // rows with time >= 5
        fit.At(0.5).Survival.Should().Be(1);
        fit.At(0.5).Lower.Should().Be(1);
        fit.At(0.5).NumberAtRisk.Should().Be(7);
        fit.At(100).NumberAtRisk.Should().Be(0);
    }

    [Fact]
    public void Restricted_mean_is_the_area_under_the_curve()
    {
        var fit = KaplanMeier.Fit(Data);
        // Area to tau = 7: 1·1 + 6/7·(6−1) + 3/7·(7−6) = 1 + 30/7 + 3/7 = 40/7.
        var rm = fit.RestrictedMean(7);
        Approx.Equal(40.0 / 7, rm.Estimate, 1e-14, "rmean");
        // Variance (Miller): area beyond t=1 is 33/7, beyond t=6 is 3/7; hh = 1/42 and 1/4.
        double v = Math.Pow(33.0 / 7, 2) / 42 + Math.Pow(3.0 / 7, 2) / 4;
        Approx.Equal(Math.Sqrt(v), rm.StandardError, 1e-14, "se(rmean)");
    }

    [Fact]
    public void Delayed_entry_counts_only_rows_that_have_entered()
    {
        // (entry, exit]: (0,5] death, (2,4] death, (3,6] censored, (4.5,7] death.
        var data = SurvivalData.CountingProcess([0, 2, 3, 4.5], [5, 4, 6, 7], [true, true, false, true]);
        var fit = KaplanMeier.Fit(data);
        fit.Time.Should().Equal(4, 5, 6, 7);
        // At 4: rows 1,2,3 (row 4 enters at 4.5). At 5: rows 1,3,4. At 6: rows 3,4. At 7: row 4.
        fit.NumberAtRisk.Should().Equal(3, 3, 2, 1);
        Approx.Equal(2.0 / 3 * 2.0 / 3, fit.Survival[1], 1e-14, "S(5)");
        // At t = 4.2 R's summary() would report the risk set of the next time (5), which includes the row entering at
        // 4.5; the risk set at 4.2 is rows 1 and 3 only (lifelines #1385 is the same mistake).
        fit.NumberAtRiskAt(4.2).Should().Be(2);
        fit.NumberAtRiskAt(4.7).Should().Be(3);
        fit.NumberAtRiskAt(1).Should().Be(1);
        fit.NumberAtRiskAt(2).Should().Be(2, "a row entering exactly at t is under observation at t");
        fit.NumberAtRiskAt(0).Should().Be(1);
    }

    [Fact]
    public void Weighted_counts_use_the_weights()
    {
        var data = SurvivalData.RightCensored([1, 2, 3], [true, true, false], [2, 1, 1]);
        var fit = KaplanMeier.Fit(data);
        fit.NumberAtRisk.Should().Equal(4, 2, 1);
        Approx.Equal(0.5 * 0.5, fit.Survival[1], 1e-15, "S(2)");
        fit.IsRobustVariance.Should().BeFalse("integer weights keep Greenwood, as R");
        KaplanMeier.Fit(SurvivalData.RightCensored([1, 2, 3], [true, true, false], [1.5, 1, 1])).IsRobustVariance.Should().BeTrue();
    }

    [Fact]
    public void Reverse_km_follow_up_conventions_differ_when_a_death_ties_a_censoring()
    {
        // Death and censoring tied at 2. Events-first: the censored subject at 2 is at risk with 2 others (n = 4−1... ).
        var data = SurvivalData.RightCensored([1, 2, 2, 3, 4], [false, true, false, false, true]);
        var correct = FollowUpResult.Estimate(data);
        var naive = FollowUpResult.Estimate(data, FollowUpConvention.SwappedStatus);
        // Events first: G(1) = 4/5, G(2) = 4/5 · (3−1)/3 = 8/15 (the death at 2 leaves the risk set), G(3) = 8/15 · 1/2 = 4/15 → median 3.
        // Swapped: G(2) = 4/5 · 3/4 = 3/5 (the death counts as at risk), G(3) = 3/5 · 1/2 = 3/10 → median 3 as well,
        // but the lower quartile differs: events-first crosses 0.75 at 2, swapped at 2 too; upper quartile G ≤ .25 at 4 (none) for both.
        correct.Median.Should().Be(3);
        naive.Median.Should().Be(3);
        var tieHeavy = SurvivalData.RightCensored([1, 1, 1, 2, 2, 3], [true, true, false, false, false, true]);
        // Events first at 1: 1 censored among 6−2 = 4 → G = 3/4 exactly → lower quartile on a flat: midpoint of 1 and 2 = 1.5.
        // Swapped at 1: 1 censored among 6 → G = 5/6, then at 2: 5/6 · (3−2)/3 = 5/18 → lower quartile 2.
        FollowUpResult.Estimate(tieHeavy).LowerQuartile.Should().Be(1.5);
        FollowUpResult.Estimate(tieHeavy, FollowUpConvention.SwappedStatus).LowerQuartile.Should().Be(2);
    }
}
