using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>Two measurements of one subject, e.g. peak CAR T expansion after the first and the second infusion.</summary>
/// <param name="Subject">Subject label.</param>
/// <param name="First">First value; NaN when missing.</param>
/// <param name="Second">Second value; NaN when missing.</param>
public sealed record PairedObservation(string Subject, double First, double Second);

/// <summary>Options of <see cref="PairedPlot"/>.</summary>
public sealed record PairedPlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label of the first column.</summary>
    public string FirstLabel { get; init; } = "First infusion";

    /// <summary>Label of the second column.</summary>
    public string SecondLabel { get; init; } = "Second infusion";

    /// <summary>Value axis title.</summary>
    public string YLabel { get; init; } = "Peak expansion";

    /// <summary>Log-scale value axis (all values must then be positive).</summary>
    public bool LogScale { get; init; } = true;

    /// <summary>Draw each column's median as a short bar.</summary>
    public bool ShowMedians { get; init; } = true;

    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 420;

    /// <summary>Figure height in pixels.</summary>
    public double Height { get; init; } = 480;

    /// <summary>Prefix of the ids in the SVG.</summary>
    public string IdPrefix { get; init; } = "paired";
}

/// <summary>A paired (before–after) plot: two columns of points with a line joining each subject's pair.</summary>
public static class PairedPlot
{
    /// <summary>Draws the pairs; a subject with one missing value gets a point and no line.</summary>
    /// <param name="pairs">One observation per subject.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public static SvgDocument Render(IReadOnlyList<PairedObservation> pairs, PairedPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var o = options ?? new PairedPlotOptions();
        var values = Validate(pairs, o.LogScale);
        var svg = new SvgWriter(o.Width, o.Height, o.IdPrefix);
        // The left margin holds the widest tick label and the rotated axis title beside it (Axis.Left puts the title
        // 22 px + 7 px a character left of the axis; the title's glyphs need about 14 px more).
        IScale Scale(double bottom, double topY) => o.LogScale
            ? new LogScale(values.Min(), values.Max(), bottom, topY)
            : LinearScale.Nice(Math.Min(0, values.Min()), values.Max(), bottom, topY, 5);
        int widest = Scale(1, 0).Breaks.Select(b => Axis.Grouped(b).Length).DefaultIfEmpty(1).Max();
        double left = Math.Max(60, 22 + 7 * widest + 18);
        var panel = Panel.Inside(o.Width, o.Height, new Margins(o.Title is null ? 20 : 44, 24, 56, left));
        IScale y = Scale(panel.Bottom, panel.Y);
        double x1 = panel.X + panel.Width * 0.28, x2 = panel.X + panel.Width * 0.72;
        if (o.Title is not null) svg.Label(o.Width / 2, 22, o.Title, "middle", "title", ("font-size", "15"), ("font-weight", "bold"));
        Axis.Left(svg, panel, y, Axis.Grouped, o.YLabel);
        svg.Element("line", ("x1", SvgWriter.Num(panel.X)), ("y1", SvgWriter.Num(panel.Bottom)), ("x2", SvgWriter.Num(panel.Right)), ("y2", SvgWriter.Num(panel.Bottom)), ("stroke", Palette.Ink));
        svg.Label(x1, panel.Bottom + 20, o.FirstLabel, "middle", "column-label", ("fill", Palette.Ink));
        svg.Label(x2, panel.Bottom + 20, o.SecondLabel, "middle", "column-label", ("fill", Palette.Ink));
        svg.Open("g", ("class", "pairs"));
        foreach (var p in pairs) DrawPair(svg, p, x1, x2, y);
        svg.Close();
        if (o.ShowMedians)
        {
            Median(svg, pairs.Select(p => p.First), x1, y);
            Median(svg, pairs.Select(p => p.Second), x2, y);
        }
        return svg.Finish();
    }

    private static double[] Validate(IReadOnlyList<PairedObservation> pairs, bool log)
    {
        foreach (var p in pairs)
        {
            foreach (var v in new[] { p.First, p.Second })
            {
                if (double.IsInfinity(v) || (log && !double.IsNaN(v) && v <= 0))
                    throw new ArgumentException($"Subject '{p.Subject}' has the value {v}; " + (log ? "a log scale needs positive values." : "values must be finite."), nameof(pairs));
            }
        }
        var values = pairs.SelectMany(p => new[] { p.First, p.Second }).Where(double.IsFinite).ToArray();
        if (values.Length == 0) throw new ArgumentException("There is no value to draw.", nameof(pairs));
        return values;
    }

    private static void DrawPair(SvgWriter svg, PairedObservation p, double x1, double x2, IScale y)
    {
        svg.Open("g", ("class", "pair"), ("data-subject", p.Subject));
        if (double.IsFinite(p.First) && double.IsFinite(p.Second))
            svg.Element("line", ("class", "pair-line"), ("x1", SvgWriter.Num(x1)), ("y1", SvgWriter.Num(y.Map(p.First))),
                ("x2", SvgWriter.Num(x2)), ("y2", SvgWriter.Num(y.Map(p.Second))), ("stroke", "#999999"), ("stroke-width", "1"));
        if (double.IsFinite(p.First)) Point(svg, x1, y.Map(p.First), 0);
        if (double.IsFinite(p.Second)) Point(svg, x2, y.Map(p.Second), 1);
        svg.Close();
    }

    private static void Point(SvgWriter svg, double x, double y, int column) =>
        svg.Element("circle", ("class", "point"), ("cx", SvgWriter.Num(x)), ("cy", SvgWriter.Num(y)), ("r", "4"),
            ("fill", Palette.Color(column)), ("fill-opacity", "0.85"));

    private static void Median(SvgWriter svg, IEnumerable<double> column, double x, IScale y)
    {
        var v = column.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0) return;
        double m = v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        svg.Element("line", ("class", "median"), ("data-value", Number.Significant(m, 10)), ("x1", SvgWriter.Num(x - 22)), ("y1", SvgWriter.Num(y.Map(m))),
            ("x2", SvgWriter.Num(x + 22)), ("y2", SvgWriter.Num(y.Map(m))), ("stroke", Palette.Ink), ("stroke-width", "3"));
    }
}
