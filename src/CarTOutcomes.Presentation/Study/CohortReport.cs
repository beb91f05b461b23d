using System.Text;
using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Tables;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Reports;
using CarTOutcomes.Presentation.Tables;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Study;

/// <summary>How the patients of Table 1 are grouped.</summary>
public enum CohortGrouping
{
    /// <summary>Progressed after CAR T or not (the study's Table 1).</summary>
    Progression,

    /// <summary>By sex.</summary>
    Sex,

    /// <summary>By Philadelphia chromosome status.</summary>
    Ph,

    /// <summary>By bridging therapy before the first infusion.</summary>
    Bridging,

    /// <summary>By disease burden before the first infusion.</summary>
    Burden,
}

/// <summary>Options of <see cref="CohortReport"/>.</summary>
public sealed record CohortReportOptions
{
    /// <summary>The grouping of Table 1.</summary>
    public CohortGrouping GroupBy { get; init; } = CohortGrouping.Progression;

    /// <summary>Landmark times of the survival tables, in months.</summary>
    public IReadOnlyList<double> Landmarks { get; init; } = [6, 12, 24];

    /// <summary>
    /// The month of every time in the report: <see cref="TimeUnit.Months"/> (365.25 / 12 days, the default) or
    /// <see cref="TimeUnit.Months365"/> (365 / 12 days, the month of the study in <c>data/published</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a unit that is not a month.</exception>
    public TimeUnit Month
    {
        get => _month;
        init => _month = StudyTime.IsMonth(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(Month), value, "The report's times are months: use Months or Months365.");
    }

    private readonly TimeUnit _month = TimeUnit.Months;

    /// <summary>Univariable P at or below which a covariate enters the multivariable model (the study's rule: .10).</summary>
    public double EntryP { get; init; } = 0.10;

    /// <summary>How numbers are printed.</summary>
    public NumberStyle Style { get; init; } = NumberStyle.Default;

    /// <summary>The report's title.</summary>
    public string Title { get; init; } = "Outcomes after CD19 CAR T-cell therapy";

    /// <summary>The notice at the top of the report (what the data are).</summary>
    public string Notice { get; init; } = "Analyses of the cohort given; no published numbers are shown.";
}

/// <summary>A report for any cohort: its sections (figures and tables) and the tables by file name.</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(typeof(Rendering.NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class CohortReportResult
{
    internal CohortReportResult(Report report, IReadOnlyList<(string Name, PublicationTable Table)> tables, NumberStyle style)
    {
        Report = report;
        Tables = tables;
        Style = style;
    }

    /// <summary>The HTML and Markdown report.</summary>
    public Report Report { get; }

    /// <summary>The tables, each with a file stem (e.g. <c>table-1</c>).</summary>
    public IReadOnlyList<(string Name, PublicationTable Table)> Tables { get; }

    /// <summary>The number style of the tables.</summary>
    public NumberStyle Style { get; }

    /// <summary>
    /// Writes <c>index.html</c>, <c>report.md</c>, the figures as SVG, each table as <c>NAME.csv</c> and <c>NAME.docx</c>,
    /// and all tables in one <c>tables.docx</c>, into <paramref name="directory"/>: all at once or not at all (a
    /// failure leaves the previous files as they were, never half a report).
    /// </summary>
    /// <param name="directory">The folder (created if needed).</param>
    public void WriteTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        CarTOutcomes.IO.Files.AtomicFolder.Write(directory, staging =>
        {
            Report.WriteFiles(staging);
            foreach (var (name, table) in Tables)
            {
                File.WriteAllText(Path.Combine(staging, name + ".csv"), table.ToCsv(Style), new UTF8Encoding(false));
                File.WriteAllBytes(Path.Combine(staging, name + ".docx"), table.ToDocx(Style));
            }
            File.WriteAllBytes(Path.Combine(staging, "tables.docx"), PublicationTableRendering.ToDocx(Tables.Select(t => t.Table).ToArray(), Style));
        });
    }
}

/// <summary>
/// The study's analyses run on any cohort in the shipped schema, with no published numbers beside them: Table 1 by a
/// grouping; Figure 1 (EFS, OS, cumulative incidence of relapsed/refractory disease with death competing) and
/// survival estimates at landmarks; OS after progression; univariable Cox models of OS after progression (fixed
/// covariates and the salvage time-dependent covariates, counting-process data) and the multivariable model of the
/// fixed covariates with univariable P ≤ <see cref="CohortReportOptions.EntryP"/>; the swimmer plot of the
/// progressed patients. An analysis the cohort cannot support (e.g. nobody progressed) is replaced by a sentence
/// saying why, never silently left out.
/// </summary>
public static class CohortReport
{
    private static readonly IReadOnlyDictionary<string, string> CovariateLabels = new Dictionary<string, string>
    {
        [ProgressionDatasets.MonthsToProgression] = "Time from CAR T-cell infusion to progression, per month",
        ["age_over_40"] = "Age > 40 y",
        ["male"] = "Male sex",
        ["ph_positive"] = "Ph-positive ALL",
        ["prior_hsct"] = "Prior allogeneic HSCT",
        ["prior_blin_or_ino"] = "Prior blinatumomab or inotuzumab",
        ["bridging_none_or_nonintensive"] = "No or nonintensive bridging (vs intensive)",
        ["marrow_blasts"] = "Marrow blasts at progression, per %",
        ["extramedullary"] = "Extramedullary progression",
        ["cd19_positive"] = "CD19-positive progression",
        [ProgressionDatasets.SalvageReceived] = "Salvage therapy (time-dependent)",
        [ProgressionDatasets.BlinatumomabOrInotuzumabSalvage] = "Blinatumomab or inotuzumab salvage (time-dependent)",
    };

    /// <summary>Runs the analyses.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="options">Options; the defaults when null.</param>
    public static CohortReportResult Build(Cohort cohort, CohortReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var o = options ?? new CohortReportOptions();
        var report = new Report(o.Title, o.Notice);
        var tables = new List<(string, PublicationTable)>();
        var style = o.Style;

        var t1 = Table1(cohort, o.GroupBy).ToPublicationTable(style);
        tables.Add(("table-1", t1));
        report.Add(Section("Table 1. Patient characteristics", t1, style));

        report.Add(new ReportSection("Figure 1. Event-free survival, overall survival and cumulative incidence of relapsed/refractory disease", "", "",
            [StudyFigures.EventFreeSurvival(cohort, style, o.Month), StudyFigures.OverallSurvival(cohort, style, o.Month), StudyFigures.RelapsedRefractoryIncidence(cohort, style, o.Month)]));
        var landmarks = SurvivalTables(cohort, o.Landmarks, o.Month);
        tables.Add(("table-survival", landmarks));
        report.Add(Section($"Survival estimates at {string.Join(", ", o.Landmarks)} months", landmarks, style));

        if (cohort.Histories.Any(h => h.FirstProgression is not null))
        {
            var osp = KaplanMeier.Fit(ClinicalEndpoints.SurvivalAfterProgression(cohort).ToSurvivalData(o.Month),
                new KaplanMeierOptions(ConfidenceTransform.LogLog), "After progression");
            var ospTable = SurvivalTable.From([osp], o.Landmarks, "months", "Overall survival after progression");
            tables.Add(("table-os-after-progression", ospTable));
            report.Add(new ReportSection("Overall survival after progression", ospTable.WithTitle(null).ToHtml(style), ospTable.WithTitle(null).ToMarkdown(style),
                [StudyFigures.SurvivalAfterProgression(cohort, style, o.Month)]));
            var (table3, note) = CoxTable(cohort, o.EntryP, o.Month);
            tables.Add(("table-3", table3));
            report.Add(new ReportSection("Cox models of overall survival after progression",
                table3.WithTitle(null).ToHtml(style) + $"<p>{System.Net.WebUtility.HtmlEncode(note)}</p>\n", table3.WithTitle(null).ToMarkdown(style) + "\n" + note + "\n", []));
            report.Add(new ReportSection("Treatment course after progression", "", "", [StudyFigures.TreatmentCourse(cohort, o.Month)]));
        }
        else
        {
            const string none = "No patient progressed after CAR T: overall survival after progression, its Cox models and the swimmer plot cannot be computed.";
            report.Add(new ReportSection("Overall survival after progression", $"<p>{none}</p>\n", none + "\n", []));
        }
        return new CohortReportResult(report, tables, style);
    }

    /// <summary>A section showing a table under the section's heading (the table's own title is kept for its files).</summary>
    private static ReportSection Section(string title, PublicationTable table, NumberStyle style) =>
        new(title, table.WithTitle(null).ToHtml(style), table.WithTitle(null).ToMarkdown(style), []);

    /// <summary>Table 1 of the cohort by <paramref name="grouping"/>: Wilcoxon (two groups) or Kruskal–Wallis for continuous rows, Fisher's exact test for categorical ones.</summary>
    public static BaselineTable Table1(Cohort cohort, CohortGrouping grouping = CohortGrouping.Progression)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var h = cohort.Histories.ToArray();
        Func<PatientHistory, string> group = grouping switch
        {
            CohortGrouping.Progression => x => x.FirstProgression is null ? "No progression" : "Progressed after CAR T",
            CohortGrouping.Sex => x => x.Patient.Sex.ToString(),
            CohortGrouping.Ph => x => x.Patient.Ph == PhStatus.Positive ? "Ph-positive" : "Ph-negative",
            CohortGrouping.Bridging => x => Bridging(x.FirstInfusion.Bridging),
            _ => x => Burden(x.FirstInfusion.DiseaseBurden),
        };
        int groups = h.Select(group).Distinct().Count();
        var rank = groups > 2 ? BaselineTest.KruskalWallis : BaselineTest.WilcoxonRankSum;
        var fisher = groups > 1 ? BaselineTest.FisherExact : BaselineTest.None;
        if (groups < 2) rank = BaselineTest.None;
        static string YesNo(bool b) => b ? "Yes" : "No";
        var variables = new List<BaselineVariable<PatientHistory>>
        {
            BaselineVariable<PatientHistory>.Continuous("Age, y", x => x.Patient.AgeYears, rank, 0),
            BaselineVariable<PatientHistory>.Categorical("Male sex", x => YesNo(x.Patient.Sex == Sex.Male), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Ph-positive ALL", x => YesNo(x.Patient.Ph == PhStatus.Positive), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Continuous("Prior lines of therapy", x => x.Patient.PriorLines, rank, 0),
            BaselineVariable<PatientHistory>.Categorical("Prior blinatumomab", x => YesNo(x.Patient.PriorBlinatumomab), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Prior inotuzumab", x => YesNo(x.Patient.PriorInotuzumab), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Prior allogeneic HSCT", x => YesNo(x.Patient.PriorHsct), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Bridging therapy", x => Bridging(x.FirstInfusion.Bridging),
                Enum.GetValues<BridgingTherapy>().Select(Bridging).ToArray(), fisher),
            BaselineVariable<PatientHistory>.Categorical("Disease burden before CAR T", x => Burden(x.FirstInfusion.DiseaseBurden),
                Enum.GetValues<DiseaseBurden>().Select(Burden).ToArray(), fisher),
            BaselineVariable<PatientHistory>.Categorical("CRS, any grade", x => x.FirstInfusion.MaxCrsGrade is int g ? YesNo(g > 0) : null, ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("ICANS, any grade", x => x.FirstInfusion.MaxIcansGrade is int g ? YesNo(g > 0) : null, ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Tocilizumab", x => YesNo(x.FirstInfusion.Tocilizumab is not null), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Corticosteroids", x => YesNo(x.FirstInfusion.Corticosteroid is not null), ["Yes", "No"], fisher),
            BaselineVariable<PatientHistory>.Categorical("Consolidative allogeneic HSCT", x => YesNo(x.Transplants.Any(t => t.Setting == TransplantSetting.Consolidation)), ["Yes", "No"], fisher),
        };
        return BaselineTable.Build(h, group, variables, new BaselineTableOptions { Title = "Table 1. Patient characteristics" });
    }

    private static string Bridging(BridgingTherapy b) => b switch
    {
        BridgingTherapy.None => "None",
        BridgingTherapy.Nonintensive => "Nonintensive",
        _ => "Intensive",
    };

    private static string Burden(DiseaseBurden b) => b switch
    {
        DiseaseBurden.Morphologic => "Morphologic disease",
        DiseaseBurden.Mrd => "MRD-positive",
        _ => "No evidence of disease",
    };

    /// <summary>EFS and OS (Kaplan–Meier) and the cumulative incidence of R/R disease at the landmarks, with medians.</summary>
    private static PublicationTable SurvivalTables(Cohort cohort, IReadOnlyList<double> landmarks, TimeUnit month)
    {
        var opts = new KaplanMeierOptions(ConfidenceTransform.LogLog);
        var efs = KaplanMeier.Fit(ClinicalEndpoints.EventFreeSurvival(cohort).ToSurvivalData(month), opts, "Event-free survival");
        var os = KaplanMeier.Fit(ClinicalEndpoints.OverallSurvival(cohort).ToSurvivalData(month), opts, "Overall survival");
        var km = SurvivalTable.From([efs, os], landmarks, "months");
        var rr = ClinicalEndpoints.RelapsedRefractoryIncidence(cohort);
        var cif = CumulativeIncidence.Fit(CompetingRisksData.Create(rr.Times(month), rr.Status, 0));
        var ci = SurvivalTable.From(cif, CompetingEndpointData.EventOfInterest, landmarks, "months");
        // One table: the incidence row under the survival rows; its "Events" cell is the number of R/R events.
        var ciRow = ci.Rows.Single();
        int events = rr.Status.Count(s => s == CompetingEndpointData.EventOfInterest);
        var row = new TableRow("rr", "Relapsed/refractory disease (cumulative incidence)", TableRowKind.Label,
            [ciRow.Cells[0], TableCell.Count(events), .. ciRow.Cells.Skip(1)]);
        var columns = km.Columns.Select(c => c.Spanner is null ? c : c with { Spanner = "% (95% CI)" }).ToArray();
        return new PublicationTable($"Survival and cumulative incidence at {string.Join(", ", landmarks)} months", "Endpoint", columns,
            [.. km.Rows, row], ["Estimates in percent with 95% CIs (Kaplan–Meier with log-log limits; cumulative incidence with death as the competing event).",
                "Median: months (95% CI); NR, not reached. For the cumulative incidence, the time at which it reaches 50%."]);
    }

    /// <summary>
    /// Table 3 for the cohort: univariable Cox models of OS after progression (each fixed covariate on its complete
    /// cases, and each salvage covariate as time-dependent on counting-process rows), merged with the multivariable
    /// model of the fixed covariates with univariable P ≤ <paramref name="entryP"/>.
    /// </summary>
    private static (PublicationTable Table, string Note) CoxTable(Cohort cohort, double entryP, TimeUnit month)
    {
        var d = ProgressionDatasets.SurvivalAfterProgressionFixed(cohort, month);
        var months = d.Outcome.Times(month).ToArray();
        var evt = d.Outcome.Event.ToArray();
        var uni = new List<PublicationTable>();
        var pValues = new Dictionary<string, double>();
        var skipped = new List<string>();
        foreach (var name in d.CovariateNames)
        {
            var x = d.Covariate(name).ToArray();
            var keep = Enumerable.Range(0, x.Length).Where(i => !double.IsNaN(x[i])).ToArray();
            if (keep.Select(i => x[i]).Distinct().Count() < 2 || !keep.Any(i => evt[i])) { skipped.Add(Label(name)); continue; }
            var fit = Cox.Fit(SurvivalData.RightCensored(keep.Select(i => months[i]).ToArray(), keep.Select(i => evt[i]).ToArray()),
                Covariates.Create((name, keep.Select(i => x[i]).ToArray())));
            pValues[name] = fit.Coefficients[0].PValue;
            uni.Add(RegressionTable.From(fit, labels: CovariateLabels));
        }
        var td = ProgressionDatasets.SalvageTimeDependent(cohort, month);
        foreach (var name in new[] { ProgressionDatasets.SalvageReceived, ProgressionDatasets.BlinatumomabOrInotuzumabSalvage })
        {
            var x = td.Covariate(name).ToArray();
            if (x.Distinct().Count() < 2) { skipped.Add(Label(name)); continue; }
            // Ids: N in the header counts patients, not counting-process rows (R: coxph(..., id = id)).
            var data = SurvivalData.CountingProcess(td.Start.ToArray(), td.Stop.ToArray(), td.Event.ToArray()).WithIds(td.SubjectIds);
            uni.Add(RegressionTable.From(Cox.Fit(data, Covariates.Create((name, x))), labels: CovariateLabels));
        }
        if (uni.Count == 0) throw new InvalidOperationException("No covariate of OS after progression varies in this cohort.");
        var stacked = RegressionTable.Stack(uni);
        var chosen = pValues.Where(kv => kv.Value <= entryP).Select(kv => kv.Key).ToArray();
        string note = $"Multivariable model: the fixed covariates with univariable P ≤ {entryP:0.##} ({(chosen.Length == 0 ? "none" : string.Join(", ", chosen.Select(Label)))}), on complete cases." +
                      (skipped.Count > 0 ? $" Not estimable (no variation or no events): {string.Join(", ", skipped)}." : "");
        if (chosen.Length == 0)
            return (PublicationTable.Merge("Table 3. Cox models of overall survival after progression", ("Univariable", stacked)), note);
        var cols = chosen.Select(n => d.Covariate(n).ToArray()).ToArray();
        var rows = Enumerable.Range(0, months.Length).Where(i => cols.All(c => !double.IsNaN(c[i]))).ToArray();
        var mv = Cox.Fit(SurvivalData.RightCensored(rows.Select(i => months[i]).ToArray(), rows.Select(i => evt[i]).ToArray()),
            Covariates.Create(chosen, cols.Select(c => (IReadOnlyList<double>)rows.Select(i => c[i]).ToArray()).ToArray()));
        var multi = RegressionTable.From(mv, labels: CovariateLabels);
        if (!mv.Converged) note += " The multivariable fit did not converge.";
        return (PublicationTable.Merge("Table 3. Cox models of overall survival after progression", ("Univariable", stacked), ("Multivariable", multi)), note);
    }

    private static string Label(string name) => CovariateLabels.TryGetValue(name, out var l) ? l : name;
}
