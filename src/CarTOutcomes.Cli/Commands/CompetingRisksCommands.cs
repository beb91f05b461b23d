using System.CommandLine;
using System.Globalization;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.CompetingRisks;

namespace CarTOutcomes.Cli.Commands;

/// <summary><c>cartoutcomes cuminc</c> and <c>finegray</c>: competing risks (R: <c>cmprsk::cuminc</c>, <c>cmprsk::crr</c>).</summary>
internal static class CompetingRisksCommands
{
    public static Command CumInc(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up time.", false);
        var status = CommonOptions.Column("--status", "Column with the status code: the censoring code, or the code of the cause that occurred.", false);
        var group = CommonOptions.Column("--group", "Optional column whose values define the groups compared by Gray's test.", false);
        var formula = FormulaInput.Option("Surv(time, status) ~ arm");
        var times = FormulaInput.Times();
        var censor = new Option<int>("--censor-code") { Description = "The status code that means censored (default 0); every other integer is a cause.", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var cmd = new Command("cuminc", "Cumulative incidence of each cause with cmprsk's variance and log(-log) limits; Gray's test across groups.\n" +
                                        "Example: cartoutcomes cuminc --input data/competing.csv --time months --status status --group arm")
        {
            input, formula, time, status, group, censor, times, json,
        };
        cmd.SetAction(parse =>
        {
            var summaryTimes = FormulaInput.ParseTimes(parse.GetValue(times));
            var f = FormulaInput.Parse(parse, formula, (time, "--time"), (status, "--status"));
            CumulativeIncidenceResult result;
            bool grouped;
            if (f is not null)
            {
                if (parse.GetValue(group) is not null) throw new UsageException("with --formula, write --group in the formula (~ group).");
                var modelData = FormulaInput.Load(context, parse.GetValue(input)!, f);
                result = context.Cancellable(() => CumulativeIncidence.Fit(f.Text, modelData, censorCode: parse.GetValue(censor)));
                FormulaInput.Report(context, result.Model!, modelData.RowCount);
                grouped = result.Curves.Select(c => c.Group).Distinct().Count() > 1;
            }
            else
            {
                var (data, groups) = context.Cancellable(() => Load(context, parse.GetValue(input)!, parse.GetValue(time)!, parse.GetValue(status)!,
                    parse.GetValue(censor), parse.GetValue(group), Explicit(parse, censor)));
                result = context.Cancellable(() => groups is null ? CumulativeIncidence.Fit(data) : CumulativeIncidence.Fit(data, groups));
                grouped = groups is not null;
            }
            context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the fit: print nothing (exit 130)
            if (parse.GetValue(json)) context.Out.WriteLine(CumIncJson(result, grouped, summaryTimes));
            else WriteText(context.Out, result, grouped, summaryTimes);
            return 0;
        });
        return cmd;
    }

    public static Command FineGrayCmd(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up time.", false);
        var status = CommonOptions.Column("--status", "Column with the status code.", false);
        var cause = new Option<int>("--cause") { Description = "The cause of interest (R: failcode).", Required = true };
        var covariates = CommonOptions.Column("--covariates", "Comma-separated numeric covariate columns.", false);
        var formula = FormulaInput.Option("Surv(time, status) ~ age + factor(x)");
        var censor = new Option<int>("--censor-code") { Description = "The status code that means censored (default 0).", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var cmd = new Command("finegray", "Fine-Gray subdistribution hazard regression, as cmprsk::crr.\n" +
                                          "Example: cartoutcomes finegray --input data/competing.csv --time months --status status --cause 1 --covariates age")
        {
            input, formula, time, status, cause, covariates, censor, json,
        };
        cmd.SetAction(parse =>
        {
            var f = FormulaInput.Parse(parse, formula, (time, "--time"), (status, "--status"), (covariates, "--covariates"));
            FineGrayResult fit;
            if (f is not null)
            {
                var modelData = FormulaInput.Load(context, parse.GetValue(input)!, f);
                fit = context.Cancellable(() => FineGray.Fit(f.Text, modelData, new FineGrayOptions(cause: parse.GetValue(cause)), parse.GetValue(censor)));
                FormulaInput.Report(context, fit.Model!, modelData.RowCount);
            }
            else
            {
                var names = CommonOptions.ColumnList(parse.GetValue(covariates)!, "--covariates");
                var (data, _, x) = context.Cancellable(() => LoadWithCovariates(context, parse.GetValue(input)!, parse.GetValue(time)!, parse.GetValue(status)!,
                    parse.GetValue(censor), null, names, Explicit(parse, censor)));
                fit = context.Cancellable(() => FineGray.Fit(data, names, x, new FineGrayOptions(cause: parse.GetValue(cause)), context.Cancellation));
            }
            context.Cancellation.ThrowIfCancellationRequested(); // Ctrl+C during the fit: print nothing (exit 130)
            if (parse.GetValue(json)) context.Out.WriteLine(FineGrayJson(fit));
            else
            {
                var t = new TextTable("", "coef", "exp(coef)", "se(coef)", "z", "p-value", "lower", "upper");
                foreach (var c in fit.Coefficients)
                    t.Add(c.Name, Number.Significant(c.Coefficient), Number.Significant(c.HazardRatio), Number.Significant(c.StandardError),
                        Number.Significant(c.Z), Number.PValue(c.PValue), Number.Significant(c.Lower), Number.Significant(c.Upper));
                t.Write(context.Out);
                context.Out.WriteLine($"n= {fit.Records}, events= {fit.Events}, log pseudo-likelihood= {Number.Significant(fit.LogPseudoLikelihood, 6)}, " +
                                      $"iterations= {fit.Iterations}, converged: {(fit.Converged ? "yes" : "NO")}");
            }
            return 0;
        });
        return cmd;
    }

    private static bool Explicit(ParseResult parse, Option<int> option) => parse.GetResult(option) is { Implicit: false };

    private static (CompetingRisksData, string[]?) Load(CliContext context, string path, string time, string status, int censor, string? group,
        bool censorGiven)
    {
        var (d, g, _) = LoadWithCovariates(context, path, time, status, censor, group, [], censorGiven);
        return (d, g);
    }

    /// <summary>Reads time, an integer status code and optional columns; non-integer codes are errors naming row and value.</summary>
    private static (CompetingRisksData, string[]?, IReadOnlyList<IReadOnlyList<double>>) LoadWithCovariates(CliContext context, string path,
        string time, string status, int censor, string? group, IReadOnlyList<string> covariates, bool censorGiven)
    {
        var requests = new List<ColumnRequest> { new(time, ColumnKind.Number), new(status, ColumnKind.Number) };
        if (group is not null) requests.Add(new(group, ColumnKind.Text));
        requests.AddRange(covariates.Select(c => new ColumnRequest(c, ColumnKind.Number)));
        var table = ColumnTable.Read(path, requests, null, context.Cancellation);
        var issues = new List<DataIssue>(table.Issues);
        var bad = table.Issues.Select(i => i.Row).ToHashSet();
        var kept = new List<int>();
        var dropped = new List<int>();
        var t = table.Numbers(time);
        var s = table.Numbers(status);
        for (int i = 0; i < table.RowCount; i++)
        {
            if (bad.Contains(i + 1)) continue;
            if (table.HasMissing(i)) { dropped.Add(i + 1); continue; }
            string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            if (t[i] < 0) issues.Add(new DataIssue(table.File, i + 1, table.LineOf(i), time, Show(t[i]), "a non-negative time"));
            if (s[i] != Math.Floor(s[i]) || Math.Abs(s[i]) > int.MaxValue)
                issues.Add(new DataIssue(table.File, i + 1, table.LineOf(i), status, Show(s[i]),
                    $"an integer status code: {censor} for censored, any other integer for the cause that occurred"));
            kept.Add(i);
        }
        if (issues.Count > 0) throw new DataValidationException(issues.OrderBy(x => x.Row).ToArray());
        CheckCensorCode(context, kept.Select(i => s[i]), censor, censorGiven, status);
        context.ReportDropped(dropped);
        // A time of -0 is a time of 0 (never echoed as "-0").
        var data = CompetingRisksData.Create(kept.Select(i => t[i] == 0 ? 0.0 : t[i]).ToArray(), kept.Select(i => (int)s[i]).ToArray(), censor);
        var groups = group is null ? null : kept.Select(i => table.Texts(group)[i]!).ToArray();
        var x = covariates.Select(c => (IReadOnlyList<double>)kept.Select(i => table.Numbers(c)[i]).ToArray()).ToArray();
        return (data, groups, x);
    }

    /// <summary>
    /// A censoring code that never occurs would make the real censored rows a cause of their own (a "cause 0"): when
    /// --censor-code is given and no row has it, that is a usage error listing the codes present. With the default 0
    /// absent, every row is an event, which can be right (complete follow-up): a note says so.
    /// </summary>
    private static void CheckCensorCode(CliContext context, IEnumerable<double> codes, int censor, bool given, string status)
    {
        var counts = codes.GroupBy(c => (int)c).OrderBy(g => g.Key).Select(g => (Code: g.Key, Count: g.Count())).ToArray();
        if (counts.Length == 0 || counts.Any(c => c.Code == censor)) return;
        var present = string.Join(", ", counts.Select(c => $"{c.Code} ({c.Count} rows)"));
        if (given)
            throw new UsageException($"--censor-code {censor} never occurs in column '{status}'; the codes present are {present}. " +
                                     "Give the code that means censored.");
        context.Error.WriteLine($"note: no row of column '{status}' has the censoring code {censor}: every row is an event (codes present: {present}).");
    }

    private static void WriteText(TextWriter w, CumulativeIncidenceResult r, bool grouped, double[]? times)
    {
        if (times is not null)
        {
            foreach (var c in r.Curves)
            {
                w.WriteLine($"summary at chosen times: group={c.Group}  cause={c.Cause}");
                var st = new TextTable("time", "estimate", "variance", "lower", "upper");
                foreach (var e in times.Select(c.At))
                    st.Add(Number.Significant(e.Time, 6), Number.Significant(e.Estimate), Number.Significant(e.Variance),
                        Number.Significant(e.Lower), Number.Significant(e.Upper));
                st.Write(w);
                w.WriteLine();
            }
        }
        foreach (var c in r.Curves)
        {
            w.WriteLine($"group={c.Group}  cause={c.Cause}");
            var t = new TextTable("time", "estimate", "variance", "lower", "upper");
            for (int i = 0; i < c.Time.Count; i++)
                t.Add(Number.Significant(c.Time[i], 6), Number.Significant(c.Estimate[i]), Number.Significant(c.Variance[i]),
                    Number.Significant(c.Lower[i]), Number.Significant(c.Upper[i]));
            t.Write(w);
            w.WriteLine();
        }
        if (!grouped) return;
        w.WriteLine("Gray's test:");
        foreach (var g in r.GrayTests)
            w.WriteLine($"  cause {g.Cause}: stat= {Number.Significant(g.Statistic, 4)}  df= {g.DegreesOfFreedom}  {NumberStyle.Default.PStatement(g.PValue)}");
    }

    internal static string CumIncJson(CumulativeIncidenceResult r, bool grouped, IReadOnlyList<double>? times = null) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("curves");
        foreach (var c in r.Curves)
        {
            w.WriteStartObject();
            w.WriteString("group", c.Group);
            w.WriteNumber("cause", c.Cause);
            w.Numbers("times", c.Time);
            w.Numbers("estimate", c.Estimate);
            w.Numbers("variance", c.Variance);
            w.Numbers("lower", c.Lower);
            w.Numbers("upper", c.Upper);
            if (times is not null)
            {
                w.WriteStartArray("summary");
                foreach (var e in times.Select(c.At))
                {
                    w.WriteStartObject();
                    w.Number("time", e.Time);
                    w.Number("estimate", e.Estimate);
                    w.Number("variance", e.Variance);
                    w.Number("lower", e.Lower);
                    w.Number("upper", e.Upper);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (grouped)
        {
            w.WriteStartArray("grayTest");
            foreach (var g in r.GrayTests)
            {
                w.WriteStartObject();
                w.WriteNumber("cause", g.Cause);
                w.Number("stat", g.Statistic);
                w.WriteNumber("df", g.DegreesOfFreedom);
                w.Number("p", g.PValue);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    });

    internal static string FineGrayJson(FineGrayResult fit) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("n", fit.Records);
        w.WriteNumber("events", fit.Events);
        w.WriteStartArray("coefficients");
        foreach (var c in fit.Coefficients)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.Number("coef", c.Coefficient);
            w.Number("hr", c.HazardRatio);
            w.Number("se", c.StandardError);
            w.Number("z", c.Z);
            w.Number("p", c.PValue);
            w.Number("lower", c.Lower);
            w.Number("upper", c.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Number("logLik", fit.LogPseudoLikelihood);
        w.WriteNumber("iterations", fit.Iterations);
        w.WriteBoolean("converged", fit.Converged);
        w.WriteEndObject();
    });
}
