using System.CommandLine;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;

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
        var group = CommonOptions.Column("--group", "Optional column whose values define one curve each.", false);
        var confType = CommonOptions.ConfType();
        var confLevel = CommonOptions.ConfLevel();
        var json = CommonOptions.Json();
        var cmd = new Command("km", "Kaplan-Meier survival curves with Greenwood standard errors and confidence limits, as R's survfit.\n" +
                                    "Example: cartoutcomes km --input data/example/survival.csv --time months --event died --group arm")
        {
            input, time, evt, entry, group, confType, confLevel, json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            SurvivalTable table;
            using (var bar = context.ProgressFor(path))
                table = SurvivalCsv.Load(path, new SurvivalColumns(
                    parse.GetValue(time)!, parse.GetValue(evt)!, parse.GetValue(entry), parse.GetValue(group)), bar, context.Cancellation);
            context.ReportDropped(table);
            var options = new KaplanMeierOptions(CommonOptions.ParseTransform(parse.GetValue(confType)!), parse.GetValue(confLevel));
            if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
                throw new UsageException($"--conf-level must lie strictly between 0 and 1, not {options.ConfidenceLevel}.");
            var curves = table.Groups is null
                ? [KaplanMeier.Fit(table.Data, options)]
                : KaplanMeier.Fit(table.Data, table.Groups, options);
            context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the fit: print nothing (exit 130)
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(curves));
            else SurvivalText.Write(context.Out, curves);
            return 0;
        });
        return cmd;
    }

    internal static string ToJson(IReadOnlyList<KaplanMeierResult> curves) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("groups");
        foreach (var c in curves)
        {
            var m = c.Median;
            w.WriteStartObject();
            w.WriteString("group", c.Group);
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
