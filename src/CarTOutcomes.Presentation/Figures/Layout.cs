namespace CarTOutcomes.Presentation.Figures;

/// <summary>Space around a plot panel, in pixels.</summary>
/// <param name="Top">Above the panel (title).</param>
/// <param name="Right">Right of the panel (legend).</param>
/// <param name="Bottom">Below the panel (axis labels, risk table).</param>
/// <param name="Left">Left of the panel (axis labels).</param>
public sealed record Margins(double Top, double Right, double Bottom, double Left);

/// <summary>A rectangle in pixels: the plot panel where data are drawn.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record Panel(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Y + Height;

    /// <summary>The panel left inside a figure of the given size by the given margins.</summary>
    /// <param name="width">Figure width.</param>
    /// <param name="height">Figure height.</param>
    /// <param name="margins">Margins.</param>
    public static Panel Inside(double width, double height, Margins margins)
    {
        ArgumentNullException.ThrowIfNull(margins);
        double w = width - margins.Left - margins.Right, h = height - margins.Top - margins.Bottom;
        if (!(w > 20) || !(h > 20))
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width} x {height} figure leaves no room for the plot inside its margins.");
        return new Panel(margins.Left, margins.Top, w, h);
    }
}

/// <summary>The colours and marker shapes of the figures, in a fixed order so that output is deterministic.</summary>
public static class Palette
{
    /// <summary>Series colours (Okabe–Ito, safe for colour-blind readers), reused cyclically.</summary>
    public static readonly IReadOnlyList<string> Colors =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>The colour of series <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based series index.</param>
    public static string Color(int index) => Colors[((index % Colors.Count) + Colors.Count) % Colors.Count];

    /// <summary>Axis and text grey.</summary>
    public const string Ink = "#333333";

    /// <summary>Light grid grey.</summary>
    public const string Grid = "#DDDDDD";
}

/// <summary>Draws axes: a line, ticks at the scale's breaks, tick labels and an axis title.</summary>
public static class Axis
{
    /// <summary>Draws a horizontal axis along the bottom of <paramref name="panel"/>.</summary>
    /// <param name="svg">Target.</param>
    /// <param name="panel">The plot panel.</param>
    /// <param name="scale">The x scale.</param>
    /// <param name="format">Tick label text.</param>
    /// <param name="title">Axis title, drawn centred below the labels; none when null.</param>
    /// <param name="cssClass">Class of the axis group (e.g. <c>x-axis</c>).</param>
    public static void Bottom(SvgWriter svg, Panel panel, IScale scale, Func<double, string> format, string? title,
        string cssClass = "x-axis")
    {
        svg.Open("g", ("class", cssClass), ("stroke", Palette.Ink));
        svg.Element("line", ("x1", SvgWriter.Num(panel.X)), ("y1", SvgWriter.Num(panel.Bottom)),
            ("x2", SvgWriter.Num(panel.Right)), ("y2", SvgWriter.Num(panel.Bottom)));
        foreach (var b in scale.Breaks)
        {
            double x = scale.Map(b);
            svg.Element("line", ("class", "tick"), ("x1", SvgWriter.Num(x)), ("y1", SvgWriter.Num(panel.Bottom)),
                ("x2", SvgWriter.Num(x)), ("y2", SvgWriter.Num(panel.Bottom + 5)));
            svg.Label(x, panel.Bottom + 18, format(b), "middle", "tick-label", ("stroke", "none"), ("fill", Palette.Ink));
        }
        if (title is not null)
            svg.Label(panel.X + panel.Width / 2, panel.Bottom + 36, title, "middle", "axis-title", ("stroke", "none"), ("fill", Palette.Ink));
        svg.Close();
    }

    /// <summary>Draws a vertical axis along the left of <paramref name="panel"/>.</summary>
    /// <param name="svg">Target.</param>
    /// <param name="panel">The plot panel.</param>
    /// <param name="scale">The y scale.</param>
    /// <param name="format">Tick label text.</param>
    /// <param name="title">Axis title, drawn rotated left of the labels; none when null.</param>
    /// <param name="cssClass">Class of the axis group (e.g. <c>y-axis</c>).</param>
    public static void Left(SvgWriter svg, Panel panel, IScale scale, Func<double, string> format, string? title,
        string cssClass = "y-axis")
    {
        svg.Open("g", ("class", cssClass), ("stroke", Palette.Ink));
        svg.Element("line", ("x1", SvgWriter.Num(panel.X)), ("y1", SvgWriter.Num(panel.Y)),
            ("x2", SvgWriter.Num(panel.X)), ("y2", SvgWriter.Num(panel.Bottom)));
        foreach (var b in scale.Breaks)
        {
            double y = scale.Map(b);
            svg.Element("line", ("class", "tick"), ("x1", SvgWriter.Num(panel.X - 5)), ("y1", SvgWriter.Num(y)),
                ("x2", SvgWriter.Num(panel.X)), ("y2", SvgWriter.Num(y)));
            svg.Label(panel.X - 8, y + 4, format(b), "end", "tick-label", ("stroke", "none"), ("fill", Palette.Ink));
        }
        if (title is not null)
        {
            // Clear the widest tick label (about 7 px a character at 12 px) by a few pixels.
            int widest = scale.Breaks.Select(b => format(b).Length).DefaultIfEmpty(1).Max();
            double x = panel.X - 22 - 7 * widest, y = panel.Y + panel.Height / 2;
            svg.Label(x, y, title, "middle", "axis-title", ("stroke", "none"), ("fill", Palette.Ink),
                ("transform", $"rotate(-90 {SvgWriter.Num(x)} {SvgWriter.Num(y)})"));
        }
        svg.Close();
    }

    /// <summary>
    /// The decimals that print every break exactly and alike (0.25 needs 2, so 1 prints "1.00"; 12 needs none), as
    /// journals print an axis: "1.00, 0.75, 0.50", never "1, 0.75, 0.5". At most 6.
    /// </summary>
    /// <param name="breaks">The breaks of an axis.</param>
    public static int DecimalsOf(IEnumerable<double> breaks)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        int d = 0;
        foreach (var b in breaks)
        {
            while (d < 6 && Math.Abs(b * Math.Pow(10, d) - Math.Round(b * Math.Pow(10, d))) > 1e-6 * Math.Pow(10, d)) d++;
        }
        return d;
    }

    /// <summary>Tick labels for probabilities: 0, 0.25, 0.5 … as R prints them.</summary>
    /// <param name="value">A break.</param>
    public static string Plain(double value) => Text.Number.Significant(value, 6);

    /// <summary>Tick labels for quantities spanning decades: digits grouped by commas, never an exponent (300,000; 0.05).</summary>
    /// <param name="value">A break.</param>
    public static string Grouped(double value) => value.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture);
}
