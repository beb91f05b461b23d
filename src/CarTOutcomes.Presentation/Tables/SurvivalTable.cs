using System.Globalization;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Tables;

/// <summary>
/// Survival estimates at landmark times and the median, by group, in publication layout (R: gtsummary's
/// <c>tbl_survfit(fit, times = c(6, 12, 24))</c> and <c>tbl_survfit(fit, probs = 0.5)</c>): one row per group, a
/// column "t months" with the estimate (95% CI) in percent, and the median (95% CI).
/// </summary>
public static class SurvivalTable
{
    /// <summary>Kaplan–Meier curves: survival at <paramref name="times"/> (R: <c>summary(fit, times, extend = TRUE)</c>) and the median (R: <c>quantile(fit, 0.5)</c>).</summary>
    /// <param name="curves">One curve per group.</param>
    /// <param name="times">Landmark times, in the fit's unit.</param>
    /// <param name="timeUnit">The unit's name for the headings ("months"); "Time t" when null.</param>
    /// <param name="title">The table's title.</param>
    public static PublicationTable From(IReadOnlyList<KaplanMeierResult> curves, IReadOnlyList<double> times, string? timeUnit = null,
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        Check(times);
        var rows = curves.Select(c =>
        {
            var cells = new List<TableCell> { TableCell.Count(c.Records), TableCell.Count(c.Events) };
            cells.AddRange(times.Select(t => c.At(t) is var e ? TableCell.Percent(e.Survival, e.Lower, e.Upper) : TableCell.Empty));
            var m = c.Median;
            cells.Add(TableCell.Time(m.Estimate, m.Lower, m.Upper));
            return new TableRow(c.Group, c.Group, TableRowKind.Label, cells);
        }).ToArray();
        return new PublicationTable(title, "Group", Columns(times, timeUnit, "Survival, % (95% CI)", curves.Count > 0 ? curves[0].Options.ConfidenceLevel : 0.95), rows,
            ["Median: NR, not reached."]);
    }

    /// <summary>
    /// Cumulative incidence of one cause by group at <paramref name="times"/> (R: <c>cmprsk::timepoints</c>) and the
    /// median time to the event: the first time the incidence reaches 0.5, with limits where the upper and lower
    /// pointwise limits reach it (the rule of R's <c>quantile.survfit</c> applied to 1 − F); NR when never reached.
    /// </summary>
    /// <param name="result">The cumulative incidence fit.</param>
    /// <param name="cause">The cause to tabulate.</param>
    /// <param name="times">Landmark times.</param>
    /// <param name="timeUnit">The unit's name for the headings.</param>
    /// <param name="title">The table's title.</param>
    public static PublicationTable From(CumulativeIncidenceResult result, int cause, IReadOnlyList<double> times, string? timeUnit = null,
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Check(times);
        var curves = result.Curves.Where(c => c.Cause == cause).ToArray();
        if (curves.Length == 0)
            throw new ArgumentException($"The fit has no curve of cause {cause}; its causes are {string.Join(", ", result.Curves.Select(c => c.Cause).Distinct())}.", nameof(cause));
        var rows = curves.Select(c =>
        {
            var cells = new List<TableCell> { TableCell.Count(c.Records) };
            cells.AddRange(times.Select(t => c.At(t) is var e ? TableCell.Percent(e.Estimate, e.Lower, e.Upper) : TableCell.Empty));
            cells.Add(TableCell.Time(Crossing(c.Time, c.Estimate), Crossing(c.Time, c.Upper), Crossing(c.Time, c.Lower)));
            return new TableRow(c.Group, c.Group, TableRowKind.Label, cells);
        }).ToArray();
        var columns = Columns(times, timeUnit, "Cumulative incidence, % (95% CI)", curves[0].ConfidenceLevel, withEvents: false);
        return new PublicationTable(title, "Group", columns, rows, ["Median: time at which the cumulative incidence reaches 50%; NR, not reached."]);
    }

    /// <summary>The first time the step function reaches 0.5 (NaN when it never does).</summary>
    private static double Crossing(IReadOnlyList<double> time, IReadOnlyList<double> value)
    {
        for (int i = 0; i < time.Count; i++) if (value[i] >= 0.5 - 1e-12) return time[i];
        return double.NaN;
    }

    private static TableColumn[] Columns(IReadOnlyList<double> times, string? unit, string spanner, double level, bool withEvents = true)
    {
        string l = (level * 100).ToString("0.##", CultureInfo.InvariantCulture);
        var cols = new List<TableColumn> { new("N") };
        if (withEvents) cols.Add(new("Events"));
        cols.AddRange(times.Select(t => new TableColumn(unit is null ? $"Time {t.ToString(CultureInfo.InvariantCulture)}"
            : $"{t.ToString(CultureInfo.InvariantCulture)} {unit}", spanner)));
        cols.Add(new TableColumn($"Median ({l}% CI)"));
        return cols.ToArray();
    }

    private static void Check(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (var t in times)
            if (!(t >= 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(times), t, "Landmark times must be finite and not negative.");
    }
}
