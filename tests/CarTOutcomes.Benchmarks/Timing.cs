using System.Diagnostics;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// Quick timings for compare-with-r.sh, beside R in one run: <c>--time task n reps</c> builds the data once, runs the
/// task reps times (a Cox fit after one untimed fit) and prints <c>task,n,median wall seconds,median CPU seconds</c> (CPU summed over threads). Tasks:
/// cox-efron, cox-breslow (CoxBenchmarks' data), finegray (FineGrayBenchmarks' data), cuminc (the same data's
/// time and status). <c>--cores k</c> at the end limits the Cox fit to k cores; <c>TIMING_EACH=1</c> also prints every
/// repetition on standard error. BenchmarkDotNet (the classes of this project) is the careful measurement; this is the one that
/// fits in the comparison script's time.
/// </summary>
public static class Timing
{
    public static void Run(string[] args)
    {
        string task = args[0];
        int n = (int)double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        int reps = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        int cores = args.Length > 4 && args[3] == "--cores" ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        using var limit = CoxParallelism.Limit(cores);
        Func<double> work = task switch
        {
            "cox-efron" or "cox-breslow" => Cox(n, task == "cox-efron" ? Ties.Efron : Ties.Breslow),
            "finegray" => FineGrayFit(n),
            "cuminc" => Cuminc(n),
            _ => throw new ArgumentException($"unknown task {task}"),
        };
        var wall = new List<double>();
        var cpu = new List<double>();
        double check = 0;
        // Cox fits: one untimed fit first, so that the timed ones measure the fit and not the compilation of its code
        // (with tiered compilation off, as the command line runs, the first call compiles every method fully)
        if (task.StartsWith("cox-", StringComparison.Ordinal)) work();
        for (int r = 0; r < reps; r++)
        {
            var process = Process.GetCurrentProcess();
            var c0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            check = work();
            sw.Stop();
            process.Refresh();
            wall.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((process.TotalProcessorTime - c0).TotalSeconds);
            if (Environment.GetEnvironmentVariable("TIMING_EACH") == "1") Console.Error.WriteLine(FormattableString.Invariant($"rep {r}: {wall[^1]:F4} s wall, {cpu[^1]:F4} s CPU"));
        }
        Console.WriteLine(FormattableString.Invariant($"{task},{n},{Median(wall):F4},{Median(cpu):F4},{check:R}"));
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static Func<double> Cox(int n, Ties ties)
    {
        var (data, x, names) = BenchmarkData.Create(n);
        return () => CoxModel.Fit(data, x, names, new CoxOptions { Ties = ties }).LogLik;
    }

    private static Func<double> FineGrayFit(int n)
    {
        var (data, x) = FineGrayBenchmarks.Generate(n);
        return () => FineGray.Fit(data, ["x1", "x2", "x3"], x).LogPseudoLikelihood;
    }

    private static Func<double> Cuminc(int n)
    {
        var (data, _) = FineGrayBenchmarks.Generate(n);
        return () => CumulativeIncidence.Fit(data).Curves.Count;
    }
}
