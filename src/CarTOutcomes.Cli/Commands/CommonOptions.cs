using System.CommandLine;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> Input() => new("--input", "-i")
    {
        Description = "CSV file with a header row (comma-separated, '.' decimal point, empty or NA for missing).",
        Required = true,
    };

    public static Option<string> Column(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object to standard output and nothing else.",
    };

    public static Option<string> ConfType()
    {
        var o = new Option<string>("--conf-type")
        {
            Description = "Confidence-interval scale for survival: log (R's default), log-log or plain.",
            DefaultValueFactory = _ => "log",
        };
        o.AcceptOnlyFromAmong("log", "log-log", "plain");
        return o;
    }

    public static Option<double> ConfLevel() => new("--conf-level")
    {
        Description = "Confidence level, strictly between 0 and 1.",
        DefaultValueFactory = _ => 0.95,
    };

    /// <summary>A comma-separated list of column names (at least one); spaces around names are ignored.</summary>
    public static string[] ColumnList(string value, string option)
    {
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new UsageException($"{option} needs at least one column name.");
        return names;
    }

    /// <summary>Refuses, before any work, an output folder option that names an existing file (exit 2, a sentence).</summary>
    public static void CheckOutputFolder(string? directory, string option)
    {
        if (directory is null) return;
        if (File.Exists(directory))
            throw new UsageException($"{option} '{directory}' is an existing file; give a folder to write into (it is created if needed).");
    }

    public static ConfidenceTransform ParseTransform(string s) => s switch
    {
        "log" => ConfidenceTransform.Log,
        "log-log" => ConfidenceTransform.LogLog,
        "plain" => ConfidenceTransform.Plain,
        _ => throw new UsageException($"--conf-type must be log, log-log or plain, not '{s}'."),
    };
}

/// <summary>A usage error found after parsing (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
