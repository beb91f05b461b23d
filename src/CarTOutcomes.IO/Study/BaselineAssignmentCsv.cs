using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Study;

/// <summary>
/// Reads a baseline assignment for <see cref="CohortReconstruction.ApplyAssignments"/>: UTF-8, a header row, RFC 4180
/// quoting; columns <c>patient_id</c>, <c>variable</c> and <c>value</c> (all required; a value may be empty, which only
/// a corticosteroid column accepts). Values are taken as written: the model's checks name the row of a bad one.
/// </summary>
public static class BaselineAssignmentCsv
{
    /// <summary>Loads the rows; throws <see cref="DataValidationException"/> naming the file, row, column and value of a bad cell.</summary>
    /// <param name="path">Path of the CSV file.</param>
    public static IReadOnlyList<BaselineAssignment> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var table = ReconstructionInputCsv.Read(path, "patient_id", "variable", "value");
        var rows = new List<BaselineAssignment>(table.RowCount);
        for (int i = 0; i < table.RowCount; i++)
        {
            string Cell(string c) => table.Texts(c)[i] ?? "";
            string id = Cell("patient_id"), variable = Cell("variable");
            if (id.Length == 0) throw ReconstructionInputCsv.Bad(path, i + 1, table.LineOf(i), "patient_id", id, "the patient id is empty");
            if (variable.Length == 0) throw ReconstructionInputCsv.Bad(path, i + 1, table.LineOf(i), "variable", variable, "the column name is empty");
            rows.Add(new BaselineAssignment(id, variable, Cell("value")));
        }
        return rows;
    }

}
