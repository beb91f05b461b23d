namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// One problem found in an input file, located precisely. <see cref="Row"/> is the 1-based data row (the first row
/// after the header is row 1), <see cref="Line"/> the 1-based physical line of the file where that row starts.
/// </summary>
/// <param name="File">The file's path as given.</param>
/// <param name="Row">1-based data row, or 0 for the header / the file as a whole.</param>
/// <param name="Line">1-based line in the file, or 0 when not applicable.</param>
/// <param name="Column">The column name, or empty.</param>
/// <param name="Value">The offending value as read, or empty.</param>
/// <param name="Expected">What was expected instead.</param>
public sealed record DataIssue(string File, int Row, int Line, string Column, string Value, string Expected)
{
    /// <summary>A one-line message: <c>file: row R (line L), column 'c': value "v" — expected …</c>.</summary>
    public override string ToString()
    {
        var where = Row > 0 ? $"row {Row} (line {Line})" : "header";
        var col = Column.Length > 0 ? $", column '{Column}'" : "";
        var val = Row > 0 || Value.Length > 0 ? $": value \"{Value}\"" : "";
        return $"{File}: {where}{col}{val}: {Expected}";
    }
}

/// <summary>Thrown when input data has problems; carries every problem found, not only the first.</summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="issues">At least one problem.</param>
    public DataValidationException(IReadOnlyList<DataIssue> issues)
        : base(Describe(issues))
    {
        Issues = issues;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    private static string Describe(IReadOnlyList<DataIssue> issues)
    {
        const int shown = 50;
        var lines = issues.Take(shown).Select(i => i.ToString()).ToList();
        if (issues.Count > shown) lines.Add($"... and {issues.Count - shown} more problems");
        return $"{issues.Count} problem(s) in the input:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
