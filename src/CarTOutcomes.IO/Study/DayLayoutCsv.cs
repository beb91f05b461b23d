using System.Globalization;
using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Study;

/// <summary>
/// Reads a day layout for <see cref="CohortReconstruction.ApplyLayout"/>: UTF-8, a header row, RFC 4180 quoting; columns
/// <c>patient_id</c> and <c>last_contact_day</c> (required) and <c>progression_day</c> (optional; empty keeps the day).
/// </summary>
public static class DayLayoutCsv
{
    /// <summary>Loads the rows; throws <see cref="DataValidationException"/> naming the file, row, column and value of a bad cell.</summary>
    /// <param name="path">Path of the CSV file.</param>
    public static IReadOnlyList<DayLayout> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var table = ReconstructionInputCsv.Read(path, "patient_id", "last_contact_day");
        bool hasProgression = table.HasColumn("progression_day");
        var rows = new List<DayLayout>(table.RowCount);
        for (int i = 0; i < table.RowCount; i++)
        {
            int row = i + 1, line = table.LineOf(i);
            string Cell(string c) => table.Texts(c)[i] ?? "";
            string id = Cell("patient_id");
            if (id.Length == 0) throw Bad(path, row, line, "patient_id", id, "the patient id is empty");
            double end = Number(path, row, line, "last_contact_day", Cell("last_contact_day"));
            double? progression = hasProgression && Cell("progression_day") is { Length: > 0 } p ? Number(path, row, line, "progression_day", p) : null;
            rows.Add(new DayLayout(id, end, progression));
        }
        return rows;
    }

    private static double Number(string path, int row, int line, string column, string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0
            ? v
            : throw Bad(path, row, line, column, text, "expected a day (a number, 0 or more)");

    private static DataValidationException Bad(string path, int row, int line, string column, string value, string message)
        => ReconstructionInputCsv.Bad(path, row, line, column, value, message);
}

/// <summary>What the readers of the reconstruction's inputs (a day layout, a baseline assignment) share.</summary>
internal static class ReconstructionInputCsv
{
    /// <summary>Every column as text, after checking that the required ones are there and that the file is well formed.</summary>
    public static ColumnTable Read(string path, params string[] required)
    {
        var table = ColumnTable.ReadAll(path);
        var missing = required.Where(c => !table.HasColumn(c)).ToArray();
        if (missing.Length > 0) throw new DataValidationException([new DataIssue(path, 0, 1, string.Join(", ", missing), "", "required column(s) missing")]);
        table.ThrowIfInvalid();
        return table;
    }

    /// <summary>The error for one bad cell.</summary>
    public static DataValidationException Bad(string path, int row, int line, string column, string value, string message)
        => new([new DataIssue(path, row, line, column, value, message)]);
}
