using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// Reads a CSV file into a <see cref="ModelData"/> for model formulas: the columns a formula uses, each typed as R's
/// <c>read.csv</c> types it (numbers, TRUE/FALSE, or text, which becomes a factor). Missing values are empty cells or
/// <c>NA</c>. The file is checked as every CSV the project reads (UTF-8, comma-delimited, one field count, no control
/// characters); a column the formula names but the file lacks is an error listing the header.
/// </summary>
public static class ModelDataCsv
{
    /// <summary>Reads the columns <paramref name="formula"/> refers to, plus any extra columns named.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="formula">The formula whose columns are read.</param>
    /// <param name="extraColumns">Other columns to read (weights, ids); nulls are ignored.</param>
    /// <param name="progress">Receives the fraction of the file read; may be null.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <exception cref="DataValidationException">The file or a cell is bad; every problem is listed.</exception>
    public static ModelData Load(string path, Formula formula, IEnumerable<string?>? extraColumns = null,
        IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var names = formula.ColumnNames.Concat((extraColumns ?? []).OfType<string>()).Distinct(StringComparer.Ordinal).ToArray();
        return Load(path, names, progress, cancellationToken);
    }

    /// <summary>Reads the named columns of a CSV file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to read.</param>
    /// <param name="progress">Receives the fraction of the file read; may be null.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static ModelData Load(string path, IReadOnlyList<string> columns, IProgress<ProgressReport>? progress = null,
        CancellationToken cancellationToken = default) => Read(path, columns, progress, cancellationToken).Data;

    /// <summary>
    /// Reads the columns <paramref name="formula"/> refers to, plus any extra columns named, as
    /// <see cref="Load(string, Formula, IEnumerable{string?}?, IProgress{ProgressReport}?, CancellationToken)"/> does,
    /// keeping where each row is in the file (for <see cref="ModelDataFile.CheckSubjects"/>).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="formula">The formula whose columns are read.</param>
    /// <param name="extraColumns">Other columns to read (weights, ids); nulls are ignored.</param>
    /// <param name="progress">Receives the fraction of the file read; may be null.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <exception cref="DataValidationException">The file or a cell is bad; every problem is listed.</exception>
    public static ModelDataFile Read(string path, Formula formula, IEnumerable<string?>? extraColumns = null,
        IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var names = formula.ColumnNames.Concat((extraColumns ?? []).OfType<string>()).Distinct(StringComparer.Ordinal).ToArray();
        return Read(path, names, progress, cancellationToken);
    }

    private static ModelDataFile Read(string path, IReadOnlyList<string> columns, IProgress<ProgressReport>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var table = ColumnTable.Read(path, columns.Select(c => new ColumnRequest(c, ColumnKind.Text)).ToArray(), progress, cancellationToken);
        table.ThrowIfInvalid();
        var data = ModelData.FromText(columns, columns.Select(c => table.Texts(c)).ToArray(), Path.GetFileName(path));
        return new ModelDataFile(table.File, data, table.Lines);
    }
}

/// <summary>
/// A <see cref="ModelData"/> read from a CSV file with the line where each of its rows starts, for messages about
/// rows that name the file, row and line as every reader's do (<see cref="DataIssue"/>).
/// </summary>
public sealed class ModelDataFile
{
    private readonly LineMap _lines;

    internal ModelDataFile(string file, ModelData data, LineMap lines)
    {
        File = file; Data = data; _lines = lines;
    }

    /// <summary>The file read, as named in messages.</summary>
    public string File { get; }

    /// <summary>The data (row k is data row k + 1 of the file).</summary>
    public ModelData Data { get; }

    /// <summary>The physical line where data row <paramref name="row"/> (0-based) starts.</summary>
    /// <param name="row">A 0-based row of <see cref="Data"/>.</param>
    public int LineOf(int row) => _lines.LineOf(row);

    /// <summary>
    /// R's <c>survcheck</c> rules for the subjects of the rows a model uses, the same as <see cref="SurvivalCsv"/>
    /// applies with <see cref="SurvivalColumns.Id"/>: with (start, stop] data one subject's intervals must not overlap
    /// (a duplicated interval is an overlap; a gap is allowed), without start times each subject has one row. Every
    /// problem names the subject and both rows.
    /// </summary>
    /// <param name="idColumn">The subject-id column (read with the data: give it as an extra column); no row of <paramref name="rows"/> may miss it.</param>
    /// <param name="rows">The 0-based rows of <see cref="Data"/> the model uses (R's rows after <c>na.omit</c>, e.g. <see cref="ModelFrame.RowsUsed"/>).</param>
    /// <param name="response">The outcome of those rows, in the same order (e.g. <see cref="ModelFrame.Response"/>).</param>
    /// <param name="startName">What names the start times in a message (e.g. the formula's <c>Surv(start, stop, event)</c>).</param>
    /// <exception cref="DataValidationException">A subject's rows overlap, or (without start times) a subject has two rows.</exception>
    public void CheckSubjects(string idColumn, IReadOnlyList<int> rows, SurvivalData response, string startName)
    {
        ArgumentNullException.ThrowIfNull(idColumn);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(response);
        if (rows.Count != response.Count)
            throw new ArgumentException($"There are {rows.Count} rows for an outcome of {response.Count}.", nameof(rows));
        if (!Data.TryGetColumn(idColumn, out var column))
            throw new ArgumentException($"The id column '{idColumn}' was not read from {File}.", nameof(idColumn));
        var ids = column.AsTexts();
        var position = new Dictionary<int, int>(rows.Count);
        for (int k = 0; k < rows.Count; k++) position[rows[k]] = k;
        double[] stop = response.Time.ToArray();
        double[]? start = response.IsCountingProcess ? response.Start.ToArray() : null;
        SubjectIntervals.Check(File, idColumn, startName, rows,
            i => ids[i] ?? throw new ArgumentException($"Data row {i + 1}: the id is missing.", nameof(rows)),
            start is null ? null : i => start[position[i]], i => stop[position[i]], LineOf);
    }
}
