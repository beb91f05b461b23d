using System.Globalization;
using CsvHelper;
using System.Text;

namespace CarTOutcomes.IO.Tabular;

/// <summary>What a column holds.</summary>
public enum ColumnKind
{
    /// <summary>A number; empty and <c>NA</c> are missing.</summary>
    Number,

    /// <summary>Text (e.g. a group label); empty and <c>NA</c> are missing.</summary>
    Text,
}

/// <summary>A column to read.</summary>
/// <param name="Name">The header name, matched exactly (case-sensitive).</param>
/// <param name="Kind">Number or text.</param>
public sealed record ColumnRequest(string Name, ColumnKind Kind);

/// <summary>
/// The requested columns of a CSV file, read in one streaming pass. Numbers are parsed with the invariant culture;
/// a missing value (empty cell or <c>NA</c>, as R writes it) is NaN for numbers and null for text. A cell that is
/// neither a number nor missing is an error, never coerced.
/// </summary>
public sealed class ColumnTable
{
    private readonly Dictionary<string, double[]> _numbers;
    private readonly Dictionary<string, string?[]> _texts;

    private ColumnTable(string file, int rows, int[] lines, Dictionary<string, double[]> numbers, Dictionary<string, string?[]> texts,
        IReadOnlyList<DataIssue> issues)
    {
        Issues = issues;
        File = file;
        RowCount = rows;
        _lines = lines;
        _numbers = numbers;
        _texts = texts;
    }

    private readonly int[] _lines;

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>
    /// Cell-level problems found while reading (values that are neither numbers nor missing, short rows). Such cells
    /// read as missing, so callers must report these issues rather than drop the rows: see <see cref="ThrowIfInvalid"/>.
    /// </summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    /// <summary>Throws a <see cref="DataValidationException"/> when <see cref="Issues"/> is not empty.</summary>
    public void ThrowIfInvalid()
    {
        if (Issues.Count > 0) throw new DataValidationException(Issues);
    }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The physical line where data row <paramref name="row"/> (0-based) starts.</summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>A numeric column (NaN = missing).</summary>
    public IReadOnlyList<double> Numbers(string column) => _numbers[column];

    /// <summary>A text column (null = missing).</summary>
    public IReadOnlyList<string?> Texts(string column) => _texts[column];

    /// <summary>True when data row <paramref name="row"/> (0-based) has a missing value in any requested column.</summary>
    public bool HasMissing(int row)
    {
        foreach (var c in _numbers.Values) if (double.IsNaN(c[row])) return true;
        foreach (var c in _texts.Values) if (c[row] is null) return true;
        return false;
    }

    /// <summary>
    /// Reads the requested columns of <paramref name="path"/>. A missing file or column, or malformed CSV, throws a
    /// <see cref="DataValidationException"/>; problems with single cells are collected in <see cref="Issues"/> so that
    /// the caller can add its own checks and report everything at once.
    /// </summary>
    /// <param name="path">A comma-separated file with a header row (UTF-8, optional BOM).</param>
    /// <param name="columns">The columns to read; other columns are ignored.</param>
    public static ColumnTable Read(string path, IReadOnlyList<ColumnRequest> columns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (!System.IO.File.Exists(path))
            throw new DataValidationException([new DataIssue(path, 0, 0, "", "", "the file does not exist")]);
        using var stream = System.IO.File.OpenRead(path);
        using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, columns);
    }

    /// <summary>Reads from an open reader; <paramref name="name"/> is used in messages.</summary>
    public static ColumnTable Read(TextReader reader, string name, IReadOnlyList<ColumnRequest> columns)
    {
        var issues = new List<DataIssue>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        try
        {
            using var csv = CsvReader.Create(reader, options, false);
            return ReadRows(csv, name, columns, issues);
        }
        catch (DecoderFallbackException)
        {
            issues.Add(new DataIssue(name, 0, 0, "", "", "the file is not valid UTF-8 text"));
        }
        catch (CsvFormatException e)
        {
            issues.Add(new DataIssue(name, (int)e.RecordNumber, (int)e.LineNumber, "", "", $"malformed CSV: {e.Message}"));
        }
        throw new DataValidationException(issues);
    }

    private static ColumnTable ReadRows(CsvReader csv, string name, IReadOnlyList<ColumnRequest> columns, List<DataIssue> issues)
    {
        csv.ReadHeader();
        var header = csv.Headers ?? [];
        if (header.Count == 0)
            throw new DataValidationException([new DataIssue(name, 0, 1, "", "", "the file is empty; a header row is required")]);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++) index.TryAdd(header[i], i);
        foreach (var c in columns)
        {
            if (!index.ContainsKey(c.Name))
                issues.Add(new DataIssue(name, 0, 1, c.Name, "", $"no column named '{c.Name}'; the header has: {string.Join(", ", header)}"));
        }
        if (issues.Count > 0) throw new DataValidationException(issues);

        var numbers = columns.Where(c => c.Kind == ColumnKind.Number).ToDictionary(c => c.Name, _ => new List<double>());
        var texts = columns.Where(c => c.Kind == ColumnKind.Text).ToDictionary(c => c.Name, _ => new List<string?>());
        var intern = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<int>();
        int row = 0;
        while (csv.Read())
        {
            row++;
            int line = (int)csv.LineNumber;
            lines.Add(line);
            if (csv.FieldCount != header.Count)
                issues.Add(new DataIssue(name, row, line, "", "", $"the row has {csv.FieldCount} fields but the header has {header.Count}"));
            foreach (var c in columns)
            {
                int col = index[c.Name];
                string cell = col < csv.FieldCount ? csv.GetString(col) : "";
                if (c.Kind == ColumnKind.Number)
                    numbers[c.Name].Add(ParseNumber(cell, name, row, line, c.Name, issues));
                else
                    texts[c.Name].Add(IsMissing(cell) ? null : Intern(intern, cell));
            }
        }
        return new ColumnTable(name, row, lines.ToArray(),
            numbers.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            texts.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), issues);
    }

    /// <summary>R's missing-value spellings in CSV: an empty cell or <c>NA</c>.</summary>
    public static bool IsMissing(string cell) => cell.Length == 0 || cell == "NA";

    private static double ParseNumber(string cell, string file, int row, int line, string column, List<DataIssue> issues)
    {
        if (IsMissing(cell)) return double.NaN;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return v;
        issues.Add(new DataIssue(file, row, line, column, cell, "a finite number (decimal point '.'; empty or NA for missing)"));
        return double.NaN;
    }

    private static string Intern(Dictionary<string, string> pool, string s)
    {
        if (pool.TryGetValue(s, out var existing)) return existing;
        pool[s] = s;
        return s;
    }
}
