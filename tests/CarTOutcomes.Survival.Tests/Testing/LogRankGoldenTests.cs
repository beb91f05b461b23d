using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Testing;

public class LogRankGoldenTests
{
    // Group A: 1, 3+, 4; group B: 2, 4, 5+. Death times 1, 2, 4 (two deaths at 4).
    private static readonly SurvivalData Data = SurvivalData.RightCensored([1, 3, 4, 2, 4, 5], [true, false, true, true, true, false]);
    private static readonly string[] Groups = ["A", "A", "A", "B", "B", "B"];

    [Fact]
    public void Observed_expected_and_variance_by_hand()
    {
        var r = LogRank.Test(Data, Groups);
        // t=1: n=6 (A3,B3), d=1 → E_A = 3/6, V = 1·3·3·5/(36·5) = 1/4.
        // t=2: n=5 (A2,B3), d=1 → E_A = 2/5, V = 2·3/25 = 6/25.
        // t=4: n=3 (A1,B2), d=2 → E_A = 2/3, V = 2·1·2·1/(9·2) = 2/9.
        double eA = 0.5 + 0.4 + 2.0 / 3, v = 0.25 + 6.0 / 25 + 2.0 / 9;
        r.Groups[0].Observed.Should().Be(2);
        Approx.Equal(eA, r.Groups[0].Expected, 1e-14, "E_A");
        Approx.Equal(4 - eA, r.Groups[1].Expected, 1e-14, "E_B");
        Approx.Equal(v, r.Variance(0, 0), 1e-14, "V_AA");
        Approx.Equal(-v, r.Variance(0, 1), 1e-14, "V_AB");
        Approx.Equal((2 - eA) * (2 - eA) / v, r.ChiSquare, 1e-13, "chisq");
        r.DegreesOfFreedom.Should().Be(1);
    }

    [Fact]
    public void Peto_weights_use_the_left_continuous_pooled_curve()
    {
        var r = LogRank.Test(Data, Groups, rho: 1);
        // Weights S(t−): 1 at t=1, 5/6 at t=2, 5/6·4/5 = 2/3 at t=4.
        double oA = 1 * 1 + (2.0 / 3) * 1;
        double eA = 0.5 + 5.0 / 6 * 0.4 + 2.0 / 3 * 2.0 / 3;
        Approx.Equal(oA, r.Groups[0].Observed, 1e-14, "O_A");
        Approx.Equal(eA, r.Groups[0].Expected, 1e-14, "E_A");
    }

    [Fact]
    public void Relabelling_groups_leaves_the_statistic_unchanged()
    {
        var a = LogRank.Test(Data, Groups);
        var b = LogRank.Test(Data, Groups.Select(g => g == "A" ? "Z" : "Y").ToArray());
        Approx.Equal(a.ChiSquare, b.ChiSquare, 1e-12, "chisq");
    }

    [Fact]
    public void Weighted_or_counting_process_data_is_refused()
    {
        var act = () => LogRank.Test(SurvivalData.RightCensored([1, 2], [true, true], [1, 2]), ["A", "B"]);
        act.Should().Throw<ArgumentException>().WithMessage("*weights*");
    }
}
