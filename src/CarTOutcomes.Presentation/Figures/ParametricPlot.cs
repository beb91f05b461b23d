using Microsoft.DotNet.Interactive.Formatting;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>A fitted parametric curve to overlay, with its legend label.</summary>
/// <param name="Label">The legend label, e.g. "Weibull" or "Weibull + cure".</param>
/// <param name="Fit">The fit; its survival at the covariate means is drawn.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ParametricPlotCurve(string Label, ParametricResult Fit);

/// <summary>Options of <see cref="ParametricPlot"/>.</summary>
public sealed record ParametricPlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Time axis title (in the units of the data).</summary>
    public string XLabel { get; init; } = "Time (months)";

    /// <summary>Survival axis title.</summary>
    public string YLabel { get; init; } = "Survival probability";

    /// <summary>The horizon: the right end of the time axis, to which the fitted curves are extrapolated (e.g. 120 months).</summary>
    public double? Horizon { get; init; }

    /// <summary>Explicit time axis breaks (also the times of the at-risk table).</summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    /// <summary>Draw the Kaplan–Meier confidence band.</summary>
    public bool ShowBand { get; init; } = true;

    /// <summary>Draw the numbers at risk of the Kaplan–Meier curve under the time axis.</summary>
    public bool ShowRiskTable { get; init; } = true;

    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 760;

    /// <summary>Figure height in pixels, at-risk table included.</summary>
    public double Height { get; init; } = 540;

    /// <summary>Prefix of the ids in the SVG.</summary>
    public string IdPrefix { get; init; } = "pm";
}

/// <summary>
/// Parametric extrapolation over the Kaplan–Meier curve, the figure of NICE DSU TSD 14 (Latimer 2011) §3: the observed
/// Kaplan–Meier curve (with its band, censoring ticks and numbers at risk) in black, and each fitted survival curve
/// in colour, solid over the observed follow-up and dashed beyond it up to the horizon; a dotted vertical line marks
/// the end of follow-up. A cure model's label carries its cure fraction.
/// </summary>
public static class ParametricPlot
{
    private const double RowHeight = 18;
    private const int Samples = 240;

    /// <summary>Draws the figure.</summary>
    /// <param name="km">The Kaplan–Meier curve of the same data.</param>
    /// <param name="curves">The fitted curves, in legend order.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public static SvgDocument Render(KaplanMeierResult km, IReadOnlyList<ParametricPlotCurve> curves, ParametricPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(km);
        ArgumentNullException.ThrowIfNull(curves);
        var o = options ?? new ParametricPlotOptions();
        double lastKm = km.Time.Count > 0 ? km.Time[^1] : 0;
        double horizon = o.Horizon ?? Math.Max(lastKm, 1);
        var svg = new SvgWriter(o.Width, o.Height, o.IdPrefix);
        int legendRows = (curves.Count + 1 + 2) / 3;
        double top = (o.Title is null ? 12 : 36) + 20 * legendRows + 6;
        double bottom = 52 + (o.ShowRiskTable ? 30 + RowHeight : 0);
        var panel = Panel.Inside(o.Width, o.Height, new Margins(top, 24, bottom, 70));
        var x = o.Breaks is { Count: > 0 } b
            ? new LinearScale(0, Math.Max(horizon, b.Max()), panel.X, panel.Right, b)
            : LinearScale.Nice(0, horizon, panel.X, panel.Right, 6, LinearScale.MonthSteps);
        var y = new LinearScale(0, 1, panel.Bottom, panel.Y, LinearScale.BreaksBetween(0, 1, 0.25));
        if (o.Title is not null) svg.Label(o.Width / 2, 22, o.Title, "middle", "title", ("font-size", "15"), ("font-weight", "bold"));
        string clip = svg.NextId();
        svg.Open("defs").Open("clipPath", ("id", clip));
        svg.Element("rect", ("x", SvgWriter.Num(panel.X)), ("y", SvgWriter.Num(panel.Y - 2)), ("width", SvgWriter.Num(panel.Width + 2)), ("height", SvgWriter.Num(panel.Height + 4)));
        svg.Close().Close();
        svg.Open("g", ("class", "grid"), ("stroke", Palette.Grid), ("stroke-width", "0.5"));
        foreach (var yb in y.Breaks)
            svg.Element("line", ("x1", SvgWriter.Num(panel.X)), ("y1", SvgWriter.Num(y.Map(yb))), ("x2", SvgWriter.Num(panel.Right)), ("y2", SvgWriter.Num(y.Map(yb))));
        svg.Close();
        // Tick labels as every other figure prints them: one number of decimals per axis (0.00, 0.25, ..., 1.00).
        var style = NumberStyle.Default;
        int yDecimals = Axis.DecimalsOf(y.Breaks), xDecimals = Axis.DecimalsOf(x.Breaks);
        Axis.Left(svg, panel, y, b => style.Fixed(b, yDecimals), o.YLabel);
        Axis.Bottom(svg, panel, x, b => style.Fixed(b, xDecimals), o.XLabel);
        svg.Open("g", ("class", "curves"), ("clip-path", $"url(#{clip})"));
        KaplanMeier(svg, km, o, x, y);
        for (int i = 0; i < curves.Count; i++) Fitted(svg, curves[i], i, lastKm, x, y);
        svg.Close();
        if (lastKm < x.DomainMax)
        {
            double px = x.Map(lastKm);
            svg.Element("path", ("class", "follow-up-end"), ("d", $"M{SvgWriter.Num(px)} {SvgWriter.Num(panel.Y)}V{SvgWriter.Num(panel.Bottom)}"),
                ("stroke", Palette.Ink), ("stroke-dasharray", "1 3"), ("stroke-width", "1"));
            svg.Label(px + 4, panel.Y + 12, "end of follow-up", "start", "follow-up-label", ("fill", Palette.Ink), ("font-size", "11"));
        }
        Legend(svg, curves, panel, o.Title is null ? 12 : 36);
        if (o.ShowRiskTable) RiskTable(svg, km, panel, x);
        return svg.Finish();
    }

    private static void KaplanMeier(SvgWriter svg, KaplanMeierResult km, ParametricPlotOptions o, LinearScale x, LinearScale y)
    {
        svg.Open("g", ("class", "series km"), ("data-group", "Kaplan-Meier"));
        if (o.ShowBand)
        {
            int n = 0;
            while (n < km.Time.Count && double.IsFinite(km.Lower[n]) && double.IsFinite(km.Upper[n])) n++;
            if (n > 0)
            {
                var pts = new List<(double T, double V)> { (0, 1) };
                for (int i = 0; i < n; i++) { pts.Add((km.Time[i], pts[^1].V)); pts.Add((km.Time[i], km.Upper[i])); }
                double end = km.Time[n - 1];
                pts.Add((end, km.Lower[n - 1]));
                for (int i = n - 1; i >= 0; i--) { pts.Add((km.Time[i], km.Lower[i])); pts.Add((km.Time[i], i == 0 ? 1 : km.Lower[i - 1])); }
                svg.Element("path", ("class", "band"), ("d", "M" + string.Join("L", pts.Select(p => $"{SvgWriter.Num(x.Map(p.T))} {SvgWriter.Num(y.Map(p.V))}")) + "Z"),
                    ("fill", Palette.Ink), ("fill-opacity", "0.12"), ("stroke", "none"));
            }
        }
        svg.Element("path", ("class", "curve"), ("d", StepChart.StepPath(km.Time, km.Survival, 1, 0, x, y)), ("fill", "none"), ("stroke", Palette.Ink), ("stroke-width", "2"));
        for (int i = 0; i < km.Time.Count; i++)
        {
            if (km.NumberCensored[i] <= 0) continue;
            double px = x.Map(km.Time[i]), py = y.Map(km.Survival[i]);
            svg.Element("path", ("class", "censor"), ("data-time", Number.Significant(km.Time[i], 10)),
                ("d", $"M{SvgWriter.Num(px)} {SvgWriter.Num(py - 5)}V{SvgWriter.Num(py + 5)}"), ("stroke", Palette.Ink), ("stroke-width", "1.5"));
        }
        svg.Close();
    }

    private static void Fitted(SvgWriter svg, ParametricPlotCurve c, int index, double lastKm, LinearScale x, LinearScale y)
    {
        string color = Palette.Color(index);
        double end = x.DomainMax;
        var grid = Enumerable.Range(0, Samples + 1).Select(k => end * k / Samples).Append(lastKm).Where(t => t <= end).Distinct().Order().ToArray();
        var s = c.Fit.Survival(grid).Select(e => e.Estimate).ToArray();
        string Path(Func<double, bool> keep)
        {
            var pts = grid.Select((t, k) => (t, s[k])).Where(p => keep(p.t)).ToArray();
            return pts.Length < 2 ? "" : "M" + string.Join("L", pts.Select(p => $"{SvgWriter.Num(x.Map(p.t))} {SvgWriter.Num(y.Map(p.Item2))}"));
        }
        svg.Open("g", ("class", "series fitted"), ("data-group", c.Label));
        svg.Element("path", ("class", "fitted-observed"), ("d", Path(t => t <= lastKm)), ("fill", "none"), ("stroke", color), ("stroke-width", "2"));
        if (lastKm < end)
            svg.Element("path", ("class", "fitted-extrapolated"), ("d", Path(t => t >= lastKm)), ("fill", "none"), ("stroke", color),
                ("stroke-width", "2"), ("stroke-dasharray", "6 4"));
        svg.Close();
    }

    /// <summary>The legend label of a curve: its label, with a cure model's fraction (e.g. "Weibull + cure (cure 31%)").</summary>
    public static string LabelOf(ParametricPlotCurve c) =>
        c.Fit.CureFraction is { } cf ? $"{c.Label} (cure {Number.Fixed(100 * cf.Estimate, 0)}%)" : c.Label;

    private static void Legend(SvgWriter svg, IReadOnlyList<ParametricPlotCurve> curves, Panel panel, double top)
    {
        svg.Open("g", ("class", "legend"));
        var entries = new List<(string Label, string Color, bool Km)> { ("Kaplan-Meier", Palette.Ink, true) };
        entries.AddRange(curves.Select((c, i) => (LabelOf(c), Palette.Color(i), false)));
        double colWidth = panel.Width / 3;
        for (int i = 0; i < entries.Count; i++)
        {
            double cx = panel.X + (i % 3) * colWidth, cy = top + 14 + 20 * (i / 3);
            svg.Open("g", ("class", "legend-entry"), ("data-group", i == 0 ? "Kaplan-Meier" : curves[i - 1].Label));
            svg.Element("line", ("x1", SvgWriter.Num(cx)), ("y1", SvgWriter.Num(cy - 4)), ("x2", SvgWriter.Num(cx + 20)), ("y2", SvgWriter.Num(cy - 4)),
                ("stroke", entries[i].Color), ("stroke-width", "3"));
            svg.Label(cx + 26, cy, entries[i].Label, "start", "legend-label", ("fill", Palette.Ink));
            svg.Close();
        }
        svg.Close();
    }

    private static void RiskTable(SvgWriter svg, KaplanMeierResult km, Panel panel, LinearScale x)
    {
        double y0 = panel.Bottom + 66;
        svg.Open("g", ("class", "risk-table"));
        svg.Label(8, y0 - 14, "Number at risk", "start", "risk-title", ("font-weight", "bold"), ("fill", Palette.Ink));
        svg.Open("g", ("class", "risk-row"), ("data-group", "Kaplan-Meier"));
        foreach (var b in x.Breaks)
            svg.Label(x.Map(b), y0 + 4, Number.Significant(km.NumberAtRiskAt(b), 6), "middle", "risk-count",
                ("data-time", Number.Significant(b, 10)), ("fill", Palette.Ink));
        svg.Close();
        svg.Close();
    }
}
