namespace CarTOutcomes.Survival.Formulas;

/// <summary>The value of an evaluated expression: a vector of numbers, logicals, text or factor codes (length 1 broadcasts).</summary>
internal abstract class Value
{
    public abstract int Length { get; }
    public abstract bool IsMissing(int i);
}

internal sealed class NumericValue(double[] values) : Value
{
    public double[] Values { get; } = values;
    public override int Length => Values.Length;
    public override bool IsMissing(int i) => double.IsNaN(Values[Length == 1 ? 0 : i]);
    public double At(int i) => Values[Length == 1 ? 0 : i];
}

internal sealed class LogicalValue(bool?[] values) : Value
{
    public bool?[] Values { get; } = values;
    public override int Length => Values.Length;
    public override bool IsMissing(int i) => Values[Length == 1 ? 0 : i] is null;
    public bool? At(int i) => Values[Length == 1 ? 0 : i];
}

internal sealed class TextValue(string?[] values) : Value
{
    public string?[] Values { get; } = values;
    public override int Length => Values.Length;
    public override bool IsMissing(int i) => Values[Length == 1 ? 0 : i] is null;
    public string? At(int i) => Values[Length == 1 ? 0 : i];
}

/// <summary>A factor: codes into <see cref="Levels"/>, −1 where missing.</summary>
internal sealed class FactorValue(int[] codes, string[] levels) : Value
{
    public int[] Codes { get; } = codes;
    public string[] Levels { get; } = levels;
    public override int Length => Codes.Length;
    public override bool IsMissing(int i) => Codes[Length == 1 ? 0 : i] < 0;
}

/// <summary>
/// R's default string collation for factor levels, approximated for the common case. R sorts text levels with the
/// locale's collation (ICU's root collation under <c>en_US.UTF-8</c> and <c>C.UTF-8</c> on Debian): punctuation and
/// symbols before digits before letters, letters compared without case first and lower case before upper case on a
/// tie (<c>"_x" &lt; "1" &lt; "a" &lt; "A" &lt; "b" &lt; "B"</c>). R in the C locale sorts by code point instead; use
/// <c>relevel</c> or explicit levels where the order matters.
/// </summary>
internal sealed class RCollation : IComparer<string?>
{
    public static RCollation Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        // Primary: character class, then case-folded character.
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            int c = Primary(x[i]).CompareTo(Primary(y[i]));
            if (c != 0) return c;
        }
        if (x.Length != y.Length) return x.Length.CompareTo(y.Length);
        // Tertiary: lower case before upper case at the first difference.
        for (int i = 0; i < n; i++)
        {
            if (x[i] == y[i]) continue;
            bool xl = char.IsLower(x[i]), yl = char.IsLower(y[i]);
            if (xl != yl) return xl ? -1 : 1;
        }
        return string.CompareOrdinal(x, y);
    }

    private static long Primary(char c)
    {
        int cls = char.IsWhiteSpace(c) ? 0 : char.IsPunctuation(c) || char.IsSymbol(c) ? 1 : char.IsDigit(c) ? 2 : char.IsLetter(c) ? 3 : 4;
        return ((long)cls << 32) | char.ToLowerInvariant(c);
    }
}
