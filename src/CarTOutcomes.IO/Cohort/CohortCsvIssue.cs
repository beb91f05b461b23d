namespace CarTOutcomes.IO.Cohort;

/// <summary>
/// One problem found while reading a cohort. <see cref="Row"/> counts data rows from 1, the header excluded (so data
/// row N is line N + 1 of a file without blank lines or multi-line fields); <see cref="Line"/> is the actual 1-based line
/// of the file. Both are null for a problem with the file as a whole.
/// </summary>
/// <param name="File">File name, e.g. <c>infusions.csv</c>.</param>
/// <param name="Row">1-based data row (header excluded), or null.</param>
/// <param name="Column">Column name, or null.</param>
/// <param name="Value">The offending text, or null.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line of the file where the row starts, or null.</param>
public sealed record CohortCsvIssue(string File, int? Row, string? Column, string? Value, string Message, int? Line = null)
{
    /// <summary>E.g. <c>infusions.csv, data row 3 (line 4), column 'day', value 'abc': not a number</c>.</summary>
    public override string ToString()
    {
        var where = File;
        if (Row is int r) where += Line is int l ? $", data row {r} (line {l})" : $", data row {r}";
        if (Column is not null) where += $", column '{Column}'";
        if (Value is not null) where += $", value '{Value}'";
        return $"{where}: {Message}";
    }
}

/// <summary>Options of the cohort loader.</summary>
/// <param name="AllowIdentifierColumns">
/// Opt-out of the de-identification guard: when true, columns named like direct identifiers (see
/// <see cref="CohortCsvSchema.IdentifierColumns"/>) are ignored instead of refused. Default false.
/// </param>
public sealed record CohortCsvOptions(bool AllowIdentifierColumns = false);

/// <summary>Thrown by <see cref="CohortCsv.Load"/> with every problem found.</summary>
public sealed class CohortCsvException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="issues">The problems.</param>
    public CohortCsvException(IReadOnlyList<CohortCsvIssue> issues)
        : base($"The cohort files have {issues.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, issues)}")
        => Issues = issues;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CohortCsvIssue> Issues { get; }
}
