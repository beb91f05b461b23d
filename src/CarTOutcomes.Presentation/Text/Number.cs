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
        return x.ToString("G" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats with a fixed number of decimals.</summary>
    public static string Fixed(double x, int decimals)
    {
        if (double.IsNaN(x)) return "NA";
        return x.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A p-value as clinical tables print it: <c>&lt;0.001</c> below 0.001, else 3 significant decimals.</summary>
    public static string PValue(double p)
    {
        if (double.IsNaN(p)) return "NA";
        return p < 0.001 ? "<0.001" : p.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
