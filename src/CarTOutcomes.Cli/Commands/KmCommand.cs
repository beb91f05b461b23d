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
        var time = CommonOptions.Column("--time", "Column with the follow-up (exit) time.", true);
        var evt = CommonOptions.Column("--event", "Column with the event indicator: 1 = event, 0 = censored.", true);
        var entry = CommonOptions.Column("--entry", "Optional column with the entry time (delayed entry; rows at risk on (entry, time]).", false);
        var start = CommonOptions.Column("--start", "Optional column with the start of each (start, stop] row (the same as --entry; with --id and a time-dependent --group, the extended Kaplan-Meier of Simon and Makuch).", false);
        var group = CommonOptions.Column("--group", "Optional column whose values define one curve each (with --start and --id it may change within a subject).", false);
        var id = CommonOptions.Column("--id", "Optional column of subject ids (R: id=): a subject's (start, stop] rows must not overlap, and only the end of its follow-up counts as a censoring.", false);
        var landmark = CommonOptions.Column("--landmark", "Landmark time(s), comma-separated (needs --start, --group and --id): curves from L of the subjects event-free and under observation at L, grouped by their --group at L, times measured from L.", false);
        var confType = CommonOptions.ConfType();
        var confLevel = CommonOptions.ConfLevel();
        var json = CommonOptions.Json();
        var cmd = new Command("km", "Kaplan-Meier survival curves with Greenwood standard errors and confidence limits, as R's survfit.\n" +
                                    "Example: cartoutcomes km --input data/example/survival.csv --time months --event died --group arm")
        {
            input, time, evt, entry, start, group, id, landmark, confType, confLevel, json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (parse.GetValue(entry) is not null && parse.GetValue(start) is not null)
                throw new UsageException("Give --start or --entry, not both: they name the same column.");
            var startColumn = parse.GetValue(start) ?? parse.GetValue(entry);
            var idColumn = parse.GetValue(id);
            var landmarks = parse.GetValue(landmark) is { } l ? TimeDependentOptions.Times(l, "--landmark") : null;
            if (idColumn is not null && startColumn is null)
                throw new UsageException("--id needs --start: subject ids group (start, stop] rows.");
            if (landmarks is not null && (startColumn is null || idColumn is null || parse.GetValue(group) is null))
                throw new UsageException("--landmark needs --start, --id and a time-dependent --group.");
            SurvivalTable table;
            using (var bar = context.ProgressFor(path))
                table = SurvivalCsv.Load(path, new SurvivalColumns(
                    parse.GetValue(time)!, parse.GetValue(evt)!, startColumn, parse.GetValue(group), Cluster: idColumn), bar);
            context.ReportDropped(table);
            var options = new KaplanMeierOptions(CommonOptions.ParseTransform(parse.GetValue(confType)!), parse.GetValue(confLevel));
            if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
                throw new UsageException($"--conf-level must lie strictly between 0 and 1, not {options.ConfidenceLevel}.");
            if (landmarks is not null)
            {
                var fits = TimeDependentOptions.Located(path, idColumn!, table,
                    () => Landmark.Fit(table.Data.WithIds(table.Cluster), table.Groups!, landmarks, options));
                if (parse.GetValue(json)) context.Out.WriteLine(ToJson(fits));
                else
                    foreach (var f in fits)
                    {
                        context.Out.WriteLine($"Landmark {TimeDependentOptions.Show(f.LandmarkTime)}: {f.Subjects} subject(s) event-free and under observation; times from the landmark.");
                        if (f.Curves.Count > 0) SurvivalText.Write(context.Out, f.Curves);
                        context.Out.WriteLine();
                    }
                return 0;
            }
            IReadOnlyList<KaplanMeierResult> curves;
            if (idColumn is not null)
                curves = TimeDependentOptions.Located(path, idColumn, table, () => ExtendedKaplanMeier.Fit(
                    table.Data.WithIds(table.Cluster), table.Groups ?? Enumerable.Repeat("all", table.Data.Count).ToArray(), options));
            else
                curves = table.Groups is null
                    ? [KaplanMeier.Fit(table.Data, options)]
                    : KaplanMeier.Fit(table.Data, table.Groups, options);
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(curves));
            else SurvivalText.Write(context.Out, curves);
            return 0;
        });
        return cmd;
    }

    internal static string ToJson(IReadOnlyList<KaplanMeierResult> curves) =>
        ToJson(curves.Select(c => (c, (double?)null)).ToArray());

    /// <summary>
    /// The landmark curves in km's JSON; with two or more landmarks each group also has a <c>landmark</c> field and
    /// the groups come landmark by landmark.
    /// </summary>
    internal static string ToJson(IReadOnlyList<LandmarkResult> fits) =>
        ToJson(fits.SelectMany(f => f.Curves.Select(c => (c, fits.Count > 1 ? (double?)f.LandmarkTime : null))).ToArray());

    private static string ToJson(IReadOnlyList<(KaplanMeierResult Curve, double? Landmark)> curves) => JsonOutput.Write(w =>
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
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
