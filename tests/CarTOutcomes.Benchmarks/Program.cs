using BenchmarkDotNet.Running;

namespace CarTOutcomes.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/CarTOutcomes.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--time") Timing.Run(args[1..]);
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
