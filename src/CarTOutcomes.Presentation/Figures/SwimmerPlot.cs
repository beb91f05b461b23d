namespace CarTOutcomes.Presentation.Figures;

/// <summary>A stretch of a patient's course, e.g. a salvage line, coloured by its class.</summary>
/// <param name="Start">Start time (in the plot's unit, e.g. months).</param>
/// <param name="End">End time; not before <paramref name="Start"/>.</param>
/// <param name="Class">Class label (e.g. "CAR T", "chemotherapy", "blinatumomab"); one colour per class.</param>
public sealed record SwimmerSegment(double Start, double End, string Class);

/// <summary>A dated event on a patient's lane, e.g. a response, progression, transplant or death.</summary>
/// <param name="Day">Time of the event, in the plot's unit (the name is historical: months are fine).</param>
/// <param name="Kind">Event kind; one marker shape per kind.</param>
public sealed record SwimmerEvent(double Day, string Kind);

/// <summary>One patient's lane.</summary>
/// <param name="PatientId">Label at the left of the lane.</param>
/// <param name="Segments">Stretches of the course.</param>
/// <param name="Events">Point events.</param>
/// <param name="Ongoing">True when follow-up continues beyond the lane (drawn as an arrow at its end).</param>
public sealed record SwimmerLane(string PatientId, IReadOnlyList<SwimmerSegment> Segments, IReadOnlyList<SwimmerEvent> Events,
    bool Ongoing = false);

/// <summary>Options of <see cref="SwimmerPlot"/>.</summary>
public sealed record SwimmerPlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Time axis title.</summary>
    public string XLabel { get; init; } = "Time";

    /// <summary>The legend entry of the arrow drawn at the end of an ongoing lane; every symbol is explained.</summary>
    public string OngoingLabel { get; init; } = "Alive at last follow-up";

    /// <summary>Explicit time axis breaks.</summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    /// <summary>Order of segment classes in colour assignment and legend; unlisted classes follow in order of appearance.</summary>
    public IReadOnlyList<string>? ClassOrder { get; init; }

    /// <summary>Order of event kinds in marker assignment and legend; unlisted kinds follow in order of appearance.</summary>
    public IReadOnlyList<string>? KindOrder { get; init; }

    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 860;

    /// <summary>Height of one lane in pixels.</summary>
    public double LaneHeight { get; init; } = 22;

    /// <summary>Prefix of the ids in the SVG.</summary>
    public string IdPrefix { get; init; } = "swimmer";
}

/// <summary>A swimmer plot: one horizontal lane per patient with coloured treatment segments and event markers.</summary>
public static class SwimmerPlot
{
    private static readonly string[] Shapes = ["circle", "triangle", "square", "diamond", "cross", "star", "down-triangle"];

    /// <summary>Draws the lanes top to bottom in the given order.</summary>
    /// <param name="lanes">Patients' lanes.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public static SvgDocument Render(IReadOnlyList<SwimmerLane> lanes, SwimmerPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        if (lanes.Count == 0) throw new ArgumentException("There is no lane to draw.", nameof(lanes));
        Validate(lanes);
        var o = options ?? new SwimmerPlotOptions();
        var classes = Ordered(o.ClassOrder, lanes.SelectMany(l => l.Segments).Select(s => s.Class));
        var kinds = Ordered(o.KindOrder, lanes.SelectMany(l => l.Events).Select(e => e.Kind));
        double left = 24 + 7 * lanes.Max(l => l.PatientId.Length), top = o.Title is null ? 16 : 40;
        // Lanes spread out (up to 40 px apart) when the legend is taller than the lanes.
        bool ongoing = lanes.Any(l => l.Ongoing && l.Segments.Count > 0);
        double legendHeight = 20 * (classes.Count + kinds.Count + (ongoing ? 1 : 0) + 1);
        double legendWidth = 40 + 7 * classes.Concat(kinds).Append(ongoing ? o.OngoingLabel : "").Max(t => t.Length);
        double spacing = Math.Max(o.LaneHeight, Math.Min(40, legendHeight / lanes.Count));
        double height = Math.Max(top + lanes.Count * spacing + 60, top + legendHeight + 30);
        var svg = new SvgWriter(o.Width, height, o.IdPrefix);
        var panel = Panel.Inside(o.Width, height, new Margins(top, Math.Max(190, legendWidth), height - top - lanes.Count * spacing, Math.Max(60, left)));
        double max = lanes.SelectMany(l => l.Segments.Select(s => s.End).Concat(l.Events.Select(e => e.Day))).DefaultIfEmpty(1).Max();
        double min = Math.Min(0, lanes.SelectMany(l => l.Segments.Select(s => s.Start).Concat(l.Events.Select(e => e.Day))).DefaultIfEmpty(0).Min());
        LinearScale x = o.Breaks is { Count: > 0 } b
            ? new LinearScale(Math.Min(min, b.Min()), Math.Max(max, b.Max()), panel.X, panel.Right, b)
            : LinearScale.Tight(min, max, panel.X, panel.Right, LinearScale.MonthSteps);
        if (o.Title is not null) svg.Label(o.Width / 2, 22, o.Title, "middle", "title", ("font-size", "15"), ("font-weight", "bold"));
        for (int i = 0; i < lanes.Count; i++)
            DrawLane(svg, lanes[i], panel.Y + i * spacing, spacing, o.LaneHeight * 0.6, x, classes, kinds);
        Axis.Bottom(svg, panel, x, Axis.Plain, o.XLabel);
        Legend(svg, panel.Right + 24, panel.Y + 8, classes, kinds, ongoing ? o.OngoingLabel : null);
        return svg.Finish();
    }

    private static void Validate(IReadOnlyList<SwimmerLane> lanes)
    {
        foreach (var l in lanes)
        {
            foreach (var s in l.Segments)
            {
                if (!double.IsFinite(s.Start) || !double.IsFinite(s.End) || s.End < s.Start)
                    throw new ArgumentException($"Patient '{l.PatientId}': segment '{s.Class}' runs from {s.Start} to {s.End}; times must be finite with end >= start.", nameof(lanes));
            }
            foreach (var e in l.Events)
            {
                if (!double.IsFinite(e.Day))
                    throw new ArgumentException($"Patient '{l.PatientId}': event '{e.Kind}' has time {e.Day}.", nameof(lanes));
            }
        }
    }

    private static List<string> Ordered(IReadOnlyList<string>? order, IEnumerable<string> seen)
    {
        var list = new List<string>(order ?? []);
        foreach (var s in seen) if (!list.Contains(s, StringComparer.Ordinal)) list.Add(s);
        var present = seen.ToHashSet(StringComparer.Ordinal);
        return list.Where(present.Contains).ToList();
    }

    private static void DrawLane(SvgWriter svg, SwimmerLane lane, double y, double h, double bar, LinearScale x, List<string> classes, List<string> kinds)
    {
        double mid = y + h / 2;
        svg.Open("g", ("class", "lane"), ("data-patient", lane.PatientId));
        svg.Label(x.RangeStart - 10, mid + 4, lane.PatientId, "end", "lane-label", ("fill", Palette.Ink));
        foreach (var s in lane.Segments)
        {
            double x0 = x.Map(s.Start), x1 = x.Map(s.End);
            svg.Element("rect", ("class", "segment"), ("data-class", s.Class), ("x", SvgWriter.Num(x0)), ("y", SvgWriter.Num(mid - bar / 2)),
                ("width", SvgWriter.Num(Math.Max(1, x1 - x0))), ("height", SvgWriter.Num(bar)), ("fill", Palette.Color(classes.IndexOf(s.Class))));
        }
        if (lane.Ongoing && lane.Segments.Count > 0)
        {
            Arrow(svg, x.Map(lane.Segments.Max(s => s.End)), mid, "ongoing");
        }
        foreach (var e in lane.Events.OrderBy(e => e.Day).ThenBy(e => kinds.IndexOf(e.Kind)))
            Marker(svg, kinds.IndexOf(e.Kind), x.Map(e.Day), mid, e.Kind, "event");
        svg.Close();
    }

    /// <summary>Draws the marker of kind number <paramref name="k"/>: white-edged dark shapes, readable over any segment colour.</summary>
    private static void Marker(SvgWriter svg, int k, double cx, double cy, string kind, string cssClass)
    {
        const double r = 5;
        string shape = Shapes[k % Shapes.Length];
        string N(double v) => SvgWriter.Num(v);
        string d = shape switch
        {
            "circle" => $"M{N(cx - r)} {N(cy)}A{N(r)} {N(r)} 0 1 0 {N(cx + r)} {N(cy)}A{N(r)} {N(r)} 0 1 0 {N(cx - r)} {N(cy)}Z",
            "triangle" => $"M{N(cx)} {N(cy - r)}L{N(cx + r)} {N(cy + r)}L{N(cx - r)} {N(cy + r)}Z",
            "down-triangle" => $"M{N(cx)} {N(cy + r)}L{N(cx + r)} {N(cy - r)}L{N(cx - r)} {N(cy - r)}Z",
            "square" => $"M{N(cx - r)} {N(cy - r)}H{N(cx + r)}V{N(cy + r)}H{N(cx - r)}Z",
            "diamond" => $"M{N(cx)} {N(cy - r - 1)}L{N(cx + r + 1)} {N(cy)}L{N(cx)} {N(cy + r + 1)}L{N(cx - r - 1)} {N(cy)}Z",
            "cross" => $"M{N(cx - r)} {N(cy - 2)}H{N(cx - 2)}V{N(cy - r)}H{N(cx + 2)}V{N(cy - 2)}H{N(cx + r)}V{N(cy + 2)}H{N(cx + 2)}V{N(cy + r)}H{N(cx - 2)}V{N(cy + 2)}H{N(cx - r)}Z",
            _ => Star(cx, cy, r + 1),
        };
        svg.Element("path", ("class", cssClass), ("data-kind", kind), ("d", d), ("fill", MarkerColor(k)), ("stroke", "#FFFFFF"), ("stroke-width", "1"));
    }

    private static string MarkerColor(int k) => k % 2 == 0 ? "#111111" : "#7A0019";

    private static string Star(double cx, double cy, double r)
    {
        var pts = Enumerable.Range(0, 10).Select(i =>
        {
            double a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 == 0 ? r : r * 0.45;
            return $"{SvgWriter.Num(cx + rr * Math.Cos(a))} {SvgWriter.Num(cy + rr * Math.Sin(a))}";
        });
        return "M" + string.Join("L", pts) + "Z";
    }

    /// <summary>The ▶ arrow of an ongoing lane, its tip 10 px right of <paramref name="end"/>.</summary>
    private static void Arrow(SvgWriter svg, double end, double mid, string cssClass) =>
        svg.Element("path", ("class", cssClass), ("d", $"M{SvgWriter.Num(end + 2)} {SvgWriter.Num(mid - 5)}L{SvgWriter.Num(end + 10)} {SvgWriter.Num(mid)}L{SvgWriter.Num(end + 2)} {SvgWriter.Num(mid + 5)}Z"),
            ("fill", Palette.Ink));

    private static void Legend(SvgWriter svg, double x, double y, List<string> classes, List<string> kinds, string? ongoing)
    {
        svg.Open("g", ("class", "legend"));
        for (int i = 0; i < classes.Count; i++, y += 20)
        {
            svg.Open("g", ("class", "legend-entry"), ("data-class", classes[i]));
            svg.Element("rect", ("x", SvgWriter.Num(x)), ("y", SvgWriter.Num(y - 9)), ("width", "16"), ("height", "10"), ("fill", Palette.Color(i)));
            svg.Label(x + 24, y, classes[i], "start", "legend-label", ("fill", Palette.Ink));
            svg.Close();
        }
        y += 8;
        for (int k = 0; k < kinds.Count; k++, y += 20)
        {
            svg.Open("g", ("class", "legend-entry"), ("data-kind", kinds[k]));
            Marker(svg, k, x + 8, y - 4, kinds[k], "legend-marker");
            svg.Label(x + 24, y, kinds[k], "start", "legend-label", ("fill", Palette.Ink));
            svg.Close();
        }
        if (ongoing is not null)
        {
            svg.Open("g", ("class", "legend-entry"), ("data-kind", "ongoing"));
            Arrow(svg, x, y - 4, "legend-marker");
            svg.Label(x + 24, y, ongoing, "start", "legend-label", ("fill", Palette.Ink));
            svg.Close();
        }
        svg.Close();
    }
}
