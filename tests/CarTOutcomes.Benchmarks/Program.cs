using BenchmarkDotNet.Running;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/CarTOutcomes.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // "--once-parametric N": one Weibull AFT fit on the benchmark rows, its time, log-likelihood and iterations
        // (to compare the log-likelihood with r/survreg_bench.R's).
        if (args.Length == 2 && args[0] == "--once-parametric")
        {
            var (data, x, names) = BenchmarkData.Create(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var fit = ParametricModel.Fit(data, Covariates.Create(names, x), new ParametricOptions(ParametricDistribution.Weibull));
            Console.WriteLine(FormattableString.Invariant($"weibull_aft,{data.Count},{sw.Elapsed.TotalSeconds:F3},{fit.LogLik:F6},{fit.Iterations}"));
            return;
        }
        if (args.Length > 0 && args[0] == "--time") Timing.Run(args[1..]);
        else if (args.Length > 0 && args[0] == "--phases") Phases.Run(args[1..]);
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
