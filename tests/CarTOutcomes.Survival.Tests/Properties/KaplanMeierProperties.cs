using CarTOutcomes.Survival.Estimators;
using FsCheck.Xunit;

namespace CarTOutcomes.Survival.Tests.Properties;

/// <summary>Properties of the Kaplan–Meier and Nelson–Aalen estimators that hold for every data set.</summary>
[Properties(Arbitrary = [typeof(CohortArbitraries)], MaxTest = 200)]
public class KaplanMeierProperties
{
    [Property]
    public void Survival_is_non_increasing_and_within_0_and_1(Cohort cohort)
    {
        var s = KaplanMeier.Fit(cohort.Data()).Survival;
        s.Should().OnlyContain(x => x >= 0 && x <= 1);
        for (int i = 1; i < s.Count; i++) s[i].Should().BeLessThanOrEqualTo(s[i - 1]);
    }

    [Property]
    public void Greenwood_variance_and_Nelson_Aalen_hazard_are_non_decreasing(Cohort cohort)
    {
        var fit = KaplanMeier.Fit(cohort.Data(), new KaplanMeierOptions(Variance: KaplanMeierVariance.Greenwood));
        var v = fit.StandardErrorOfLog;
        var h = fit.CumulativeHazard;
        var vh = fit.CumulativeHazardStandardError;
        for (int i = 1; i < v.Count; i++)
        {
            v[i].Should().BeGreaterThanOrEqualTo(v[i - 1], "Var(log S) = Σ d/(n(n−d)) only adds terms");
            h[i].Should().BeGreaterThanOrEqualTo(h[i - 1], "H = Σ d/n only adds terms");
            vh[i].Should().BeGreaterThanOrEqualTo(vh[i - 1]);
        }
        h.Should().OnlyContain(x => x >= 0);
    }

    [Property]
    public void Curve_does_not_depend_on_row_order(Cohort cohort, int seed)
    {
        var a = KaplanMeier.Fit(cohort.Data());
        var b = KaplanMeier.Fit(cohort.Shuffled(seed).Data());
        b.Time.Should().Equal(a.Time);
        b.NumberAtRisk.Should().Equal(a.NumberAtRisk);
        b.Survival.Should().Equal(a.Survival, "the product runs over sorted distinct times, whatever the row order");
        b.StandardErrorOfLog.Should().Equal(a.StandardErrorOfLog);
        b.CumulativeHazard.Should().Equal(a.CumulativeHazard);
    }

    [Property]
    public void Weight_2_equals_the_row_twice(Cohort cohort)
    {
        var doubled = new Cohort([.. cohort.Rows, .. cohort.Rows]);
        var weighted = KaplanMeier.Fit(cohort.Data(Enumerable.Repeat(2.0, cohort.Rows.Length).ToArray()));
        var twice = KaplanMeier.Fit(doubled.Data());
        weighted.IsRobustVariance.Should().BeFalse("integer weights keep Greenwood's variance, as R's survfit");
        weighted.Time.Should().Equal(twice.Time);
        weighted.NumberAtRisk.Should().Equal(twice.NumberAtRisk);
        for (int i = 0; i < twice.Time.Count; i++)
        {
            weighted.Survival[i].Should().BeApproximately(twice.Survival[i], 1e-14);
            if (double.IsFinite(twice.StandardError[i]))
                weighted.StandardError[i].Should().BeApproximately(twice.StandardError[i], 1e-14 * Math.Max(1, twice.StandardError[i]));
            else
                weighted.StandardError[i].Should().Be(twice.StandardError[i]);
        }
    }
}
