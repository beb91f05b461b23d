using System.Globalization;

namespace CarTOutcomes.Survival.Tests.Support;

/// <summary>
/// A small reader for the committed R reference CSV files (comma-separated, header, <c>NA</c> for missing,
/// no quoted commas). Tests use it to read R's outputs; it is not the library's CSV loader.
/// </summary>
public sealed class ReferenceTable
{
    private readonly Dictionary<string, int> _columns;

    private ReferenceTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        Rows = rows;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The data rows, as text.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads a file under the test output's Reference folder, e.g. <c>Load("KaplanMeier/km_curves.csv")</c>.</summary>
    public static ReferenceTable Load(string relativePath)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Reference", relativePath);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = Split(lines[0]);
        var rows = lines.Skip(1).Select(Split).ToList();
        foreach (var r in rows)
            if (r.Length != header.Length) throw new InvalidDataException($"{path}: row has {r.Length} fields, header {header.Length}");
        return new ReferenceTable(path, header, rows);
    }

    /// <summary>True when the file has the column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The text of a cell.</summary>
    public string Text(string[] row, string column) => row[_columns[column]];

    /// <summary>A numeric cell; <c>NA</c>, <c>NaN</c> and empty cells are NaN, <c>Inf</c>/<c>-Inf</c> infinities.</summary>
    public double Number(string[] row, string column)
    {
        var s = Text(row, column);
        return s switch
        {
            "NA" or "NaN" or "" => double.NaN,
            "Inf" or "Infinity" => double.PositiveInfinity,
            "-Inf" or "-Infinity" => double.NegativeInfinity,
            _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The rows whose <paramref name="column"/> equals <paramref name="value"/>.</summary>
    public IEnumerable<string[]> Where(string column, string value) => Rows.Where(r => Text(r, column) == value);

    // RFC 4180 fields: commas inside double quotes belong to the field; "" inside quotes is a quote.
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.Select(f => f.Trim()).ToArray();
    }
}
