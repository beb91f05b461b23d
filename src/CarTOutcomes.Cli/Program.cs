namespace CarTOutcomes.Cli;

/// <summary>Entry point of the <c>cartoutcomes</c> command-line program.</summary>
public static class Program
{
    /// <summary>Runs the program; see <c>cartoutcomes --help</c>. Progress bars appear only when standard error is a terminal.</summary>
    public static int Main(string[] args) =>
        CommandLineApp.Run(args, Console.Out, Console.Error, Console.IsErrorRedirected ? null : Console.Error);
}
