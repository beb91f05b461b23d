using System.Diagnostics;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>Issue 15: CoxModel.Fit notices cancellation inside the sort of its rows, not only between iterations.</summary>
public class CancellableSortTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(CancellableSort.Block)]
    [InlineData(3 * CancellableSort.Block + 17)]
    public void Sorts_as_Array_Sort(int n)
    {
        var rng = new Random(15);
        var keys = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 1000, 1)).ToArray();
        var items = Enumerable.Range(0, n).ToArray();
        var expected = (double[])keys.Clone();
        Array.Sort(expected);
        using var cts = new CancellationTokenSource();
        CancellableSort.Sort(keys, items, cts.Token);
        keys.Should().Equal(expected);
        items.Distinct().Count().Should().Be(n, "each item is kept once");
    }

    [Fact]
    public void Cancellation_is_noticed_between_blocks_well_before_the_sort_ends()
    {
        const int n = 4 * CancellableSort.Block;
        double[] Keys() { var r = new Random(1); return Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray(); }
        var whole = Stopwatch.StartNew();
        CancellableSort.Sort(Keys(), Enumerable.Range(0, n).ToArray(), new CancellationTokenSource().Token);
        whole.Stop();
        var keys = Keys();
        using var cts = new CancellationTokenSource();
        var timer = Stopwatch.StartNew();
        cts.CancelAfter(TimeSpan.FromTicks(Math.Max(1, whole.Elapsed.Ticks / 10)));
        var act = () => CancellableSort.Sort(keys, Enumerable.Range(0, n).ToArray(), cts.Token);
        act.Should().Throw<OperationCanceledException>();
        timer.Stop();
        timer.Elapsed.Should().BeLessThan(whole.Elapsed, $"a whole sort takes {whole.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void A_cancelled_token_stops_CoxModel_Fit_before_any_iteration()
    {
        var data = SurvivalData.RightCensored([1.0, 2, 3, 4], [true, false, true, true]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => CoxModel.Fit(data, [new double[] { 0, 1, 0, 1 }], ["x"], null, cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }
}
