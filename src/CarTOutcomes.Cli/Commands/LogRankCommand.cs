using System.CommandLine;
using System.Globalization;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Cli.Commands;

/// <summary><c>cartoutcomes logrank</c>: the G-rho family of k-sample tests (R: <c>survdiff</c>).</summary>
internal static class LogRankCommand
{
    public static Command Create(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up time.", false);
        var evt = CommonOptions.Column("--event", "Column with the event indicator: 1 = event, 0 = censored (or R's 1/2 coding, 2 = event).", false);
        var formula = FormulaInput.Option("Surv(time, status) ~ rx + strata(sex)");
        var group = CommonOptions.Column("--group", "Column whose values define the groups compared.", false);
        var strata = CommonOptions.Column("--strata", "Optional column of strata (R: strata()).", false);
        var start = CommonOptions.Column("--start", "Optional column with the start of each (start, stop] row; with --id, the Mantel-Byar test of a group that may change within a subject (stratified with --strata).", false);
        var id = CommonOptions.Column("--id", "Column of subject ids (needed with --start, or with --formula \"Surv(start, stop, event) ~ group\"): the Mantel-Byar test; a subject's rows must not overlap.", false);
        var rho = new Option<double>("--rho") { Description = "G-rho exponent: 0 = log-rank (default), 1 = Peto-Peto.", DefaultValueFactory = _ => 0.0 };
        var json = CommonOptions.Json();
        var cmd = new Command("logrank", "Log-rank and Fleming-Harrington G-rho tests, as R's survdiff.\n" +
                                         "Example: cartoutcomes logrank --input data/example/survival.csv --time months --event died --group arm")
        {
            input, formula, time, evt, start, id, group, strata, rho, json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var startColumn = parse.GetValue(start);
            var idColumn = parse.GetValue(id);
            var f = FormulaInput.Parse(parse, formula, (time, "--time"), (evt, "--event"), (group, "--group"));
            if (f is not null)
            {
                if (startColumn is not null) throw new UsageException("with --formula, write --start in the formula as Surv(start, stop, event).");
                if (parse.GetValue(strata) is not null) throw new UsageException("with --formula, write --strata in the formula as strata().");
                if (f.Terms.Count == 0) throw new UsageException("the log-rank test needs a grouping variable on the right of '~'.");
                return TestFormula(context, path, f, idColumn, parse.GetValue(rho), parse.GetValue(json));
            }
            if ((startColumn is null) != (idColumn is null))
                throw new UsageException("--start and --id go together: the Mantel-Byar test needs (start, stop] rows and the subject of each.");
            if (startColumn is not null && parse.GetValue(rho) != 0)
                throw new UsageException("The Mantel-Byar test (--start, --id) is the log-rank test: it takes no --rho.");
            SurvivalTable table;
            using (var bar = context.ProgressFor(path))
                table = context.Cancellable(() => SurvivalCsv.Load(path, new SurvivalColumns(
                    parse.GetValue(time)!, parse.GetValue(evt)!, startColumn, Group: parse.GetValue(group), Strata: parse.GetValue(strata),
                    Cluster: idColumn), bar, context.Cancellation));
            context.ReportDropped(table);
            context.ReportStatusCoding(table);
            var test = context.Cancellable(() => idColumn is not null
                ? TimeDependentOptions.Located(path, idColumn, table, () => MantelByar.Test(table.Data.WithIds(table.Cluster), table.Groups!, strata: table.Strata))
                : LogRank.Test(table.Data, table.Groups!, table.Strata, parse.GetValue(rho)));
            context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the test: print nothing (exit 130)
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(test));
            else SurvivalText.Write(context.Out, test);
            return 0;
        });
        return cmd;
    }

    /// <summary>
    /// <c>logrank --formula</c>: R's <c>survdiff(formula, data, rho)</c>; with <c>--id</c> and
    /// <c>Surv(start, stop, event)</c>, the Mantel–Byar test the column options give with <c>--start</c> and
    /// <c>--id</c> (the same test, checks and messages), groups named as R names them (<c>tx=1</c>), stratified by
    /// <c>strata()</c> terms.
    /// </summary>
    private static int TestFormula(CliContext context, string path, Survival.Formulas.Formula f, string? idColumn, double rho, bool json)
    {
        LogRankResult test;
        if (idColumn is null)
        {
            var data = FormulaInput.Load(context, path, f);
            var frame = Survival.Formulas.ModelFrame.BuildGroups(f, data, strataAreGroups: false);
            FormulaInput.Report(context, frame, data.RowCount);
            if (frame.Response!.IsCountingProcess)
                throw new UsageException($"the log-rank test needs right-censored data, Surv(time, status) (R's survdiff does not take {f.Response}); " +
                                         "with (start, stop] rows of subjects, give --id ID for the Mantel-Byar test.");
            test = context.Cancellable(() => LogRank.Test(frame.Response!, frame.Groups!, frame.Strata, rho, frame.GroupLevels));
        }
        else
        {
            // the same rules as the column options' --start and --id: strata() stratifies, rho is 0
            if (rho != 0)
                throw new UsageException("The Mantel-Byar test (--formula with --id) is the log-rank test: it takes no --rho.");
            var (frame, outcome) = FormulaInput.ReadSubjects(context, path, f, idColumn, strataAreGroups: false,
                "With Surv(time, status) each row is a subject: leave out --id for R's survdiff.");
            test = context.Cancellable(() => FormulaInput.Located(frame, path, idColumn,
                () => MantelByar.Test(outcome, frame.Groups!, frame.GroupLevels, frame.Strata)));
        }
        context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the test: print nothing (exit 130)
        if (json) context.Out.WriteLine(ToJson(test));
        else SurvivalText.Write(context.Out, test);
        return 0;
    }

    internal static string ToJson(LogRankResult test) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.Number("chisq", test.ChiSquare);
        w.WriteNumber("df", test.DegreesOfFreedom);
        w.Number("p", test.PValue);
        w.WriteStartArray("groups");
        foreach (var g in test.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteNumber("n", g.N);
            w.Number("observed", g.Observed);
            w.Number("expected", g.Expected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
