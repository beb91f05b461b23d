using BenchmarkDotNet.Attributes;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// Kaplan–Meier and log-rank on 10^6 and 10^7 rows. The data are the same doubles that r/km_logrank_bench.R builds,
/// without a random number generator: time = 1 + ((i·7919) mod 10007)/10, event when (i·104729) mod 7 &lt; 5, group i mod 3.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class KaplanMeierBenchmarks
{
    private SurvivalData _data = null!;
    private string[] _groups = null!;

    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var time = new double[N];
        var evt = new bool[N];
        _groups = new string[N];
        string[] labels = ["0", "1", "2"];
        for (long i = 0; i < N; i++)
        {
            time[i] = 1.0 + (i * 7919L % 10007) / 10.0;
            evt[i] = i * 104729L % 7 < 5;
            _groups[i] = labels[i % 3];
        }
        _data = SurvivalData.RightCensored(time, evt);
    }

    [Benchmark(Description = "km: survfit(Surv(time, status) ~ 1)")]
    public KaplanMeierResult KaplanMeierFit() => KaplanMeier.Fit(_data);

    [Benchmark(Description = "logrank: survdiff(Surv(time, status) ~ group)")]
    public LogRankResult LogRankTest() => LogRank.Test(_data, _groups);
}
