using System.Globalization;

namespace CarTOutcomes.Presentation.Text;

/// <summary>
/// How numbers are printed in text, tables and figures: a value passed to renderers, never a global setting. A style
/// changes formatting only, never the numbers (gtsummary's <c>theme_gtsummary_journal</c>). The presets follow the
/// journals' instructions to authors: <see cref="Blood"/> (the default, as the study's journal prints),
/// <see cref="Nejm"/>, <see cref="Jama"/> and <see cref="Lancet"/>.
/// </summary>
/// <remarks>
/// P values: <see cref="PDecimals"/> decimals at or above 0.01, <see cref="SmallPDecimals"/> below it, and below
/// <see cref="PFloor"/> "&lt; floor"; one that rounds to 1 prints as "&gt; 0.99". With <see cref="GuardFivePercent"/>
/// (JAMA, as the AMA manual asks) a P value below 0.05 keeps a third decimal rather than print as "0.05".
/// </remarks>
public sealed record NumberStyle
{
    /// <summary>The style's name (e.g. "Blood").</summary>
    public required string Name { get; init; }

    /// <summary>Decimal mark: '.' or The Lancet's middle dot '·'.</summary>
    public char DecimalMark { get; init; } = '.';

    /// <summary>Whether a P value keeps its leading zero ("0.03") or drops it (".03").</summary>
    public bool PLeadingZero { get; init; }

    /// <summary>Decimals of a P value at or above 0.01.</summary>
    public int PDecimals { get; init; } = 2;

    /// <summary>Decimals of a P value below 0.01.</summary>
    public int SmallPDecimals { get; init; } = 3;

    /// <summary>Smallest P value printed as a number; smaller ones print as "&lt; floor".</summary>
    public double PFloor { get; init; } = 0.001;

    /// <summary>Whether a P value in [0.045, 0.05) keeps a third decimal (".045") instead of rounding to ".05" (off by default: one precision throughout).</summary>
    public bool GuardFivePercent { get; init; }

    /// <summary>The letter of a P value in text and headings ("P" or Lancet's "p").</summary>
    public string PSymbol { get; init; } = "P";

    /// <summary>Decimals of a percentage (one, "38.2%").</summary>
    public int PercentDecimals { get; init; } = 1;

    /// <summary>Decimals of ratios (hazard ratios and their limits).</summary>
    public int RatioDecimals { get; init; } = 2;

    /// <summary>Decimals of probabilities printed as proportions (survival 0.35).</summary>
    public int ProbabilityDecimals { get; init; } = 2;

    /// <summary>Between the limits of a confidence interval: an en dash ("1.1–4.4") or " to " ("1.1 to 4.4").</summary>
    public string IntervalSeparator { get; init; } = "–";

    /// <summary>As <i>Blood</i> prints: "P &lt; .001", ".02", no leading zero on P, percentages with one decimal, CIs "1.1–4.4".</summary>
    public static NumberStyle Blood { get; } = new() { Name = "Blood" };

    /// <summary>NEJM-like: "P&lt;0.001", "0.02" (leading zero), CIs "1.1 to 4.4".</summary>
    public static NumberStyle Nejm { get; } = new() { Name = "NEJM", PLeadingZero = true, IntervalSeparator = " to " };

    /// <summary>JAMA: no leading zero on P, 2 decimals (3 below .01), CIs "1.1 to 4.4" (gtsummary's "jama" theme).</summary>
    public static NumberStyle Jama { get; } = new() { Name = "JAMA", IntervalSeparator = " to ", GuardFivePercent = true };

    /// <summary>The Lancet: middle-dot decimal mark ("0·02"), "p&lt;0·0001", CIs "1·1–4·4" (gtsummary's "lancet" theme).</summary>
    public static NumberStyle Lancet { get; } = new()
    {
        Name = "Lancet", DecimalMark = '·', PLeadingZero = true, PSymbol = "p", PFloor = 0.0001, SmallPDecimals = 4,
    };

    /// <summary>The default style: <see cref="Blood"/>.</summary>
    public static NumberStyle Default => Blood;

    /// <summary>The presets by name, case-insensitive: blood, nejm, jama, lancet.</summary>
    /// <param name="name">A preset's name.</param>
    public static NumberStyle FromName(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "blood" => Blood,
        "nejm" => Nejm,
        "jama" => Jama,
        "lancet" => Lancet,
        _ => throw new ArgumentException($"Unknown number style '{name}'; expected blood, nejm, jama or lancet.", nameof(name)),
    };

    /// <summary>A number with fixed decimals and this style's decimal mark; NaN prints as "NA", ±∞ as "Inf"/"-Inf".</summary>
    /// <param name="x">The number.</param>
    /// <param name="decimals">Decimals, 0 to 15.</param>
    public string Fixed(double x, int decimals)
    {
        if (double.IsNaN(x)) return "NA";
        if (double.IsPositiveInfinity(x)) return "Inf";
        if (double.IsNegativeInfinity(x)) return "-Inf";
        double r = Math.Round(x, decimals, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0; // no "-0.00"
        return Mark(r.ToString("F" + decimals, CultureInfo.InvariantCulture));
    }

    /// <summary>A count: an integer without decimals ("38", never "38.00"); a non-integer keeps up to two decimals.</summary>
    /// <param name="x">The count (weighted counts may be fractional).</param>
    public string Count(double x) =>
        double.IsFinite(x) && x == Math.Round(x) ? ((long)x).ToString(CultureInfo.InvariantCulture)
        : double.IsNaN(x) ? "NA" : Mark(x.ToString("0.##", CultureInfo.InvariantCulture));

    /// <summary>A proportion in [0, 1] as a percentage number without the sign ("38.2").</summary>
    /// <param name="proportion">The proportion.</param>
    public string Percent(double proportion) => Fixed(100 * proportion, PercentDecimals);

    /// <summary>A ratio (e.g. a hazard ratio) with <see cref="RatioDecimals"/> decimals.</summary>
    /// <param name="x">The ratio.</param>
    public string Ratio(double x) => Fixed(x, RatioDecimals);

    /// <summary>A probability as a proportion with <see cref="ProbabilityDecimals"/> decimals.</summary>
    /// <param name="x">The probability.</param>
    public string Probability(double x) => Fixed(x, ProbabilityDecimals);

    /// <summary>Two limits joined by <see cref="IntervalSeparator"/>, each formatted by <paramref name="format"/>.</summary>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    /// <param name="format">Formats one limit.</param>
    public string Interval(double lower, double upper, Func<double, string> format) =>
        format(lower) + IntervalSeparator + format(upper);

    /// <summary>"1.42 (0.71–2.84)": an estimate with its interval in parentheses.</summary>
    /// <param name="estimate">The estimate.</param>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    /// <param name="format">Formats each number; <see cref="Ratio"/> when null.</param>
    public string WithInterval(double estimate, double lower, double upper, Func<double, string>? format = null)
    {
        format ??= Ratio;
        return $"{format(estimate)} ({Interval(lower, upper, format)})";
    }

    /// <summary>A P value alone, as a table cell prints it: ".032", "&lt;.001", "&gt;.99" (Blood).</summary>
    /// <param name="p">The P value in [0, 1]; NaN prints as "NA".</param>
    public string P(double p)
    {
        if (double.IsNaN(p)) return "NA";
        if (p < PFloor) return "<" + PNumber(PFloor, FloorDecimals());
        int d = p < 0.01 ? SmallPDecimals : PDecimals;
        double r = Math.Round(p, d, MidpointRounding.AwayFromZero);
        if (GuardFivePercent && p < 0.05 && r >= 0.05) d = Math.Max(d, 3); // a P below .05 never prints as ".05"
        if (Math.Round(p, d, MidpointRounding.AwayFromZero) >= 1) return ">" + PNumber(0.99, 2);
        return PNumber(p, d);
    }

    /// <summary>A P value in running text: "P = .032", "P &lt; .001".</summary>
    /// <param name="p">The P value.</param>
    public string PStatement(double p)
    {
        var s = P(p);
        return s[0] is '<' or '>' ? $"{PSymbol} {s[0]} {s[1..]}" : $"{PSymbol} = {s}";
    }

    private int FloorDecimals() => Math.Max(0, (int)Math.Round(-Math.Log10(PFloor)));

    private string PNumber(double p, int decimals)
    {
        var s = Fixed(p, decimals);
        return !PLeadingZero && s.StartsWith('0') && s.Length > 1 ? s[1..] : s;
    }

    private string Mark(string invariant) => DecimalMark == '.' ? invariant : invariant.Replace('.', DecimalMark);
}
