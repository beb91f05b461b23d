namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Rounding as R ≥ 4.0's <c>round(x, digits)</c> (nmath <c>fround</c>): of the two candidates ⌊10^d x⌋/10^d and
/// ⌈10^d x⌉/10^d it returns the one nearer to x as computed in double precision, the even one when both are equally
/// near. So round(0.15, 1) = 0.1 (0.15 is stored as 0.1499…), round(2.5) = 2, round(0.125, 2) = 0.12 and
/// round(0.05, 1) = 0. .NET's Math.Round(x, d) differs on some of these.
/// </summary>
public static class Rounding
{
    /// <summary>x rounded to <paramref name="digits"/> decimal places (0..15) as R's <c>round(x, digits)</c>.</summary>
    public static double Round(double x, int digits)
    {
        if (digits is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(digits), digits, "Digits must be in 0..15.");
        if (!double.IsFinite(x) || x == 0) return x;
        if (digits == 0) return Math.Round(x, MidpointRounding.ToEven);
        if (x < 0) return -Round(-x, digits);
        // R: no rounding possible when log10(x) + digits exceeds DBL_DIG (15) significant digits.
        if (Math.Log10(2) * (0.5 + Math.ILogB(x)) + digits > 15) return x;
        double pow10 = Math.Pow(10, digits), x10 = pow10 * x, i10 = Math.Floor(x10);
        double down = i10 / pow10, up = Math.Ceiling(x10) / pow10;
        double du = up - x, dd = x - down;
        return du < dd || (du == dd && i10 % 2 == 1) ? up : down;
    }
}
