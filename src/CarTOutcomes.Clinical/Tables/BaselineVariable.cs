namespace CarTOutcomes.Clinical.Tables;

/// <summary>The kind of a baseline variable.</summary>
public enum BaselineVariableKind
{
    /// <summary>A number summarized by median (range).</summary>
    Continuous,

    /// <summary>A label summarized by n (%) per level.</summary>
    Categorical,
}

/// <summary>
/// One row block of a baseline-characteristics table: how to read the variable from a subject, how to summarize it,
/// and which test compares the groups. Create with <see cref="Continuous"/> or <see cref="Categorical"/>.
/// </summary>
/// <typeparam name="TSubject">The subject record type (any type; the table knows nothing of its fields).</typeparam>
public sealed class BaselineVariable<TSubject>
{
    private BaselineVariable(string label, BaselineVariableKind kind, BaselineTest test, Func<TSubject, double?>? number,
        Func<TSubject, string?>? category, IReadOnlyList<string> levels, string? onlyLevel, int decimals)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("A variable needs a label.", nameof(label));
        Label = label;
        Kind = kind;
        Test = test;
        Number = number;
        Category = category;
        Levels = levels;
        OnlyLevel = onlyLevel;
        Decimals = decimals;
    }

    /// <summary>Row label, e.g. "Age at CAR T-cell therapy, y".</summary>
    public string Label { get; }

    /// <summary>Continuous or categorical.</summary>
    public BaselineVariableKind Kind { get; }

    /// <summary>The test comparing the groups.</summary>
    public BaselineTest Test { get; }

    /// <summary>Level order of a categorical variable (empty for continuous ones).</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>For a categorical variable shown as a single row (e.g. "Male sex"), the level counted; otherwise null.</summary>
    public string? OnlyLevel { get; }

    /// <summary>Decimal places of a continuous variable's median and range (R-style rounding, trailing zeros dropped).</summary>
    public int Decimals { get; }

    internal Func<TSubject, double?>? Number { get; }

    internal Func<TSubject, string?>? Category { get; }

    /// <summary>
    /// A continuous variable shown as median (range) per group; null or NaN is missing (counted in a "Missing" row).
    /// </summary>
    /// <param name="label">Row label.</param>
    /// <param name="value">Reads the value from a subject.</param>
    /// <param name="test"><see cref="BaselineTest.WilcoxonRankSum"/>, <see cref="BaselineTest.KruskalWallis"/> or <see cref="BaselineTest.None"/>.</param>
    /// <param name="decimals">Decimal places shown (0..6).</param>
    public static BaselineVariable<TSubject> Continuous(string label, Func<TSubject, double?> value, BaselineTest test, int decimals = 2)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (test is not (BaselineTest.WilcoxonRankSum or BaselineTest.KruskalWallis or BaselineTest.None))
            throw new ArgumentException($"{test} is a test for counts; variable '{label}' is continuous.", nameof(test));
        if (decimals is < 0 or > 6) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "Decimals must be in 0..6.");
        return new BaselineVariable<TSubject>(label, BaselineVariableKind.Continuous, test, value, null, [], null, decimals);
    }

    /// <summary>
    /// A categorical variable shown as n (%) per level and group; percentages are of the subjects with a known value,
    /// null is missing (counted in a "Missing" row).
    /// </summary>
    /// <param name="label">Row label.</param>
    /// <param name="value">Reads the level from a subject.</param>
    /// <param name="levels">All levels in display order (at least two; a value outside them is an error naming the subject).</param>
    /// <param name="test"><see cref="BaselineTest.FisherExact"/>, <see cref="BaselineTest.ChiSquare"/>, <see cref="BaselineTest.ChiSquareYates"/> or <see cref="BaselineTest.None"/>.</param>
    /// <param name="onlyLevel">Show a single row counting this level (for yes/no variables), instead of one row per level.</param>
    public static BaselineVariable<TSubject> Categorical(string label, Func<TSubject, string?> value, IReadOnlyList<string> levels,
        BaselineTest test, string? onlyLevel = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(levels);
        if (test is not (BaselineTest.FisherExact or BaselineTest.ChiSquare or BaselineTest.ChiSquareYates or BaselineTest.None))
            throw new ArgumentException($"{test} is a test for continuous values; variable '{label}' is categorical.", nameof(test));
        if (levels.Count < 2 || levels.Distinct(StringComparer.Ordinal).Count() != levels.Count)
            throw new ArgumentException($"Variable '{label}' needs at least two distinct levels; got [{string.Join(", ", levels)}].", nameof(levels));
        if (onlyLevel is not null && !levels.Contains(onlyLevel, StringComparer.Ordinal))
            throw new ArgumentException($"'{onlyLevel}' is not a level of '{label}'.", nameof(onlyLevel));
        return new BaselineVariable<TSubject>(label, BaselineVariableKind.Categorical, test, null, value, levels.ToArray(), onlyLevel, 0);
    }
}
