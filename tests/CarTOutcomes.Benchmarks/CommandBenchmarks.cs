using BenchmarkDotNet.Attributes;
using CarTOutcomes.Cli;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// Reading the 10^6-row Cox benchmark file (time, status, x1…x10; 80 MB) and the whole <c>cox</c> and <c>km</c>
/// commands on it, in process. The file is made by r/make_cox_csv.R; set CARTOUTCOMES_BENCH_CSV to its path
/// (compare-with-r.sh does). Whole processes, start-up included, are timed by compare-with-r.sh.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class CommandBenchmarks
{
    private static readonly string[] Covariates = Enumerable.Range(1, 10).Select(j => $"x{j}").ToArray();
    private string _file = "";

    /// <summary>Finds the file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _file = Environment.GetEnvironmentVariable("CARTOUTCOMES_BENCH_CSV") ?? "/tmp/cartoutcomes-cox-1e6.csv";
        if (!File.Exists(_file)) throw new FileNotFoundException("Make it with: Rscript r/make_cox_csv.R 1e6 " + _file, _file);
    }

    /// <summary>The parse: the twelve columns into arrays, every value checked.</summary>
    [Benchmark]
    public int Parse() => SurvivalCsv.Load(_file, new SurvivalColumns("time", "status", Covariates: Covariates)).Data.Count;

    /// <summary><c>cartoutcomes cox --json</c> (Efron, 10 covariates): read, fit, write.</summary>
    [Benchmark]
    public int CoxCommand() => CommandLineApp.Run(["cox", "--input", _file, "--time", "time", "--event", "status",
        "--covariates", string.Join(",", Covariates), "--json"], TextWriter.Null, TextWriter.Null);

    /// <summary><c>cartoutcomes km --json</c>: read, fit, write.</summary>
    [Benchmark]
    public int KmCommand() => CommandLineApp.Run(["km", "--input", _file, "--time", "time", "--event", "status", "--json"],
        TextWriter.Null, TextWriter.Null);
}
