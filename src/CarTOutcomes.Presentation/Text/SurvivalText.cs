using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Presentation.Text;

/// <summary>Readable text renderings of survival results, laid out like R's printed summaries.</summary>
public static class SurvivalText
{
    /// <summary>Writes each curve's <c>summary(fit, censored = TRUE)</c> table and its median with limits.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<KaplanMeierResult> curves)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(curves);
        foreach (var c in curves)
        {
            var level = (c.Options.ConfidenceLevel * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            var m = c.Median;
            writer.WriteLine($"group={c.Group}  n={c.Records}  events={Number.Significant(c.Events, 6)}  " +
                             $"median={Number.Significant(m.Estimate)}  {level}% CI [{Number.Significant(m.Lower)}, {Number.Significant(m.Upper)}]");
            var t = new TextTable("time", "n.risk", "n.event", "n.censor", "survival", "std.err", $"lower {level}%", $"upper {level}%");
            for (int i = 0; i < c.Time.Count; i++)
            {
                t.Add(Number.Significant(c.Time[i], 6), Number.Significant(c.NumberAtRisk[i], 6), Number.Significant(c.NumberOfEvents[i], 6),
                    Number.Significant(c.NumberCensored[i], 6), Number.Significant(c.Survival[i]), Number.Significant(c.StandardError[i]),
                    Number.Significant(c.Lower[i]), Number.Significant(c.Upper[i]));
            }
            t.Write(writer);
            writer.WriteLine();
        }
    }

    /// <summary>Writes a log-rank (G-rho) test as R's <c>print.survdiff</c> lays it out.</summary>
    public static void Write(TextWriter writer, LogRankResult test)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(test);
        var t = new TextTable("group", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V");
        for (int i = 0; i < test.Groups.Count; i++)
        {
            var g = test.Groups[i];
            double d = g.Observed - g.Expected;
            t.Add(g.Group, g.N.ToString(System.Globalization.CultureInfo.InvariantCulture), Number.Significant(g.Observed, 6),
                Number.Significant(g.Expected, 6), Number.Significant(d * d / g.Expected, 3), Number.Significant(d * d / test.Variance(i, i), 3));
        }
        t.Write(writer);
        writer.WriteLine();
        writer.WriteLine($" Chisq= {Number.Significant(test.ChiSquare, 4)}  on {test.DegreesOfFreedom} degrees of freedom, {NumberStyle.Default.PStatement(test.PValue)}" +
                         (test.Rho != 0 ? $"  (rho = {Number.Significant(test.Rho)})" : ""));
    }
}
