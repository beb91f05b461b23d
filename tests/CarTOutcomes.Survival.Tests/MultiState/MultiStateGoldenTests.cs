using CarTOutcomes.Survival.MultiState;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.Tests.MultiState;

/// <summary>A multi-state fit small enough to follow by hand, and the survcheck-style refusals.</summary>
public sealed class MultiStateGoldenTests
{
    // Eight subjects, initial states x (5) and y (3); subject 4 enters late (at 1). Transitions: 5 y→a at 3, 7 x→a at 4,
    // 1 x→b at 5, 2 x→a at 6, 4 x→b at 8, 8 x→b at 10; 3 and 6 (both y) censored at 7 and 9.
    private static MultiStateData Small() => MultiStateData.Create(
        ["1", "2", "3", "4", "5", "6", "7", "8"], [0, 0, 0, 1, 0, 0, 0, 0], [5, 6, 7, 8, 3, 9, 4, 10],
        ["b", "a", null, "b", "a", "", "a", "b"], ["x", "x", "y", "x", "y", "y", "x", "x"]);

    [Fact]
    public void Probabilities_by_hand()
    {
        var fit = MultiStateAalenJohansen.Fit(Small());
        fit.States.Should().Equal("x", "y", "a", "b"); // initial-only states first, then the states entered
        var c = fit.Curves.Single();
        c.InitialProbability.Should().Equal(5.0 / 8, 3.0 / 8, 0, 0);
        c.Time.Should().Equal(3, 4, 5, 6, 7, 8, 9, 10);
        // t=3: one of the 3 in y leaves for a: y = 3/8 · 2/3 = 1/4, a = 1/8. t=4: one of 5 in x → a: x = 1/2, a = 1/4.
        // t=5: 1 of 4 in x → b; t=6: 1 of 3 in x → a; t=8: 1 of 2 → b; t=10: the last → b.
        double[][] expected =
        [
            [5.0 / 8, 1.0 / 4, 1.0 / 8, 0], [1.0 / 2, 1.0 / 4, 1.0 / 4, 0], [3.0 / 8, 1.0 / 4, 1.0 / 4, 1.0 / 8],
            [1.0 / 4, 1.0 / 4, 3.0 / 8, 1.0 / 8], [1.0 / 4, 1.0 / 4, 3.0 / 8, 1.0 / 8], [1.0 / 8, 1.0 / 4, 3.0 / 8, 1.0 / 4],
            [1.0 / 8, 1.0 / 4, 3.0 / 8, 1.0 / 4], [0, 1.0 / 4, 3.0 / 8, 3.0 / 8],
        ];
        for (int i = 0; i < expected.Length; i++)
            for (int k = 0; k < 4; k++)
                c.Probability(i, k).Should().BeApproximately(expected[i][k], 1e-15, $"time {c.Time[i]}, state {fit.States[k]}");
        c.NumberAtRisk(0, 0).Should().Be(5);
        c.NumberAtRisk(0, 1).Should().Be(3);
    }

    [Fact]
    public void Expected_time_in_state_is_the_area_under_each_curve_and_adds_up_to_the_horizon()
    {
        var c = MultiStateAalenJohansen.Fit(Small()).Curves.Single();
        // x: 5/8 on [0, 4) is 2.5, then 1/2, 3/8, 1/4, 1/4 over [4, 8): 31/8 (R: 3.875).
        c.ExpectedTimeInState(8).Should().Equal(31.0 / 8, 19.0 / 8, 11.0 / 8, 3.0 / 8);
        c.ExpectedTimeInState(8).Sum().Should().Be(8);
    }

    [Fact]
    public void Values_before_the_first_time_are_the_initial_distribution_with_zero_error()
    {
        var c = MultiStateAalenJohansen.Fit(Small()).Curves.Single();
        var v = c.At(2.5);
        v.Probability.Should().Equal(5.0 / 8, 3.0 / 8, 0, 0);
        v.StandardError.Should().Equal(0, 0, 0, 0);
        c.At(100).Probability.Should().Equal(0, 1.0 / 4, 3.0 / 8, 3.0 / 8);
    }

    [Fact]
    public void Without_standard_errors_the_probabilities_are_the_same()
    {
        var with = MultiStateAalenJohansen.Fit(Small()).Curves.Single();
        var without = MultiStateAalenJohansen.Fit(Small(), new MultiStateOptions(StandardErrors: false)).Curves.Single();
        for (int i = 0; i < with.Time.Count; i++)
            for (int k = 0; k < 4; k++)
            {
                without.Probability(i, k).Should().Be(with.Probability(i, k));
                double.IsNaN(without.StandardError(i, k)).Should().BeTrue();
            }
    }

    [Fact]
    public void Overlap_gap_self_transition_teleport_and_group_change_are_named()
    {
        static SubjectRowsException Fails(Func<MultiStateData> f) => Assert.Throws<SubjectRowsException>(() => f());
        var overlap = Fails(() => MultiStateData.Create(["p", "p"], [0, 4], [5, 9], ["a", ""]));
        (overlap.Subject, overlap.Problem).Should().Be(("p", "overlap"));
        overlap.Rows.Should().Equal(0, 1);
        var gap = Fails(() => MultiStateData.Create(["p", "p"], [6, 0], [9, 5], ["", "a"]));
        (gap.Problem, gap.Rows[0], gap.Rows[1]).Should().Be(("gap", 1, 0));
        gap.Message.Should().Contain("stops at 5").And.Contain("starts at 6");
        var self = Fails(() => MultiStateData.Create(["p", "p"], [0, 5], [5, 9], ["a", "a"]));
        self.Problem.Should().Be("self-transition");
        self.Rows.Should().Equal(1);
        var teleport = Fails(() => MultiStateData.Create(["p", "p"], [0, 5], [5, 9], ["a", ""], ["x", "b"]));
        teleport.Problem.Should().Be("teleport");
        teleport.Message.Should().Contain("in state 'a'").And.Contain("states 'b'");
        var group = Fails(() => MultiStateData.Create(["p", "p"], [0, 5], [5, 9], ["a", ""], groups: ["g1", "g2"]));
        group.Problem.Should().Be("group change");
    }

    [Fact]
    public void Recurrent_states_are_allowed_and_rows_in_any_order_give_the_same_fit()
    {
        string[] ids = ["1", "1", "1", "2", "2", "3"];
        double[] start = [0, 2, 5, 0, 3, 0];
        double[] stop = [2, 5, 8, 3, 7, 6];
        string?[] state = ["b", "a", "b", "b", "", ""];
        var sorted = MultiStateAalenJohansen.Fit(MultiStateData.Create(ids, start, stop, state)).Curves.Single();
        int[] perm = [5, 2, 4, 0, 3, 1];
        var shuffled = MultiStateAalenJohansen.Fit(MultiStateData.Create(
            perm.Select(i => ids[i]).ToArray(), perm.Select(i => start[i]).ToArray(),
            perm.Select(i => stop[i]).ToArray(), perm.Select(i => state[i]).ToArray())).Curves.Single();
        shuffled.Time.Should().Equal(sorted.Time);
        for (int i = 0; i < sorted.Time.Count; i++)
            for (int k = 0; k < 3; k++)
            {
                shuffled.Probability(i, k).Should().Be(sorted.Probability(i, k));
                shuffled.StandardError(i, k).Should().Be(sorted.StandardError(i, k));
            }
        // (s0) → b at 2 (1 of 3) and 3 (1 of 2): b holds 2/3; at 5 one of the 2 in b moves to a: a = 1/3, b = 1/3;
        // at 8 subject 1, alone in a, re-enters b: b = 2/3.
        sorted.At(5).Probability.Should().AllSatisfy(x => x.Should().BeApproximately(1.0 / 3, 1e-15));
        sorted.At(8).Probability[2].Should().BeApproximately(2.0 / 3, 1e-15);
    }
}
