using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.Tests.TimeDependent;

public class TimeDependentValidationTests
{
    private static readonly SubjectFollowUp[] Two = [new("a", 0, 100, true), new("b", 0, 50, false)];

    [Fact]
    public void Duplicate_subject_is_named()
    {
        var act = () => new TmergeBuilder([new("a", 0, 10, true), new("a", 0, 20, false)]);
        act.Should().Throw<ArgumentException>().WithMessage("*Subject 'a' appears more than once*");
    }

    [Fact]
    public void Empty_follow_up_is_named_with_its_values()
    {
        var act = () => new TmergeBuilder([new("a", 5, 5, true)]);
        act.Should().Throw<ArgumentException>().WithMessage("*Subject 'a': exit 5 <= entry 5*");
    }

    [Fact]
    public void Change_after_end_of_follow_up_is_named()
    {
        var act = () => new TmergeBuilder(Two).Tdc("x", [new("b", 51, 1)]);
        act.Should().Throw<ArgumentException>().WithMessage("*'x', subject 'b': time 51 is after the end of follow-up 50*");
    }

    [Fact]
    public void Unknown_subject_is_named()
    {
        var act = () => new TmergeBuilder(Two).CumTdc("n", [new("zz", 3)]);
        act.Should().Throw<ArgumentException>().WithMessage("*unknown subject 'zz' (time 3)*");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var act = () => new TmergeBuilder(Two).Tdc("x", [new("zz", 3, 1), new("a", 200, 1)]);
        act.Should().Throw<ArgumentException>().WithMessage("2 problem(s)*zz*200*");
    }

    [Fact]
    public void Conflicting_values_at_one_time_are_named()
    {
        var act = () => new TmergeBuilder(Two).Tdc("x", [new("a", 10, 1), new("a", 10, 2)]);
        act.Should().Throw<ArgumentException>().WithMessage("*subject 'a': time 10 has different values 1, 2*");
    }

    [Fact]
    public void Event_at_entry_is_rejected()
    {
        var act = () => new TmergeBuilder(Two).Event("r", [new("a", 0)]);
        act.Should().Throw<ArgumentException>().WithMessage("*subject 'a': event time 0 is at or before entry 0*");
    }

    [Fact]
    public void Duplicate_column_name_is_rejected()
    {
        var act = () => new TmergeBuilder(Two).Tdc("x", []).CumTdc("x", []);
        act.Should().Throw<ArgumentException>().WithMessage("*'x' was already added*");
    }

    [Fact]
    public void Overlapping_intervals_are_named()
    {
        var act = () => TimeDependentData.Create(["a", "a", "b"], [0, 25, 0], [30, 40, 10], [false, true, true]);
        act.Should().Throw<ArgumentException>().WithMessage("*Subject 'a': interval (25, 40] overlaps (0, 30]*");
    }

    [Fact]
    public void Gaps_are_allowed_and_clusters_follow_first_appearance()
    {
        var d = TimeDependentData.Create(["b", "a", "b"], [0, 0, 20], [10, 5, 30], [false, true, true]);
        d.Subjects.Should().Equal("b", "a");
        d.Cluster.Should().Equal(0, 1, 0);
        d.ToSurvivalData().IsCountingProcess.Should().BeTrue();
    }

    [Fact]
    public void Unknown_covariate_lists_the_known_ones()
    {
        var d = new TmergeBuilder(Two).Tdc("x", []).Build();
        var act = () => d.Covariate("q");
        act.Should().Throw<KeyNotFoundException>().WithMessage("*'q'*x*");
    }

    [Fact]
    public void SurvSplit_rejects_a_clashing_episode_name()
    {
        var d = new TmergeBuilder(Two).Tdc("x", []).Build();
        var act = () => SurvSplit.Split(d, [5], "x");
        act.Should().Throw<ArgumentException>().WithMessage("*'x'*");
    }

    [Fact]
    public void Tdc_splits_exactly_at_the_change_by_hand()
    {
        // a: (0,100] event, x becomes 1 at 40 → (0,40] x=0 no event, (40,100] x=1 event.
        var d = new TmergeBuilder([new("a", 0, 100, true)]).Tdc("x", [new("a", 40, 1)]).Build();
        d.Start.ToArray().Should().Equal(0, 40);
        d.Stop.ToArray().Should().Equal(40, 100);
        d.Event.ToArray().Should().Equal(false, true);
        d.Covariate("x").Should().Equal(0, 1);
    }

    [Fact]
    public void Indicator_tdc_is_0_before_the_first_time_and_1_after()
    {
        var d = new TmergeBuilder(Two).TdcIndicator("on", [new TimedEvent("a", 30), new TimedEvent("a", 60), new TimedEvent("b", 0)]).Build();
        d.Start.ToArray().Should().Equal(0, 30, 60, 0);
        d.Covariate("on").Should().Equal(0, 1, 1, 1);
        d.CovariateRows(["on"]).Select(r => r[0]).Should().Equal(0, 1, 1, 1);
    }

    [Fact]
    public void Right_censored_rows_split_from_zero_by_hand()
    {
        // (0, 12] event and (0, 5] censored, cut at 5 and 10: (0,5] (5,10] (10,12]* and (0,5]; episodes 1 2 3 and 1.
        var d = TimeDependentData.FromRightCensored(["a", "b"], [12, 5], [true, false],
            [new KeyValuePair<string, IReadOnlyList<double>>("age", [40, 70])]);
        var s = SurvSplit.Split(d, [10, 5], "ep");
        s.Start.ToArray().Should().Equal(0, 5, 10, 0);
        s.Stop.ToArray().Should().Equal(5, 10, 12, 5);
        s.Event.ToArray().Should().Equal(false, false, true, false);
        s.Covariate("age").Should().Equal(40, 40, 40, 70);
        s.Covariate("ep").Should().Equal(1, 2, 3, 1);
        s.Cluster.Should().Equal(0, 0, 0, 1);
    }
}

public class TimeDependentCreateTests
{
    [Fact]
    public void Unequal_lengths_are_rejected_with_the_lengths()
    {
        var act = () => TimeDependentData.Create(["a", "b"], [0, 0], [1], [true, false]);
        act.Should().Throw<ArgumentException>().WithMessage("*got 2, 2, 1, 2*");
    }

    [Fact]
    public void A_short_covariate_column_is_named()
    {
        var act = () => TimeDependentData.Create(["a", "b"], [0, 0], [1, 2], [true, false],
            [new KeyValuePair<string, IReadOnlyList<double>>("z", [1.0])]);
        act.Should().Throw<ArgumentException>().WithMessage("*Covariate 'z' has 1 values for 2 rows*");
    }

    [Fact]
    public void An_empty_interval_is_named_with_its_values()
    {
        var act = () => TimeDependentData.Create(["a"], [3], [3], [true]);
        act.Should().Throw<ArgumentException>().WithMessage("*Subject 'a', row 0: stop 3 <= start 3*");
    }
}
