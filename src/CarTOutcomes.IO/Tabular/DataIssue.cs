namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// One problem found in an input file, located precisely: the one issue type of every file the project reads
/// (survival data, cohort files, published targets). <see cref="Row"/> is the 1-based data row (the first row after
/// the header is row 1), <see cref="Line"/> the 1-based physical line of the file where that row starts.
/// </summary>
/// <param name="File">The file's path as given.</param>
/// <param name="Row">1-based data row, or 0 for the header / the file as a whole.</param>
/// <param name="Line">1-based line in the file, or 0 when not applicable.</param>
/// <param name="Column">The column name, or empty.</param>
/// <param name="Value">The offending value as read, or empty.</param>
/// <param name="Message">What is wrong, or what was expected instead.</param>
public sealed record DataIssue(string File, int Row, int Line, string Column, string Value, string Message)
{
    /// <summary>
    /// A one-line message: <c>file: row R (line L), column 'c': value "v": expected …</c>; for the header
    /// <c>file: header, column 'c': …</c>, and for the file as a whole (row and line 0) <c>file: …</c>.
    /// </summary>
    public override string ToString()
    {
        var where = Row > 0 ? $"row {Row} (line {Line})" : Line > 0 ? "header" : "";
        var col = Column.Length > 0 ? $"{(where.Length > 0 ? ", " : "")}column '{Column}'" : "";
        var val = Value.Length > 0 || (Row > 0 && Column.Length > 0) ? $": value \"{Value}\"" : "";
        var location = where + col + val;
        return location.Length > 0 ? $"{File}: {location.TrimStart(':', ' ')}: {Message}" : $"{File}: {Message}";
    }
}

/// <summary>
/// Thrown when input data has problems; carries every problem found, not only the first. The one exception of every
/// reader of the project.
/// </summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="issues">At least one problem.</param>
    public DataValidationException(IReadOnlyList<DataIssue> issues)
        : this(issues, issues?.Count ?? 0)
    {
    }

    /// <summary>Creates the exception from the problems kept when more were found than kept.</summary>
    /// <param name="issues">The problems kept (at least one).</param>
    /// <param name="totalCount">How many problems were found in all (at least <c>issues.Count</c>).</param>
    public DataValidationException(IReadOnlyList<DataIssue> issues, int totalCount)
        : base(Describe(issues, totalCount))
    {
        Issues = issues;
        TotalCount = totalCount;
    }

    /// <summary>The problems found (the first <see cref="ColumnTable.MaxIssuesKept"/> when there are very many).</summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    /// <summary>How many problems were found, including any not kept in <see cref="Issues"/>.</summary>
    public int TotalCount { get; }

    /// <summary>The message: the count, then one line per problem, at most 50.</summary>
    private static string Describe(IReadOnlyList<DataIssue> issues, int totalCount)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (issues.Count == 0) throw new ArgumentException("At least one problem is required.", nameof(issues));
        if (totalCount < issues.Count)
            throw new ArgumentOutOfRangeException(nameof(totalCount), totalCount, "The total cannot be less than the problems given.");
        const int shown = 50;
        var lines = issues.Take(shown).Select(i => i.ToString()).ToList();
        if (totalCount > shown) lines.Add($"... and {totalCount - shown} more problems");
        return $"{totalCount} problem(s) in the input:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
