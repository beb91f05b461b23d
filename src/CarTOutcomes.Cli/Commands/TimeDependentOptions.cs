using System.Globalization;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Cli.Commands;

/// <summary>Helpers of the commands that take (start, stop] rows with subject ids.</summary>
internal static class TimeDependentOptions
{
    /// <summary>A comma-separated list of finite times, e.g. <c>--times 6,12,24</c>.</summary>
    public static double[] Times(string value, string option)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new UsageException($"{option} needs at least one time.");
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t)
            ? t
            : throw new UsageException($"{option}: '{p}' is not a finite number.")).ToArray();
    }

    /// <summary>Runs an estimator, turning a subject's inconsistent rows into a message naming the file's rows.</summary>
    public static T Located<T>(string path, string idColumn, SurvivalTable table, Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (SubjectRowsException e)
        {
            throw MultiStateCsv.Located(e, path, idColumn, k => table.SourceRows[k], _ => 0);
        }
    }

    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
