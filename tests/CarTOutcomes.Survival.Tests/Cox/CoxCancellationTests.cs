using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// Issue 15: CoxModel.Fit notices cancellation before it sorts its rows and inside the sort (the radix sort checks the
/// token before every pass: <see cref="CoxParallelismTests.The_sort_honours_cancellation"/>), not only between iterations.
/// </summary>
public class CoxCancellationTests
{
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
