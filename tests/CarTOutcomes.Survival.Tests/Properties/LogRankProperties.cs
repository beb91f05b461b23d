using CarTOutcomes.Survival.Testing;
using FsCheck.Xunit;

namespace CarTOutcomes.Survival.Tests.Properties;

/// <summary>Properties of the log-rank (G-rho) test that hold for every data set it accepts.</summary>
[Properties(Arbitrary = [typeof(CohortArbitraries)], MaxTest = 200)]
public class LogRankProperties
{
    /// <summary>The test, or null where it is undefined (one group, singular variance), as R's survdiff errors.</summary>
    private static LogRankResult? TryTest(Cohort c, Func<int, string>? label = null, double rho = 0)
    {
        try { return LogRank.Test(c.Data(), c.Groups(label), rho: rho); }
        catch (ArgumentException) { return null; }
    }

    [Property]
    public void Chi_square_is_non_negative_and_p_is_a_probability(Cohort cohort, bool petoPeto)
    {
        var r = TryTest(cohort, rho: petoPeto ? 1 : 0);
        if (r is null) return;
        r.ChiSquare.Should().BeGreaterThanOrEqualTo(0);
        if (!double.IsNaN(r.PValue)) r.PValue.Should().BeInRange(0, 1);
        r.Groups.Sum(g => g.Observed).Should().BeApproximately(r.Groups.Sum(g => g.Expected), 1e-9,
            "Σ O = Σ E: the expected events share out the observed ones");
    }

    [Property]
    public void Relabelling_the_groups_changes_nothing(Cohort cohort)
    {
        var a = TryTest(cohort);
        // Reverse the sort order of the labels, so the reference group that R drops changes too.
        var b = TryTest(cohort, g => $"{(char)('z' - g)}");
        (b is null).Should().Be(a is null);
        if (a is null || b is null) return;
        b.ChiSquare.Should().BeApproximately(a.ChiSquare, 1e-9 * Math.Max(1, a.ChiSquare));
        b.DegreesOfFreedom.Should().Be(a.DegreesOfFreedom);
        b.Groups.Select(g => g.Observed).Reverse().Should().Equal(a.Groups.Select(g => g.Observed));
    }

    [Property]
    public void Row_order_changes_nothing(Cohort cohort, int seed)
    {
        var a = TryTest(cohort);
        var b = TryTest(cohort.Shuffled(seed));
        (b is null).Should().Be(a is null);
        if (a is null || b is null) return;
        b.ChiSquare.Should().BeApproximately(a.ChiSquare, 1e-9 * Math.Max(1, a.ChiSquare));
        b.Groups.Select(g => g.Expected).Should().Equal(a.Groups.Select(g => g.Expected), (x, y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, y));
    }
}
