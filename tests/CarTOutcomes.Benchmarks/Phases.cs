using System.Diagnostics;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// Where a Cox fit spends its time: <c>--phases ties n reps [--cores k]</c> runs the parts of <c>CoxModel.Fit</c>
/// one after the other on <see cref="BenchmarkData"/> (sorted design; one likelihood pass; the Newton–Raphson
/// iterations; linear predictors; concordance) and prints the median wall seconds of each over reps runs. A
/// diagnostic for performance work (docs/performance.md), not a measurement to compare with R.
/// </summary>
public static class Phases
{
    public static void Run(string[] args)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        bool efron = args[0] == "efron";
        int n = (int)double.Parse(args[1], inv);
        int reps = int.Parse(args[2], inv);
        int cores = args.Length > 4 && args[3] == "--cores" ? int.Parse(args[4], inv) : Environment.ProcessorCount;
        using var limit = CoxParallelism.Limit(cores);
        var (data, x, names) = BenchmarkData.Create(n);
        var o = new CoxOptions { Ties = efron ? Ties.Efron : Ties.Breslow };
        var times = new Dictionary<string, List<double>>();
        void Time(string name, Action a)
        {
            var sw = Stopwatch.StartNew();
            a();
            (times.TryGetValue(name, out var l) ? l : times[name] = []).Add(sw.Elapsed.TotalSeconds);
        }
        for (int r = 0; r < reps + 1; r++)
        {
            CoxDesign d = null!;
            NewtonRaphsonResult nr = null!;
            double[] lp = null!;
            Time("design", () => d = CoxDesign.Create(data, x, names, o));
            Time("one pass", () => NewtonRaphson.Evaluate(d, new double[d.P], efron));
            Time("newton", () => nr = NewtonRaphson.Run(d, null, efron, 20, 1e-9, 1e-9, IterationMonitor.None));
            Time("linear predictors", () => lp = d.LinearPredictors(nr.Beta));
            Time("dense ranks", () => RadixOrder.DenseRanks(lp));
            Time("dense ranks (radix)", () => RadixOrder.RadixRanks(lp));
            Time("concordance", () => CoxConcordance.Compute(d, lp));
            Time("whole fit", () => CoxModel.Fit(data, x, names, o));
            if (r == 0) times.Clear(); // the first round compiles
            else if (r == reps) Console.WriteLine(FormattableString.Invariant($"# iterations {nr.Iterations}"));
        }
        foreach (var (name, l) in times)
            Console.WriteLine(FormattableString.Invariant($"{name},{l.Order().ElementAt(l.Count / 2):F4},min {l.Min():F4}"));
    }
}
