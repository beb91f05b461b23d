using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>One row of a forest plot: a hazard ratio with its confidence interval and p-value.</summary>
/// <param name="Label">Row label (covariate or level).</param>
/// <param name="HazardRatio">Point estimate; NaN leaves the row empty (a reference level or a covariate absent from the model).</param>
/// <param name="Lower">Lower confidence limit (may be NaN).</param>
/// <param name="Upper">Upper confidence limit (may be NaN or +∞; drawn to the edge of the axis).</param>
/// <param name="PValue">Wald p-value; NaN prints nothing.</param>
public sealed record ForestRow(string Label, double HazardRatio, double Lower, double Upper, double PValue);

/// <summary>One column of estimates, e.g. the univariate or the multivariable model of a table of hazard ratios.</summary>
/// <param name="Title">Heading above the column.</param>
/// <param name="Rows">Rows; matched to the other panel's rows by label.</param>
public sealed record ForestPanel(string Title, IReadOnlyList<ForestRow> Rows);

/// <summary>Options of <see cref="ForestPlot"/>.</summary>
public sealed record ForestPlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Axis title under each panel.</summary>
    public string XLabel { get; init; } = "Hazard ratio";

    /// <summary>Explicit axis breaks (positive); by default 1–2–5 steps.</summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    /// <summary>Width of each panel's axis in pixels.</summary>
    public double PanelWidth { get; init; } = 180;

    /// <summary>How hazard ratios, limits and P values are printed; <see cref="NumberStyle.Blood"/> by default.</summary>
    public NumberStyle Style { get; init; } = NumberStyle.Default;

    /// <summary>Height of a row in pixels.</summary>
    public double RowHeight { get; init; } = 24;

    /// <summary>Prefix of the ids in the SVG.</summary>
    public string IdPrefix { get; init; } = "forest";
}

/// <summary>A forest plot of hazard ratios on a log axis with a reference line at 1, one or two panels side by side.</summary>
public static class ForestPlot
{
    private const double TextWidth = 160;

    /// <summary>Draws one panel, or two side by side (univariate and multivariable) when <paramref name="multivariable"/> is given.</summary>
    /// <param name="univariate">First panel.</param>
    /// <param name="multivariable">Optional second panel.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public static SvgDocument Render(ForestPanel univariate, ForestPanel? multivariable = null, ForestPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(univariate);
        var panels = multivariable is null ? new[] { univariate } : new[] { univariate, multivariable };
        var o = options ?? new ForestPlotOptions();
        var labels = panels.SelectMany(p => p.Rows).Select(r => r.Label).Distinct().ToArray();
        if (labels.Length == 0) throw new ArgumentException("There is no row to draw.", nameof(univariate));
        foreach (var p in panels) Validate(p);
        // About 6 px a character at 12 px Helvetica; two panels of a typical Table 3 fit a 1000 px page.
        double labelWidth = 24 + 6 * labels.Max(l => l.Length);
        double top = (o.Title is null ? 16 : 40) + 40;
        double width = labelWidth + panels.Length * (o.PanelWidth + TextWidth) + 20;
        double height = top + labels.Length * o.RowHeight + 56;
        var svg = new SvgWriter(width, height, o.IdPrefix);
        if (o.Title is not null) svg.Label(width / 2, 22, o.Title, "middle", "title", ("font-size", "15"), ("font-weight", "bold"));
        var scaleValues = panels.SelectMany(p => p.Rows).SelectMany(r => new[] { r.HazardRatio, r.Lower, r.Upper })
            .Where(v => v > 0 && double.IsFinite(v)).Append(1).ToArray();
        svg.Open("g", ("class", "row-labels"));
        for (int i = 0; i < labels.Length; i++)
            svg.Label(12, RowY(top, o, i) + 4, labels[i], "start", "row-label", ("fill", Palette.Ink));
        svg.Close();
        for (int k = 0; k < panels.Length; k++)
        {
            double x0 = labelWidth + k * (o.PanelWidth + TextWidth);
            var panel = new Panel(x0, top, o.PanelWidth, labels.Length * o.RowHeight);
            var scale = new LogScale(scaleValues.Min(), scaleValues.Max(), panel.X, panel.Right, o.Breaks);
            DrawPanel(svg, panels[k], labels, panel, scale, o);
        }
        return svg.Finish();
    }

    private static double RowY(double top, ForestPlotOptions o, int i) => top + (i + 0.5) * o.RowHeight;

    private static void Validate(ForestPanel p)
    {
        foreach (var r in p.Rows)
        {
            if (!double.IsNaN(r.HazardRatio) && !(r.HazardRatio > 0 && double.IsFinite(r.HazardRatio)))
                throw new ArgumentException($"Panel '{p.Title}', row '{r.Label}': hazard ratio {r.HazardRatio} must be positive and finite (or NaN for an empty row).", nameof(p));
            if (r.Lower > r.HazardRatio || r.Upper < r.HazardRatio)
                throw new ArgumentException($"Panel '{p.Title}', row '{r.Label}': the interval [{r.Lower}, {r.Upper}] does not contain {r.HazardRatio}.", nameof(p));
        }
        var dup = p.Rows.GroupBy(r => r.Label).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Panel '{p.Title}' has the row '{dup.Key}' twice.", nameof(p));
    }

    private static void DrawPanel(SvgWriter svg, ForestPanel p, string[] labels, Panel panel, LogScale scale, ForestPlotOptions o)
    {
        svg.Open("g", ("class", "forest-panel"), ("data-title", p.Title));
        svg.Label(panel.X + (panel.Width + TextWidth) / 2, panel.Y - 22, p.Title, "middle", "panel-title", ("font-weight", "bold"), ("fill", Palette.Ink));
        double tx = panel.Right + 12;
        svg.Label(tx, panel.Y - 6, "HR (95% CI)", "start", "column-title", ("fill", Palette.Ink));
        svg.Label(tx + TextWidth - 12, panel.Y - 6, o.Style.PSymbol, "end", "column-title", ("fill", Palette.Ink));
        svg.Element("line", ("class", "reference"), ("x1", SvgWriter.Num(scale.Map(1))), ("y1", SvgWriter.Num(panel.Y)),
            ("x2", SvgWriter.Num(scale.Map(1))), ("y2", SvgWriter.Num(panel.Bottom)), ("stroke", "#888888"), ("stroke-dasharray", "4 3"));
        var byLabel = p.Rows.ToDictionary(r => r.Label, StringComparer.Ordinal);
        for (int i = 0; i < labels.Length; i++)
        {
            if (byLabel.TryGetValue(labels[i], out var r)) DrawRow(svg, r, RowY(panel.Y, o, i), scale, tx, o.Style);
        }
        Axis.Bottom(svg, panel, scale, Axis.Plain, o.XLabel);
        svg.Close();
    }

    private static void DrawRow(SvgWriter svg, ForestRow r, double y, LogScale scale, double tx, NumberStyle style)
    {
        svg.Open("g", ("class", "forest-row"), ("data-label", r.Label));
        if (!double.IsNaN(r.HazardRatio))
        {
            double lo = Clamp(r.Lower, r.HazardRatio, scale), hi = Clamp(r.Upper, r.HazardRatio, scale);
            svg.Element("line", ("class", "ci"), ("x1", SvgWriter.Num(scale.Map(lo))), ("y1", SvgWriter.Num(y)),
                ("x2", SvgWriter.Num(scale.Map(hi))), ("y2", SvgWriter.Num(y)), ("stroke", Palette.Ink), ("stroke-width", "1.5"));
            double x = scale.Map(r.HazardRatio);
            svg.Element("rect", ("class", "estimate"), ("x", SvgWriter.Num(x - 4)), ("y", SvgWriter.Num(y - 4)), ("width", "8"), ("height", "8"),
                ("fill", Palette.Color(0)));
            svg.Label(tx, y + 4, style.WithInterval(r.HazardRatio, r.Lower, r.Upper, v => Ratio(v, style)), "start", "hr-text", ("fill", Palette.Ink));
            if (!double.IsNaN(r.PValue)) svg.Label(tx + TextWidth - 12, y + 4, style.P(r.PValue), "end", "p-text", ("fill", Palette.Ink));
        }
        else
        {
            svg.Label(tx, y + 4, "—", "start", "hr-text", ("fill", Palette.Ink));
        }
        svg.Close();
    }

    /// <summary>A ratio with two decimals; an unbounded limit prints as R prints it, "Inf".</summary>
    private static string Ratio(double v, NumberStyle style) => double.IsPositiveInfinity(v) ? "Inf" : style.Ratio(v);

    /// <summary>A limit inside the axis: beyond the axis (e.g. +∞) it is drawn to the edge; NaN draws no whisker on that side.</summary>
    private static double Clamp(double v, double estimate, LogScale s) =>
        double.IsNaN(v) ? estimate : Math.Clamp(v, s.DomainMin, s.DomainMax);
}
