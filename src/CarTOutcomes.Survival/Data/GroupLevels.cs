using System.Globalization;

namespace CarTOutcomes.Survival.Data;

/// <summary>How group labels are ordered into levels (R: the levels of a factor).</summary>
public static class GroupLevels
{
    /// <summary>
    /// The distinct labels in R's default factor order: numerically when every label is a number
    /// (R sorts a numeric column before making it a factor), otherwise by ordinal string comparison.
    /// </summary>
    /// <param name="labels">One label per row.</param>
    public static IReadOnlyList<string> Order(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (numeric)
            return distinct.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return distinct.OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The row indices of each group, in level order.</summary>
    /// <param name="labels">One label per row.</param>
    /// <param name="levels">Optional explicit order; it must list every label that occurs.</param>
    public static IReadOnlyList<(string Label, IReadOnlyList<int> Rows)> Rows(IReadOnlyList<string> labels,
        IReadOnlyList<string>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var order = levels ?? Order(labels);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Count; i++) index[order[i]] = i;
        var rows = order.Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < labels.Count; i++)
        {
            if (!index.TryGetValue(labels[i], out int g))
                throw new ArgumentException($"Group label '{labels[i]}' at index {i} is not among the levels.", nameof(labels));
            rows[g].Add(i);
        }
        return order.Select((l, g) => (l, (IReadOnlyList<int>)rows[g])).Where(x => x.Item2.Count > 0).ToArray();
    }
}
