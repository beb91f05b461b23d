using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.Tests.TimeDependent;

/// <summary>Splitting never changes how long anyone was followed nor how many outcome events occurred.</summary>
public class TimeDependentPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Follow_up_time_and_events_are_preserved(int seed)
    {
        var rng = new Random(seed);
        var subjects = Enumerable.Range(0, 30).Select(i =>
        {
            double entry = rng.Next(0, 3) == 0 ? rng.Next(1, 20) : 0;
            return new SubjectFollowUp($"p{i}", entry, entry + 1 + rng.Next(0, 400) + 0.5 * rng.Next(0, 2), rng.Next(2) == 1);
        }).ToArray();
        var changes = subjects.SelectMany(s => Enumerable.Range(0, rng.Next(0, 4))
            .Select(_ => new TimedValue(s.Id, Math.Floor(s.Entry - 5 + rng.NextDouble() * (s.Exit - s.Entry + 5)), rng.Next(0, 3))))
            .GroupBy(v => (v.Id, v.Time)).Select(g => g.First()).ToArray();
        var events = subjects.SelectMany(s => Enumerable.Range(0, rng.Next(0, 3))
            .Select(_ => new TimedEvent(s.Id, s.Entry + 0.5 + Math.Floor(rng.NextDouble() * (s.Exit - s.Entry - 0.5))))).ToArray();

        var d = new TmergeBuilder(subjects).Tdc("x", changes).CumTdc("n", events).Event("r", events).Build();
        double expectedTime = subjects.Sum(s => s.Exit - s.Entry);
        int expectedEvents = subjects.Count(s => s.Event);
        d.TotalTime.Should().BeApproximately(expectedTime, 1e-9 * expectedTime);
        d.EventCount.Should().Be(expectedEvents);
        d.Covariate("r").Sum().Should().Be(events.Length, "every occurrence lands on exactly one row end");

        var split = SurvSplit.Split(d, [30, 90.5, 180, 365], "ep");
        split.TotalTime.Should().BeApproximately(expectedTime, 1e-9 * expectedTime);
        split.EventCount.Should().Be(expectedEvents);
        split.Count.Should().BeGreaterThanOrEqualTo(d.Count);
        // a re-validation of the output: no overlaps, stop > start everywhere
        var again = TimeDependentData.Create(split.SubjectIds, split.Start.ToArray(), split.Stop.ToArray(), split.Event.ToArray());
        again.Subjects.Should().Equal(subjects.Select(s => s.Id));
    }
}
