using System.Globalization;

namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Rounding as R ≥ 4.0's <c>round(x, digits)</c>: x is rounded as the decimal number it exactly is, so 0.15 (stored
/// as 0.1499999…) rounds to 0.1 and 2.675 to 2.67, and only exact halves (2.5, 0.125) go to the even neighbour.
/// .NET's Math.Round scales by 10^digits first and can round such values the other way.
/// </summary>
public static class Rounding
{
    /// <summary>x rounded to <paramref name="digits"/> decimal places (0..15), ties to even, on x's exact decimal expansion.</summary>
    public static double Round(double x, int digits)
    {
        if (digits is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(digits), digits, "Digits must be in 0..15.");
        if (!double.IsFinite(x) || x == 0 || Math.Abs(x) >= 4503599627370496) return x; // 2^52: already an integer
        // The "F" format of .NET Core 3.0+ prints the exact binary value to the requested number of places; 60 extra
        // places decide ties exactly for any |x| ≥ 1e-30.
        string s = Math.Abs(x).ToString("F" + (digits + 60), CultureInfo.InvariantCulture);
        int point = s.IndexOf('.');
        string kept = s[..(point + 1 + digits)].TrimEnd('.');
        string rest = s[(point + 1 + digits)..];
        decimal value = decimal.Parse(kept, CultureInfo.InvariantCulture);
        int cmp = rest[0] > '5' ? 1 : rest[0] < '5' ? -1 : rest.Skip(1).Any(ch => ch != '0') ? 1 : 0;
        decimal unit = digits == 0 ? 1m : 1m / (decimal)Math.Pow(10, digits);
        bool lastEven = (decimal.Truncate(value / unit) % 2) == 0;
        if (cmp > 0 || (cmp == 0 && !lastEven)) value += unit;
        return Math.CopySign((double)value, x);
    }
}
