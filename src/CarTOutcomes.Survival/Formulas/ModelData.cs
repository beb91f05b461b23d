using System.Globalization;

namespace CarTOutcomes.Survival.Formulas;

/// <summary>The kind of a <see cref="ModelColumn"/>, as R's <c>read.csv</c> would make it.</summary>
public enum ColumnKind
{
    /// <summary>Numbers (R: <c>numeric</c>); missing is NaN.</summary>
    Numeric,
    /// <summary>TRUE/FALSE (R: <c>logical</c>); a factor with levels FALSE, TRUE in a model.</summary>
    Logical,
    /// <summary>Text (R: <c>character</c>); a factor in a model, as R's <c>model.frame</c> makes it.</summary>
    Text,
}

/// <summary>One named column of a <see cref="ModelData"/>. Immutable.</summary>
public sealed class ModelColumn
{
    private readonly double[]? _numbers;
    private readonly bool?[]? _logicals;
    private readonly string?[]? _texts;

    private ModelColumn(string name, double[]? numbers, bool?[]? logicals, string?[]? texts)
    {
        Name = name;
        _numbers = numbers;
        _logicals = logicals;
        _texts = texts;
        Kind = numbers is not null ? ColumnKind.Numeric : logicals is not null ? ColumnKind.Logical : ColumnKind.Text;
        Count = numbers?.Length ?? logicals?.Length ?? texts!.Length;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Numeric, logical or text.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>A numeric column; NaN marks a missing value (R: <c>NA</c>). Infinite values are refused.</summary>
    public static ModelColumn Numeric(string name, IReadOnlyList<double> values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        var v = values.ToArray();
        for (int i = 0; i < v.Length; i++)
            if (double.IsInfinity(v[i]))
                throw new ArgumentException($"Column '{name}', row {i + 1}: value {v[i]} is infinite; use NaN for a missing value.", nameof(values));
        return new ModelColumn(name, v, null, null);
    }

    /// <summary>A numeric column with missing values as null.</summary>
    public static ModelColumn Numeric(string name, IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Numeric(name, values.Select(v => v ?? double.NaN).ToArray());
    }

    /// <summary>A logical column; null marks a missing value.</summary>
    public static ModelColumn Logical(string name, IReadOnlyList<bool?> values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        return new ModelColumn(name, null, values.ToArray(), null);
    }

    /// <summary>A text column; null marks a missing value.</summary>
    public static ModelColumn Text(string name, IReadOnlyList<string?> values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        return new ModelColumn(name, null, null, values.ToArray());
    }

    /// <summary>
    /// A column from text cells, typed as R's <c>read.csv</c> types it (<c>type.convert</c>): numeric when every
    /// non-missing cell is a number, logical when every one is TRUE/FALSE (also T, F, true, false, True, False),
    /// text otherwise. Missing cells are null, empty or <c>NA</c>.
    /// </summary>
    public static ModelColumn FromText(string name, IReadOnlyList<string?> cells)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(cells);
        int n = cells.Count;
        bool numeric = true, logical = true;
        for (int i = 0; i < n && (numeric || logical); i++)
        {
            var c = cells[i];
            if (IsMissing(c)) continue;
            if (numeric && !TryNumber(c!, out _)) numeric = false;
            if (logical && ParseLogical(c!) is null) logical = false;
        }
        if (numeric)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = IsMissing(cells[i]) ? double.NaN : Number(cells[i]!);
                if (double.IsInfinity(v[i]))
                    throw new ArgumentException($"Column '{name}', row {i + 1}: value \"{cells[i]}\" is too large for a number.", nameof(cells));
            }
            return new ModelColumn(name, v, null, null);
        }
        if (logical) return new ModelColumn(name, null, cells.Select(c => IsMissing(c) ? null : ParseLogical(c!)).ToArray(), null);
        return new ModelColumn(name, null, null, cells.Select(c => IsMissing(c) ? null : c).ToArray());
    }

    /// <summary>True where row <paramref name="i"/> is missing.</summary>
    public bool IsMissing(int i) => Kind switch
    {
        ColumnKind.Numeric => double.IsNaN(_numbers![i]),
        ColumnKind.Logical => _logicals![i] is null,
        _ => _texts![i] is null,
    };

    /// <summary>The numeric values (NaN missing); logical columns give 0/1. Text columns throw.</summary>
    public IReadOnlyList<double> AsNumbers() => Kind switch
    {
        ColumnKind.Numeric => _numbers!,
        ColumnKind.Logical => _logicals!.Select(b => b is null ? double.NaN : b.Value ? 1.0 : 0.0).ToArray(),
        _ => throw new InvalidOperationException($"Column '{Name}' holds text, not numbers."),
    };

    /// <summary>The logical values (null missing); only for logical columns.</summary>
    public IReadOnlyList<bool?> AsLogicals() => Kind == ColumnKind.Logical
        ? _logicals!
        : throw new InvalidOperationException($"Column '{Name}' is not logical.");

    /// <summary>Each value as text (numbers as R's <c>as.character</c> writes them), null where missing.</summary>
    public IReadOnlyList<string?> AsTexts() => Kind switch
    {
        ColumnKind.Numeric => _numbers!.Select(v => double.IsNaN(v) ? null : RSyntax.FormatNumber(v)).ToArray(),
        ColumnKind.Logical => _logicals!.Select(b => b is null ? null : b.Value ? "TRUE" : "FALSE").ToArray(),
        _ => _texts!,
    };

    internal static bool IsMissing(string? cell) => cell is null || cell.Length == 0 || cell == "NA";

    internal static bool TryNumber(string s, out double v)
    {
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && !s.Contains(',')) return true;
        switch (s)
        {
            case "Inf": v = double.PositiveInfinity; return true;
            case "-Inf": v = double.NegativeInfinity; return true;
        }
        return false;
    }

    private static double Number(string s) => TryNumber(s, out var v) ? v : double.NaN;

    private static bool? ParseLogical(string s) => s switch
    {
        "TRUE" or "T" or "true" or "True" => true,
        "FALSE" or "F" or "false" or "False" => false,
        _ => null,
    };

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) throw new ArgumentException("A column needs a name.", nameof(name));
    }
}

/// <summary>
/// A table of named columns for model formulas: R's <c>data.frame</c>. Build it from columns, from text cells (typed as
/// R's <c>read.csv</c> types them), or from a CSV file through CarTOutcomes.IO. Immutable.
/// </summary>
public sealed class ModelData
{
    private readonly Dictionary<string, ModelColumn> _byName;

    private ModelData(IReadOnlyList<ModelColumn> columns, string source)
    {
        Columns = columns;
        Source = source;
        RowCount = columns.Count == 0 ? 0 : columns[0].Count;
        _byName = new Dictionary<string, ModelColumn>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c.Count != RowCount)
                throw new ArgumentException($"Column '{c.Name}' has {c.Count} rows where '{columns[0].Name}' has {RowCount}.", nameof(columns));
            if (!_byName.TryAdd(c.Name, c))
                throw new ArgumentException($"Two columns are named '{c.Name}'.", nameof(columns));
        }
    }

    /// <summary>Where the data came from (a file name), for messages; "data" when not given.</summary>
    public string Source { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ModelColumn> Columns { get; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Names => Columns.Select(c => c.Name).ToArray();

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such column.</exception>
    public ModelColumn this[string name] => _byName.TryGetValue(name, out var c)
        ? c
        : throw new KeyNotFoundException($"{Source} has no column '{name}'.");

    /// <summary>Looks a column up by name.</summary>
    public bool TryGetColumn(string name, out ModelColumn column) => _byName.TryGetValue(name, out column!);

    /// <summary>A table of the given columns (all the same length, distinct names).</summary>
    /// <param name="columns">The columns.</param>
    /// <param name="source">Where the data came from, for messages.</param>
    public static ModelData Create(IEnumerable<ModelColumn> columns, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new ModelData(columns.ToArray(), source);
    }

    /// <summary>A table from text cells by column, each typed as R's <c>read.csv</c> types it (see <see cref="ModelColumn.FromText"/>).</summary>
    /// <param name="names">Column names.</param>
    /// <param name="columns">Cells of each column, one list per name.</param>
    /// <param name="source">Where the data came from, for messages.</param>
    public static ModelData FromText(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<string?>> columns, string source = "data")
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count) throw new ArgumentException($"There are {names.Count} names for {columns.Count} columns.", nameof(names));
        return new ModelData(names.Select((n, j) => ModelColumn.FromText(n, columns[j])).ToArray(), source);
    }

    /// <summary>A one-row table from name/value pairs, for prediction (R: <c>newdata = data.frame(age = 60, sex = "female")</c>).
    /// Values may be numbers, booleans or strings.</summary>
    public static ModelData Row(params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(values.Select(v => v.Value switch
        {
            null => ModelColumn.Text(v.Name, [null]),
            bool b => ModelColumn.Logical(v.Name, [b]),
            string s => ModelColumn.Text(v.Name, [s]),
            IConvertible c => ModelColumn.Numeric(v.Name, [Convert.ToDouble(c, CultureInfo.InvariantCulture)]),
            _ => throw new ArgumentException($"Value of '{v.Name}' must be a number, a boolean or a string.", nameof(values)),
        }), "newdata");
    }
}
