namespace CarTOutcomes.Survival.Comparisons;

/// <summary>Counts of a categorical variable by level, with missing values counted (R: <c>table(x, useNA = "ifany")</c>).</summary>
public sealed class CategoricalSummary
{
    private readonly int[] _counts;

    internal CategoricalSummary(IReadOnlyList<string> levels, int[] counts, int missing)
    {
        Levels = levels;
        _counts = counts;
        Missing = missing;
        N = counts.Sum();
    }

    /// <summary>The levels, in table order.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>Number of non-missing values.</summary>
    public int N { get; }

    /// <summary>Number of missing values.</summary>
    public int Missing { get; }

    /// <summary>Count of the level at <paramref name="index"/>.</summary>
    public int Count(int index) => _counts[index];

    /// <summary>Count of <paramref name="level"/>.</summary>
    public int Count(string level)
    {
        int i = Levels.ToList().IndexOf(level);
        if (i < 0) throw new ArgumentException($"'{level}' is not a level ({string.Join(", ", Levels)}).", nameof(level));
        return _counts[i];
    }

    /// <summary>Percentage of the non-missing values at level <paramref name="index"/> (100·count/N; NaN when N = 0).</summary>
    public double Percent(int index) => N == 0 ? double.NaN : 100.0 * _counts[index] / N;
}
