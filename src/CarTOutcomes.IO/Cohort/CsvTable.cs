using System.Globalization;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Cohort;

/// <summary>
/// A cohort CSV file read as text by the project's one CSV reader (<see cref="ColumnTable.ReadAll(string, CancellationToken)"/>,
/// with <c>#</c> comment lines skipped), after its header has been checked against the schema.
/// </summary>
internal sealed class CsvTable
{
    private readonly ColumnTable _table;
    private readonly Dictionary<string, string> _header; // schema name -> header name as written
    private readonly HashSet<int> _badRows;               // 0-based rows with a problem that concerns the whole row
    private readonly HashSet<(int Row, string Column)> _badCells;

    private CsvTable(string file, ColumnTable table, Dictionary<string, string> header)
    {
        File = file;
        _table = table;
        _header = header;
        _badRows = table.Issues.Where(i => i.Row > 0 && i.Column.Length == 0).Select(i => i.Row - 1).ToHashSet();
        _badCells = table.Issues.Where(i => i.Row > 0 && i.Column.Length > 0).Select(i => (i.Row - 1, i.Column)).ToHashSet();
    }

    public string File { get; }

    public int RowCount => _table.RowCount;

    /// <summary>The 1-based file line where data row <paramref name="row"/> (0-based) starts.</summary>
    public int Line(int row) => _table.LineOf(row);

    public bool Has(string column) => _header.ContainsKey(column);

    /// <summary>True when the reader already reported a problem with the whole row (broken quoting, a wrong field count).</summary>
    public bool RowFailed(int row) => _badRows.Contains(row);

    /// <summary>True when the reader already reported a problem with this cell (a control character, text that is not UTF-8).</summary>
    public bool CellFailed(int row, string column) => _header.TryGetValue(column, out var h) && _badCells.Contains((row, h));

    /// <summary>The cell text; null when the column is absent or the cell missing (empty or <c>NA</c>).</summary>
    public string? Cell(int row, string column) => _header.TryGetValue(column, out var h) ? _table.Texts(h)[row] : null;

    /// <summary>Reads <paramref name="file"/> from <paramref name="directory"/>; null when absent (an issue if the file is required).</summary>
    public static CsvTable? Read(string directory, string file, CohortCsvOptions options, List<DataIssue> issues)
    {
        var path = Path.Combine(directory, file);
        if (!System.IO.File.Exists(path))
        {
            if (Directory.Exists(path))
                issues.Add(new(file, 0, 0, "", "", $"is a folder in '{directory}'; a CSV file is expected"));
            else if (CohortCsvSchema.RequiredFiles.Contains(file))
                issues.Add(new(file, 0, 0, "", "", $"required file is missing from '{directory}'"));
            return null;
        }
        ColumnTable table;
        try
        {
            table = ColumnTable.Read(path, file, null, new ReadSettings(CommentLines: true), null, CancellationToken.None);
        }
        catch (DataValidationException e)
        {
            issues.AddRange(e.Issues);
            return null;
        }
        var header = CheckHeader(file, table.ColumnNames, options, issues);
        issues.AddRange(table.Issues);
        return new CsvTable(file, table, header);
    }

    private static Dictionary<string, string> CheckHeader(string file, IReadOnlyList<string> header, CohortCsvOptions options, List<DataIssue> issues)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in header)
        {
            var name = CohortCsvSchema.Normalize(raw);
            if (CohortCsvSchema.IdentifierColumns.Contains(name))
            {
                if (!options.AllowIdentifierColumns)
                    issues.Add(new(file, 0, 1, raw, "", "looks like a direct identifier; remove it (or set AllowIdentifierColumns to ignore it)"));
                continue;
            }
            if (CohortCsvSchema.Find(file, name) is null)
                issues.Add(new(file, 0, 1, raw, "", $"unknown column; the columns are: {string.Join(", ", CohortCsvSchema.Columns[file].Select(c => c.Name))}"));
            else if (!index.TryAdd(name, raw))
                issues.Add(new(file, 0, 1, raw, "", "the column appears twice"));
        }
        foreach (var c in CohortCsvSchema.Columns[file].Where(c => c.Required && !index.ContainsKey(c.Name)))
            issues.Add(new(file, 0, 1, c.Name, "", "required column is missing"));
        return index;
    }
}

/// <summary>Typed access to the cells of one data row, recording a problem for every bad value.</summary>
internal sealed class CsvRow
{
    private readonly CsvTable _table;
    private readonly int _index;
    private readonly List<DataIssue> _issues;
    private readonly Dictionary<(string File, int Row, string Column), string>? _writtenDates;

    /// <summary>The longest day count accepted: 150 years (a human lifetime), in days.</summary>
    public const double MaxDays = 150 * 365.25;

    /// <summary>
    /// The last calendar date accepted: the day the file is read (UTC), plus one day so that no time zone's today is
    /// refused. A date after it is in the future, which a record of what happened cannot hold.
    /// </summary>
    public static DateOnly LastDate => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

    public CsvRow(CsvTable table, int index, List<DataIssue> issues, Dictionary<(string File, int Row, string Column), string>? writtenDates = null)
    {
        _table = table;
        _index = index;
        _issues = issues;
        _writtenDates = writtenDates;
        Failed = table.RowFailed(index); // already reported by the reader
    }

    /// <summary>1-based data row.</summary>
    public int Row => _index + 1;

    /// <summary>1-based line of the file where the row starts.</summary>
    public int Line => _table.Line(_index);

    /// <summary>True once any cell of the row was bad.</summary>
    public bool Failed { get; private set; }

    /// <summary>
    /// The cell text; null when the column is absent or the cell missing (empty or <c>NA</c>, the one rule of the
    /// reader), and when the reader already reported the cell (the row then fails).
    /// </summary>
    public string? Text(string column)
    {
        if (_table.CellFailed(_index, column)) { Failed = true; return null; }
        return _table.Cell(_index, column);
    }

    public string? Required(string column)
    {
        var s = Text(column);
        if (s is null && _table.Has(column) && !_table.CellFailed(_index, column) && !_table.RowFailed(_index))
            Fail(column, "", "a value is required");
        if (s is null) Failed = true;
        return s;
    }

    public double? Number(string column, bool required)
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return IsDayCount(column) && Math.Abs(v) > MaxDays ? Fail<double>(column, s, LifetimeMessage) : v;
        return Fail<double>(column, s, "not a finite number");
    }

    private static bool IsDayCount(string column) => column.EndsWith("_days", StringComparison.Ordinal) || column.EndsWith("_day", StringComparison.Ordinal) || column == "day";

    private static string LifetimeMessage => $"a day count within a human lifetime (at most {MaxDays:0} days, 150 years, either way)";

    public int? Integer(string column, bool required)
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        return Fail<int>(column, s, "not a whole number");
    }

    public bool? Bool(string column, bool required)
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (s.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
        if (s.Equals("no", StringComparison.OrdinalIgnoreCase)) return false;
        return Fail<bool>(column, s, "allowed values: yes, no (empty when unknown)");
    }

    public T? Code<T>(string column, Codes<T> codes, bool required) where T : struct, Enum
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (codes.TryParse(s, out var v)) return v;
        return Fail<T>(column, s, $"allowed values: {string.Join(", ", codes.All)}");
    }

    /// <summary>
    /// A day from the first infusion: a number, or an ISO date (yyyy-MM-dd) minus the patient's reference date. A date
    /// after <see cref="LastDate"/> and a day count beyond <see cref="MaxDays"/> are refused; a date is remembered as
    /// written so that later messages show it, not the day computed from it.
    /// </summary>
    public double? Day(string column, bool required, DateOnly? reference)
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date > LastDate) return Fail<double>(column, s, FutureMessage);
            if (reference is DateOnly r)
            {
                if (_writtenDates is not null) _writtenDates[(_table.File, Row, column)] = s;
                return date.DayNumber - r.DayNumber;
            }
            return Fail<double>(column, s, $"an ISO date needs the patient's {CohortCsvSchema.ReferenceDate} in patients.csv");
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return Math.Abs(v) > MaxDays ? Fail<double>(column, s, LifetimeMessage) : v;
        return Fail<double>(column, s, "not a day number nor an ISO date (yyyy-MM-dd)");
    }

    /// <summary>An ISO date (yyyy-MM-dd) not in the future, or null after recording a problem.</summary>
    public DateOnly? Date(string column)
    {
        var s = Text(column);
        if (s is null) return null;
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return Fail<DateOnly>(column, s, "not an ISO date (yyyy-MM-dd)");
        return d > LastDate ? Fail<DateOnly>(column, s, FutureMessage) : d;
    }

    private static string FutureMessage =>
        $"a date that is not in the future (the file is read on {DateOnly.FromDateTime(DateTime.UtcNow):yyyy-MM-dd})";

    public T? Fail<T>(string column, string value, string message) where T : struct
    {
        Fail(column, value, message);
        return null;
    }

    public void Fail(string column, string value, string message)
    {
        Failed = true;
        _issues.Add(new(_table.File, Row, Line, column, value, message));
    }
}
