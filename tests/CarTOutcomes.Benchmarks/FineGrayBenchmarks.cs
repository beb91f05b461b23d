using BenchmarkDotNet.Attributes;
using CarTOutcomes.Survival.CompetingRisks;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// Fine–Gray fits (three covariates, cause 1, 0 = censored) at n = 10^4, 10^5, 10^6. The data come from a
/// deterministic formula that r/crr_bench.R repeats, so the same fit can be timed with cmprsk::crr.
/// </summary>
[MemoryDiagnoser]
public class FineGrayBenchmarks
{
    private CompetingRisksData _data = null!;
    private double[][] _x = null!;

    /// <summary>Number of rows.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the data set.</summary>
    [GlobalSetup]
    public void Setup() => (_data, _x) = Generate(N);

    /// <summary>
    /// Row i = 1..n: u_k = frac(i·a_k) for four irrational a_k; x1 = u2 − 0.5, x2 = i mod 2, x3 = u3;
    /// time = round(−log(1 − u1)·exp(−0.5·x1), 4) (ties from rounding); status = floor(3·u4) ∈ {0, 1, 2}.
    /// </summary>
    public static (CompetingRisksData Data, double[][] X) Generate(int n)
    {
        var time = new double[n];
        var status = new int[n];
        var x = new[] { new double[n], new double[n], new double[n] };
        for (int i = 1; i <= n; i++)
        {
            double u1 = Frac(i * 0.6180339887498949), u2 = Frac(i * 0.7548776662466927);
            double u3 = Frac(i * 0.5698402909980532), u4 = Frac(i * 0.3247179572447460);
            x[0][i - 1] = u2 - 0.5;
            x[1][i - 1] = i % 2;
            x[2][i - 1] = u3;
            time[i - 1] = Math.Round(-Math.Log(1 - u1) * Math.Exp(-0.5 * x[0][i - 1]), 4, MidpointRounding.ToEven);
            status[i - 1] = (int)Math.Floor(3 * u4);
        }
        return (CompetingRisksData.Create(time, status), x);
    }

    private static double Frac(double v) => v - Math.Floor(v);

    /// <summary>crr's fit: coefficients, sandwich variance and null likelihood.</summary>
    [Benchmark]
    public FineGrayResult Fit() => FineGray.Fit(_data, ["x1", "x2", "x3"], _x);
}
