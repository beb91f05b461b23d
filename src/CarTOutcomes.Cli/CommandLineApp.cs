using System.CommandLine;
using CarTOutcomes.Cli.Commands;
using CarTOutcomes.Cli.Progress;
using CarTOutcomes.IO.Files;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.Cli;

/// <summary>
/// Builds and runs the command tree. Exit codes: 0 success; 2 bad input or usage (the message names the file, row,
/// column and value); 1 an internal error (a bug: please report it).
/// </summary>
public static class CommandLineApp
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for an internal error.</summary>
    public const int InternalError = 1;

    /// <summary>Exit code for bad input or usage.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when a long operation was cancelled (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>Runs the program with the given arguments and output writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, null);

    /// <summary>
    /// Runs the program; progress bars for long work are drawn on <paramref name="terminal"/>, which must be null
    /// unless standard error is an interactive terminal (see <see cref="Program.Main"/>).
    /// </summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Standard output: results only.</param>
    /// <param name="stderr">Standard error: notes and errors.</param>
    /// <param name="terminal">Standard error when it is a terminal, else null (no progress bars).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextWriter? terminal) =>
        Run(args, stdout, stderr, terminal, CliContext.DefaultProgressThresholdBytes);

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter, TextWriter?)"/>; cancelling the token stops a long operation (exit code 130).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Standard output: results only.</param>
    /// <param name="stderr">Standard error: notes and errors.</param>
    /// <param name="terminal">Standard error when it is a terminal, else null (no progress bars).</param>
    /// <param name="cancellation">Cancelled on Ctrl+C by <see cref="Program.Main"/>.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextWriter? terminal, CancellationToken cancellation) =>
        Run(args, stdout, stderr, terminal, CliContext.DefaultProgressThresholdBytes, cancellation);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextWriter? terminal, long progressThresholdBytes,
        CancellationToken cancellation = default)
    {
        var context = new CliContext(stdout, stderr, terminal, progressThresholdBytes, cancellation);
        var root = new RootCommand("cartoutcomes: survival analysis of CAR T-cell therapy cohorts (Kaplan-Meier, log-rank, Cox, competing risks, parametric and cure models), agreeing with R.\n" +
                                   "Exit codes: 0 success, 2 bad input or usage, 1 internal error, 130 cancelled.")
        {
            KmCommand.Create(context),
            LogRankCommand.Create(context),
            MultiStateCommand.Create(context),
            CoxCommand.Create(context),
            CompetingRisksCommands.CumInc(context),
            CompetingRisksCommands.FineGrayCmd(context),
            ParametricCommand.Create(context),
            ReproduceCommand.Create(context),
            ReportCommand.Create(context),
            ReconstructCommand.Create(context),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("Run 'cartoutcomes --help' for usage.");
            return BadInput;
        }
        try
        {
            // Ctrl+C is handled by Program.Main through the context's token (System.CommandLine's own handler is off).
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e) when (Unwrap(e) is DataValidationException or UsageException or OutputException or ArgumentException)
        {
            stderr.WriteLine($"error: {UserMessage(Unwrap(e))}");
            return BadInput;
        }
        catch (Exception e) when (Unwrap(e) is OperationCanceledException && cancellation.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled: nothing was written.");
            return Cancelled;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error: {Unwrap(e).GetType().Name}: {Unwrap(e).Message}");
            return InternalError;
        }
    }

    /// <summary>
    /// The message for the user, without the .NET text an <see cref="ArgumentException"/> adds: the
    /// " (Parameter 'data')" suffix and the "Actual value was NaN." line.
    /// </summary>
    internal static string UserMessage(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name }) message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        var lines = message.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.StartsWith("Actual value was ", StringComparison.Ordinal));
        return string.Join(Environment.NewLine, lines).TrimEnd();
    }

    private static Exception Unwrap(Exception e) =>
        e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
}

/// <summary>Output writers shared by the commands.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TextWriter? terminal = null,
    long progressThresholdBytes = CliContext.DefaultProgressThresholdBytes, CancellationToken cancellation = default)
{
    /// <summary>Cancelled when the user presses Ctrl+C (set up by <see cref="Program.Main"/>).</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>
    /// Runs a computation that does not watch the Ctrl+C token itself (a Kaplan–Meier or cumulative-incidence fit of
    /// millions of rows takes seconds) so that Ctrl+C still stops the command at once: the work runs on a worker
    /// thread and waiting for it ends with an <see cref="OperationCanceledException"/> as soon as the token is
    /// cancelled (the command then prints "cancelled" and exits 130, and the abandoned work ends with the process).
    /// Exceptions of the work are rethrown as they are.
    /// </summary>
    public T Cancellable<T>(Func<T> work)
    {
        Cancellation.ThrowIfCancellationRequested();
        if (!Cancellation.CanBeCanceled) return work();
        var task = Task.Run(work);
        try
        {
            task.Wait(Cancellation);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return task.Result;
    }

    /// <summary>Files smaller than this (16 MiB, read in well under a second) get no progress bar.</summary>
    public const long DefaultProgressThresholdBytes = 16L << 20;

    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>A progress bar for reading <paramref name="path"/> when it is large and standard error is a terminal; else null.</summary>
    public ConsoleProgressBar? ProgressFor(string path)
    {
        if (terminal is null) return null;
        var file = new FileInfo(path);
        return file.Exists && file.Length >= progressThresholdBytes ? new ConsoleProgressBar(terminal) : null;
    }

    /// <summary>Says on standard error how many rows R's na.omit would drop.</summary>
    public void ReportDropped(SurvivalTable table) => ReportDropped(table.DroppedRows);

    /// <summary>Says on standard error that the event column was read with R's 1/2 coding.</summary>
    public void ReportStatusCoding(SurvivalTable table) => ReportStatusCoding(table.EventCodedOneTwo);

    /// <summary>Says on standard error that the event column was read with R's 1/2 coding, when it was.</summary>
    public void ReportStatusCoding(bool eventCodedOneTwo)
    {
        if (eventCodedOneTwo)
            Error.WriteLine("note: the event column is coded 1/2; 2 was taken as the event and 1 as censored (R's rule).");
    }

    /// <summary>Says on standard error which 1-based data rows were dropped for missing values.</summary>
    public void ReportDropped(IReadOnlyList<int> dropped)
    {
        if (dropped.Count == 0) return;
        var shown = string.Join(", ", dropped.Take(10));
        Error.WriteLine($"note: {dropped.Count} row(s) dropped for missing values in the columns used (rows {shown}{(dropped.Count > 10 ? ", ..." : "")}).");
    }
}
