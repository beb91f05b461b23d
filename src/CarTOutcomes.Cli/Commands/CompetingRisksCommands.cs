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
        var time = CommonOptions.Column("--time", "Column with the follow-up time.", true);
        var status = CommonOptions.Column("--status", "Column with the status code: the censoring code, or the code of the cause that occurred.", true);
        var group = CommonOptions.Column("--group", "Optional column whose values define the groups compared by Gray's test.", false);
        var censor = new Option<int>("--censor-code") { Description = "The status code that means censored (default 0); every other integer is a cause.", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var cmd = new Command("cuminc", "Cumulative incidence of each cause with cmprsk's variance and log(-log) limits; Gray's test across groups.\n" +
                                        "Example: cartoutcomes cuminc --input data/competing.csv --time months --status status --group arm")
        {
            input, time, status, group, censor, json,
        };
        cmd.SetAction(parse =>
        {
            var (data, groups) = Load(context, parse.GetValue(input)!, parse.GetValue(time)!, parse.GetValue(status)!, parse.GetValue(censor), parse.GetValue(group));
            var result = groups is null ? CumulativeIncidence.Fit(data) : CumulativeIncidence.Fit(data, groups);
            if (parse.GetValue(json)) context.Out.WriteLine(CumIncJson(result, groups is not null));
            else WriteText(context.Out, result, groups is not null);
            return 0;
        });
        return cmd;
    }

    public static Command FineGrayCmd(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up time.", true);
        var status = CommonOptions.Column("--status", "Column with the status code.", true);
        var cause = new Option<int>("--cause") { Description = "The cause of interest (R: failcode).", Required = true };
        var covariates = CommonOptions.Column("--covariates", "Comma-separated numeric covariate columns.", true);
        var censor = new Option<int>("--censor-code") { Description = "The status code that means censored (default 0).", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var cmd = new Command("finegray", "Fine-Gray subdistribution hazard regression, as cmprsk::crr.\n" +
                                          "Example: cartoutcomes finegray --input data/competing.csv --time months --status status --cause 1 --covariates age")
        {
            input, time, status, cause, covariates, censor, json,
        };
        cmd.SetAction(parse =>
        {
            var names = CommonOptions.ColumnList(parse.GetValue(covariates)!, "--covariates");
            var (data, _, x) = LoadWithCovariates(context, parse.GetValue(input)!, parse.GetValue(time)!, parse.GetValue(status)!,
                parse.GetValue(censor), null, names);
            var fit = FineGray.Fit(data, names, x, new FineGrayOptions(cause: parse.GetValue(cause)));
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

    private static (CompetingRisksData, string[]?) Load(CliContext context, string path, string time, string status, int censor, string? group)
    {
        var (d, g, _) = LoadWithCovariates(context, path, time, status, censor, group, []);
        return (d, g);
    }

    /// <summary>Reads time, an integer status code and optional columns; non-integer codes are errors naming row and value.</summary>
    private static (CompetingRisksData, string[]?, IReadOnlyList<IReadOnlyList<double>>) LoadWithCovariates(CliContext context, string path,
        string time, string status, int censor, string? group, IReadOnlyList<string> covariates)
    {
        var requests = new List<ColumnRequest> { new(time, ColumnKind.Number), new(status, ColumnKind.Number) };
        if (group is not null) requests.Add(new(group, ColumnKind.Text));
        requests.AddRange(covariates.Select(c => new ColumnRequest(c, ColumnKind.Number)));
        var table = ColumnTable.Read(path, requests);
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
        context.ReportDropped(dropped);
        var data = CompetingRisksData.Create(kept.Select(i => t[i]).ToArray(), kept.Select(i => (int)s[i]).ToArray(), censor);
        var groups = group is null ? null : kept.Select(i => table.Texts(group)[i]!).ToArray();
        var x = covariates.Select(c => (IReadOnlyList<double>)kept.Select(i => table.Numbers(c)[i]).ToArray()).ToArray();
        return (data, groups, x);
    }

    private static void WriteText(TextWriter w, CumulativeIncidenceResult r, bool grouped)
    {
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

    internal static string CumIncJson(CumulativeIncidenceResult r, bool grouped) => JsonOutput.Write(w =>
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
