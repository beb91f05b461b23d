using System.CommandLine;
using System.Globalization;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Survival.MultiState;

namespace CarTOutcomes.Cli.Commands;

/// <summary>
/// <c>cartoutcomes multistate</c>: state occupation probabilities of a multi-state model by the Aalen–Johansen
/// estimator (R: <c>survfit(Surv(tstart, tstop, state) ~ group, id = id, istate = ...)</c>).
/// </summary>
internal static class MultiStateCommand
{
    public static Command Create(CliContext context)
    {
        var input = CommonOptions.Input();
        var id = CommonOptions.Column("--id", "Column of subject ids.", true);
        var start = CommonOptions.Column("--start", "Column with the start of each (start, stop] row.", true);
        var time = CommonOptions.Column("--time", "Column with the stop of each row.", true);
        var state = CommonOptions.Column("--state", "Column with the state entered at the stop: empty, NA or 'censor' for none.", true);
        var initial = CommonOptions.Column("--initial-state", "Optional column with the state a subject is in during the row (R: istate); read on each subject's first row. Without it every subject starts in '(s0)'.", false);
        var group = CommonOptions.Column("--group", "Optional column of groups, constant within a subject: one curve each.", false);
        var times = CommonOptions.Column("--times", "Optional comma-separated times at which to report (R: summary(fit, times=, extend=TRUE)); default: every time of the curve.", false);
        var json = CommonOptions.Json();
        var cmd = new Command("multistate", "Aalen-Johansen state occupation probabilities with infinitesimal-jackknife standard errors, as R's multi-state survfit.\n" +
                                            "Example: cartoutcomes multistate --input course.csv --id id --start tstart --time tstop --state state --times 6,12")
        {
            input, id, start, time, state, initial, group, times, json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var at = parse.GetValue(times) is { } t ? TimeDependentOptions.Times(t, "--times") : null;
            MultiStateTable table;
            using (var bar = context.ProgressFor(path))
                table = MultiStateCsv.Load(path, new MultiStateColumns(parse.GetValue(id)!, parse.GetValue(start)!,
                    parse.GetValue(time)!, parse.GetValue(state)!, parse.GetValue(initial), parse.GetValue(group)), bar);
            context.ReportDropped(table.DroppedRows);
            var fit = MultiStateAalenJohansen.Fit(table.Data);
            var rows = fit.Curves.Select(c => Rows(c, at)).ToArray();
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(fit, rows));
            else WriteText(context.Out, fit, rows);
            return 0;
        });
        return cmd;
    }

    private static StateProbabilities[] Rows(MultiStateCurve c, double[]? times)
    {
        if (times is not null) return times.Select(c.At).ToArray();
        return Enumerable.Range(0, c.Time.Count).Select(i =>
            new StateProbabilities(c.Time[i], c.States.Select((_, k) => c.Probability(i, k)).ToArray(),
                c.States.Select((_, k) => c.StandardError(i, k)).ToArray())).ToArray();
    }

    internal static string ToJson(MultiStateResult fit, IReadOnlyList<StateProbabilities[]> rows) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("groups");
        for (int g = 0; g < fit.Curves.Count; g++)
        {
            w.WriteStartObject();
            w.WriteString("group", fit.Curves[g].Group);
            w.WriteStartArray("states");
            foreach (var s in fit.States) w.WriteStringValue(s);
            w.WriteEndArray();
            w.Numbers("times", rows[g].Select(r => r.Time).ToArray());
            w.WriteStartArray("probability");
            foreach (var r in rows[g]) w.Numbers(null, r.Probability);
            w.WriteEndArray();
            w.WriteStartArray("stdErr");
            foreach (var r in rows[g]) w.Numbers(null, r.StandardError);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteText(TextWriter o, MultiStateResult fit, IReadOnlyList<StateProbabilities[]> rows)
    {
        string F(double x) => double.IsNaN(x) ? "NA" : x.ToString("0.0000", CultureInfo.InvariantCulture);
        for (int g = 0; g < fit.Curves.Count; g++)
        {
            var c = fit.Curves[g];
            o.WriteLine($"group={c.Group}: {c.Subjects} subject(s); probability in state (standard error)");
            o.WriteLine("time".PadLeft(10) + string.Concat(fit.States.Select(s => s.PadLeft(22))));
            foreach (var r in rows[g])
                o.WriteLine(r.Time.ToString("G6", CultureInfo.InvariantCulture).PadLeft(10) +
                            string.Concat(r.Probability.Select((p, k) => $"{F(p)} ({F(r.StandardError[k])})".PadLeft(22))));
            o.WriteLine();
        }
    }
}
