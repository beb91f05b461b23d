using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace CarTOutcomes.Presentation.Tables;

/// <summary>What a cell holds: numbers are kept as numbers and formatted only when the table is rendered.</summary>
public enum TableCellKind
{
    /// <summary>Nothing (a row that another model lacks).</summary>
    Empty,

    /// <summary>Literal text.</summary>
    Text,

    /// <summary>A count (printed without decimals).</summary>
    Count,

    /// <summary>A ratio (hazard ratio) with its confidence interval: "1.42 (0.71–2.84)".</summary>
    Ratio,

    /// <summary>A probability shown as a percentage with its interval: "35.0 (23.1–56.2)".</summary>
    Percent,

    /// <summary>A time (e.g. a median) with its interval; a missing limit prints "NR" (not reached).</summary>
    Time,

    /// <summary>A P value.</summary>
    PValue,

    /// <summary>The reference level of a factor: "—".</summary>
    Reference,
}

/// <summary>
/// One cell of a <see cref="PublicationTable"/>: the numbers and their kind; the text is made by
/// <see cref="Format"/> under a <see cref="NumberStyle"/>, so a journal style changes formatting, never numbers.
/// </summary>
public sealed record TableCell
{
    private TableCell(TableCellKind kind, string? text, double value, double lower, double upper)
    {
        Kind = kind;
        TextValue = text;
        Value = value;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The kind of content.</summary>
    public TableCellKind Kind { get; }

    /// <summary>The literal text of a <see cref="TableCellKind.Text"/> cell.</summary>
    public string? TextValue { get; }

    /// <summary>The number (estimate, count or P value); NaN when there is none.</summary>
    public double Value { get; }

    /// <summary>Lower confidence limit; NaN when there is none.</summary>
    public double Lower { get; }

    /// <summary>Upper confidence limit; NaN when there is none.</summary>
    public double Upper { get; }

    /// <summary>An empty cell.</summary>
    public static TableCell Empty { get; } = new(TableCellKind.Empty, null, double.NaN, double.NaN, double.NaN);

    /// <summary>The reference level marker.</summary>
    public static TableCell Reference { get; } = new(TableCellKind.Reference, null, double.NaN, double.NaN, double.NaN);

    /// <summary>Literal text.</summary>
    /// <param name="text">The text.</param>
    public static TableCell Text(string text) => new(TableCellKind.Text, text ?? throw new ArgumentNullException(nameof(text)), double.NaN, double.NaN, double.NaN);

    /// <summary>A count.</summary>
    /// <param name="n">The count.</param>
    public static TableCell Count(double n) => new(TableCellKind.Count, null, n, double.NaN, double.NaN);

    /// <summary>A ratio with limits.</summary>
    /// <param name="estimate">The ratio.</param>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    public static TableCell Ratio(double estimate, double lower, double upper) => new(TableCellKind.Ratio, null, estimate, lower, upper);

    /// <summary>A probability with limits, shown as percentages.</summary>
    /// <param name="estimate">The probability.</param>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    public static TableCell Percent(double estimate, double lower, double upper) => new(TableCellKind.Percent, null, estimate, lower, upper);

    /// <summary>A time with limits (NaN estimate or limit: not reached).</summary>
    /// <param name="estimate">The time.</param>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    public static TableCell Time(double estimate, double lower, double upper) => new(TableCellKind.Time, null, estimate, lower, upper);

    /// <summary>A P value.</summary>
    /// <param name="p">The P value.</param>
    public static TableCell P(double p) => new(TableCellKind.PValue, null, p, double.NaN, double.NaN);

    /// <summary>The cell's text under <paramref name="style"/>.</summary>
    /// <param name="style">The number style.</param>
    public string Format(NumberStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        return Kind switch
        {
            TableCellKind.Empty => "",
            TableCellKind.Text => TextValue!,
            TableCellKind.Count => double.IsNaN(Value) ? "" : style.Count(Value),
            TableCellKind.Reference => "—",
            TableCellKind.PValue => double.IsNaN(Value) ? "" : style.P(Value),
            TableCellKind.Ratio => double.IsNaN(Value) ? "NA" : style.WithInterval(Value, Lower, Upper, v => double.IsPositiveInfinity(v) ? "Inf" : style.Ratio(v)),
            TableCellKind.Percent => double.IsNaN(Value) ? "NA" : style.WithInterval(Value, Lower, Upper, v => double.IsNaN(v) ? "NA" : style.Percent(v)),
            TableCellKind.Time => double.IsNaN(Value) ? "NR" : style.WithInterval(Value, Lower, Upper, v => double.IsFinite(v) ? style.Fixed(v, 1) : "NR"),
            _ => throw new InvalidOperationException($"Unknown cell kind {Kind}."),
        };
    }
}

/// <summary>A row's role, as gtsummary's <c>row_type</c>.</summary>
public enum TableRowKind
{
    /// <summary>A variable (or term) label, which may carry its own cells (a continuous variable, or a factor's overall P).</summary>
    Label,

    /// <summary>A level of a factor, indented under its label.</summary>
    Level,
}

/// <summary>One row: a key that identifies it across merged tables, the label shown, its role and its cells.</summary>
/// <param name="Key">Identity of the row when tables are merged (a coefficient's or term's name).</param>
/// <param name="Label">Text of the first column.</param>
/// <param name="Kind">Label or level row.</param>
/// <param name="Cells">One cell per data column.</param>
public sealed record TableRow(string Key, string Label, TableRowKind Kind, IReadOnlyList<TableCell> Cells)
{
    /// <summary>Indentation of the label: 0 for a label row, 1 for a level.</summary>
    public int Indent => Kind == TableRowKind.Level ? 1 : 0;
}

/// <summary>A data column: its heading and an optional spanning heading above it (e.g. "Univariable", "N = 38, events = 31").</summary>
/// <param name="Heading">The column heading.</param>
/// <param name="Spanner">The heading over a group of adjacent columns; columns with the same spanner share it.</param>
public sealed record TableColumn(string Heading, string? Spanner = null);

/// <summary>
/// A publication table, data first (gtsummary's <c>table_body</c>): a title, the label column's heading, data columns,
/// rows of cells holding numbers, and footnotes. Every output (text, Markdown, HTML, CSV, Word) is rendered from this
/// one object under a <see cref="NumberStyle"/>; see <see cref="PublicationTableRendering"/>. Built by
/// <see cref="RegressionTable"/>, <see cref="SurvivalTable"/> and <see cref="Merge"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class PublicationTable
{
    /// <summary>Creates a table; every row must have one cell per column.</summary>
    /// <param name="title">The caption; none when null.</param>
    /// <param name="labelHeading">Heading of the first (label) column, e.g. "Characteristic".</param>
    /// <param name="columns">The data columns.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="footnotes">Notes printed under the table.</param>
    public PublicationTable(string? title, string labelHeading, IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows,
        IReadOnlyList<string>? footnotes = null)
    {
        ArgumentNullException.ThrowIfNull(labelHeading);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
        {
            if (r.Cells.Count != columns.Count)
                throw new ArgumentException($"Row '{r.Label}' has {r.Cells.Count} cells for {columns.Count} columns.", nameof(rows));
        }
        Title = title;
        LabelHeading = labelHeading;
        Columns = columns.ToArray();
        Rows = rows.ToArray();
        Footnotes = (footnotes ?? []).ToArray();
    }

    /// <summary>The caption; null for none.</summary>
    public string? Title { get; }

    /// <summary>Heading of the label column.</summary>
    public string LabelHeading { get; }

    /// <summary>The data columns.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The rows, in order.</summary>
    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>Notes under the table.</summary>
    public IReadOnlyList<string> Footnotes { get; }

    /// <summary>The same table with another title.</summary>
    /// <param name="title">The new title.</param>
    public PublicationTable WithTitle(string? title) => new(title, LabelHeading, Columns, Rows, Footnotes);

    /// <summary>The cell texts of the body under <paramref name="style"/>, label first (levels indented by two spaces).</summary>
    /// <param name="style">The number style; <see cref="NumberStyle.Default"/> when null.</param>
    public IReadOnlyList<string[]> Format(NumberStyle? style = null)
    {
        style ??= NumberStyle.Default;
        return Rows.Select(r => new[] { new string(' ', 2 * r.Indent) + r.Label }.Concat(r.Cells.Select(c => c.Format(style))).ToArray()).ToArray();
    }

    /// <summary>
    /// Puts tables side by side (gtsummary's <c>tbl_merge</c>): rows are matched by <see cref="TableRow.Key"/>, in the
    /// order of the first table and then of the others' new rows (a level follows its label); a row a table lacks gets
    /// empty cells; each table's columns get its spanner.
    /// </summary>
    /// <param name="title">The merged table's title.</param>
    /// <param name="parts">The tables and the spanner over each one's columns (e.g. "Univariable", "Multivariable").</param>
    public static PublicationTable Merge(string? title, params (string Spanner, PublicationTable Table)[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("There is no table to merge.", nameof(parts));
        var order = new List<TableRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, t) in parts)
        {
            for (int i = 0; i < t.Rows.Count; i++)
            {
                var r = t.Rows[i];
                if (!seen.Add(r.Key)) continue;
                // A new row goes after the previous row of its own table that is already placed.
                int at = order.Count;
                for (int j = i - 1; j >= 0; j--)
                {
                    int k = order.FindIndex(o => o.Key == t.Rows[j].Key);
                    if (k >= 0) { at = k + 1; break; }
                }
                order.Insert(at, r);
            }
        }
        var columns = parts.SelectMany(p => p.Table.Columns.Select(c => c with { Spanner = Join(p.Spanner, c.Spanner) })).ToArray();
        var rows = order.Select(r => r with
        {
            Cells = parts.SelectMany(p => p.Table.Rows.FirstOrDefault(x => x.Key == r.Key)?.Cells
                ?? Enumerable.Repeat(TableCell.Empty, p.Table.Columns.Count).ToArray()).ToArray(),
        }).ToArray();
        var notes = parts.SelectMany(p => p.Table.Footnotes).Distinct().ToArray();
        return new PublicationTable(title, parts[0].Table.LabelHeading, columns, rows, notes);
    }

    private static string Join(string outer, string? inner) => string.IsNullOrEmpty(inner) ? outer : $"{outer}: {inner}";

    /// <summary>The table as text in the default style.</summary>
    public override string ToString() => this.ToText();
}
