using System.CommandLine;
using System.Globalization;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Study;
using CarTOutcomes.Presentation.Tables;

namespace CarTOutcomes.Cli.Commands;

/// <summary><c>cartoutcomes reproduce</c>: every published number next to the value computed from a cohort.</summary>
internal static class ReproduceCommand
{
    /// <summary>The note printed with every report: the shipped cohort is synthetic.</summary>
    public const string SyntheticNote =
        "note: data/cohort holds SYNTHETIC patients constructed to be consistent with the published summaries; they are not the study's patients.";

    public static Command Create(CliContext context)
    {
        var cohort = new Option<string>("--cohort") { Description = "Cohort folder (CSV files as data/example).", DefaultValueFactory = _ => "data/cohort" };
        var targets = new Option<string>("--targets") { Description = "Published targets CSV.", DefaultValueFactory = _ => "data/published/targets.csv" };
        var json = CommonOptions.Json();
        var outDir = new Option<string?>("--out") { Description = "Also write a self-contained report there: index.html (inline SVG) and report.md with its figures." };
        var problems = new Option<string?>("--problems") { Description = "When the cohort is not valid, write every problem there, one per line (the screen shows the first 100)." };
        var cmd = new Command("reproduce", "Reproduces every published number of the study from a cohort and says whether it agrees at the printed precision.\n" +
                                           "Example: cartoutcomes reproduce --cohort data/cohort --json")
        {
            cohort, targets, json, outDir, problems,
        };
        cmd.SetAction(parse =>
        {
            CommonOptions.CheckOutputFolder(parse.GetValue(outDir), "--out");
            var published = context.Cancellable(() => PublishedTargetsCsv.Load(parse.GetValue(targets)!));
            var c = context.Cancellable(() => CohortCsv.Read(parse.GetValue(cohort)!));
            if (!c.IsValid) throw new UsageException(InvalidCohort(parse.GetValue(cohort)!, c.Issues, parse.GetValue(problems)));
            var results = context.Cancellable(() => TargetRegistry.Evaluate(c.Cohort!, published));
            if (parse.GetValue(outDir) is { } dir)
            {
                var report = context.Cancellable(() => BuildReport(c.Cohort!, results));
                context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C before the report is written: nothing is written
                report.WriteTo(dir); // all files at once or none (AtomicFolder), on this thread so it is never abandoned half way
            }
            context.Cancellation.ThrowIfCancellationRequested();
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(results));
            else WriteText(context.Out, results, parse.GetValue(cohort)!);
            context.Error.WriteLine(SyntheticNote);
            return 0;
        });
        return cmd;
    }

    /// <summary>Shown on screen at most; <c>--problems FILE</c> writes them all.</summary>
    internal const int ProblemsShown = 100;

    /// <summary>
    /// Every problem of an invalid cohort, one per line: the first <see cref="ProblemsShown"/> and the count of the
    /// others, all of them written to <paramref name="problemsFile"/> when it is given.
    /// </summary>
    internal static string InvalidCohort(string folder, IReadOnlyList<CarTOutcomes.IO.Tabular.DataIssue> issues, string? problemsFile)
    {
        var lines = new List<string> { $"the cohort in '{folder}' is not valid: {issues.Count} problem(s):" };
        lines.AddRange(issues.Take(ProblemsShown).Select(i => i.ToString()));
        if (problemsFile is not null)
        {
            CarTOutcomes.IO.Files.AtomicFile.WriteAllText(problemsFile, string.Concat(issues.Select(i => i + "\n")));
            lines.Add($"every problem is written to '{problemsFile}'.");
        }
        else if (issues.Count > ProblemsShown)
            lines.Add($"... and {issues.Count - ProblemsShown} more problem(s); --problems FILE writes them all.");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// Figures 1–4 drawn from the cohort, overall survival extrapolated with parametric and cure models, Tables 1–3 in
    /// publication layout with each cell's published value beside it (also as CSV and .docx files of the report), then
    /// every published number beside the reproduced one.
    /// </summary>
    internal static void WriteReport(string directory, CarTOutcomes.Clinical.Model.Cohort cohort, IReadOnlyList<TargetEvaluation> results) =>
        BuildReport(cohort, results).WriteTo(directory);

    /// <summary>The report of <see cref="WriteReport"/>, built but not written.</summary>
    internal static CarTOutcomes.Presentation.Reports.Report BuildReport(CarTOutcomes.Clinical.Model.Cohort cohort, IReadOnlyList<TargetEvaluation> results)
    {
        var report = CarTOutcomes.Presentation.Study.StudyReport.Figures(cohort,
            "CD19 CAR T-cell therapy in adult B-ALL: the published analyses reproduced",
            "SYNTHETIC DATA: the patients in this report are a synthetic reconstruction consistent with the paper's published summaries. They are not the study's patients. " +
            "Months are days / (365 / 12), the paper's month (StudyConventions.Month).");
        report.Add(CarTOutcomes.Presentation.Study.StudyParametricSection.Build(cohort));
        var tables = CarTOutcomes.Presentation.Study.PublishedTables.Build(results);
        foreach (var (_, table) in tables)
            report.Add(new CarTOutcomes.Presentation.Reports.ReportSection(table.Title!, table.WithTitle(null).ToHtml(), table.WithTitle(null).ToMarkdown(), []));
        if (Table3Forest(results) is { } forest)
            report.Add(new CarTOutcomes.Presentation.Reports.ReportSection("Table 3 as a forest plot (hazard ratios reproduced from the cohort)", "", "",
                [forest]));
        foreach (var section in CarTOutcomes.Presentation.Study.StudyTargetsSection.Build(results)) report.Add(section);
        foreach (var (name, table) in tables)
        {
            report.AddFile(name + ".csv", new System.Text.UTF8Encoding(false).GetBytes(table.ToCsv()));
            report.AddFile(name + ".docx", table.ToDocx());
        }
        return report;
    }

    /// <summary>The Table 3 forest plot, or null when the targets give no hazard ratio to draw (a targets file of a few rows).</summary>
    private static CarTOutcomes.Presentation.Figures.SvgDocument? Table3Forest(IReadOnlyList<TargetEvaluation> results)
    {
        try
        {
            return CarTOutcomes.Presentation.Study.StudyTargetsSection.Table3Forest(results);
        }
        catch (ArgumentException)
        {
            return null; // "There is no row to draw": nothing of Table 3 was reproduced
        }
    }

    internal static string ToJson(IReadOnlyList<TargetEvaluation> results) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("targets");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Target.Id);
            w.WriteString("source", r.Target.Source);
            w.WriteString("statistic", r.Target.Statistic);
            w.WriteNumber("published", r.Target.Value);
            if (r.Reproduced is double v) w.Number("reproduced", v);
            else w.WriteNull("reproduced");
            w.WriteBoolean("agrees", r.Agrees);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("agreeing", results.Count(r => r.Agrees));
        w.WriteNumber("total", results.Count);
        w.WriteEndObject();
    });

    /// <summary>
    /// The plain-language summary that opens the readable output: what was compared, the agreement rule and the
    /// count, before the detail (one line per number).
    /// </summary>
    internal static void WriteSummary(TextWriter o, IReadOnlyList<TargetEvaluation> results, string cohort)
    {
        var followed = results.Where(r => r.Target.Followed).ToArray();
        o.WriteLine("SYNTHETIC COHORT: consistent with the published summaries, not the study's patients.");
        o.WriteLine();
        o.WriteLine($"What was compared: the {results.Count} numbers the paper prints in its tables, figures and text, each");
        o.WriteLine($"  recomputed from the patients in '{cohort}'.");
        o.WriteLine("The agreement rule: a number agrees when the recomputed value, rounded to the digits the paper prints,");
        o.WriteLine("  equals the printed number (an HR printed 0.91 agrees with 0.905 to 0.915); a printed bound such as");
        o.WriteLine("  \"< .001\" agrees when the value satisfies it. Months are days / (365 / 12), the paper's month: its");
        o.WriteLine("  two-decimal Kaplan-Meier limits (9.11, 23.34, 4.14 months) are whole days only at that length.");
        o.WriteLine($"The count: {results.Count(r => r.Agrees)} of {results.Count} agree. Where the paper contradicts itself one version is");
        o.WriteLine($"  followed and the other set aside ({results.Count - followed.Length} numbers); of the {followed.Length} followed numbers, " +
                    $"{followed.Count(r => r.Agrees)} agree,");
        o.WriteLine($"  {followed.Count(r => r.Status == TargetStatus.Disagrees)} disagree and {followed.Count(r => r.Status == TargetStatus.NotEvaluable)} cannot be computed from the cohort.");
        foreach (var family in results.GroupBy(r => Family(r.Target.Source)))
            o.WriteLine($"  {family.Key}: {family.Count(r => r.Agrees)} of {family.Count()} agree");
        o.WriteLine();
        o.WriteLine("The detail, one line per number:");
    }

    private static string Family(string source) =>
        source.StartsWith("Table 1", StringComparison.Ordinal) ? "Table 1" :
        source.StartsWith("Table 2", StringComparison.Ordinal) ? "Table 2" :
        source.StartsWith("Table 3", StringComparison.Ordinal) ? "Table 3" :
        source.StartsWith("Table 4", StringComparison.Ordinal) || source.StartsWith("Table 5", StringComparison.Ordinal) ? "Tables 4-5" :
        source.StartsWith("Figure", StringComparison.Ordinal) ? "Figures" : "Text";

    private static void WriteText(TextWriter o, IReadOnlyList<TargetEvaluation> results, string cohort)
    {
        WriteSummary(o, results, cohort);
        o.WriteLine($"{"id",-44} {"published",12} {"reproduced",14} agrees");
        foreach (var r in results)
        {
            var rep = r.Reproduced is double v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
            var pub = (r.Target.Relation == TargetRelation.Equal ? "" : RelationText(r.Target.Relation)) +
                      r.Target.Value.ToString("F" + r.Target.Precision, CultureInfo.InvariantCulture);
            var status = r.Status switch
            {
                TargetStatus.Agrees => "yes",
                TargetStatus.Disagrees => r.Target.Followed ? "no" : "no (not followed)",
                _ => "no (not evaluable: " + r.Reason + ")",
            };
            o.WriteLine($"{r.Target.Id,-44} {pub,12} {rep,14} {status}");
        }
        o.WriteLine($"agreeing: {results.Count(r => r.Agrees)} of {results.Count}");
        var followed = results.Where(r => r.Target.Followed).ToArray();
        o.WriteLine($"of the {followed.Length} followed targets (the {results.Count - followed.Length} others are the rejected side of a " +
                    $"contradiction in the paper): {followed.Count(r => r.Agrees)} agree, {followed.Count(r => r.Status == TargetStatus.Disagrees)} " +
                    $"disagree, {followed.Count(r => r.Status == TargetStatus.NotEvaluable)} not evaluable");
    }

    private static string RelationText(TargetRelation r) => r switch
    {
        TargetRelation.Less => "<",
        TargetRelation.Greater => ">",
        TargetRelation.LessOrEqual => "<=",
        _ => ">=",
    };
}
