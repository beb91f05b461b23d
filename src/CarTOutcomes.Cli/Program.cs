namespace CarTOutcomes.Cli;

/// <summary>Entry point of the <c>cartoutcomes</c> command-line program.</summary>
public static class Program
{
    /// <summary>Runs the program; see <c>cartoutcomes --help</c>. Progress bars appear only when standard error is a terminal.</summary>
    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        // The first Ctrl+C asks the running command to stop (it then prints "cancelled", writes nothing and exits 130);
        // a second one ends the process at once.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        return CommandLineApp.Run(args, Console.Out, Console.Error, Console.IsErrorRedirected ? null : Console.Error, cancel.Token);
    }
}
