using System.CommandLine;
using System.Globalization;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.TimeDependent;

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

    /// <summary>
    /// Grouped (start, stop] rows of subjects for <c>--formula ... --id</c> (<c>km</c> and <c>logrank</c>): the frame with
    /// the id in it (R: the id is part of the model frame, so a row missing it is dropped) and the outcome carrying the ids.
    /// </summary>
    /// <remarks><c>strataAreGroups</c>: true for curves (<c>survfit</c>), false for the test (<c>strata()</c> stratifies);
    /// <c>withoutStart</c>: the command's advice when the response has no start time.</remarks>
    public static (ModelFrame Frame, SurvivalData Outcome) ReadSubjects(CliContext context, string path, Formula formula, string idColumn,
        bool strataAreGroups, string withoutStart)
    {
        var file = Read(context, path, formula, idColumn);
        var frame = ModelFrame.BuildGroups(formula, file.Data, strataAreGroups: strataAreGroups, id: idColumn);
        if (!frame.Response!.IsCountingProcess)
            throw new UsageException($"--id needs (start, stop] rows: write Surv(start, stop, event) on the left of the formula, not {formula.Response}. ({withoutStart})");
        Report(context, frame, file.Data.RowCount);
        return (frame, frame.Response.WithIds(frame.Ids));
    }

    /// <summary>Runs a fit on <see cref="ReadSubjects"/>' rows, naming a subject's overlapping rows or second event by the file's rows, as the column options do.</summary>
    public static T Located<T>(ModelFrame frame, string path, string idColumn, Func<T> fit)
    {
        try { return fit(); }
        catch (SubjectRowsException e) { throw MultiStateCsv.Located(e, path, idColumn, k => frame.RowsUsed[k] + 1, _ => 0); }
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
