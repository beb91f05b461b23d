using BenchmarkDotNet.Running;

namespace CarTOutcomes.Benchmarks;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's switcher (e.g. <c>--filter *FineGray*</c>).</summary>
public static class Program
{
    /// <summary>Runs the selected benchmarks.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
