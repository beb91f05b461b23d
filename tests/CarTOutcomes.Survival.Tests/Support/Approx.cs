using System.Globalization;

namespace CarTOutcomes.Survival.Tests.Support;

/// <summary>The one relative-tolerance comparison used by every numeric test (Math.NET AlmostEqualRelative style).</summary>
public static class Approx
{
    /// <summary>
    /// Asserts |actual − expected| ≤ tol · max(|expected|, tiny), treating NaN (R's NA) as equal only to NaN and
    /// infinities as equal only to themselves. <paramref name="what"/> names the value in the failure message.
    /// </summary>
    public static void Equal(double expected, double actual, double tol, string what)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual),
                $"{what}: expected {Fmt(expected)}, got {Fmt(actual)}");
            return;
        }
        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            Assert.True(expected == actual, $"{what}: expected {Fmt(expected)}, got {Fmt(actual)}");
            return;
        }
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        double rel = Math.Abs(actual - expected) / scale;
        // Values that R prints as 0 but that carry round-off (|x| < 1e-12) are compared absolutely.
        bool ok = rel <= tol || Math.Abs(actual - expected) <= 1e-12;
        Assert.True(ok, $"{what}: expected {Fmt(expected)}, got {Fmt(actual)} (relative error {rel:E2} > {tol:E0})");
    }

    private static string Fmt(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
