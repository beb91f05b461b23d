namespace CarTOutcomes.Cli;

/// <summary>Builds and runs the command tree (placeholder until the commands land).</summary>
public static class CommandLineApp
{
    /// <summary>Runs the program with the given arguments and output writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("usage: cartoutcomes <command> [options]");
        return args.Length == 0 ? 2 : 2;
    }
}
