using CarTOutcomes.Cli;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLineApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a fresh CSV file in <paramref name="scratch"/> (a test's scratch folder,
    /// <see cref="ScratchTests.Scratch"/>, deleted when the test ends) and returns its path.
    /// </summary>
    public static string TempCsv(TempDir scratch, string content)
    {
        var path = scratch.File($"cartoutcomes-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
