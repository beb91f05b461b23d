using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// A Cox fit gives the same doubles, bit for bit, on one core and on two (issue #18): the parallel sweep sums fixed
/// segments in a fixed order. The data are large enough for several windows of segments, a time group longer than one
/// segment, strata, weights and a cluster (robust variance, which re-runs the sweep through the hazard table).
/// </summary>
public class CoxParallelismTests
{
    private static (SurvivalData Data, double[][] X) Data(int n, bool strata)
    {
        var rng = new Random(20261129);
        var x = new double[3][];
        for (int j = 0; j < 3; j++) x[j] = new double[n];
        var time = new double[n];
        var status = new bool[n];
        var weight = new double[n];
        var stratum = new string[n];
        var cluster = new string[n];
        for (int i = 0; i < n; i++)
        {
            x[0][i] = rng.NextDouble() - 0.5;
            x[1][i] = rng.Next(2);
            x[2][i] = Math.Round(rng.NextDouble() * 10, 1);
            double lp = 0.5 * x[0][i] - 0.3 * x[1][i] + 0.05 * x[2][i];
            // a third of the rows share one time (a group longer than a segment); the rest are nearly all distinct
            time[i] = i % 3 == 0 ? 50 : Math.Round(-Math.Log(1 - rng.NextDouble()) * 100 * Math.Exp(-lp), 3);
            status[i] = rng.NextDouble() < 0.7;
            weight[i] = 1 + rng.Next(3);
            stratum[i] = strata ? (i % 2 == 0 ? "a" : "b") : "a";
            cluster[i] = (i / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var data = SurvivalData.RightCensored(time, status, weight).WithCluster(cluster);
        return (strata ? data.WithStrata(stratum) : data, x);
    }

    private static CoxResult Fit(SurvivalData data, double[][] x, Ties ties, int cores)
    {
        using var limit = CoxParallelism.Limit(cores);
        return CoxModel.Fit(data, x, ["x1", "x2", "x3"], new CoxOptions { Ties = ties });
    }

    [Theory]
    [InlineData(Ties.Efron, false)]
    [InlineData(Ties.Breslow, false)]
    [InlineData(Ties.Efron, true)]
    public void One_core_and_two_give_identical_doubles(Ties ties, bool strata)
    {
        var (data, x) = Data(30_000, strata);
        var one = Fit(data, x, ties, 1);
        var two = Fit(data, x, ties, 2);
        one.Converged.Should().BeTrue();
        Bits(two.LogLik).Should().Be(Bits(one.LogLik));
        Bits(two.LogLikNull).Should().Be(Bits(one.LogLikNull));
        Bits(two.ScoreTest!.Statistic).Should().Be(Bits(one.ScoreTest!.Statistic));
        Bits(two.Concordance!.Value).Should().Be(Bits(one.Concordance!.Value));
        for (int j = 0; j < 3; j++)
        {
            var (a, b) = (one.Coefficients[j], two.Coefficients[j]);
            Bits(b.Estimate).Should().Be(Bits(a.Estimate), a.Name);
            Bits(b.StandardError).Should().Be(Bits(a.StandardError), a.Name);
            Bits(b.RobustStandardError!.Value).Should().Be(Bits(a.RobustStandardError!.Value), a.Name);
        }
        two.Iterations.Should().Be(one.Iterations);
    }

    [Fact]
    public void The_parallel_sweep_agrees_with_the_row_by_row_sweep()
    {
        // the counting-process form of the same rows (start = 0) takes the row-by-row path: same model, other order of sums
        var (data, x) = Data(30_000, false);
        var fit = Fit(data, x, Ties.Efron, 2);
        var counting = SurvivalData.CountingProcess(new double[data.Count], data.Time.ToArray(), data.Event.ToArray(), data.Weights.ToArray());
        var rowByRow = CoxModel.Fit(counting, x, ["x1", "x2", "x3"], new CoxOptions { Ties = Ties.Efron, Robust = false });
        fit.LogLik.Should().BeApproximately(rowByRow.LogLik, Math.Abs(rowByRow.LogLik) * 1e-12);
        for (int j = 0; j < 3; j++)
        {
            fit.Coefficients[j].Estimate.Should().BeApproximately(rowByRow.Coefficients[j].Estimate, 1e-10);
            fit.Coefficients[j].StandardError.Should().BeApproximately(rowByRow.Coefficients[j].StandardError, 1e-10);
        }
    }

    [Fact]
    public void The_radix_order_is_a_stable_sort_by_the_key()
    {
        var rng = new Random(7);
        var key = Enumerable.Range(0, 5000).Select(i => i % 5 == 0 ? Math.Round(rng.NextDouble() * 4 - 2) : rng.NextDouble() * 1e6 - 5e5).ToArray();
        key[3] = -0.0; key[4] = 0.0; key[5] = double.MaxValue; key[6] = -double.MaxValue; key[7] = double.Epsilon;
        RadixOrder.Descending(key).Should().Equal(Enumerable.Range(0, key.Length).OrderByDescending(i => key[i]).ThenBy(i => i));
        RadixOrder.Ascending(key).Should().Equal(Enumerable.Range(0, key.Length).OrderBy(i => key[i]).ThenBy(i => i));
        var (order, sorted) = RadixOrder.DescendingWithKeys(key);
        order.Should().Equal(RadixOrder.Descending(key));
        sorted.Should().Equal(order.Select(i => key[i] + 0.0)); // −0 comes back as +0
        var (rank, distinct) = RadixOrder.DenseRanks(key);
        var levels = key.Distinct().Order().ToList(); // Distinct: −0 and +0 are one value
        distinct.Should().Be(levels.Count);
        rank.Should().Equal(key.Select(k => levels.BinarySearch(k)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_radix_order_skips_only_bytes_in_which_no_two_keys_differ(int kind)
    {
        // whole days (most bytes equal), one repeated value, keys that differ only in the lowest or the highest byte
        var key = Enumerable.Range(0, 3000).Select(i => kind switch
        {
            0 => (double)((i * 7919) % 1500),
            1 => 42.0,
            2 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.5) + (i * 37) % 200),
            _ => (i % 2 == 0 ? -1 : 1) * Math.Pow(2, (i * 13) % 60 - 30),
        }).ToArray();
        RadixOrder.Descending(key).Should().Equal(Enumerable.Range(0, key.Length).OrderByDescending(i => key[i]).ThenBy(i => i));
        RadixOrder.DescendingWithKeys(key).Sorted.Should().Equal(key.OrderDescending());
        RadixOrder.DenseRanks(key).Distinct.Should().Be(key.Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Dense_ranks_by_buckets_are_the_ranks_of_the_sorted_distinct_values(int kind)
    {
        // linear predictors as a fit gives them (normal), with repeats, −0 and +0 among them, and values a few ulps apart
        var rng = new Random(11 + kind);
        var key = Enumerable.Range(0, 20_000).Select(_ =>
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2) * (kind == 2 ? 1e-3 : 1.5);
        }).ToArray();
        for (int i = 0; i < 500; i++) key[rng.Next(key.Length)] = key[rng.Next(key.Length)]; // repeats
        key[10] = -0.0; key[11] = 0.0; key[12] = 0.0;
        if (kind == 1)
            for (int i = 0; i < 50; i++) key[100 + i] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(0.25) + i % 7);
        var bucketed = RadixOrder.BucketRanks(key);
        bucketed.Should().NotBeNull("these keys are spread evenly enough for the bucket pass");
        var levels = key.Distinct().Order().ToList(); // Distinct: −0 and +0 are one value
        bucketed!.Value.Distinct.Should().Be(levels.Count);
        bucketed.Value.Rank.Should().Equal(key.Select(k => levels.BinarySearch(k)));
        RadixOrder.DenseRanks(key).Rank.Should().Equal(bucketed.Value.Rank);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Dense_ranks_give_way_to_the_radix_sort_when_buckets_would_crowd(int kind)
    {
        // a far outlier, few distinct values, an infinity, a NaN
        var rng = new Random(5);
        var key = Enumerable.Range(0, 10_000).Select(i => kind == 1 ? i % 3 : rng.NextDouble()).ToArray();
        key[77] = kind switch { 0 => 1e12, 2 => double.PositiveInfinity, 3 => double.NaN, _ => key[77] };
        RadixOrder.BucketRanks(key).Should().BeNull();
        if (kind == 3) return; // NaN has no rank to compare with
        var levels = key.Distinct().Order().ToList();
        var (rank, distinct) = RadixOrder.DenseRanks(key);
        distinct.Should().Be(levels.Count);
        rank.Should().Equal(key.Select(k => levels.BinarySearch(k)));
    }

    [Fact]
    public void The_sort_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => RadixOrder.Descending(new double[] { 3, 1, 2 }, cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void A_zero_weight_is_reported_as_before_when_the_copy_runs_in_blocks()
    {
        // two zero weights in different blocks of 65,536 rows: the one first in sorted order (the later time) is named
        int n = 150_000;
        var time = Enumerable.Range(0, n).Select(i => 1.0 + i % 1000).ToArray();
        var weight = Enumerable.Repeat(1.0, n).ToArray();
        weight[5] = 0; weight[140_999] = 0; // times 6 and 1000
        var data = SurvivalData.RightCensored(time, time.Select(t => t % 3 != 0).ToArray(), weight);
        double[][] x = [time.Select(t => t % 7).ToArray()];
        using var limit = CoxParallelism.Limit(2);
        var act = () => CoxModel.Fit(data, x, ["x"]);
        act.Should().Throw<ArgumentException>().WithMessage("Weight at index 140999 is 0; coxph requires weights > 0.*");
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
}
