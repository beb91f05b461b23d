using CarTOutcomes.Survival.MultiState;
using CarTOutcomes.Survival.Progress;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.IO.Tabular;

/// <summary>Which columns of a CSV file hold multi-state rows.</summary>
/// <param name="Id">Subject identifier column.</param>
/// <param name="Start">Start of each row's interval (start, stop].</param>
/// <param name="Stop">Stop of each row's interval.</param>
/// <param name="State">The state entered at stop; empty, <c>NA</c> or <c>censor</c> for none.</param>
/// <param name="InitialState">Optional column with the state a subject is in during the row (R's <c>istate</c>);
/// read on each subject's first row, and checked where given on later rows.</param>
/// <param name="Group">Optional group column, constant within a subject.</param>
public sealed record MultiStateColumns(string Id, string Start, string Stop, string State, string? InitialState = null,
    string? Group = null);

/// <summary>Multi-state rows read from CSV.</summary>
/// <param name="Data">The checked multi-state data.</param>
/// <param name="SourceRows">For each kept row, its 1-based data row in the file.</param>
/// <param name="DroppedRows">1-based data rows dropped because the id, start, stop or group was missing.</param>
public sealed record MultiStateTable(MultiStateData Data, IReadOnlyList<int> SourceRows, IReadOnlyList<int> DroppedRows);

/// <summary>Loads multi-state data from a CSV file, checking every value and every subject's rows.</summary>
public static class MultiStateCsv
{
    /// <summary>The values of the state column that mean "no state entered" besides an empty cell and <c>NA</c>.</summary>
    public const string Censor = "censor";

    /// <summary>
    /// Reads the columns and checks the rows as R's <c>survcheck</c> does. Rows missing an id, start, stop or group are
    /// dropped (R's <c>na.omit</c>) and listed; a value that is not a number, a start not before its stop, and a
    /// subject's overlapping, gapped or contradictory rows are reported in a <see cref="DataValidationException"/>
    /// naming the file, row, line, column and value.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    /// <param name="progress">Receives the fraction of the file read; may be null.</param>
    public static MultiStateTable Load(string path, MultiStateColumns columns, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var requests = new List<ColumnRequest>
        {
            new(columns.Id, ColumnKind.Text), new(columns.Start, ColumnKind.Number), new(columns.Stop, ColumnKind.Number),
            new(columns.State, ColumnKind.Text),
        };
        if (columns.InitialState is not null) requests.Add(new(columns.InitialState, ColumnKind.Text));
        if (columns.Group is not null) requests.Add(new(columns.Group, ColumnKind.Text));
        var table = ColumnTable.Read(path, requests.DistinctBy(r => r.Name).ToArray(), progress);
        var issues = table.Issues.ToList();
        var badRows = issues.Select(i => i.Row).ToHashSet();
        var ids = table.Texts(columns.Id);
        var start = table.Numbers(columns.Start);
        var stop = table.Numbers(columns.Stop);
        var group = columns.Group is null ? null : table.Texts(columns.Group);
        var kept = new List<int>();
        var dropped = new List<int>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (badRows.Contains(i + 1)) continue;
            if (ids[i] is null || double.IsNaN(start[i]) || double.IsNaN(stop[i]) || (group is not null && group[i] is null))
            {
                dropped.Add(i + 1);
                continue;
            }
            if (!(start[i] < stop[i]))
            {
                issues.Add(new DataIssue(table.File, i + 1, table.LineOf(i), columns.Start, Show(start[i]),
                    $"a start before the stop {Show(stop[i])} in '{columns.Stop}'"));
                continue;
            }
            kept.Add(i);
        }
        if (issues.Count > 0 || table.IssueCount > table.Issues.Count)
            throw new DataValidationException(issues.OrderBy(x => x.Row).ToArray(), issues.Count + table.IssueCount - table.Issues.Count);
        if (kept.Count == 0)
            throw new DataValidationException([new DataIssue(table.File, 0, 0, "", "", "at least one complete row")]);
        var state = table.Texts(columns.State);
        var initial = columns.InitialState is null ? null : table.Texts(columns.InitialState);
        try
        {
            var data = MultiStateData.Create(
                kept.Select(i => ids[i]!).ToArray(), kept.Select(i => start[i]).ToArray(), kept.Select(i => stop[i]).ToArray(),
                kept.Select(i => state[i] is null || state[i] == Censor ? null : state[i]).ToArray(),
                initial is null ? null : kept.Select(i => initial[i]).ToArray(),
                group is null ? null : kept.Select(i => group[i]!).ToArray());
            return new MultiStateTable(data, kept.Select(i => i + 1).ToArray(), dropped);
        }
        catch (SubjectRowsException e)
        {
            throw Located(e, table.File, columns.Id, k => kept[k] + 1, k => table.LineOf(kept[k]));
        }
    }

    /// <summary>
    /// A subject's inconsistent rows as a located problem: the file, the first offending row and its line, the id
    /// column and the subject, and the engine's explanation with every row named by its file row and line.
    /// </summary>
    /// <param name="e">The engine's exception; its rows are indices into the rows given to the engine.</param>
    /// <param name="file">The file.</param>
    /// <param name="idColumn">The subject id column.</param>
    /// <param name="fileRow">The 1-based data row of an engine row index.</param>
    /// <param name="line">The 1-based line of an engine row index, or 0 when unknown.</param>
    public static DataValidationException Located(SubjectRowsException e, string file, string idColumn,
        Func<int, int> fileRow, Func<int, int> line)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(fileRow);
        ArgumentNullException.ThrowIfNull(line);
        string Name(int k) => line(k) > 0 ? $"row {fileRow(k)} (line {line(k)})" : $"row {fileRow(k)}";
        int first = e.Rows.Count > 0 ? e.Rows.Min() : 0;
        // Without a line the issue is located by the message, which names every row.
        return line(first) > 0
            ? new DataValidationException([new DataIssue(file, fileRow(first), line(first), idColumn, e.Subject, e.Describe(Name))])
            : new DataValidationException([new DataIssue(file, 0, 0, idColumn, "", e.Describe(Name))]);
    }

    private static string Show(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
