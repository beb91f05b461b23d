using BenchmarkDotNet.Attributes;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// Cox fits of n rows and 10 covariates, Efron and Breslow. The data come from integer arithmetic only, so that
/// r/cox_bench.R builds the same rows in R (see that script and docs/performance.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class CoxBenchmarks
{
    private SurvivalData _data = null!;
    private double[][] _x = null!;
    private string[] _names = null!;

    /// <summary>Number of rows.</summary>
    [Params(100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Tie handling.</summary>
    [Params(Ties.Efron, Ties.Breslow)]
    public Ties Ties { get; set; }

    /// <summary>Builds the data once per parameter set.</summary>
    [GlobalSetup]
    public void Setup() => (_data, _x, _names) = BenchmarkData.Create(N);

    /// <summary>One full fit (R: <c>coxph(Surv(time, status) ~ ., ties = ...)</c>).</summary>
    [Benchmark]
    public double Fit() => CoxModel.Fit(_data, _x, _names, new CoxOptions { Ties = Ties }).LogLik;
}

/// <summary>The benchmark data set; r/cox_bench.R has the same formulas.</summary>
public static class BenchmarkData
{
    private static readonly long[] Mult = [7919, 104723, 3571, 65537, 49157, 12289, 24593, 786433, 6151, 196613];
    private static readonly long[] Mod = [1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061];
    private static readonly double[] Beta = [0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0, 0.15, -0.1, 0.25];

    /// <summary>
    /// Row i = 1…n: x_j = ((i·a_j + 17j) mod m_j)/m_j − 0.5; u = ((i·40503) mod 65521 + 1)/65522;
    /// time = ceiling(1000·u·exp(−Σ β_j x_j)); status = 1 when (i·104729) mod 10 &lt; 7.
    /// </summary>
    public static (SurvivalData Data, double[][] X, string[] Names) Create(int n)
    {
        var x = new double[10][];
        for (int j = 0; j < 10; j++) x[j] = new double[n];
        var time = new double[n];
        var status = new bool[n];
        for (int k = 0; k < n; k++)
        {
            long i = k + 1;
            double lp = 0;
            for (int j = 0; j < 10; j++)
            {
                x[j][k] = (double)((i * Mult[j] + 17 * j) % Mod[j]) / Mod[j] - 0.5;
                lp += Beta[j] * x[j][k];
            }
            double u = ((i * 40503) % 65521 + 1) / 65522.0;
            time[k] = Math.Ceiling(1000 * u * Math.Exp(-lp));
            status[k] = (i * 104729) % 10 < 7;
        }
        return (SurvivalData.RightCensored(time, status), x, Enumerable.Range(1, 10).Select(j => $"x{j}").ToArray());
    }
}
