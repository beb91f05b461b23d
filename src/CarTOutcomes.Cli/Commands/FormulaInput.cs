using System.CommandLine;
using System.Globalization;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Cli.Commands;

/// <summary>The <c>--formula</c> and <c>--times</c> options and reading a CSV for a formula.</summary>
internal static class FormulaInput
{
    public static Option<string> Option(string example) => new("--formula", "-f")
    {
        Description = $"An R model formula, e.g. \"{example}\". Text columns are factors; rows with a missing value in a variable used are dropped. Replaces the column flags.",
    };

    public static Option<string> Times() => new("--times")
    {
        Description = "Comma-separated times at which to summarise each curve (R: summary(fit, times = ...)).",
    };

    /// <summary>The parsed formula, or null when the flags are used; the flags named must then be present.</summary>
    public static Formula? Parse(ParseResult parse, Option<string> formula, params (Option<string> Option, string Name)[] required)
    {
        var text = parse.GetValue(formula);
        if (text is null)
        {
            var missing = required.Where(r => parse.GetValue(r.Option) is null).Select(r => r.Name).ToArray();
            if (missing.Length > 0)
                throw new UsageException($"give --formula, or the column options {string.Join(" and ", missing)}.");
            return null;
        }
        var given = required.Where(r => parse.GetValue(r.Option) is not null).Select(r => r.Name).ToArray();
        if (given.Length > 0)
            throw new UsageException($"--formula replaces {string.Join(", ", given)}: give one or the other.");
        return Formula.Parse(text);
    }

    /// <summary>Reads the columns the formula uses (plus extra columns) from the CSV file.</summary>
    public static ModelData Load(CliContext context, string path, Formula formula, params string?[] extra)
    {
        context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C before reading: nothing is read or written
        using var bar = context.ProgressFor(path);
        return context.Cancellable(() => ModelDataCsv.Load(path, formula, extra, bar, context.Cancellation));
    }

    /// <summary>Reads the columns the formula uses (plus extra columns), keeping each row's line for messages.</summary>
    public static ModelDataFile Read(CliContext context, string path, Formula formula, params string?[] extra)
    {
        context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C before reading: nothing is read or written
        using var bar = context.ProgressFor(path);
        return context.Cancellable(() => ModelDataCsv.Read(path, formula, extra, bar, context.Cancellation));
    }

    /// <summary>Says on standard error how many rows the formula's na.omit dropped, and how the status was read.</summary>
    public static void Report(CliContext context, ModelFrame frame, int rowCount)
    {
        var used = new HashSet<int>(frame.RowsUsed);
        context.ReportDropped(Enumerable.Range(0, rowCount).Where(i => !used.Contains(i)).Select(i => i + 1).ToArray());
        if (frame.StatusCoding == StatusCoding.OneTwo)
            context.Error.WriteLine("note: the status is coded 1/2; 2 was taken as the event and 1 as censored (R's rule).");
    }

    /// <summary>Parses <c>--times</c>: finite, non-negative numbers.</summary>
    public static double[]? ParseTimes(string? value)
    {
        if (value is null) return null;
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new UsageException("--times needs at least one time.");
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t) && t >= 0
            ? t
            : throw new UsageException($"--times: '{p}' is not a non-negative number.")).ToArray();
    }
}
