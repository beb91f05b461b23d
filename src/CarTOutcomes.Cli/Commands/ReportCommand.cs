using System.CommandLine;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Presentation.Study;
using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Cli.Commands;

/// <summary>
/// <c>cartoutcomes report</c>: the study's analyses on any cohort in the shipped schema (Table 1, Figure 1, survival
/// at landmarks, OS after progression, its Cox models, the swimmer plot), with no published numbers.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var cohort = new Option<string>("--cohort") { Description = "Cohort folder (CSV files in the schema of data/example).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder to write: index.html, report.md, figure-N.svg, tables as CSV and .docx.", Required = true };
        var groupBy = new Option<string>("--group-by")
        {
            Description = "Grouping of Table 1: progression (default), sex, ph, bridging or burden.",
            DefaultValueFactory = _ => "progression",
        };
        var style = new Option<string>("--style") { Description = "Number style: blood (default), nejm, jama or lancet.", DefaultValueFactory = _ => "blood" };
        var month = new Option<string>("--month")
        {
            Description = "Days per month of every time in the report: 365.25/12 (default, 30.4375 days) or 365/12 (30.4167 days, a 365-day year).",
            DefaultValueFactory = _ => "365.25/12",
        };
        var cmd = new Command("report", "Runs the study's analyses on a cohort and writes a self-contained report (no published numbers).\n" +
                                        "Example: cartoutcomes report --cohort data/example --out report/")
        {
            cohort, outDir, groupBy, style, month,
        };
        cmd.SetAction(parse =>
        {
            CommonOptions.CheckOutputFolder(parse.GetValue(outDir), "--out");
            var grouping = parse.GetValue(groupBy)!.Trim().ToLowerInvariant() switch
            {
                "progression" => CohortGrouping.Progression,
                "sex" => CohortGrouping.Sex,
                "ph" => CohortGrouping.Ph,
                "bridging" => CohortGrouping.Bridging,
                "burden" => CohortGrouping.Burden,
                var g => throw new UsageException($"--group-by must be progression, sex, ph, bridging or burden, not '{g}'."),
            };
            var unit = parse.GetValue(month)!.Trim() switch
            {
                "365.25/12" => CarTOutcomes.Clinical.Model.TimeUnit.Months,
                "365/12" => CarTOutcomes.Clinical.Model.TimeUnit.Months365,
                var m => throw new UsageException($"--month must be 365.25/12 or 365/12 (days per year / 12), not '{m}'."),
            };
            NumberStyle numberStyle;
            try { numberStyle = NumberStyle.FromName(parse.GetValue(style)!); }
            catch (ArgumentException e) { throw new UsageException("--style: " + e.Message); }
            var path = parse.GetValue(cohort)!;
            var c = context.Cancellable(() => CohortCsv.Read(path));
            if (!c.IsValid) throw new UsageException(ReproduceCommand.InvalidCohort(path, c.Issues, null));
            var result = context.Cancellable(() => CohortReport.Build(c.Cohort!, new CohortReportOptions
            {
                GroupBy = grouping, Style = numberStyle,
                Month = unit,
                Notice = $"Analyses of the cohort in '{path}' ({c.Cohort!.Histories.Count} patients); no published numbers are shown.",
            }));
            var dir = parse.GetValue(outDir)!;
            context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C before the report is written: nothing is written
            result.WriteTo(dir); // all files at once or none (AtomicFolder), on this thread so it is never abandoned half way
            context.Out.WriteLine($"report written to {dir}: index.html, report.md, {result.Report.Sections.Sum(s => s.Figures.Count)} figures, {result.Tables.Count} tables (CSV and .docx)");
            return 0;
        });
        return cmd;
    }
}
