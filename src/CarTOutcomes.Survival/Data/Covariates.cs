namespace CarTOutcomes.Survival.Data;

/// <summary>
/// Named numeric covariate columns for a regression model, one value per row of the outcome data (R: the columns of
/// the model matrix). Every model takes them in the same order: data, then covariates, then options. Immutable; the
/// arrays passed in are copied. Build them from a formula with <see cref="Formulas.ModelFrame"/> to get R's factor
/// coding and names.
/// </summary>
public sealed class Covariates
{
    private readonly double[][] _columns;

    private Covariates(string[] names, double[][] columns)
    {
        Names = names;
        _columns = columns;
    }

    /// <summary>Covariate names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The columns, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Columns => _columns;

    /// <summary>Number of covariates.</summary>
    public int Count => _columns.Length;

    /// <summary>Number of rows (0 when there are no covariates).</summary>
    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].Length;

    /// <summary>Covariates from names and columns of equal length.</summary>
    /// <param name="names">One distinct name per column.</param>
    /// <param name="columns">The columns.</param>
    public static Covariates Create(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count)
            throw new ArgumentException($"There are {names.Count} names for {columns.Count} covariates.", nameof(names));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
            if (!seen.Add(n)) throw new ArgumentException($"Two covariates are named '{n}'.", nameof(names));
        var cols = columns.Select(c => c.ToArray()).ToArray();
        for (int j = 1; j < cols.Length; j++)
            if (cols[j].Length != cols[0].Length)
                throw new ArgumentException($"Covariate '{names[j]}' has {cols[j].Length} values where '{names[0]}' has {cols[0].Length}.", nameof(columns));
        return new Covariates(names.ToArray(), cols);
    }

    /// <summary>Covariates that take ownership of columns built for them (a model frame's), without copying.</summary>
    internal static Covariates Own(IReadOnlyList<string> names, double[][] columns) => new(names.ToArray(), columns);

    /// <summary>Covariates from (name, values) pairs.</summary>
    public static Covariates Create(params (string Name, IReadOnlyList<double> Values)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Create(columns.Select(c => c.Name).ToArray(), columns.Select(c => c.Values).ToArray());
    }
}
