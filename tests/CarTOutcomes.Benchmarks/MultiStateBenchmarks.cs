using BenchmarkDotNet.Attributes;
using CarTOutcomes.Survival.MultiState;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// The multi-state Aalen–Johansen estimator on 10^5 and 10^6 transitions, estimate only (R: <c>se.fit = FALSE</c>);
/// checks and sorting of the rows included, as R's survfit includes survcheck. The data are those of
/// r/multistate_bench.R, built without a random number generator (see <see cref="Build"/>).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class MultiStateBenchmarks
{
    private MultiStateInput _input = null!;

    /// <summary>Number of transitions.</summary>
    [Params(100_000, 1_000_000)]
    public int Transitions { get; set; }

    [GlobalSetup]
    public void Setup() => _input = Build(Transitions);

    /// <summary>
    /// Subject i (0-based; Transitions / 2.5 subjects) makes 1 + i mod 4 transitions from the initial state (s0): to b,
    /// then alternately a and b, except that the last transition of a subject with i mod 3 = 0 is to the absorbing
    /// state c; other subjects end with a censored row. The j-th row lasts 1 + ((7919 i + 104729 j) mod 997) / 10 time units; times are sums of
    /// tenths, divided by 10 once, so that R and C# hold the same doubles.
    /// </summary>
    public static MultiStateInput Build(int transitions)
    {
        int subjects = (int)(transitions / 2.5);
        var ids = new List<string>();
        var start = new List<double>();
        var stop = new List<double>();
        var state = new List<string?>();
        for (int i = 0; i < subjects; i++)
        {
            int k = 1 + i % 4;
            bool absorbed = i % 3 == 0;
            int rows = absorbed ? k : k + 1;
            long tenths = 0;
            string current = "a";
            string id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (int j = 0; j < rows; j++)
            {
                long next = tenths + 10 + (7919L * i + 104729L * j) % 997;
                string? to = j >= k ? null : absorbed && j == k - 1 ? "c" : current == "a" ? "b" : "a";
                ids.Add(id);
                start.Add(tenths / 10.0);
                stop.Add(next / 10.0);
                state.Add(to);
                if (to is not null) current = to;
                tenths = next;
            }
        }
        return new MultiStateInput(ids.ToArray(), start.ToArray(), stop.ToArray(), state.ToArray());
    }

    [Benchmark(Description = "multistate: survfit(Surv(tstart, tstop, state) ~ 1, id = id, se.fit = FALSE)")]
    public MultiStateResult EstimateOnly() => MultiStateAalenJohansen.Fit(
        MultiStateData.Create(_input.Ids, _input.Start, _input.Stop, _input.State), new MultiStateOptions(StandardErrors: false));

}

/// <summary>
/// The multi-state Aalen–Johansen estimator with its infinitesimal-jackknife standard errors on 10^5 transitions
/// (O(subjects · transition times), as R's survfitci.c; r/multistate_bench.R times R on the same data).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class MultiStateStandardErrorBenchmarks
{
    private MultiStateInput _input = null!;

    /// <summary>Number of transitions.</summary>
    [Params(100_000)]
    public int Transitions { get; set; }

    [GlobalSetup]
    public void Setup() => _input = MultiStateBenchmarks.Build(Transitions);

    [Benchmark(Description = "multistate: survfit(Surv(tstart, tstop, state) ~ 1, id = id) with standard errors")]
    public MultiStateResult WithStandardErrors() =>
        MultiStateAalenJohansen.Fit(MultiStateData.Create(_input.Ids, _input.Start, _input.Stop, _input.State));
}

/// <summary>The rows of a benchmark data set.</summary>
/// <param name="Ids">Subject of each row.</param>
/// <param name="Start">Row start times.</param>
/// <param name="Stop">Row stop times.</param>
/// <param name="State">State entered at stop, or null.</param>
public sealed record MultiStateInput(string[] Ids, double[] Start, double[] Stop, string?[] State);
