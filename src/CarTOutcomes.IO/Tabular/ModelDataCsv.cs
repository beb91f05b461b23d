using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// Reads a whole CSV file as a formula's data (<see cref="ModelData"/>): every column, typed as R's <c>read.csv</c>
/// types it. Columns named in <c>numeric</c> must hold numbers (or be missing); any other cell there is reported with
/// the file, row, line, column and value, as every reader of this library does.
/// </summary>
public static class ModelDataCsv
{
    /// <summary>Reads the file.</summary>
    /// <param name="path">A comma-separated file with a header row (UTF-8, optional BOM).</param>
    /// <param name="numeric">Columns that must be numeric (e.g. the arguments of <c>Surv(...)</c>); each must exist.</param>
    /// <returns>The data and, for each numeric column, its table (for locating rows in messages).</returns>
    public static (ModelData Data, ColumnTable Table) Load(string path, IReadOnlyCollection<string> numeric)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(numeric);
        if (!File.Exists(path))
            throw new DataValidationException([new DataIssue(path, 0, 0, "", "", "the file does not exist")]);
        var header = Header(path);
        var requests = header.Distinct(StringComparer.Ordinal)
            .Select(h => new ColumnRequest(h, numeric.Contains(h) ? ColumnKind.Number : ColumnKind.Text)).ToList();
        foreach (var n in numeric)
            if (!header.Contains(n)) requests.Add(new ColumnRequest(n, ColumnKind.Number)); // the reader reports it as unknown
        var table = ColumnTable.Read(path, requests);
        table.ThrowIfInvalid();
        var columns = header.Distinct(StringComparer.Ordinal).Select(h => numeric.Contains(h)
            ? ModelColumn.Numeric(h, table.Numbers(h))
            : ModelColumn.FromText(h, table.Texts(h))).ToList();
        return (ModelData.Create(columns, path), table);
    }

    /// <summary>The header's names (RFC 4180 quoting; a byte order mark is skipped).</summary>
    private static string[] Header(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = reader.ReadLine();
        if (line is null) throw new DataValidationException([new DataIssue(path, 0, 0, "", "", "a header row; the file is empty")]);
        var names = new List<string>();
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
            else if (c == ',') { names.Add(sb.ToString().Trim()); sb.Clear(); }
            else sb.Append(c);
        }
        names.Add(sb.ToString().Trim());
        return names.Where(n => n.Length > 0).ToArray();
    }
}
