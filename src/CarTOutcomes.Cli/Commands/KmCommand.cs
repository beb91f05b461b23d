using System.CommandLine;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Cli.Commands;

/// <summary><c>cartoutcomes km</c>: Kaplan–Meier curves from a CSV file (R: <c>survfit</c>).</summary>
internal static class KmCommand
{
    public static Command Create(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up (exit) time.", false);
        var evt = CommonOptions.Column("--event", "Column with the event indicator: 1 = event, 0 = censored (or R's 1/2 coding, 2 = event).", false);
        var formula = FormulaInput.Option("Surv(time, status) ~ sex + ph.ecog");
        var times = FormulaInput.Times();
        var entry = CommonOptions.Column("--entry", "Optional column with the entry time (delayed entry; rows at risk on (entry, time]).", false);
        var start = CommonOptions.Column("--start", "Optional column with the start of each (start, stop] row (the same as --entry; with --id and a time-dependent --group, the extended Kaplan-Meier of Simon and Makuch).", false);
        var group = CommonOptions.Column("--group", "Optional column whose values define one curve each (with --start and --id it may change within a subject).", false);
        var id = CommonOptions.Column("--id", "Optional column of subject ids (R: id=), with --start or with --formula \"Surv(start, stop, event) ~ group\": a subject's (start, stop] rows must not overlap, and only the end of its follow-up counts as a censoring.", false);
        var landmark = CommonOptions.Column("--landmark", "Landmark time(s), comma-separated (needs --start, --group and --id, or --formula \"Surv(start, stop, event) ~ group\" and --id): curves from L of the subjects event-free and under observation at L, grouped by their --group at L, times measured from L.", false);
        var confType = CommonOptions.ConfType();
        var confLevel = CommonOptions.ConfLevel();
        var json = CommonOptions.Json();
        var cmd = new Command("km", "Kaplan-Meier survival curves with Greenwood standard errors and confidence limits, as R's survfit.\n" +
                                    "Example: cartoutcomes km --input data/example/survival.csv --time months --event died --group arm")
        {
            input, formula, time, evt, entry, start, group, id, landmark, confType, confLevel, times, json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var summaryTimes = FormulaInput.ParseTimes(parse.GetValue(times));
            if (parse.GetValue(entry) is not null && parse.GetValue(start) is not null)
                throw new UsageException("Give --start or --entry, not both: they name the same column.");
            var startColumn = parse.GetValue(start) ?? parse.GetValue(entry);
            var idColumn = parse.GetValue(id);
            var landmarks = parse.GetValue(landmark) is { } l ? TimeDependentOptions.Times(l, "--landmark") : null;
            var f = FormulaInput.Parse(parse, formula, (time, "--time"), (evt, "--event"));
            if (f is not null)
            {
                foreach (var (o, n) in new[] { (entry, "--entry"), (start, "--start"), (group, "--group") })
                    if (parse.GetValue(o) is not null) throw new UsageException($"with --formula, write {n} in the formula (Surv(entry, time, status), ~ group).");
                return FitFormula(context, path, f, idColumn, landmarks, summaryTimes, Options(parse, confType, confLevel), parse.GetValue(json));
            }
            if (idColumn is not null && startColumn is null)
                throw new UsageException("--id needs --start: subject ids group (start, stop] rows.");
            if (landmarks is not null && (startColumn is null || idColumn is null || parse.GetValue(group) is null))
                throw new UsageException("--landmark needs --start, --id and a time-dependent --group.");
            SurvivalTable table;
            using (var bar = context.ProgressFor(path))
                table = context.Cancellable(() => SurvivalCsv.Load(path, new SurvivalColumns(
                    parse.GetValue(time)!, parse.GetValue(evt)!, startColumn, parse.GetValue(group), Cluster: idColumn), bar, context.Cancellation));
            context.ReportDropped(table);
            context.ReportStatusCoding(table);
            var options = Options(parse, confType, confLevel);
            if (landmarks is not null)
            {
                var fits = context.Cancellable(() => TimeDependentOptions.Located(path, idColumn!, table,
                    () => Landmark.Fit(table.Data.WithIds(table.Cluster), table.Groups!, landmarks, options)));
                return WriteLandmarks(context, fits, parse.GetValue(json));
            }
            IReadOnlyList<KaplanMeierResult> curves;
            if (idColumn is not null)
                curves = context.Cancellable(() => TimeDependentOptions.Located(path, idColumn, table, () => ExtendedKaplanMeier.Fit(
                    table.Data.WithIds(table.Cluster), table.Groups ?? Enumerable.Repeat("all", table.Data.Count).ToArray(), options)));
            else
                curves = context.Cancellable(() => table.Groups is null
                    ? [KaplanMeier.Fit(table.Data, options)]
                    : KaplanMeier.Fit(table.Data, table.Groups, options));
            return Write(context, curves, summaryTimes, parse.GetValue(json));
        });
        return cmd;
    }

    /// <summary>
    /// <c>km --formula</c>: R's <c>survfit(formula, data)</c>; with <c>--id</c>, <c>survfit(Surv(start, stop, event) ~
    /// group, id = id)</c>, the extended Kaplan–Meier curves the column options give with <c>--start</c> and <c>--id</c>
    /// (the same estimator, checks and messages), groups named as R names them (<c>tx=1</c>); with
    /// <c>--landmark</c>, the landmark curves at each L.
    /// </summary>
    private static int FitFormula(CliContext context, string path, Survival.Formulas.Formula f, string? idColumn,
        double[]? landmarks, double[]? summaryTimes, KaplanMeierOptions options, bool json)
    {
        if (landmarks is not null && idColumn is null)
            throw new UsageException("--landmark needs --id and a formula Surv(start, stop, event) ~ group with a time-dependent group.");
        if (landmarks is not null && f.Terms.Count == 0 && f.Strata.Count == 0)
            throw new UsageException("--landmark needs a time-dependent group on the right of '~' (Surv(start, stop, event) ~ group).");
        if (idColumn is null)
        {
            var data = FormulaInput.Load(context, path, f);
            var frame = Survival.Formulas.ModelFrame.BuildGroups(f, data);
            FormulaInput.Report(context, frame, data.RowCount);
            return Write(context, context.Cancellable(() => KaplanMeier.Fit(frame.Response!, frame.Groups!, options, frame.GroupLevels)), summaryTimes, json);
        }
        var (byId, outcome) = FormulaInput.ReadSubjects(context, path, f, idColumn, strataAreGroups: true,
            "With Surv(time, status) each row is a subject: leave out --id; R's survfit gives the same curves with or without id when no subject has two events.");
        if (landmarks is not null)
        {
            var fits = context.Cancellable(() => FormulaInput.Located(byId, path, idColumn, () => Landmark.Fit(outcome, byId.Groups!, landmarks, options, byId.GroupLevels)));
            return WriteLandmarks(context, fits, json);
        }
        var curves = context.Cancellable(() => FormulaInput.Located(byId, path, idColumn, () => ExtendedKaplanMeier.Fit(outcome, byId.Groups!, options, byId.GroupLevels)));
        return Write(context, curves, summaryTimes, json);
    }

    private static int WriteLandmarks(CliContext context, IReadOnlyList<LandmarkResult> fits, bool json)
    {
        context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the fit: print nothing (exit 130)
        if (json) context.Out.WriteLine(ToJson(fits));
        else
            foreach (var fit in fits)
            {
                context.Out.WriteLine($"Landmark {TimeDependentOptions.Show(fit.LandmarkTime)}: {fit.Subjects} subject(s) event-free and under observation; times from the landmark.");
                if (fit.Curves.Count > 0) SurvivalText.Write(context.Out, fit.Curves);
                context.Out.WriteLine();
            }
        return 0;
    }

    private static KaplanMeierOptions Options(ParseResult parse, Option<string> confType, Option<double> confLevel)
    {
        var options = new KaplanMeierOptions(CommonOptions.ParseTransform(parse.GetValue(confType)!), parse.GetValue(confLevel));
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
            throw new UsageException($"--conf-level must lie strictly between 0 and 1, not {options.ConfidenceLevel}.");
        return options;
    }

    private static int Write(CliContext context, IReadOnlyList<KaplanMeierResult> curves, double[]? times, bool json)
    {
        context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the fit: print nothing (exit 130)
        if (json) context.Out.WriteLine(ToJson(curves, times));
        else
        {
            SurvivalText.Write(context.Out, curves);
            if (times is not null) WriteSummary(context.Out, curves, times);
        }
        return 0;
    }

    private static void WriteSummary(TextWriter w, IReadOnlyList<KaplanMeierResult> curves, double[] times)
    {
        foreach (var c in curves)
        {
            w.WriteLine();
            w.WriteLine($"summary at chosen times: {c.Group}");
            var t = new TextTable("time", "n.risk", "n.event", "survival", "std.err", "lower", "upper");
            foreach (var s in c.Summary(times))
                t.Add(Number.Significant(s.Time, 6), Number.Significant(s.NumberAtRisk, 6), Number.Significant(s.NumberOfEvents, 6),
                    Number.Significant(s.Survival), Number.Significant(s.StandardError), Number.Significant(s.Lower), Number.Significant(s.Upper));
            t.Write(w);
        }
    }

    internal static string ToJson(IReadOnlyList<KaplanMeierResult> curves, IReadOnlyList<double>? times = null) =>
        ToJson(curves.Select(c => (c, (double?)null)).ToArray(), times);

    /// <summary>
    /// The landmark curves in km's JSON; with two or more landmarks each group also has a <c>landmark</c> field and
    /// the groups come landmark by landmark.
    /// </summary>
    internal static string ToJson(IReadOnlyList<LandmarkResult> fits) =>
        ToJson(fits.SelectMany(f => f.Curves.Select(c => (c, fits.Count > 1 ? (double?)f.LandmarkTime : null))).ToArray(), null);

    private static string ToJson(IReadOnlyList<(KaplanMeierResult Curve, double? Landmark)> curves, IReadOnlyList<double>? times) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("groups");
        foreach (var (c, landmark) in curves)
        {
            var m = c.Median;
            w.WriteStartObject();
            w.WriteString("group", c.Group);
            if (landmark is { } lt) w.Number("landmark", lt);
            w.WriteNumber("n", c.Records);
            w.Number("events", c.Events);
            w.Number("median", m.Estimate);
            w.Number("medianLower", m.Lower);
            w.Number("medianUpper", m.Upper);
            w.Numbers("times", c.Time);
            w.Numbers("nRisk", c.NumberAtRisk);
            w.Numbers("nEvent", c.NumberOfEvents);
            w.Numbers("nCensor", c.NumberCensored);
            w.Numbers("survival", c.Survival);
            w.Numbers("stdErr", c.StandardError);
            w.Numbers("lower", c.Lower);
            w.Numbers("upper", c.Upper);
            if (times is not null)
            {
                w.WriteStartArray("summary");
                foreach (var s in c.Summary(times))
                {
                    w.WriteStartObject();
                    w.Number("time", s.Time);
                    w.Number("nRisk", s.NumberAtRisk);
                    w.Number("nEvent", s.NumberOfEvents);
                    w.Number("survival", s.Survival);
                    w.Number("stdErr", s.StandardError);
                    w.Number("lower", s.Lower);
                    w.Number("upper", s.Upper);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
