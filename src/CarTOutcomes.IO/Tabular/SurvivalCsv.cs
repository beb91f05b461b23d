using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.IO.Tabular;

/// <summary>Which columns of a CSV file hold a survival outcome and its grouping.</summary>
/// <param name="Time">Follow-up (or stop) time column.</param>
/// <param name="Event">Event indicator column, coded 0 (censored) / 1 (event).</param>
/// <param name="Entry">Optional entry (start) time column for delayed entry or (start, stop] rows.</param>
/// <param name="Group">Optional group column.</param>
/// <param name="Strata">Optional strata column.</param>
/// <param name="Weights">Optional case-weight column.</param>
/// <param name="Covariates">Optional numeric covariate columns (e.g. for a Cox model).</param>
/// <param name="Cluster">Optional column of cluster (subject) identifiers for a robust variance.</param>
/// <param name="EventCodes">
/// Allowed codes of the event column. Null means 0 (censored) / 1 (event); a competing-risks status column lists its
/// codes here (censoring code first).
/// </param>
public sealed record SurvivalColumns(string Time, string Event, string? Entry = null, string? Group = null,
    string? Strata = null, string? Weights = null, IReadOnlyList<string>? Covariates = null, string? Cluster = null,
    IReadOnlyList<double>? EventCodes = null);

/// <summary>A survival outcome read from CSV, after R-style removal of rows with missing values.</summary>
/// <param name="Data">The outcomes.</param>
/// <param name="Groups">Group label per row, or null.</param>
/// <param name="Strata">Stratum label per row, or null.</param>
/// <param name="SourceRows">For each kept row, its 1-based data row in the file.</param>
/// <param name="DroppedRows">1-based data rows dropped because a used column was missing (R: <c>na.action = na.omit</c>).</param>
/// <param name="Covariates">One array per requested covariate column, in the order asked for (empty when none).</param>
/// <param name="Cluster">Cluster label per row, or null.</param>
/// <param name="Status">The event column's codes per row (the raw status of competing-risks data).</param>
public sealed record SurvivalTable(SurvivalData Data, IReadOnlyList<string>? Groups, IReadOnlyList<string>? Strata,
    IReadOnlyList<int> SourceRows, IReadOnlyList<int> DroppedRows, IReadOnlyList<double[]> Covariates,
    IReadOnlyList<string>? Cluster, IReadOnlyList<double> Status);

/// <summary>Loads survival outcomes from a CSV file, checking every value.</summary>
public static class SurvivalCsv
{
    /// <summary>
    /// Reads the named columns. Rows with a missing value in any used column are dropped and counted (as R's
    /// <c>na.omit</c>). Every other problem — an unknown column, a time that is not a number or is negative, an
    /// event code other than 0/1, an entry not before its exit, a negative weight — is collected and reported
    /// together in a <see cref="DataValidationException"/>.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    public static SurvivalTable Load(string path, SurvivalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var requests = new List<ColumnRequest> { new(columns.Time, ColumnKind.Number), new(columns.Event, ColumnKind.Number) };
        if (columns.Entry is not null) requests.Add(new(columns.Entry, ColumnKind.Number));
        if (columns.Weights is not null) requests.Add(new(columns.Weights, ColumnKind.Number));
        if (columns.Group is not null) requests.Add(new(columns.Group, ColumnKind.Text));
        if (columns.Strata is not null) requests.Add(new(columns.Strata, ColumnKind.Text));
        if (columns.Cluster is not null) requests.Add(new(columns.Cluster, ColumnKind.Text));
        foreach (var c in columns.Covariates ?? []) requests.Add(new(c, ColumnKind.Number));
        var table = ColumnTable.Read(path, requests);
        return Build(table, columns);
    }

    private static SurvivalTable Build(ColumnTable table, SurvivalColumns columns)
    {
        var issues = new List<DataIssue>(table.Issues);
        var bad = table.Issues.Select(i => i.Row).ToHashSet();
        var time = table.Numbers(columns.Time);
        var evt = table.Numbers(columns.Event);
        var entry = columns.Entry is null ? null : table.Numbers(columns.Entry);
        var weight = columns.Weights is null ? null : table.Numbers(columns.Weights);
        var group = columns.Group is null ? null : table.Texts(columns.Group);
        var strata = columns.Strata is null ? null : table.Texts(columns.Strata);
        var cluster = columns.Cluster is null ? null : table.Texts(columns.Cluster);
        var covariates = (columns.Covariates ?? []).Select(table.Numbers).ToArray();
        var codes = columns.EventCodes ?? [0, 1];

        var kept = new List<int>();
        var dropped = new List<int>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (bad.Contains(i + 1)) continue; // already reported; never dropped as if missing
            if (table.HasMissing(i)) { dropped.Add(i + 1); continue; }
            int line = table.LineOf(i);
            void Bad(string column, double value, string expected) =>
                issues.Add(new DataIssue(table.File, i + 1, line, column, Show(value), expected));
            if (time[i] < 0) Bad(columns.Time, time[i], "a non-negative time");
            if (!codes.Contains(evt[i]))
                Bad(columns.Event, evt[i], columns.EventCodes is null
                    ? "an event code of 0 (censored) or 1 (event)"
                    : $"one of the declared status codes {string.Join(", ", codes.Select(Show))} (censoring code {Show(codes[0])})");
            if (entry is not null && !(entry[i] < time[i]))
                Bad(columns.Entry!, entry[i], $"an entry time before the exit time {Show(time[i])} in '{columns.Time}'");
            if (weight is not null && weight[i] < 0) Bad(columns.Weights!, weight[i], "a non-negative case weight");
            kept.Add(i);
        }
        if (issues.Count > 0) throw new DataValidationException(issues.OrderBy(x => x.Row).ToArray());
        if (kept.Count == 0)
            throw new DataValidationException([new DataIssue(table.File, 0, 0, "", "", "no rows left after removing rows with missing values")]);

        double[] Pick(IReadOnlyList<double> c) => kept.Select(i => c[i]).ToArray();
        var status = kept.Select(i => evt[i] != codes[0]).ToArray();
        var data = entry is null
            ? SurvivalData.RightCensored(Pick(time), status, weight is null ? null : Pick(weight))
            : SurvivalData.CountingProcess(Pick(entry), Pick(time), status, weight is null ? null : Pick(weight));
        return new SurvivalTable(data,
            group is null ? null : kept.Select(i => group[i]!).ToArray(),
            strata is null ? null : kept.Select(i => strata[i]!).ToArray(),
            kept.Select(i => i + 1).ToArray(), dropped,
            covariates.Select(Pick).ToArray(),
            cluster is null ? null : kept.Select(i => cluster[i]!).ToArray(),
            Pick(evt));
    }

    private static string Show(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
