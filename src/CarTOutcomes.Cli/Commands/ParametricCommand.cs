using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using CarTOutcomes.Cli.Json;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Cli.Commands;

/// <summary>
/// <c>cartoutcomes parametric</c>: a parametric survival or mixture cure model (R: <c>survreg</c>,
/// <c>flexsurvreg</c>, <c>flexsurvcure</c>), from named columns or a formula.
/// </summary>
internal static partial class ParametricCommand
{
    private static readonly Dictionary<string, ParametricDistribution> Distributions = new(StringComparer.Ordinal)
    {
        ["exponential"] = ParametricDistribution.Exponential,
        ["weibull"] = ParametricDistribution.Weibull,
        ["gompertz"] = ParametricDistribution.Gompertz,
        ["lognormal"] = ParametricDistribution.LogNormal,
        ["loglogistic"] = ParametricDistribution.LogLogistic,
        ["gengamma"] = ParametricDistribution.GeneralizedGamma,
    };

    /// <summary>The command-line name of a distribution.</summary>
    internal static string NameOf(ParametricDistribution d) => Distributions.Single(kv => kv.Value == d).Key;

    public static Command Create(CliContext context)
    {
        var input = CommonOptions.Input();
        var time = CommonOptions.Column("--time", "Column with the follow-up (exit) time; times must be > 0.", false);
        var evt = CommonOptions.Column("--event", "Column with the event indicator: 1 = event, 0 = censored.", false);
        var entry = CommonOptions.Column("--entry", "Optional column with the entry time (delayed entry).", false);
        var covariates = CommonOptions.Column("--covariates", "Comma-separated numeric covariate columns.", false);
        var weights = CommonOptions.Column("--weights", "Optional column of case weights (R: weights =).", false);
        var formula = new Option<string>("--formula")
        {
            Description = "Instead of --time/--event/--entry/--covariates: R's formula, e.g. \"Surv(time, status) ~ age + factor(sex)\" (Surv(start, stop, status) for delayed entry).",
        };
        var dist = new Option<string>("--dist") { Description = "The distribution: " + string.Join(", ", Distributions.Keys) + ".", Required = true };
        dist.AcceptOnlyFromAmong([.. Distributions.Keys]);
        var cure = new Option<bool>("--cure") { Description = "A mixture cure model S(t) = pi + (1 - pi) S_u(t) with a constant cure fraction pi." };
        var times = new Option<string>("--times") { Description = "Comma-separated times for the survival summary (default: 1/4, 1/2, 3/4 and all of the horizon)." };
        var horizon = new Option<double?>("--horizon") { Description = "Horizon of the restricted mean survival time (default: the largest time in the data)." };
        var json = CommonOptions.Json();
        var cmd = new Command("parametric", "Parametric survival model (exponential, Weibull, Gompertz, log-normal, log-logistic, generalized gamma), optionally with a cure fraction.\n" +
                                            "Example: cartoutcomes parametric --input data/survival/example.csv --time months --event died --dist weibull --cure --horizon 60")
        {
            input, time, evt, entry, covariates, weights, formula, dist, cure, times, horizon, json,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var options = new ParametricOptions(Distributions[parse.GetValue(dist)!]) { Cure = parse.GetValue(cure) };
            string? f = parse.GetValue(formula);
            ParametricResult fit;
            if (f is not null)
            {
                if (parse.GetValue(time) is not null || parse.GetValue(evt) is not null || parse.GetValue(entry) is not null || parse.GetValue(covariates) is not null)
                    throw new UsageException("--formula replaces --time, --event, --entry and --covariates; give one or the other.");
                fit = context.Cancellable(() => FitFormula(context, path, f, parse.GetValue(weights), options));
            }
            else
            {
                if (parse.GetValue(time) is null || parse.GetValue(evt) is null)
                    throw new UsageException("Give --time and --event (with optional --entry and --covariates), or --formula.");
                fit = context.Cancellable(() => FitColumns(context, path, parse.GetValue(time)!, parse.GetValue(evt)!, parse.GetValue(entry),
                    parse.GetValue(covariates), parse.GetValue(weights), options));
            }
            double h = parse.GetValue(horizon) ?? fit.MaxTime;
            if (!(h > 0) || !double.IsFinite(h)) throw new UsageException($"--horizon must be a positive number, not {h.ToString(CultureInfo.InvariantCulture)}.");
            var at = parse.GetValue(times) is { } ts ? ParseTimes(ts) : [h / 4, h / 2, 3 * h / 4, h];
            foreach (var w in fit.Warnings) context.Error.WriteLine($"warning: {w}");
            if (parse.GetValue(json)) context.Out.WriteLine(ToJson(fit, h, at));
            else WriteText(context.Out, fit, h, at);
            return 0;
        });
        return cmd;
    }

    private static double[] ParseTimes(string s)
    {
        var parts = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new UsageException("--times needs at least one time.");
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v : throw new UsageException($"--times: '{p}' is not a non-negative number.")).ToArray();
    }

    private static ParametricResult FitColumns(CliContext context, string path, string time, string evt, string? entry, string? covariates,
        string? weights, ParametricOptions options)
    {
        var names = covariates is null ? [] : CommonOptions.ColumnList(covariates, "--covariates");
        var table = SurvivalCsv.Load(path, new SurvivalColumns(time, evt, Entry: entry, Weights: weights, Covariates: names));
        context.ReportDropped(table);
        var bad = Enumerable.Range(0, table.Data.Count).Where(i => !(table.Data.Time[i] > 0)).ToList();
        if (bad.Count > 0)
        {
            var located = ColumnTable.Read(path, [new ColumnRequest(time, IO.Tabular.ColumnKind.Number)]);
            throw new DataValidationException(bad.Take(ColumnTable.MaxIssuesKept).Select(i =>
            {
                int row = table.SourceRows[i];
                return new DataIssue(path, row, located.LineOf(row - 1), time, table.Data.Time[i].ToString(CultureInfo.InvariantCulture),
                    PositiveTime);
            }).ToArray(), bad.Count);
        }
        context.ReportStatusCoding(table);
        var x = Covariates.Create(names, table.Covariates.Select(c => (IReadOnlyList<double>)c).ToArray());
        return ParametricModel.Fit(table.Data, x, options);
    }

    private static ParametricResult FitFormula(CliContext context, string path, string formula, string? weights, ParametricOptions options)
    {
        var f = Survival.Formulas.Formula.Parse(formula);
        var data = FormulaInput.Load(context, path, f, weights);
        // The exit time (the last-but-one argument of Surv(...)) must be > 0; when it is a plain column, say where it is not.
        var surv = SurvArguments().Match(formula);
        var args = surv.Success ? surv.Groups[1].Value.Split(',').Select(a => a.Trim()).ToArray() : [];
        // Surv(...)'s plain columns must be numbers (or TRUE/FALSE for the status): name the cells that are not.
        foreach (var a in args.Where(a => PlainName().IsMatch(a)))
        {
            if (!data.TryGetColumn(a, out var c) || c.Kind != Survival.Formulas.ColumnKind.Text) continue;
            var cells = c.AsTexts();
            var bad = Enumerable.Range(0, cells.Count)
                .Where(i => cells[i] is { } v && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();
            if (bad.Count == 0) continue;
            var located = ColumnTable.Read(path, [new ColumnRequest(a, IO.Tabular.ColumnKind.Text)]);
            throw new DataValidationException(bad.Take(ColumnTable.MaxIssuesKept).Select(i => new DataIssue(path, i + 1, located.LineOf(i), a,
                cells[i]!, "a number (the columns of Surv(...) are numeric)")).ToArray(), bad.Count);
        }
        if (args.Length >= 2 && PlainName().IsMatch(args[^2]) && data.TryGetColumn(args[^2], out var column)
            && column.Kind == Survival.Formulas.ColumnKind.Numeric)
        {
            string tcol = args[^2];
            var t = column.AsNumbers();
            var bad = Enumerable.Range(0, t.Count).Where(i => !double.IsNaN(t[i]) && !(t[i] > 0)).ToList();
            if (bad.Count > 0)
            {
                var located = ColumnTable.Read(path, [new ColumnRequest(tcol, IO.Tabular.ColumnKind.Number)]);
                throw new DataValidationException(bad.Take(ColumnTable.MaxIssuesKept).Select(i => new DataIssue(path, i + 1, located.LineOf(i), tcol,
                    t[i].ToString(CultureInfo.InvariantCulture), PositiveTime)).ToArray(), bad.Count);
            }
        }
        var fit = ParametricModel.Fit(formula, data, options, weights);
        if (fit.Model is { } frame) FormulaInput.Report(context, frame, data.RowCount);
        return fit;
    }

    private const string PositiveTime = "a time > 0 (parametric models here, like R's survreg, need positive times)";

    [GeneratedRegex(@"Surv\s*\(([^()]*)\)")]
    private static partial Regex SurvArguments();

    [GeneratedRegex(@"^[A-Za-z.][A-Za-z0-9._]*$")]
    private static partial Regex PlainName();

    private static void WriteText(TextWriter w, ParametricResult fit, double horizon, double[] times)
    {
        string scale = fit.Options.EffectiveScale == ParametricScale.ProportionalHazards ? "proportional hazards" : "accelerated failure time";
        w.WriteLine($"{NameOf(fit.Distribution)} ({scale}){(fit.IsCure ? " mixture cure model" : " model")}: n= {fit.RowCount}, events= {fit.EventCount}");
        var t = new TextTable("", "estimate", "se", "lower", "upper", "z", "p");
        foreach (var c in fit.Coefficients)
            t.Add(c.Name, Number.Significant(c.Estimate), Number.Significant(c.StandardError), Number.Significant(c.Lower),
                Number.Significant(c.Upper), Number.Significant(c.Z), Number.Significant(c.PValue, 3));
        t.Write(w);
        w.WriteLine();
        w.WriteLine($"log-likelihood= {Number.Significant(fit.LogLik, 8)}  AIC= {Number.Significant(fit.Aic, 8)}  BIC= {Number.Significant(fit.Bic, 8)}  (k= {fit.ParameterCount}; converged: {(fit.Converged ? "yes" : "NO")})");
        string where = fit.CovariateMeans.Count > 0 ? " (at the covariate means)" : "";
        if (fit.CureFraction is { } cf)
            w.WriteLine($"cure fraction{where}= {Number.Significant(cf.Estimate)} ({Number.Significant(cf.Lower)}, {Number.Significant(cf.Upper)})");
        var m = fit.Median;
        w.WriteLine($"median{where}= {(double.IsFinite(m.Estimate) ? $"{Number.Significant(m.Estimate)} ({Number.Significant(m.Lower)}, {Number.Significant(m.Upper)})" : "not reached (the curve stays above 1/2)")}");
        var r = fit.RestrictedMean(horizon);
        w.WriteLine($"restricted mean to {Number.Significant(horizon)}{where}= {Number.Significant(r.Estimate)} ({Number.Significant(r.Lower)}, {Number.Significant(r.Upper)})");
        w.WriteLine();
        var s = new TextTable("time", "survival", "lower", "upper");
        foreach (var e in fit.Survival(times))
            s.Add(Number.Significant(e.At), Number.Significant(e.Estimate), Number.Significant(e.Lower), Number.Significant(e.Upper));
        s.Write(w);
    }

    internal static string ToJson(ParametricResult fit, double horizon, IReadOnlyList<double> times) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("dist", NameOf(fit.Distribution));
        w.WriteBoolean("cure", fit.IsCure);
        w.WriteNumber("n", fit.RowCount);
        w.WriteNumber("events", fit.EventCount);
        w.Number("logLik", fit.LogLik);
        w.Number("aic", fit.Aic);
        w.Number("bic", fit.Bic);
        w.WriteBoolean("converged", fit.Converged);
        w.WriteStartArray("coefficients");
        foreach (var c in fit.Coefficients)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.Number("estimate", c.Estimate);
            w.Number("se", c.StandardError);
            w.Number("lower", c.Lower);
            w.Number("upper", c.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (fit.CureFraction is { } cf)
        {
            w.WriteStartObject("cureFraction");
            w.Number("estimate", cf.Estimate);
            w.Number("lower", cf.Lower);
            w.Number("upper", cf.Upper);
            w.WriteEndObject();
        }
        else w.WriteNull("cureFraction");
        w.Number("median", fit.Median.Estimate);
        var r = fit.RestrictedMean(horizon);
        w.WriteStartObject("rmst");
        w.Number("horizon", horizon);
        w.Number("estimate", r.Estimate);
        w.Number("lower", r.Lower);
        w.Number("upper", r.Upper);
        w.WriteEndObject();
        w.WriteStartArray("summary");
        foreach (var e in fit.Survival(times))
        {
            w.WriteStartObject();
            w.Number("time", e.At);
            w.Number("survival", e.Estimate);
            w.Number("lower", e.Lower);
            w.Number("upper", e.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
