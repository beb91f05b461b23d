namespace CarTOutcomes.Cli;

/// <summary>Entry point of the <c>cartoutcomes</c> command-line program.</summary>
public static class Program
{
    /// <summary>Runs the program; see <c>cartoutcomes --help</c>.</summary>
    public static int Main(string[] args) => CommandLineApp.Run(args, Console.Out, Console.Error);
}
