using System.Globalization;
using System.Text;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;

namespace CarTOutcomes.Presentation.Rendering;

/// <summary>
/// HTML, Markdown and SVG renderings of regression and competing-risks results: the coefficient tables as R's
/// <c>summary.coxph</c> and <c>summary.crr</c> lay them out, and the cumulative incidence figure.
/// </summary>
public static class ModelRendering
{
    /// <summary>
    /// The coefficient table (coef, HR with limits, se, robust se when present, z, p) and the three global tests; for
    /// the null model (<see cref="CoxResult.IsNullModel"/>) no table, and "Null model" with the log partial likelihood,
    /// as R prints a <c>coxph.null</c> fit.
    /// </summary>
    /// <param name="fit">A Cox fit.</param>
    public static string ToHtml(this CoxResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var sb = new StringBuilder("<div class=\"cartoutcomes cox\">\n");
        sb.Append("<p>").Append(SvgWriter.Escape(CoxCounts(fit))).Append("</p>\n");
        if (!fit.IsNullModel) Markup.HtmlTable(sb, "cox-coefficients", CoxHeader(fit), CoxRows(fit));
        sb.Append("<p>").Append(SvgWriter.Escape(CoxTests(fit))).Append("</p>\n");
        foreach (var w in fit.Warnings) sb.Append("<p class=\"warning\">Warning: ").Append(SvgWriter.Escape(w)).Append("</p>\n");
        return sb.Append("</div>\n").ToString();
    }

    /// <summary>The same as <see cref="ToHtml(CoxResult)"/> in Markdown.</summary>
    /// <param name="fit">A Cox fit.</param>
    public static string ToMarkdown(this CoxResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var sb = new StringBuilder(CoxCounts(fit)).Append("\n\n");
        if (!fit.IsNullModel)
        {
            Markup.MarkdownTable(sb, CoxHeader(fit), CoxRows(fit));
            sb.Append('\n');
        }
        sb.Append(CoxTests(fit)).Append('\n');
        foreach (var w in fit.Warnings) sb.Append("\n**Warning:** ").Append(w).Append('\n');
        return sb.ToString();
    }

    /// <summary>The subdistribution hazard ratio table of a Fine–Gray fit.</summary>
    /// <param name="fit">A Fine–Gray fit.</param>
    public static string ToHtml(this FineGrayResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var sb = new StringBuilder("<div class=\"cartoutcomes fine-gray\">\n<p>").Append(SvgWriter.Escape(FineGrayLine(fit))).Append("</p>\n");
        Markup.HtmlTable(sb, "finegray-coefficients", FineGrayHeader(fit), FineGrayRows(fit));
        return sb.Append("</div>\n").ToString();
    }

    /// <summary>The same as <see cref="ToHtml(FineGrayResult)"/> in Markdown.</summary>
    /// <param name="fit">A Fine–Gray fit.</param>
    public static string ToMarkdown(this FineGrayResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var sb = new StringBuilder(FineGrayLine(fit)).Append("\n\n");
        Markup.MarkdownTable(sb, FineGrayHeader(fit), FineGrayRows(fit));
        return sb.ToString();
    }

    /// <summary>
    /// The cumulative incidence figure: one step curve per group and cause (the competing causes included), with
    /// confidence bands, a legend naming the causes and, when <paramref name="data"/> is given, an at-risk table.
    /// </summary>
    /// <param name="result">Cumulative incidence curves.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    /// <param name="causeNames">Legend names of the causes by status code (e.g. 1 → "Relapse", 2 → "Death"); "Cause k" when absent.</param>
    /// <param name="data">The data that were fitted, for the numbers at risk (subjects whose time is at least t).</param>
    /// <param name="groups">The group of each row of <paramref name="data"/>, as given to the fit; null for one group.</param>
    public static SvgDocument ToSvg(this CumulativeIncidenceResult result, CumulativeIncidencePlotOptions? options = null,
        IReadOnlyDictionary<int, string>? causeNames = null, CompetingRisksData? data = null, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (data is not null && groups is not null && groups.Count != data.Count)
            throw new ArgumentException($"There are {groups.Count} groups for {data.Count} rows of data.", nameof(groups));
        var curves = result.Curves.Select(c => c.ToIncidenceCurve(CurveLabel(result, c, causeNames),
            data is null ? null : FollowUpOf(data, groups, c.Group))).ToArray();
        var gray = result.GrayTests.Count == 1 ? result.GrayTests[0].PValue : (double?)null;
        return CumulativeIncidencePlot.Render(curves, options, gray, "Gray's test");
    }

    /// <summary>The follow-up times (and entry times) of one group's rows.</summary>
    private static (double[] Time, double[]? Entry) FollowUpOf(CompetingRisksData data, IReadOnlyList<string>? groups, string group)
    {
        var rows = Enumerable.Range(0, data.Count).Where(i => groups is null || groups[i] == group).ToArray();
        var time = data.Time.ToArray();
        var entry = data.HasEntry ? data.Entry.ToArray() : null;
        return (rows.Select(i => time[i]).ToArray(), entry is null ? null : rows.Select(i => entry[i]).ToArray());
    }

    /// <summary>
    /// The figure's step data of a cumulative incidence curve: its jumps, then flat to the last follow-up time (the
    /// curve is defined up to the last observed time, not only to its last jump).
    /// </summary>
    /// <param name="curve">One cause's curve.</param>
    /// <param name="label">The legend label.</param>
    public static IncidenceCurve ToIncidenceCurve(this CumulativeIncidenceCurve curve, string label) => ToIncidenceCurve(curve, label, null);

    /// <summary>
    /// As <see cref="ToIncidenceCurve(CumulativeIncidenceCurve, string)"/>, with numbers at risk from the group's
    /// follow-up: every follow-up time becomes a point of the curve (the estimate carried forward) and the number at
    /// risk at t counts the subjects under observation just before t (entered before t, time at least t), the risk set
    /// of R's <c>survfit</c> with a multi-state status.
    /// </summary>
    /// <param name="curve">One cause's curve.</param>
    /// <param name="label">The legend label.</param>
    /// <param name="followUp">Each subject's time and, with delayed entry, entry time; null for no at-risk counts.</param>
    public static IncidenceCurve ToIncidenceCurve(this CumulativeIncidenceCurve curve, string label, (double[] Time, double[]? Entry)? followUp)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var t = curve.Time.ToList();
        var e = curve.Estimate.ToList();
        var lo = curve.Lower.ToList();
        var hi = curve.Upper.ToList();
        if (t.Count > 0 && curve.LastFollowUp > t[^1])
        {
            t.Add(curve.LastFollowUp); e.Add(e[^1]); lo.Add(lo[^1]); hi.Add(hi[^1]);
        }
        if (followUp is not { } f) return new IncidenceCurve(label, t, e, lo, hi);
        var times = t.Concat(f.Time).Distinct().Order().ToArray();
        var est = new double[times.Length];
        var lower = new double[times.Length];
        var upper = new double[times.Length];
        var atRisk = new double[times.Length];
        for (int i = 0, j = -1; i < times.Length; i++)
        {
            while (j + 1 < t.Count && t[j + 1] <= times[i]) j++;
            est[i] = j < 0 ? 0 : e[j];
            lower[i] = j < 0 ? 0 : lo[j];
            upper[i] = j < 0 ? 0 : hi[j];
            double ti = times[i];
            atRisk[i] = Enumerable.Range(0, f.Time.Length).Count(k => f.Time[k] >= ti && (f.Entry is null || f.Entry[k] < ti));
        }
        return new IncidenceCurve(label, times, est, lower, upper, atRisk);
    }

    /// <summary>The figure and, per curve, a table of its jumps (estimate, variance, limits); Gray's tests when present.</summary>
    /// <param name="result">Cumulative incidence curves.</param>
    public static string ToHtml(this CumulativeIncidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("<div class=\"cartoutcomes cuminc\">\n");
        sb.Append(result.ToSvg().ToSvg());
        foreach (var c in result.Curves)
        {
            sb.Append("<h4>").Append(SvgWriter.Escape(CurveLabel(result, c))).Append("</h4>\n");
            Markup.HtmlTable(sb, "cuminc-table", CifHeader, CifRows(c));
        }
        if (result.GrayTests.Count > 0) Markup.HtmlTable(sb, "gray-tests", GrayHeader, GrayRows(result));
        return sb.Append("</div>\n").ToString();
    }

    /// <summary>The per-curve tables and Gray's tests in Markdown.</summary>
    /// <param name="result">Cumulative incidence curves.</param>
    public static string ToMarkdown(this CumulativeIncidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var c in result.Curves)
        {
            sb.Append("**").Append(CurveLabel(result, c)).Append("**\n\n");
            Markup.MarkdownTable(sb, CifHeader, CifRows(c));
            sb.Append('\n');
        }
        if (result.GrayTests.Count > 0) Markup.MarkdownTable(sb, GrayHeader, GrayRows(result));
        return sb.ToString();
    }

    private static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture);

    private static string CoxCounts(CoxResult f) =>
        $"n = {f.RowCount}, events = {f.EventCount}" + (f.SubjectCount is int s ? $", subjects = {s}" : "") +
        $"; {f.Ties} ties; {Iterations(f.Iterations)}" + (f.Converged ? "" : " (did not converge)");

    /// <summary>"1 iteration", "5 iterations".</summary>
    private static string Iterations(int n) => n == 1 ? "1 iteration" : $"{n} iterations";

    private static string[] CoxHeader(CoxResult f)
    {
        var level = Level(f.Options.ConfidenceLevel);
        var h = new List<string> { "", "coef", "HR", $"lower {level}%", $"upper {level}%", "se(coef)" };
        if (f.IsRobust) h.Add("robust se");
        h.AddRange(["z", "p"]);
        return h.ToArray();
    }

    private static IEnumerable<string[]> CoxRows(CoxResult f) => f.Coefficients.Select(c =>
    {
        var r = new List<string> { c.Name, Number.Significant(c.Estimate), Number.Significant(c.HazardRatio),
            Number.Significant(c.Lower), Number.Significant(c.Upper), Number.Significant(c.StandardError) };
        if (f.IsRobust) r.Add(c.RobustStandardError is double rse ? Number.Significant(rse) : "NA");
        r.AddRange([Number.Significant(c.Z), Number.PValue(c.PValue)]);
        return r.ToArray();
    });

    private static string CoxTests(CoxResult f) => f is { LikelihoodRatioTest: { } lr, WaldTest: { } wald, ScoreTest: { } score, Concordance: { } c }
        ? CoxTests(c, lr, wald, score)
        : $"Null model (no coefficient, no test); log partial likelihood = {Number.Significant(f.LogLik, 7)}";

    private static string CoxTests(CoxConcordance c, CoxTest lr, CoxTest wald, CoxTest score) =>
        $"Concordance = {Number.Significant(c.Value, 3)}; " +
        $"likelihood ratio test = {Number.Significant(lr.Statistic, 4)} on {lr.DegreesOfFreedom} df, {NumberStyle.Default.PStatement(lr.PValue)}; " +
        $"Wald test = {Number.Significant(wald.Statistic, 4)} on {wald.DegreesOfFreedom} df, {NumberStyle.Default.PStatement(wald.PValue)}; " +
        $"score (log-rank) test = {Number.Significant(score.Statistic, 4)} on {score.DegreesOfFreedom} df, {NumberStyle.Default.PStatement(score.PValue)}";

    private static string FineGrayLine(FineGrayResult f) =>
        $"Fine-Gray, cause {f.Options.Cause}: n = {f.Records}, events = {f.Events}, competing = {f.CompetingEvents}, censored = {f.Censored}; " +
        $"log pseudo-likelihood = {Number.Significant(f.LogPseudoLikelihood, 6)}; {Iterations(f.Iterations)}" + (f.Converged ? "" : " (did not converge)");

    private static string[] FineGrayHeader(FineGrayResult f)
    {
        var level = Level(f.Options.ConfidenceLevel);
        return ["", "coef", "sHR", $"lower {level}%", $"upper {level}%", "se(coef)", "z", "p"];
    }

    private static IEnumerable<string[]> FineGrayRows(FineGrayResult f) => f.Coefficients.Select(c => new[]
    {
        c.Name, Number.Significant(c.Coefficient), Number.Significant(c.HazardRatio), Number.Significant(c.Lower),
        Number.Significant(c.Upper), Number.Significant(c.StandardError), Number.Significant(c.Z), Number.PValue(c.PValue),
    });

    /// <summary>The cause's name ("Relapse", or "Cause 1" when unnamed), followed by the group when there are several.</summary>
    private static string CurveLabel(CumulativeIncidenceResult r, CumulativeIncidenceCurve c, IReadOnlyDictionary<int, string>? names = null)
    {
        string cause = names is not null && names.TryGetValue(c.Cause, out var n) ? n : $"Cause {c.Cause}";
        return r.Curves.Select(x => x.Group).Distinct().Count() > 1 ? $"{cause}: {c.Group}" : cause;
    }

    private static readonly string[] CifHeader = ["time", "estimate", "variance", "lower", "upper"];

    private static IEnumerable<string[]> CifRows(CumulativeIncidenceCurve c) => Enumerable.Range(0, c.Time.Count).Select(i => new[]
    {
        Number.Significant(c.Time[i], 6), Number.Significant(c.Estimate[i]), Number.Significant(c.Variance[i]),
        Number.Significant(c.Lower[i]), Number.Significant(c.Upper[i]),
    });

    private static readonly string[] GrayHeader = ["cause", "statistic", "df", "p"];

    private static IEnumerable<string[]> GrayRows(CumulativeIncidenceResult r) => r.GrayTests.Select(g => new[]
    {
        g.Cause.ToString(CultureInfo.InvariantCulture), Number.Significant(g.Statistic, 4),
        g.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture), Number.PValue(g.PValue),
    });
}
