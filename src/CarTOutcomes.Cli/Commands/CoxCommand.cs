using System.CommandLine;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Cox;

namespace CarTOutcomes.Cli.Commands;

/// <summary><c>cartoutcomes cox</c>: Cox proportional hazards regression (R: <c>coxph</c>).</summary>
internal static class CoxCommand
{
    public static Command Create(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up (stop) time.", false);
        var evt = CommonOptions.Column("--event", "Column with the event indicator: 1 = event, 0 = censored (or R's 1/2 coding, 2 = event).", false);
        var start = CommonOptions.Column("--start", "Optional column with the start of each (start, stop] interval (counting-process data).", false);
        var covariates = CommonOptions.Column("--covariates", "Comma-separated numeric covariate columns; without it, the null model (R: coxph(Surv(time, status) ~ 1)).", false);
        var formula = FormulaInput.Option("Surv(time, status) ~ age + factor(rx) + strata(sex) + cluster(id)");
        var ties = new Option<string>("--ties") { Description = "Tie handling: efron (R's default) or breslow.", DefaultValueFactory = _ => "efron" };
        ties.AcceptOnlyFromAmong("efron", "breslow");
        var strata = CommonOptions.Column("--strata", "Optional column of strata (R: strata()).", false);
        var cluster = CommonOptions.Column("--cluster", "Optional column of subject ids for a robust (sandwich) variance (R: cluster()).", false);
        var id = CommonOptions.Column("--id", "Optional column of subject ids (R: id), also with --formula: a subject's (start, stop] intervals must not overlap (R's survcheck); without start times, one row per subject. Changes no coefficient; as R, a subject with more than one event switches on the robust variance clustered on the id.", false);
        var json = CommonOptions.Json();
        var cmd = new Command("cox", "Cox proportional hazards model with Efron or Breslow ties, strata and robust variance, as R's coxph.\n" +
                                     "Example: cartoutcomes cox --input data/survival/example.csv --time months --event died --covariates entry_months")
        {
            input, formula, time, evt, start, covariates, ties, strata, cluster, id, json,
        };
        cmd.SetAction(parse =>
        {
            // without --covariates the column options fit the null model, as --formula "Surv(time, status) ~ 1"
            var f = FormulaInput.Parse(parse, formula, (time, "--time"), (evt, "--event"));
            if (f is not null)
            {
                if (parse.GetValue(covariates) is not null)
                    throw new UsageException("--formula replaces --covariates: give one or the other (the covariates go on the right of '~').");
                foreach (var (o, n) in new[] { (start, "--start"), (strata, "--strata"), (cluster, "--cluster") })
                    if (parse.GetValue(o) is not null) throw new UsageException($"with --formula, write {n} in the formula (Surv(start, stop, status), strata(), cluster()).");
                var idColumn = parse.GetValue(id);
                var file = FormulaInput.Read(context, parse.GetValue(input)!, f, idColumn);
                var formulaFit = context.Cancellable(() => Survival.Cox.Cox.Fit(f, file.Data,
                    new CoxOptions { Ties = parse.GetValue(ties) == "breslow" ? Ties.Breslow : Ties.Efron }, id: idColumn));
                var model = formulaFit.Model!;
                // R's survcheck on the rows the model used, with the messages of the column options (nothing is written on a problem)
                if (idColumn is not null)
                    file.CheckSubjects(idColumn, model.RowsUsed, model.Response!, $"a start time in {f.Response}");
                FormulaInput.Report(context, model, file.Data.RowCount);
                return Write(context, formulaFit, parse.GetValue(json));
            }
            var names = parse.GetValue(covariates) is not { } list ? []
                : string.IsNullOrWhiteSpace(list.Replace(',', ' ')) ? throw new UsageException("--covariates needs at least one column name (leave it out for the null model).")
                : CommonOptions.ColumnList(list, "--covariates");
            var columns = new SurvivalColumns(
                parse.GetValue(time)!, parse.GetValue(evt)!, Entry: parse.GetValue(start), Strata: parse.GetValue(strata),
                Covariates: names, Cluster: parse.GetValue(cluster), Id: parse.GetValue(id));
            var options = new CoxOptions
            {
                Ties = parse.GetValue(ties) == "breslow" ? Ties.Breslow : Ties.Efron,
            };
            return Write(context, FitColumns(context, parse.GetValue(input)!, columns, options), parse.GetValue(json));
        });
        return cmd;
    }

    /// <summary>
    /// Reads the columns and fits. Holds no reference to the covariate columns past the fit's own copy of them, so that
    /// the collector can free them while the fit runs (80 MB at 10^6 rows and 10 covariates; issue #18, peak memory);
    /// fully optimized from the first call because code of the first tier keeps every local alive to the end.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static CoxResult FitColumns(CliContext context, string path, SurvivalColumns columns, CoxOptions options)
    {
        var table = context.Cancellable(() => SurvivalCsv.Load(path, columns, null, context.Cancellation));
        context.ReportDropped(table);
        // the closure below lets go of the columns and the outcome as it hands them to the fit, and nothing else of the
        // table is kept (its status column and row numbers): once the fit holds its sorted copies, the collector can
        // free them (109 MB at 10^6 rows and 10 covariates)
        var held = (Outcome: (CarTOutcomes.Survival.Data.SurvivalData?)table.Data.WithStrata(table.Strata).WithCluster(table.Cluster).WithIds(table.Ids), Covariates: table.Covariates);
        bool oneTwo = table.EventCodedOneTwo;
        var fit = context.Cancellable(() =>
        {
            var (outcome, covariates) = (held.Outcome!, held.Covariates);
            held = (null, []);
            return CoxModel.Fit(outcome, covariates, columns.Covariates!, options, context.Cancellation);
        });
        context.ReportStatusCoding(oneTwo);
        return fit;
    }

    private static int Write(CliContext context, CoxResult fit, bool json)
    {
        context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the fit: print nothing (exit 130)
        foreach (var w in fit.Warnings) context.Error.WriteLine($"warning: {w}");
        if (json) context.Out.WriteLine(ToJson(fit));
        else WriteText(context.Out, fit);
        return 0;
    }

    private static void WriteText(TextWriter w, CoxResult fit)
    {
        w.WriteLine($"n= {fit.RowCount}, number of events= {fit.EventCount}" + (fit.SubjectCount is int s ? $", subjects= {s}" : ""));
        if (fit is not { LikelihoodRatioTest: { } lr, WaldTest: { } wald, ScoreTest: { } score, Concordance: { } concordance })
        {
            // R's print of a coxph.null fit: "Null model", then the log likelihood
            w.WriteLine("Null model (no covariate): no coefficient, no test.");
            w.WriteLine($"  log likelihood= {Number.Significant(fit.LogLik, 7)}");
            return;
        }
        var t = new TextTable("", "coef", "exp(coef)", "se(coef)", fit.IsRobust ? "robust se" : "", "z", "Pr(>|z|)", "lower", "upper");
        foreach (var c in fit.Coefficients)
            t.Add(c.Name, Number.Significant(c.Estimate), Number.Significant(c.HazardRatio), Number.Significant(c.StandardError),
                c.RobustStandardError is double r ? Number.Significant(r) : "", Number.Significant(c.Z), Number.PValue(c.PValue),
                Number.Significant(c.Lower), Number.Significant(c.Upper));
        t.Write(w);
        w.WriteLine();
        w.WriteLine($"Concordance= {Number.Significant(concordance.Value, 3)}");
        w.WriteLine($"Likelihood ratio test= {Number.Significant(lr.Statistic, 4)}  on {lr.DegreesOfFreedom} df,   {NumberStyle.Default.PStatement(lr.PValue)}");
        w.WriteLine($"Wald test            = {Number.Significant(wald.Statistic, 4)}  on {wald.DegreesOfFreedom} df,   {NumberStyle.Default.PStatement(wald.PValue)}");
        w.WriteLine($"Score (logrank) test = {Number.Significant(score.Statistic, 4)}  on {score.DegreesOfFreedom} df,   {NumberStyle.Default.PStatement(score.PValue)}");
        w.WriteLine($"Iterations: {fit.Iterations}, converged: {(fit.Converged ? "yes" : "NO")}");
    }

    internal static string ToJson(CoxResult fit) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("n", fit.RowCount);
        w.WriteNumber("events", fit.EventCount);
        w.WriteStartArray("coefficients");
        foreach (var c in fit.Coefficients)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.Number("coef", c.Estimate);
            w.Number("hr", c.HazardRatio);
            w.Number("se", c.StandardError);
            if (c.RobustStandardError is double r) w.Number("robustSe", r); else w.WriteNull("robustSe");
            w.Number("z", c.Z);
            w.Number("p", c.PValue);
            w.Number("lower", c.Lower);
            w.Number("upper", c.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Number("logLikNull", fit.LogLikNull);
        w.Number("logLik", fit.LogLik);
        // the null model has no test and no concordance (R: coxph.null): JSON null, not a number
        Test(w, "lrTest", fit.LikelihoodRatioTest);
        Test(w, "waldTest", fit.WaldTest);
        Test(w, "scoreTest", fit.ScoreTest);
        if (fit.Concordance is { } concordance) w.Number("concordance", concordance.Value); else w.WriteNull("concordance");
        w.WriteNumber("iterations", fit.Iterations);
        w.WriteBoolean("converged", fit.Converged);
        w.WriteStartArray("warnings");
        foreach (var x in fit.Warnings) w.WriteStringValue(x);
        w.WriteEndArray();
        w.WriteStartArray("terms");
        foreach (var t in fit.TermTests)
        {
            w.WriteStartObject();
            w.WriteString("term", t.Term);
            w.WriteNumber("df", t.DegreesOfFreedom);
            w.Number("chisq", t.ChiSquare);
            w.Number("p", t.PValue);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void Test(System.Text.Json.Utf8JsonWriter w, string name, CoxTest? t)
    {
        if (t is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.Number("stat", t.Statistic);
        w.WriteNumber("df", t.DegreesOfFreedom);
        w.Number("p", t.PValue);
        w.WriteEndObject();
    }
}
