using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>
/// One cumulative incidence curve as plain step data (e.g. one cause of a competing-risks fit, R's
/// <c>cmprsk::cuminc</c> or <c>survfit</c> with a multi-state status).
/// </summary>
/// <param name="Label">Legend label (cause, or cause and group).</param>
/// <param name="Times">Jump times, ascending.</param>
/// <param name="Estimates">Cumulative incidence just after each time, in [0, 1], non-decreasing.</param>
/// <param name="Lower">Optional lower confidence limits at each time (NaN where undefined).</param>
/// <param name="Upper">Optional upper confidence limits at each time (NaN where undefined).</param>
/// <param name="NumberAtRisk">Optional number at risk just before each time (as <c>n.risk</c>); needed for the at-risk table.</param>
/// <param name="CensorTimes">Optional censoring times, for tick marks.</param>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(typeof(Rendering.NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record IncidenceCurve(string Label, IReadOnlyList<double> Times, IReadOnlyList<double> Estimates,
    IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null, IReadOnlyList<double>? NumberAtRisk = null,
    IReadOnlyList<double>? CensorTimes = null)
{
    /// <summary>
    /// The number at risk at time t: the count recorded at the first time ≥ t, or 0 after the last time (the rule of
    /// R's <c>summary(fit, times=)</c> without delayed entry; list every event and censoring time for it to hold).
    /// NaN when <see cref="NumberAtRisk"/> is not given.
    /// </summary>
    /// <param name="time">Any time.</param>
    public double NumberAtRiskAt(double time)
    {
        if (NumberAtRisk is null) return double.NaN;
        for (int i = 0; i < Times.Count; i++) if (Times[i] >= time) return NumberAtRisk[i];
        return 0;
    }

    internal void Validate(string name)
    {
        if (Times.Count != Estimates.Count)
            throw new ArgumentException($"Curve '{Label}' has {Times.Count} times and {Estimates.Count} estimates.", name);
        foreach (var (arr, what) in new[] { (Lower, "lower limits"), (Upper, "upper limits"), (NumberAtRisk, "at-risk counts") })
        {
            if (arr is not null && arr.Count != Times.Count)
                throw new ArgumentException($"Curve '{Label}' has {Times.Count} times and {arr.Count} {what}.", name);
        }
        for (int i = 0; i < Times.Count; i++)
        {
            if (!double.IsFinite(Times[i]) || (i > 0 && Times[i] < Times[i - 1]))
                throw new ArgumentException($"Curve '{Label}': time {Times[i]} at index {i} is not finite and ascending.", name);
            if (!(Estimates[i] >= 0 && Estimates[i] <= 1))
                throw new ArgumentException($"Curve '{Label}': estimate {Estimates[i]} at index {i} is outside [0, 1].", name);
        }
    }
}

/// <summary>How several incidence curves share the panel.</summary>
public enum IncidenceLayout
{
    /// <summary>Each curve from 0, drawn over one another (R: <c>plot(cuminc(...))</c>).</summary>
    Overlaid,

    /// <summary>Curves summed in order and filled, so the top edge is the total incidence of all causes.</summary>
    Stacked,
}

/// <summary>Options of <see cref="CumulativeIncidencePlot"/>.</summary>
public sealed record CumulativeIncidencePlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Time axis title; by default "Time" followed by <see cref="TimeUnit"/> in parentheses when it is given.</summary>
    public string? XLabel { get; init; }

    /// <summary>The unit of the times ("months", "days"); none is assumed, so without it the axis reads "Time".</summary>
    public string? TimeUnit { get; init; }

    /// <summary>How tick labels, counts and the P value are printed; <see cref="NumberStyle.Blood"/> by default.</summary>
    public NumberStyle Style { get; init; } = NumberStyle.Default;

    /// <summary>Left margin in pixels; give stacked panels the same value so that their axes line up.</summary>
    public double? LeftMargin { get; init; }

    /// <summary>Label of the single at-risk row drawn when every curve has the same risk set (competing causes of one group).</summary>
    public string SharedRiskLabel { get; init; } = "All patients";

    /// <summary>Incidence axis title.</summary>
    public string YLabel { get; init; } = "Cumulative incidence";

    /// <summary>Explicit time axis breaks (also the times of the at-risk table).</summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    /// <summary>Right end of the time axis.</summary>
    public double? MaxTime { get; init; }

    /// <summary>Top of the incidence axis; by default 1.</summary>
    public double YMax { get; init; } = 1;

    /// <summary>Overlaid or stacked curves.</summary>
    public IncidenceLayout Layout { get; init; } = IncidenceLayout.Overlaid;

    /// <summary>Draw confidence bands where given (overlaid layout only: stacked sums have no pointwise limits).</summary>
    public bool ShowBands { get; init; } = true;

    /// <summary>Draw censoring ticks where given.</summary>
    public bool ShowCensor { get; init; } = true;

    /// <summary>Draw the at-risk table when every curve has at-risk counts.</summary>
    public bool ShowRiskTable { get; init; } = true;

    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Figure height in pixels.</summary>
    public double Height { get; init; } = 540;

    /// <summary>Prefix of the ids in the SVG.</summary>
    public string IdPrefix { get; init; } = "cif";
}

/// <summary>Cumulative incidence curves of competing events, overlaid or stacked, with an optional at-risk table.</summary>
public static class CumulativeIncidencePlot
{
    /// <summary>Draws the curves.</summary>
    /// <param name="curves">Curves in legend (and stacking) order.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    /// <param name="pValue">Optional p-value (e.g. Gray's test) printed in the lower-left corner.</param>
    /// <param name="testName">Name printed before the p-value.</param>
    public static SvgDocument Render(IReadOnlyList<IncidenceCurve> curves, CumulativeIncidencePlotOptions? options = null,
        double? pValue = null, string testName = "Gray's test")
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0) throw new ArgumentException("There is no curve to draw.", nameof(curves));
        foreach (var c in curves) c.Validate(nameof(curves));
        var o = options ?? new CumulativeIncidencePlotOptions();
        if (!(o.YMax > 0 && o.YMax <= 1)) throw new ArgumentOutOfRangeException(nameof(options), o.YMax, "YMax must lie in (0, 1].");
        var series = o.Layout == IncidenceLayout.Stacked ? Stack(curves) : curves.Select(Overlaid).ToArray();
        var spec = new StepChartSpec(o.Title, KaplanMeierPlot.TimeLabel(o.XLabel, o.TimeUnit), o.YLabel, o.Breaks, o.MaxTime,
            o.ShowBands, o.ShowCensor, o.ShowRiskTable, false, o.Width, o.Height, o.IdPrefix, o.YMax,
            pValue is { } p ? $"{testName} {o.Style.PStatement(p)}" : null, 0, o.Style, o.LeftMargin,
            SharesRiskSet(curves) ? o.SharedRiskLabel : null);
        return StepChart.Render(series, spec);
    }

    /// <summary>True when there are several curves with at-risk counts and all count the same subjects at the same times.</summary>
    private static bool SharesRiskSet(IReadOnlyList<IncidenceCurve> curves) =>
        curves.Count > 1 && curves.All(c => c.NumberAtRisk is not null) &&
        curves.Skip(1).All(c => c.Times.SequenceEqual(curves[0].Times) && c.NumberAtRisk!.SequenceEqual(curves[0].NumberAtRisk!));

    private static StepSeries Overlaid(IncidenceCurve c) =>
        new(c.Label, c.Times, c.Estimates, 0, c.Lower, c.Upper, c.CensorTimes,
            c.NumberAtRisk is null ? null : c.NumberAtRiskAt);

    /// <summary>Evaluates every curve on the union of times and sums them in order: curve k is drawn as Σ_{j≤k} F_j(t).</summary>
    private static StepSeries[] Stack(IReadOnlyList<IncidenceCurve> curves)
    {
        var times = curves.SelectMany(c => c.Times).Distinct().Order().ToArray();
        var below = new double[times.Length];
        var result = new StepSeries[curves.Count];
        for (int k = 0; k < curves.Count; k++)
        {
            var c = curves[k];
            var raw = new StepSeries(c.Label, c.Times, c.Estimates, 0);
            var top = times.Select((t, i) => below[i] + StepChart.ValueAt(raw, t)).ToArray();
            result[k] = new StepSeries(c.Label, times, top, 0, AtRisk: c.NumberAtRisk is null ? null : c.NumberAtRiskAt,
                Baseline: below.ToArray());
            below = top;
        }
        return result;
    }
}
