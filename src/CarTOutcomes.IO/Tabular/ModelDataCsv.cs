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
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var table = ColumnTable.Read(path, columns.Select(c => new ColumnRequest(c, ColumnKind.Text)).ToArray(), progress, cancellationToken);
        table.ThrowIfInvalid();
        return ModelData.FromText(columns, columns.Select(c => table.Texts(c)).ToArray(), Path.GetFileName(path));
    }
}
