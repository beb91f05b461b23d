using System.CommandLine;
using System.Globalization;
using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Files;
using CarTOutcomes.IO.Study;

namespace CarTOutcomes.Cli.Commands;

/// <summary><c>cartoutcomes reconstruct</c>: rebuilds the synthetic study cohort deterministically from a seed.</summary>
internal static class ReconstructCommand
{
    /// <summary>Default number of annealing moves (a few minutes on one core).</summary>
    public const int DefaultIterations = 100000;

    public static Command Create(CliContext context)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the search; the same seed and budget give byte-identical files.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder to (re)write.", DefaultValueFactory = _ => "data/cohort" };
        var iterations = new Option<int>("--iterations") { Description = "Annealing moves (budget).", DefaultValueFactory = _ => DefaultIterations };
        var targets = new Option<string>("--targets") { Description = "Published targets CSV.", DefaultValueFactory = _ => "data/published/targets.csv" };
        var cmd = new Command("reconstruct", "Builds a SYNTHETIC 56-patient cohort consistent with the study's published numbers (seeded simulated annealing).\n" +
                                             "Example: cartoutcomes reconstruct --seed 1 --out data/cohort")
        {
            seed, output, iterations, targets,
        };
        cmd.SetAction((parse, cancellationToken) =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Cancellation);
            return Task.FromResult(Run(parse, linked.Token));
        });
        int Run(ParseResult parse, CancellationToken cancellationToken)
        {
            int n = parse.GetValue(iterations);
            if (n < 0) throw new UsageException($"--iterations must be at least 0, not {n}.");
            CommonOptions.CheckOutputFolder(parse.GetValue(output), "--out");
            var published = PublishedTargetsCsv.Load(parse.GetValue(targets)!);
            var options = new ReconstructionOptions(parse.GetValue(seed), n);
            var bar = new ProgressBar(context.Error);
            ReconstructionResult result;
            try
            {
                result = CohortReconstruction.Run(published, options, bar, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine();
                context.Error.WriteLine("cancelled: nothing was written.");
                return CommandLineApp.Cancelled;
            }
            bar.Finish();
            var dir = parse.GetValue(output)!;
            // The nine files and the README at once or not at all: on any failure the previous cohort stays as it was.
            AtomicFolder.Write(dir, staging =>
            {
                CohortCsv.Write(result.Cohort, staging, $"SYNTHETIC patients consistent with the study's published summaries, not the study's patients (cartoutcomes reconstruct --seed {options.Seed} --iterations {n}).");
                File.WriteAllText(Path.Combine(staging, "README.md"), Readme(result));
            });
            context.Out.WriteLine($"wrote {result.Cohort.Patients.Count} SYNTHETIC patients to {dir} (seed {options.Seed}, {n} moves): " +
                                  $"{result.Agreeing} of {result.Evaluated} followed, evaluable targets agree.");
            return 0;
        }
        return cmd;
    }

    internal static string Readme(ReconstructionResult r) => string.Create(CultureInfo.InvariantCulture, $"""
        # SYNTHETIC study cohort — not the study's patients

        **Every patient in this folder is synthetic.** These 56 patients were constructed by
        `cartoutcomes reconstruct --seed {r.Options.Seed} --iterations {r.Options.Iterations}` to be consistent with the numbers
        published in the study paper (Tables 1-5, figure captions and text). They are not the study's patients and must not
        be used as clinical data. Patients of Tables 4 and 5 keep their printed ids (MSK7, MSK9, ...) and printed facts; all
        other patients are SYN01..SYN37 and every value not printed patient by patient was chosen by a seeded search.

        Method, objective and limits: `docs/reconstruction.md`. Check against the paper: `cartoutcomes reproduce`.

        At this seed and budget, {r.Agreeing} of the {r.Evaluated} followed targets with a formula agree at the printed precision
        (search objective {r.Objective:F3}).
        """);

    /// <summary>A text progress bar on standard error.</summary>
    private sealed class ProgressBar(TextWriter error) : IProgress<double>
    {
        private int _shown = -1;

        public void Report(double value)
        {
            int pct = (int)Math.Floor(Math.Clamp(value, 0, 1) * 100);
            if (pct == _shown) return;
            _shown = pct;
            int filled = pct / 5;
            error.Write($"\rreconstructing [{new string('#', filled)}{new string('.', 20 - filled)}] {pct,3}%");
        }

        public void Finish() => error.WriteLine();
    }
}
