using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>One right-continuous step function to draw, already in plot units (time, probability).</summary>
internal sealed record StepSeries(
    string Label,
    IReadOnlyList<double> Time,
    IReadOnlyList<double> Value,
    double StartValue,
    IReadOnlyList<double>? Lower = null,
    IReadOnlyList<double>? Upper = null,
    IReadOnlyList<double>? CensorTimes = null,
    Func<double, double>? AtRisk = null,
    double Median = double.NaN,
    IReadOnlyList<double>? Baseline = null);

/// <summary>Everything the step chart needs besides the series.</summary>
internal sealed record StepChartSpec(
    string? Title, string XLabel, string YLabel, IReadOnlyList<double>? Breaks, double? MaxTime,
    bool ShowBands, bool ShowCensor, bool ShowRiskTable, bool ShowMedian,
    double Width, double Height, string IdPrefix, double YMax, string? Annotation, double StartTime = 0);

/// <summary>
/// The drawing shared by the Kaplan–Meier and cumulative incidence figures: step curves from a common origin,
/// optional step-shaped confidence bands and filled (stacked) areas, censoring ticks, median guide lines, a legend
/// above the panel and a numbers-at-risk table aligned under the time axis breaks (the layout of
/// <c>survminer::ggsurvplot</c>).
/// </summary>
internal static class StepChart
{
    private const double RowHeight = 18;

    public static SvgDocument Render(IReadOnlyList<StepSeries> series, StepChartSpec spec, string riskTitle = "Number at risk")
    {
        if (series.Count == 0) throw new ArgumentException("There is no curve to draw.", nameof(series));
        bool riskTable = spec.ShowRiskTable && series.All(s => s.AtRisk is not null);
        var svg = new SvgWriter(spec.Width, spec.Height, spec.IdPrefix);
        double labelWidth = riskTable ? 34 + 7 * series.Max(s => s.Label.Length) : 0;
        double left = Math.Max(70, labelWidth);
        int legendRows = series.Count > 1 ? LegendRows(series, spec.Width - 24 - left) : 0;
        double top = (spec.Title is null ? 12 : 36) + (legendRows > 0 ? 4 + LegendRowHeight * legendRows : 0);
        double bottom = 52 + (riskTable ? 30 + RowHeight * series.Count : 0);
        var panel = Panel.Inside(spec.Width, spec.Height, new Margins(top, 24, bottom, left));
        var (x, y) = Scales(series, spec, panel);
        if (spec.Title is not null) svg.Label(spec.Width / 2, 22, spec.Title, "middle", "title", ("font-size", "15"), ("font-weight", "bold"));
        string clip = svg.NextId();
        svg.Open("defs").Open("clipPath", ("id", clip));
        svg.Element("rect", ("x", SvgWriter.Num(panel.X)), ("y", SvgWriter.Num(panel.Y - 2)), ("width", SvgWriter.Num(panel.Width + 2)), ("height", SvgWriter.Num(panel.Height + 4)));
        svg.Close().Close();
        Grid(svg, panel, x, y);
        Axis.Left(svg, panel, y, Axis.Plain, spec.YLabel);
        Axis.Bottom(svg, panel, x, Axis.Plain, spec.XLabel);
        svg.Open("g", ("class", "curves"), ("clip-path", $"url(#{clip})"));
        for (int i = 0; i < series.Count; i++) Curve(svg, series[i], i, spec, x, y);
        svg.Close();
        if (series.Count > 1) Legend(svg, series, panel, legendRows);
        if (spec.Annotation is not null)
            svg.Label(panel.X + 10, panel.Bottom - 10, spec.Annotation, "start", "pvalue", ("fill", Palette.Ink),
                ("stroke", "#FFFFFF"), ("stroke-width", "4"), ("paint-order", "stroke")); // a white halo keeps it readable over curves
        if (riskTable) RiskTable(svg, series, panel, x, riskTitle);
        return svg.Finish();
    }

    private static (LinearScale X, LinearScale Y) Scales(IReadOnlyList<StepSeries> series, StepChartSpec spec, Panel panel)
    {
        double maxData = series.SelectMany(s => s.Time).DefaultIfEmpty(1).Max();
        double maxTime = spec.MaxTime ?? maxData;
        LinearScale x;
        if (spec.Breaks is { Count: > 0 } breaks)
            x = new LinearScale(spec.StartTime, Math.Max(spec.MaxTime ?? breaks.Max(), breaks.Max()), panel.X, panel.Right, breaks);
        else
            x = LinearScale.Nice(spec.StartTime, maxTime, panel.X, panel.Right, 6, LinearScale.MonthSteps);
        var yBreaks = LinearScale.BreaksBetween(0, spec.YMax, LinearScale.NiceStep(spec.YMax / 4));
        var y = new LinearScale(0, spec.YMax, panel.Bottom, panel.Y, yBreaks);
        return (x, y);
    }

    private static void Grid(SvgWriter svg, Panel panel, LinearScale x, LinearScale y)
    {
        svg.Open("g", ("class", "grid"), ("stroke", Palette.Grid), ("stroke-width", "0.5"));
        foreach (var b in y.Breaks)
            svg.Element("line", ("x1", SvgWriter.Num(panel.X)), ("y1", SvgWriter.Num(y.Map(b))), ("x2", SvgWriter.Num(panel.Right)), ("y2", SvgWriter.Num(y.Map(b))));
        svg.Close();
    }

    private static void Curve(SvgWriter svg, StepSeries s, int index, StepChartSpec spec, LinearScale x, LinearScale y)
    {
        string color = Palette.Color(index);
        svg.Open("g", ("class", "series"), ("data-group", s.Label));
        if (s.Baseline is not null)
            svg.Element("path", ("class", "area"), ("d", AreaPath(s, spec.StartTime, x, y)), ("fill", color), ("fill-opacity", "0.35"), ("stroke", "none"));
        if (spec.ShowBands && s.Lower is not null && s.Upper is not null && s.Baseline is null)
        {
            var band = BandPath(s, spec.StartTime, x, y);
            if (band is not null) svg.Element("path", ("class", "band"), ("d", band), ("fill", color), ("fill-opacity", "0.15"), ("stroke", "none"));
        }
        svg.Element("path", ("class", "curve"), ("d", StepPath(s.Time, s.Value, s.StartValue, spec.StartTime, x, y)),
            ("fill", "none"), ("stroke", color), ("stroke-width", "2"));
        if (spec.ShowCensor && s.CensorTimes is not null)
        {
            foreach (var t in s.CensorTimes.Where(t => t <= x.DomainMax))
            {
                double px = x.Map(t), py = y.Map(ValueAt(s, t));
                svg.Element("path", ("class", "censor"), ("data-time", Number.Significant(t, 10)),
                    ("d", $"M{SvgWriter.Num(px)} {SvgWriter.Num(py - 5)}V{SvgWriter.Num(py + 5)}"), ("stroke", color), ("stroke-width", "1.5"));
            }
        }
        if (spec.ShowMedian && double.IsFinite(s.Median) && s.Median <= x.DomainMax)
        {
            double mx = x.Map(s.Median), my = y.Map(0.5);
            svg.Element("path", ("class", "median-line"), ("d", $"M{SvgWriter.Num(x.Map(spec.StartTime))} {SvgWriter.Num(my)}H{SvgWriter.Num(mx)}V{SvgWriter.Num(y.Map(0))}"),
                ("fill", "none"), ("stroke", color), ("stroke-dasharray", "4 3"), ("stroke-width", "1"));
        }
        svg.Close();
    }

    /// <summary>The value of the right-continuous step function at t (the start value before the first time).</summary>
    internal static double ValueAt(StepSeries s, double t)
    {
        double v = s.StartValue;
        for (int i = 0; i < s.Time.Count && s.Time[i] <= t; i++) v = s.Value[i];
        return v;
    }

    /// <summary>
    /// An SVG path of a right-continuous step function: from (start, v0) horizontally to each jump time, then
    /// vertically to the new value; NaN values end the path. Points beyond the axis are clipped by the panel.
    /// </summary>
    internal static string StepPath(IReadOnlyList<double> time, IReadOnlyList<double> value, double v0, double start, IScale x, IScale y)
    {
        var sb = new System.Text.StringBuilder($"M{SvgWriter.Num(x.Map(start))} {SvgWriter.Num(y.Map(v0))}");
        double last = v0;
        for (int i = 0; i < time.Count; i++)
        {
            if (double.IsNaN(value[i])) break;
            sb.Append('H').Append(SvgWriter.Num(x.Map(time[i])));
            if (value[i] != last) sb.Append('V').Append(SvgWriter.Num(y.Map(value[i])));
            last = value[i];
        }
        return sb.ToString();
    }

    /// <summary>The band between the upper and lower step functions, up to the first time either is NaN (R's NA).</summary>
    private static string? BandPath(StepSeries s, double start, IScale x, IScale y)
    {
        int n = 0;
        while (n < s.Time.Count && double.IsFinite(s.Lower![n]) && double.IsFinite(s.Upper![n])) n++;
        if (n == 0) return null;
        var pts = new List<(double T, double V)>();
        // Upper edge forward, lower edge backward, each as steps.
        pts.Add((start, s.StartValue));
        for (int i = 0; i < n; i++) { pts.Add((s.Time[i], pts[^1].V)); pts.Add((s.Time[i], s.Upper![i])); }
        double end = n < s.Time.Count ? s.Time[n] : s.Time[n - 1];
        pts.Add((end, s.Upper![n - 1]));
        pts.Add((end, s.Lower![n - 1]));
        for (int i = n - 1; i >= 0; i--) { pts.Add((s.Time[i], s.Lower![i])); pts.Add((s.Time[i], i == 0 ? s.StartValue : s.Lower![i - 1])); }
        pts.Add((start, s.StartValue));
        return "M" + string.Join("L", pts.Select(p => $"{SvgWriter.Num(x.Map(p.T))} {SvgWriter.Num(y.Map(p.V))}")) + "Z";
    }

    /// <summary>The filled area between a stacked series and the one below it.</summary>
    private static string AreaPath(StepSeries s, double start, IScale x, IScale y)
    {
        var pts = new List<(double T, double V)> { (start, s.StartValue) };
        for (int i = 0; i < s.Time.Count; i++) { pts.Add((s.Time[i], pts[^1].V)); pts.Add((s.Time[i], s.Value[i])); }
        var b = s.Baseline!;
        for (int i = s.Time.Count - 1; i >= 0; i--) { pts.Add((s.Time[i], b[i])); pts.Add((s.Time[i], i == 0 ? 0 : b[i - 1])); }
        pts.Add((start, 0));
        return "M" + string.Join("L", pts.Select(p => $"{SvgWriter.Num(x.Map(p.T))} {SvgWriter.Num(y.Map(p.V))}")) + "Z";
    }

    private const double LegendRowHeight = 22;

    private static double LegendEntryWidth(StepSeries s) => 46 + 7 * s.Label.Length;

    /// <summary>How many rows the legend needs when its entries wrap at <paramref name="width"/>.</summary>
    private static int LegendRows(IReadOnlyList<StepSeries> series, double width)
    {
        int rows = 1;
        double used = 0;
        foreach (var s in series)
        {
            double w = LegendEntryWidth(s);
            if (used > 0 && used + w > width) { rows++; used = 0; }
            used += w;
        }
        return rows;
    }

    private static void Legend(SvgWriter svg, IReadOnlyList<StepSeries> series, Panel panel, int rows)
    {
        svg.Open("g", ("class", "legend"));
        double cx = panel.X, cy = panel.Y - 14 - LegendRowHeight * (rows - 1);
        for (int i = 0; i < series.Count; i++)
        {
            if (cx > panel.X && cx + LegendEntryWidth(series[i]) > panel.Right)
            {
                cx = panel.X;
                cy += LegendRowHeight;
            }
            svg.Open("g", ("class", "legend-entry"), ("data-group", series[i].Label));
            svg.Element("line", ("x1", SvgWriter.Num(cx)), ("y1", SvgWriter.Num(cy - 4)), ("x2", SvgWriter.Num(cx + 20)), ("y2", SvgWriter.Num(cy - 4)),
                ("stroke", Palette.Color(i)), ("stroke-width", "3"));
            svg.Label(cx + 26, cy, series[i].Label, "start", "legend-label", ("fill", Palette.Ink));
            svg.Close();
            cx += LegendEntryWidth(series[i]);
        }
        svg.Close();
    }

    private static void RiskTable(SvgWriter svg, IReadOnlyList<StepSeries> series, Panel panel, LinearScale x, string title)
    {
        double y0 = panel.Bottom + 66;
        svg.Open("g", ("class", "risk-table"));
        svg.Label(8, y0 - 14, title, "start", "risk-title", ("font-weight", "bold"), ("fill", Palette.Ink));
        for (int i = 0; i < series.Count; i++)
        {
            double y = y0 + 4 + i * RowHeight;
            svg.Open("g", ("class", "risk-row"), ("data-group", series[i].Label));
            svg.Label(panel.X - 20, y, series[i].Label, "end", "risk-label", ("fill", Palette.Color(i)));
            foreach (var b in x.Breaks)
            {
                svg.Label(x.Map(b), y, Number.Significant(series[i].AtRisk!(b), 6), "middle", "risk-count",
                    ("data-time", Number.Significant(b, 10)), ("fill", Palette.Ink));
            }
            svg.Close();
        }
        svg.Close();
    }
}
