using System.Globalization;
using CsvHelper;

namespace CarTOutcomes.IO.Cohort;

/// <summary>A cohort CSV file read as text, after its header has been checked against the schema.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string file, Dictionary<string, int> index, List<string[]> rows, List<int> lines)
    {
        Lines = lines;
        File = file;
        _index = index;
        Rows = rows;
    }

    public string File { get; }

    public List<string[]> Rows { get; }

    /// <summary>The 1-based file line where each data row starts (CsvHelper's LineNumber).</summary>
    public List<int> Lines { get; }

    public bool Has(string column) => _index.ContainsKey(column);

    public string? Cell(int row, string column)
        => _index.TryGetValue(column, out int k) && k < Rows[row].Length ? Rows[row][k] : null;

    /// <summary>Reads <paramref name="file"/> from <paramref name="directory"/>; null when absent (an issue if the file is required).</summary>
    public static CsvTable? Read(string directory, string file, CohortCsvOptions options, List<CohortCsvIssue> issues)
    {
        var path = Path.Combine(directory, file);
        if (!System.IO.File.Exists(path))
        {
            if (CohortCsvSchema.RequiredFiles.Contains(file)) issues.Add(new(file, null, null, null, $"required file is missing from '{directory}'"));
            return null;
        }
        var options2 = new CsvReaderOptions { TrimWhitespace = true, TrackLineNumbers = true, CommentPrefix = '#' };
        using var csv = CsvReader.FromFile(path, options2);
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
        {
            issues.Add(new(file, null, null, null, "the file is empty; a header row is required"));
            return null;
        }
        var index = CheckHeader(file, header, options, issues);
        var rows = new List<string[]>();
        var lines = new List<int>();
        while (csv.Read())
        {
            var record = Enumerable.Range(0, csv.FieldCount).Select(k => csv.GetString(k)).ToArray();
            if (record.Length != header.Length)
                issues.Add(new(file, rows.Count + 1, null, null, $"the row has {record.Length} fields but the header has {header.Length}", (int)csv.LineNumber));
            rows.Add(record);
            lines.Add((int)csv.LineNumber);
        }
        return new CsvTable(file, index, rows, lines);
    }

    private static Dictionary<string, int> CheckHeader(string file, string[] header, CohortCsvOptions options, List<CohortCsvIssue> issues)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < header.Length; k++)
        {
            var name = CohortCsvSchema.Normalize(header[k]);
            if (CohortCsvSchema.IdentifierColumns.Contains(name))
            {
                if (!options.AllowIdentifierColumns)
                    issues.Add(new(file, null, header[k], null, "looks like a direct identifier; remove it (or set AllowIdentifierColumns to ignore it)"));
                continue;
            }
            if (CohortCsvSchema.Find(file, name) is null)
                issues.Add(new(file, null, header[k], null, $"unknown column; the columns are: {string.Join(", ", CohortCsvSchema.Columns[file].Select(c => c.Name))}"));
            else if (!index.TryAdd(name, k))
                issues.Add(new(file, null, header[k], null, "the column appears twice"));
        }
        foreach (var c in CohortCsvSchema.Columns[file].Where(c => c.Required && !index.ContainsKey(c.Name)))
            issues.Add(new(file, null, c.Name, null, "required column is missing"));
        return index;
    }
}

/// <summary>Typed access to the cells of one data row, recording a problem for every bad value.</summary>
internal sealed class CsvRow
{
    private readonly CsvTable _table;
    private readonly int _index;
    private readonly List<CohortCsvIssue> _issues;

    public CsvRow(CsvTable table, int index, List<CohortCsvIssue> issues)
    {
        _table = table;
        _index = index;
        _issues = issues;
    }

    /// <summary>1-based data row.</summary>
    public int Row => _index + 1;

    /// <summary>1-based line of the file where the row starts.</summary>
    public int Line => _table.Lines[_index];

    /// <summary>True once any cell of the row was bad.</summary>
    public bool Failed { get; private set; }

    /// <summary>The cell text; null when the column is absent or the cell empty or <c>NA</c>.</summary>
    public string? Text(string column)
    {
        var s = _table.Cell(_index, column);
        return string.IsNullOrWhiteSpace(s) || s == "NA" ? null : s.Trim();
    }

    public string? Required(string column)
    {
        var s = Text(column);
        if (s is null && _table.Has(column)) Fail(column, _table.Cell(_index, column) ?? "", "a value is required");
        if (s is null && !_table.Has(column)) Failed = true;
        return s;
    }

    public double? Number(string column, bool required)
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        return Fail<double>(column, s, "not a finite number");
    }

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

    /// <summary>A day from the first infusion: a number, or an ISO date (yyyy-MM-dd) minus the patient's reference date.</summary>
    public double? Day(string column, bool required, DateOnly? reference)
    {
        var s = required ? Required(column) : Text(column);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (reference is DateOnly r) return date.DayNumber - r.DayNumber;
            return Fail<double>(column, s, $"an ISO date needs the patient's {CohortCsvSchema.ReferenceDate} in patients.csv");
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        return Fail<double>(column, s, "not a day number nor an ISO date (yyyy-MM-dd)");
    }

    public T? Fail<T>(string column, string value, string message) where T : struct
    {
        Fail(column, value, message);
        return null;
    }

    public void Fail(string column, string value, string message)
    {
        Failed = true;
        _issues.Add(new(_table.File, Row, column, value, message, _table.Lines[_index]));
    }
}
