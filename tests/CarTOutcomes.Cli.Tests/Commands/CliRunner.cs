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
    /// Writes <paramref name="content"/> to a fresh CSV file in the test process's scratch folder (deleted when the
    /// process exits, <see cref="TempDir.Session"/>) and returns its path.
    /// </summary>
    public static string TempCsv(string content)
    {
        var path = TempDir.Session.File($"cartoutcomes-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
