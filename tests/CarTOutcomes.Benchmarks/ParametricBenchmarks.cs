using BenchmarkDotNet.Attributes;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// A Weibull accelerated failure time fit with 10 covariates on n rows (the data of <see cref="BenchmarkData"/>);
/// r/survreg_bench.R times R's <c>survreg(Surv(time, status) ~ ., dist = "weibull")</c> on the same rows.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class ParametricBenchmarks
{
    private SurvivalData _data = null!;
    private Covariates _x = null!;

    /// <summary>Number of rows.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the data once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (data, x, names) = BenchmarkData.Create(N);
        _data = data;
        _x = Covariates.Create(names, x);
    }

    /// <summary>One full fit (R: <c>survreg(Surv(time, status) ~ ., dist = "weibull")</c>).</summary>
    [Benchmark]
    public double WeibullAft() => ParametricModel.Fit(_data, _x, new ParametricOptions(ParametricDistribution.Weibull)).LogLik;
}
