using System.Globalization;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Study;

/// <summary>
/// Reads <c>data/published/targets.csv</c> (UTF-8, header row, RFC 4180 quoting; columns described in
/// <c>data/published/README.md</c>) into <see cref="PublishedTarget"/> records.
/// </summary>
public static class PublishedTargetsCsv
{
    private static readonly string[] Required =
        ["id", "source", "population", "statistic", "time_months", "value", "unit", "precision", "relation", "followed", "description", "notes"];

    /// <summary>Loads the targets; throws <see cref="DataValidationException"/> naming the file, row, column and value of a bad cell.</summary>
    /// <param name="path">Path of the CSV file.</param>
    public static IReadOnlyList<PublishedTarget> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var table = ColumnTable.ReadAll(path); // the project's one reader: missing is empty or NA
        var missing = Required.Where(c => !table.HasColumn(c)).ToArray();
        if (missing.Length > 0) throw new DataValidationException([new DataIssue(path, 0, 1, string.Join(", ", missing), "", "required column(s) missing")]);
        table.ThrowIfInvalid();
        var rows = new List<PublishedTarget>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
        {
            int row = i + 1, line = table.LineOf(i);
            string Cell(string c) => table.Texts(c)[i] ?? "";
            var t = Parse(path, row, line, Cell);
            if (!ids.Add(t.Id)) throw Bad(path, row, line, "id", t.Id, "duplicate id");
            rows.Add(t);
        }
        return rows;
    }

    private static PublishedTarget Parse(string path, int row, int line, Func<string, string> cell)
    {
        var id = cell("id");
        if (id.Length == 0) throw Bad(path, row, line, "id", id, "the id is empty");
        double? time = cell("time_months") is { Length: > 0 } tm ? Number(path, row, line, "time_months", tm) : null;
        var value = Number(path, row, line, "value", cell("value"));
        if (!int.TryParse(cell("precision"), NumberStyles.None, CultureInfo.InvariantCulture, out int precision) || precision > 15)
            throw Bad(path, row, line, "precision", cell("precision"), "expected a whole number of decimal places (0-15)");
        var relation = cell("relation") switch
        {
            "=" or "" => TargetRelation.Equal,
            "<" => TargetRelation.Less,
            ">" => TargetRelation.Greater,
            "<=" => TargetRelation.LessOrEqual,
            ">=" => TargetRelation.GreaterOrEqual,
            var r => throw Bad(path, row, line, "relation", r, "expected one of =, <, >, <=, >="),
        };
        var followed = cell("followed") switch
        {
            "yes" => true,
            "no" => false,
            var f => throw Bad(path, row, line, "followed", f, "expected yes or no"),
        };
        return new PublishedTarget(id, cell("source"), cell("population"), cell("statistic"), time, value, cell("unit"), precision,
            relation, followed, cell("description"), cell("notes"));
    }

    private static double Number(string path, int row, int line, string column, string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw Bad(path, row, line, column, text, "expected a number");

    private static DataValidationException Bad(string path, int row, int line, string column, string value, string message)
        => new([new DataIssue(path, row, line, column, value, message)]);
}
