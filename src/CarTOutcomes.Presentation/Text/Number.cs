using System.Globalization;

namespace CarTOutcomes.Presentation.Text;

/// <summary>Invariant number formatting shared by every renderer: NaN (R's NA) prints as <c>NA</c>.</summary>
public static class Number
{
    /// <summary>Formats with <paramref name="digits"/> significant digits (R's default print uses 7).</summary>
    public static string Significant(double x, int digits = 4)
    {
        if (double.IsNaN(x)) return "NA";
        if (double.IsPositiveInfinity(x)) return "Inf";
        if (double.IsNegativeInfinity(x)) return "-Inf";
        var g = x.ToString("G" + digits, CultureInfo.InvariantCulture);
        if (!g.Contains('E')) return g;
        // Never an exponent ("4.45E-05" reads as an error in a clinical table): the same significant digits in
        // positional notation ("0.0000445"), or a whole number for large values.
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(x)));
        int decimals = Math.Clamp(digits - 1 - magnitude, 0, 20);
        var f = Math.Round(x, Math.Min(decimals, 15)).ToString("F" + decimals, CultureInfo.InvariantCulture);
        return decimals > 0 ? f.TrimEnd('0').TrimEnd('.') : f;
    }

    /// <summary>Formats with a fixed number of decimals.</summary>
    public static string Fixed(double x, int decimals)
    {
        if (double.IsNaN(x)) return "NA";
        return x.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A p-value as a table cell in the default style (<see cref="NumberStyle.Blood"/>): ".032", "&lt;.001".</summary>
    public static string PValue(double p) => NumberStyle.Default.P(p);
}
