using System.CommandLine;
using System.Globalization;
using CarTOutcomes.Clinical.Model;
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
        var continueFrom = new Option<string?>("--continue-from")
        {
            Description = "Continue from a cohort that reconstruct made (e.g. data/cohort): moves that never lose an agreeing headline number and never lower " +
                          "the count of agreeing numbers; --seed and --iterations then set the continuation.",
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "With --continue-from: file saved after every 1000 moves; when it exists the run resumes from it (same cohort, seed and budget give the same result).",
        };
        var acceptance = new Option<string>("--acceptance")
        {
            Description = "With --continue-from: never-worse (no agreeing headline number lost, no count falling; the default) or headline-first " +
                          "(no agreeing headline number lost; other numbers may be traded on the way to one more headline number).",
            DefaultValueFactory = _ => "never-worse",
        };
        acceptance.AcceptOnlyFromAmong("never-worse", "headline-first");
        var slack = new Option<int>("--slack")
        {
            Description = "With --continue-from: how many agreeing numbers the chain may fall below the best state seen on its way (threshold accepting; " +
                          "never a headline number; the result is the best state seen). Default 0.",
            DefaultValueFactory = _ => 0,
        };
        var focusMoves = new Option<int>("--focus-moves")
        {
            Description = "With --continue-from: after the main moves, anneal each family of baseline values (an attribute, a searched value, the " +
                          "corticosteroids, ...) alone for this many moves on the targets it moves, keeping a result only when no count falls. Default 0 (none).",
            DefaultValueFactory = _ => 0,
        };
        var focusRounds = new Option<int>("--focus-rounds")
        {
            Description = "With --focus-moves: how many times the focused phase goes through its families. Default 1.",
            DefaultValueFactory = _ => 1,
        };
        var layout = new Option<string?>("--layout")
        {
            Description = "With --continue-from: a CSV of days (patient_id, last_contact_day, optional progression_day) put into the start cohort " +
                          "before the continuation (the constructive layer, e.g. docs/km-layout-feasibility.R's output).",
        };
        var assign = new Option<string[]>("--assign")
        {
            Description = "With --continue-from: a CSV of baseline values (patient_id, variable, value; e.g. docs/family-feasibility.R's output) put into the " +
                          "start cohort after the layout; may be given more than once.",
        };
        var cmd = new Command("reconstruct", "Builds a SYNTHETIC 56-patient cohort consistent with the study's published numbers (seeded simulated annealing).\n" +
                                             "Example: cartoutcomes reconstruct --seed 1 --out data/cohort")
        {
            seed, output, iterations, targets, continueFrom, checkpoint, acceptance, slack, focusMoves, focusRounds, layout, assign,
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
            if (parse.GetValue(continueFrom) is { } from) return Continue(parse, published, from, n, cancellationToken);
            if (parse.GetValue(checkpoint) is not null) throw new UsageException("--checkpoint needs --continue-from (stage 1 is not resumable; it takes about 11 minutes).");
            if (parse.GetResult(acceptance) is { Implicit: false } || parse.GetResult(slack) is { Implicit: false } || parse.GetResult(focusMoves) is { Implicit: false }
                || parse.GetResult(focusRounds) is { Implicit: false }
                || parse.GetValue(layout) is not null || parse.GetValue(assign) is { Length: > 0 })
                throw new UsageException("--acceptance, --slack, --focus-moves, --focus-rounds, --layout and --assign need --continue-from (stage 1 is a plain annealing).");
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
        int Continue(ParseResult parse, IReadOnlyList<CarTOutcomes.Clinical.Study.PublishedTarget> published, string from, int n, CancellationToken cancellationToken)
        {
            if (parse.GetValue(slack) < 0) throw new UsageException($"--slack must be at least 0, not {parse.GetValue(slack)}.");
            if (parse.GetValue(focusMoves) < 0) throw new UsageException($"--focus-moves must be at least 0, not {parse.GetValue(focusMoves)}.");
            if (parse.GetValue(focusRounds) < 1) throw new UsageException($"--focus-rounds must be at least 1, not {parse.GetValue(focusRounds)}.");
            var start = CohortCsv.Load(from);
            // The layout, then each assignment, put into the start cohort; a row the model cannot take is exit 2 naming it.
            Cohort Put(Cohort cohort, string option, string path, Func<Cohort, Cohort> apply)
            {
                try
                {
                    return apply(cohort);
                }
                catch (ReconstructionRowException e)
                {
                    throw new UsageException($"{option} {path}, row {e.Index + 1}: {e.Message}");
                }
                catch (InvalidDataException e)
                {
                    throw new UsageException($"--continue-from {from}: {e.Message}");
                }
            }
            if (parse.GetValue(layout) is { } layoutPath)
            {
                var rows = DayLayoutCsv.Load(layoutPath);
                start = Put(start, "--layout", layoutPath, c => CohortReconstruction.ApplyLayout(c, rows));
            }
            var assigned = parse.GetValue(assign) ?? [];
            foreach (var assignPath in assigned)
            {
                var rows = BaselineAssignmentCsv.Load(assignPath);
                start = Put(start, "--assign", assignPath, c => CohortReconstruction.ApplyAssignments(c, rows));
            }
            var options = new ContinuationOptions(parse.GetValue(seed), n)
            {
                Acceptance = parse.GetValue(acceptance) == "headline-first" ? ContinuationAcceptance.HeadlineFirst : ContinuationAcceptance.NeverWorse,
                Slack = parse.GetValue(slack),
                FocusMoves = parse.GetValue(focusMoves),
                FocusRounds = parse.GetValue(focusRounds),
            };
            string? checkpointPath = parse.GetValue(checkpoint);
            string? resume = checkpointPath is not null && File.Exists(checkpointPath) ? File.ReadAllText(checkpointPath) : null;
            if (resume is not null) context.Error.WriteLine($"resuming from {checkpointPath}");
            // The banner of the start cohort names the commands that made it; the continuation's is appended.
            string startCommand = StartCommand(from);
            var bar = new ProgressBar(context.Error);
            ReconstructionResult result;
            try
            {
                result = CohortReconstruction.Continue(published, start, options, resume, text =>
                {
                    if (checkpointPath is not null) AtomicFile.WriteAllText(checkpointPath, text);
                    // The checkpoint's comment line on the best state so far, under the progress bar.
                    if (text.Split('\n').FirstOrDefault(l => l.StartsWith("# best:", StringComparison.Ordinal)) is { } status)
                    {
                        context.Error.WriteLine();
                        context.Error.WriteLine($"  {status[2..].TrimEnd('\r')}");
                    }
                }, bar, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine();
                context.Error.WriteLine(checkpointPath is null ? "cancelled: nothing was written." : $"cancelled: nothing was written; the same command resumes from {checkpointPath}.");
                return CommandLineApp.Cancelled;
            }
            catch (InvalidDataException e)
            {
                throw new UsageException($"--continue-from {from}: {e.Message}");
            }
            bar.Finish();
            var dir = parse.GetValue(output)!;
            string command = $"{startCommand}, then cartoutcomes reconstruct --continue-from <that cohort>"
                             + (parse.GetValue(layout) is { } lp ? $" --layout {Path.GetFileName(lp)}" : "")
                             + string.Concat(assigned.Select(a => $" --assign {Path.GetFileName(a)}"))
                             + $" --seed {options.Seed} --iterations {n}"
                             + (options.Acceptance == ContinuationAcceptance.HeadlineFirst ? " --acceptance headline-first" : "")
                             + (options.Slack == 0 ? "" : $" --slack {options.Slack}")
                             + (options.FocusMoves == 0 ? "" : $" --focus-moves {options.FocusMoves}")
                             + (options.FocusMoves == 0 || options.FocusRounds == 1 ? "" : $" --focus-rounds {options.FocusRounds}");
            AtomicFolder.Write(dir, staging =>
            {
                CohortCsv.Write(result.Cohort, staging, $"SYNTHETIC patients consistent with the study's published summaries, not the study's patients ({command}).");
                File.WriteAllText(Path.Combine(staging, "README.md"), ContinuationReadme(result, command));
            });
            context.Out.WriteLine($"wrote {result.Cohort.Patients.Count} SYNTHETIC patients to {dir} (continued from {from}, seed {options.Seed}, {n} moves): " +
                                  $"{result.PublishedAgreeing} of {published.Count} published numbers agree (start: {result.StartPublishedAgreeing}), " +
                                  $"{result.HeadlineAgreeing} headline numbers (start: {result.StartHeadlineAgreeing}).");
            return 0;
        }
        return cmd;
    }

    /// <summary>The commands that made the cohort in <paramref name="dir"/>, read from its banner (the text in parentheses at the end of the first line of patients.csv).</summary>
    internal static string StartCommand(string dir)
    {
        string first = File.ReadLines(Path.Combine(dir, "patients.csv")).FirstOrDefault() ?? "";
        int open = first.IndexOf("(cartoutcomes", StringComparison.Ordinal);
        int close = first.LastIndexOf(')');
        return open >= 0 && close > open ? first[(open + 1)..close] : $"the cohort in {dir}";
    }

    internal static string ContinuationReadme(ReconstructionResult r, string command) => string.Create(CultureInfo.InvariantCulture, $"""
        # SYNTHETIC study cohort — not the study's patients

        **Every patient in this folder is synthetic.** These 56 patients were constructed by
        `{command}` to be consistent with the numbers
        published in the study paper (Tables 1-5, figure captions and text). They are not the study's patients and must not
        be used as clinical data. Patients of Tables 4 and 5 keep their printed ids (MSK7, MSK9, ...) and printed facts; all
        other patients are SYN01..SYN37 and every value not printed patient by patient was chosen by a seeded search.

        Method, objective and limits: `docs/reconstruction.md`. Check against the paper: `cartoutcomes reproduce`.

        {r.PublishedAgreeing} published numbers agree at the printed precision ({r.Agreeing} of the {r.Evaluated} followed targets with a formula;
        {r.HeadlineAgreeing} headline numbers), against {r.StartPublishedAgreeing} ({r.StartHeadlineAgreeing} headline) for the cohort the continuation
        started from (search cost {r.Objective:F3}).
        """);

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
