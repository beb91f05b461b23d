using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>Options of <see cref="KaplanMeierPlot"/>; the defaults draw the figure of R's <c>survminer::ggsurvplot(fit, conf.int = TRUE, risk.table = TRUE)</c>.</summary>
public sealed record KaplanMeierPlotOptions
{
    /// <summary>Title above the figure; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>Time axis title; by default "Time" followed by <see cref="TimeUnit"/> in parentheses when it is given.</summary>
    public string? XLabel { get; init; }

    /// <summary>
    /// The unit of the fit's times as readers should see it ("months", "days", "weeks"); the fit itself carries no
    /// unit, so none is assumed: without it the axis reads "Time".
    /// </summary>
    public string? TimeUnit { get; init; }

    /// <summary>How tick labels, counts and the P value are printed; <see cref="NumberStyle.Blood"/> by default.</summary>
    public NumberStyle Style { get; init; } = NumberStyle.Default;

    /// <summary>Left margin in pixels; give stacked panels the same value so that their axes line up. By default the widest at-risk label decides.</summary>
    public double? LeftMargin { get; init; }

    /// <summary>Survival axis title.</summary>
    public string YLabel { get; init; } = "Survival probability";

    /// <summary>Explicit time axis breaks (also the times of the at-risk table); by default multiples of 1, 2, 3, 6, 12 … months, about six of them.</summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    /// <summary>Right end of the time axis; by default the last time of any curve, rounded up to a break.</summary>
    public double? MaxTime { get; init; }

    /// <summary>Draw pointwise confidence bands (R: <c>conf.int = TRUE</c>).</summary>
    public bool ShowBands { get; init; } = true;

    /// <summary>Draw a tick at each censoring time (R: <c>censor = TRUE</c>).</summary>
    public bool ShowCensor { get; init; } = true;

    /// <summary>Draw the numbers-at-risk table under the time axis (R: <c>risk.table = TRUE</c>).</summary>
    public bool ShowRiskTable { get; init; } = true;

    /// <summary>Draw dashed lines to each median survival time (R: <c>surv.median.line = "hv"</c>).</summary>
    public bool ShowMedian { get; init; }

    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Figure height in pixels, at-risk table included.</summary>
    public double Height { get; init; } = 540;

    /// <summary>Prefix of the ids in the SVG; give figures sharing one HTML page different prefixes.</summary>
    public string IdPrefix { get; init; } = "km";
}

/// <summary>The Kaplan–Meier figure of a clinical paper: one step curve per group with censoring ticks, bands, legend, at-risk table and log-rank P.</summary>
public static class KaplanMeierPlot
{
    /// <summary>Draws the curves, with the p-value of <paramref name="test"/> in the lower-left corner when given.</summary>
    /// <param name="curves">One fitted curve per group, in legend order.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    /// <param name="test">A log-rank test of the same groups.</param>
    public static SvgDocument Render(IReadOnlyList<KaplanMeierResult> curves, KaplanMeierPlotOptions? options, LogRankResult? test)
        => Render(curves, options, test?.PValue, test is { Rho: not 0 } ? "G-rho" : "Log-rank");

    /// <summary>Draws the curves, with a p-value in the lower-left corner when <paramref name="pValue"/> is given.</summary>
    /// <param name="curves">One fitted curve per group, in legend order.</param>
    /// <param name="options">Drawing options; the defaults when null.</param>
    /// <param name="pValue">A p-value to print, e.g. of a log-rank test.</param>
    /// <param name="testName">Name printed before the p-value.</param>
    public static SvgDocument Render(IReadOnlyList<KaplanMeierResult> curves, KaplanMeierPlotOptions? options = null,
        double? pValue = null, string testName = "Log-rank")
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0) throw new ArgumentException("There is no curve to draw.", nameof(curves));
        var o = options ?? new KaplanMeierPlotOptions();
        var series = curves.Select(ToSeries).ToArray();
        var spec = new StepChartSpec(o.Title, TimeLabel(o.XLabel, o.TimeUnit), o.YLabel, o.Breaks, o.MaxTime, o.ShowBands, o.ShowCensor,
            o.ShowRiskTable, o.ShowMedian, o.Width, o.Height, o.IdPrefix, 1,
            pValue is { } p ? $"{testName} {o.Style.PStatement(p)}" : null, Math.Min(0, curves.Min(c => c.StartTime)),
            o.Style, o.LeftMargin);
        return StepChart.Render(series, spec);
    }

    /// <summary>The time axis title: the explicit label, else "Time (unit)", else "Time".</summary>
    internal static string TimeLabel(string? label, string? unit) =>
        label ?? (string.IsNullOrWhiteSpace(unit) ? "Time" : $"Time ({unit})");

    private static StepSeries ToSeries(KaplanMeierResult c)
    {
        var censored = Enumerable.Range(0, c.Time.Count).Where(i => c.NumberCensored[i] > 0).Select(i => c.Time[i]).ToArray();
        return new StepSeries(c.Group, c.Time, c.Survival, 1, c.Lower, c.Upper, censored, c.NumberAtRiskAt, c.Median.Estimate);
    }
}
