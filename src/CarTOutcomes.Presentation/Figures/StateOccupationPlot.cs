using CarTOutcomes.Survival.MultiState;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>Options of <see cref="StateOccupationPlot"/>.</summary>
public sealed record StateOccupationPlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Time axis title.</summary>
    public string XLabel { get; init; } = "Time (months)";

    /// <summary>Probability axis title.</summary>
    public string YLabel { get; init; } = "Probability in state";

    /// <summary>Explicit time axis breaks (also the times of the table of numbers in each state).</summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    /// <summary>Right end of the time axis.</summary>
    public double? MaxTime { get; init; }

    /// <summary>
    /// The states from the bottom of the stack to the top; by default the curve's states, those with an initial
    /// probability last (so that the stack starts filled from the top).
    /// </summary>
    public IReadOnlyList<string>? StackOrder { get; init; }

    /// <summary>Display names of the states (legend and table); a state not listed is shown by its name.</summary>
    public IReadOnlyDictionary<string, string>? StateLabels { get; init; }

    /// <summary>
    /// The number of subjects in each state at a time, for the table under the axis (e.g.
    /// <see cref="MultiStateData.CountInState"/>); no table when null.
    /// </summary>
    public Func<double, IReadOnlyList<double>>? CountInState { get; init; }

    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Figure height in pixels.</summary>
    public double Height { get; init; } = 600;

    /// <summary>Prefix of the ids in the SVG.</summary>
    public string IdPrefix { get; init; } = "states";
}

/// <summary>
/// A state occupation figure: the Aalen–Johansen probabilities of being in each state of a multi-state model,
/// stacked as filled areas that add up to 1 at every time (R: <c>plot(survfit(...), col = ..., lty = 1)</c> drawn as
/// areas), with the numbers of subjects in each state at the axis breaks underneath.
/// </summary>
public static class StateOccupationPlot
{
    /// <summary>Draws one curve of a multi-state fit.</summary>
    /// <param name="curve">The fitted curve (one group).</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public static SvgDocument Render(MultiStateCurve curve, StateOccupationPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var o = options ?? new StateOccupationPlotOptions();
        var states = curve.States.ToList();
        var order = o.StackOrder ?? states.OrderBy(s => curve.InitialProbability[states.IndexOf(s)] > 0 ? 1 : 0).ToArray();
        foreach (var s in order)
            if (!states.Contains(s)) throw new ArgumentException($"'{s}' is not a state of the curve; the states are {string.Join(", ", states)}.", nameof(options));
        // Each series starts with a point at the origin holding p0, so that a stack whose lower states start above 0 is drawn right.
        var times = new[] { curve.StartTime }.Concat(curve.Time).ToArray();
        var below = new double[times.Length];
        var series = new List<StepSeries>();
        foreach (var state in order)
        {
            int k = states.IndexOf(state);
            var top = times.Select((_, i) => below[i] + (i == 0 ? curve.InitialProbability[k] : curve.Probability(i - 1, k))).ToArray();
            string label = o.StateLabels is not null && o.StateLabels.TryGetValue(state, out var l) ? l : state;
            Func<double, double>? count = o.CountInState is null ? null : t => o.CountInState(t)[k];
            series.Add(new StepSeries(label, times, top, top[0], AtRisk: count, Baseline: below.ToArray()));
            below = top;
        }
        var spec = new StepChartSpec(o.Title, o.XLabel, o.YLabel, o.Breaks, o.MaxTime, false, false,
            o.CountInState is not null, false, o.Width, o.Height, o.IdPrefix, 1, null, curve.StartTime);
        return StepChart.Render(series, spec, "Number in state");
    }
}
