using System.Globalization;
using System.Text;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Presentation.Rendering;

/// <summary>
/// HTML, Markdown and SVG renderings of survival results. They live here, not on the results, so that the engine
/// holds no rendering code. HTML is a self-contained fragment (inline SVG and tables, no scripts, no network);
/// every number is formatted with the invariant culture.
/// </summary>
public static class SurvivalRendering
{
    /// <summary>The Kaplan–Meier figure of the curves (see <see cref="KaplanMeierPlot"/>).</summary>
    /// <param name="curves">One fitted curve per group.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    /// <param name="test">Optional log-rank test whose p-value is printed in the figure.</param>
    public static SvgDocument ToSvg(this IReadOnlyList<KaplanMeierResult> curves, KaplanMeierPlotOptions? options = null, LogRankResult? test = null)
        => KaplanMeierPlot.Render(curves, options, test);

    /// <summary>The Kaplan–Meier figure of one curve.</summary>
    /// <param name="curve">A fitted curve.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public static SvgDocument ToSvg(this KaplanMeierResult curve, KaplanMeierPlotOptions? options = null)
        => KaplanMeierPlot.Render([curve], options);

    /// <summary>The figure, a summary table (n, events, median with limits) and each curve's life table in a collapsed section.</summary>
    /// <param name="curve">A fitted curve.</param>
    public static string ToHtml(this KaplanMeierResult curve) => ToHtml([curve]);

    /// <summary>The figure, a summary table per group and each group's life table in a collapsed section; the test's table when given.</summary>
    /// <param name="curves">One fitted curve per group.</param>
    /// <param name="test">Optional log-rank test of the same groups.</param>
    /// <param name="options">Drawing options; the defaults when null (ids are then derived from the data, so that two different figures on one page do not share ids).</param>
    public static string ToHtml(this IReadOnlyList<KaplanMeierResult> curves, LogRankResult? test = null, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        options ??= new KaplanMeierPlotOptions { IdPrefix = "km-" + Fingerprint(curves) };
        var sb = new StringBuilder("<div class=\"cartoutcomes kaplan-meier\">\n");
        sb.Append(KaplanMeierPlot.Render(curves, options, test).ToSvg());
        Markup.HtmlTable(sb, "km-summary", SummaryHeader(curves), curves.Select(SummaryRow));
        sb.Append("<details class=\"km-life-tables\"><summary>Life tables</summary>\n");
        foreach (var c in curves)
        {
            sb.Append("<h4>").Append(SvgWriter.Escape(c.Group)).Append("</h4>\n");
            Markup.HtmlTable(sb, "km-table", LifeHeader(c), LifeRows(c));
        }
        sb.Append("</details>\n");
        if (test is not null) sb.Append(test.ToHtml());
        return sb.Append("</div>\n").ToString();
    }

    /// <summary>The log-rank table (N, observed, expected per group) and the chi-square line, as R's <c>print.survdiff</c>.</summary>
    /// <param name="test">A log-rank (G-rho) test.</param>
    public static string ToHtml(this LogRankResult test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var sb = new StringBuilder("<div class=\"cartoutcomes log-rank\">\n");
        Markup.HtmlTable(sb, "logrank-table", LogRankHeader, LogRankRows(test));
        sb.Append("<p class=\"logrank-statistic\">").Append(SvgWriter.Escape(LogRankLine(test))).Append("</p>\n</div>\n");
        return sb.ToString();
    }

    /// <summary>A Markdown summary table (n, events, median with limits) and the life table.</summary>
    /// <param name="curve">A fitted curve.</param>
    public static string ToMarkdown(this KaplanMeierResult curve) => ToMarkdown([curve]);

    /// <summary>A Markdown summary table with one row per group, then each group's life table.</summary>
    /// <param name="curves">One fitted curve per group.</param>
    public static string ToMarkdown(this IReadOnlyList<KaplanMeierResult> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var sb = new StringBuilder();
        Markup.MarkdownTable(sb, SummaryHeader(curves), curves.Select(SummaryRow));
        foreach (var c in curves)
        {
            sb.Append("\n**").Append(Markup.MarkdownCell(c.Group)).Append("**\n\n");
            Markup.MarkdownTable(sb, LifeHeader(c), LifeRows(c));
        }
        return sb.ToString();
    }

    /// <summary>The log-rank table in Markdown, followed by the chi-square line.</summary>
    /// <param name="test">A log-rank (G-rho) test.</param>
    public static string ToMarkdown(this LogRankResult test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var sb = new StringBuilder();
        Markup.MarkdownTable(sb, LogRankHeader, LogRankRows(test));
        return sb.Append('\n').Append(LogRankLine(test)).Append('\n').ToString();
    }

    /// <summary>Wraps the HTML rendering so that a notebook displays it (the last expression of a cell).</summary>
    /// <param name="curves">One fitted curve per group.</param>
    /// <param name="test">Optional log-rank test of the same groups.</param>
    public static HtmlFragment ToHtmlView(this IReadOnlyList<KaplanMeierResult> curves, LogRankResult? test = null) => new(curves.ToHtml(test));

    /// <summary>Wraps the HTML rendering of one curve for a notebook.</summary>
    /// <param name="curve">A fitted curve.</param>
    public static HtmlFragment ToHtmlView(this KaplanMeierResult curve) => new(curve.ToHtml());

    /// <summary>Wraps the HTML rendering of a test for a notebook.</summary>
    /// <param name="test">A log-rank (G-rho) test.</param>
    public static HtmlFragment ToHtmlView(this LogRankResult test) => new(test.ToHtml());

    private static string Level(KaplanMeierResult c) => (c.Options.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture);

    private static string[] SummaryHeader(IReadOnlyList<KaplanMeierResult> curves) =>
        ["Group", "n", "Events", "Median", $"{(curves.Count > 0 ? Level(curves[0]) : "95")}% CI"];

    private static string[] SummaryRow(KaplanMeierResult c)
    {
        var m = c.Median;
        return [c.Group, c.Records.ToString(CultureInfo.InvariantCulture), Number.Significant(c.Events, 6), Number.Significant(m.Estimate),
            $"{Number.Significant(m.Lower)}–{Number.Significant(m.Upper)}"];
    }

    private static string[] LifeHeader(KaplanMeierResult c) =>
        ["time", "n.risk", "n.event", "n.censor", "survival", "std.err", $"lower {Level(c)}%", $"upper {Level(c)}%"];

    private static IEnumerable<string[]> LifeRows(KaplanMeierResult c) =>
        Enumerable.Range(0, c.Time.Count).Select(i => new[]
        {
            Number.Significant(c.Time[i], 6), Number.Significant(c.NumberAtRisk[i], 6), Number.Significant(c.NumberOfEvents[i], 6),
            Number.Significant(c.NumberCensored[i], 6), Number.Significant(c.Survival[i]), Number.Significant(c.StandardError[i]),
            Number.Significant(c.Lower[i]), Number.Significant(c.Upper[i]),
        });

    private static readonly string[] LogRankHeader = ["Group", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"];

    private static IEnumerable<string[]> LogRankRows(LogRankResult t) =>
        t.Groups.Select((g, i) =>
        {
            double d = g.Observed - g.Expected;
            return new[]
            {
                g.Group, g.N.ToString(CultureInfo.InvariantCulture), Number.Significant(g.Observed, 6), Number.Significant(g.Expected, 6),
                Number.Significant(d * d / g.Expected, 3), Number.Significant(d * d / t.Variance(i, i), 3),
            };
        });

    private static string LogRankLine(LogRankResult t) =>
        $"Chisq = {Number.Significant(t.ChiSquare, 4)} on {t.DegreesOfFreedom} degrees of freedom, {NumberStyle.Default.PStatement(t.PValue)}" +
        (t.Rho != 0 ? $" (rho = {Number.Significant(t.Rho)})" : "");

    /// <summary>A short FNV-1a hash of the curves' labels, times and estimates: ids that differ between different figures but never between runs.</summary>
    private static string Fingerprint(IReadOnlyList<KaplanMeierResult> curves)
    {
        ulong h = 14695981039346656037;
        void Add(ulong v) { h ^= v; h *= 1099511628211; }
        foreach (var c in curves)
        {
            foreach (char ch in c.Group) Add(ch);
            for (int i = 0; i < c.Time.Count; i++) { Add((ulong)BitConverter.DoubleToInt64Bits(c.Time[i])); Add((ulong)BitConverter.DoubleToInt64Bits(c.Survival[i])); }
        }
        return (h & 0xFFFFFFFF).ToString("x8", CultureInfo.InvariantCulture);
    }
}
