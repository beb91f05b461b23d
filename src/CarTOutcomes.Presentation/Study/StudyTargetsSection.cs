using System.Globalization;
using System.Text;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Reports;
using CarTOutcomes.Presentation.Rendering;

namespace CarTOutcomes.Presentation.Study;

/// <summary>The report sections that put every published number beside the one reproduced from the cohort.</summary>
public static class StudyTargetsSection
{
    /// <summary>
    /// One section per source family (Table 1, Table 2, Table 3, Tables 4–5, figures, text), each a table of
    /// description, published value, reproduced value and whether they agree at the printed precision.
    /// </summary>
    /// <param name="results">The evaluated targets, in file order.</param>
    public static IReadOnlyList<ReportSection> Build(IReadOnlyList<TargetEvaluation> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sections = new List<ReportSection>();
        int agreeing = results.Count(r => r.Agrees);
        sections.Add(new ReportSection("Published numbers reproduced from the cohort",
            $"<p><strong>{agreeing} of {results.Count}</strong> published numbers agree at their printed precision.</p>\n",
            $"**{agreeing} of {results.Count}** published numbers agree at their printed precision.\n", []));
        foreach (var family in results.GroupBy(r => Family(r.Target.Source)))
        {
            var header = new[] { "Number", "Source", "Published", "Reproduced", "Agrees" };
            var rows = family.Select(Row).ToList();
            var html = new StringBuilder();
            Markup.HtmlTable(html, "targets", header, rows);
            var md = new StringBuilder();
            Markup.MarkdownTable(md, header, rows);
            sections.Add(new ReportSection($"{family.Key} ({family.Count(r => r.Agrees)} of {family.Count()} agree)", html.ToString(), md.ToString(), []));
        }
        return sections;
    }

    /// <summary>
    /// A forest plot of Table 3 as reproduced from the cohort: univariate and multivariable hazard ratios with their
    /// limits, side by side, from the targets <c>t3_uni_*</c> and <c>t3_mv_*</c> (each with <c>_hr</c>,
    /// <c>_hr_lower</c>, <c>_hr_upper</c> and <c>_p</c>). Rows whose values could not be computed are left out.
    /// </summary>
    /// <param name="results">The evaluated targets.</param>
    public static SvgDocument Table3Forest(IReadOnlyList<TargetEvaluation> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byId = results.ToDictionary(r => r.Target.Id, StringComparer.Ordinal);
        ForestPanel Panel(string prefix, string title)
        {
            var rows = new List<ForestRow>();
            foreach (var hr in results.Where(r => r.Target.Id.StartsWith(prefix, StringComparison.Ordinal) && r.Target.Statistic == "hr"))
            {
                var stem = hr.Target.Id[..^"_hr".Length];
                double? V(string suffix) => byId.TryGetValue(stem + suffix, out var e) ? e.Reproduced : null;
                if (V("_hr") is not double h || V("_hr_lower") is not double lo || V("_hr_upper") is not double up
                    || !double.IsFinite(h) || !double.IsFinite(lo) || !double.IsFinite(up)) continue;
                rows.Add(new ForestRow(RowLabel(hr.Target.Source), h, lo, up, V("_p") ?? double.NaN));
            }
            return new ForestPanel(title, rows);
        }
        return ForestPlot.Render(Panel("t3_uni_", "Univariate"), Panel("t3_mv_", "Multivariable"));
    }

    // 'Table 3 row "Age (>40 vs ≤40 y)"' → 'Age (>40 vs ≤40 y)'
    private static string RowLabel(string source)
    {
        int a = source.IndexOf('"'), b = source.LastIndexOf('"');
        return a >= 0 && b > a ? source[(a + 1)..b] : source;
    }

    private static string Family(string source) =>
        source.StartsWith("Table 1", StringComparison.Ordinal) ? "Table 1" :
        source.StartsWith("Table 2", StringComparison.Ordinal) ? "Table 2" :
        source.StartsWith("Table 3", StringComparison.Ordinal) ? "Table 3" :
        source.StartsWith("Table 4", StringComparison.Ordinal) || source.StartsWith("Table 5", StringComparison.Ordinal) ? "Tables 4 and 5" :
        source.StartsWith("Figure", StringComparison.Ordinal) ? "Figures" : "Text";

    private static string[] Row(TargetEvaluation r)
    {
        var t = r.Target;
        string published = (t.Relation switch
        {
            TargetRelation.Less => "<",
            TargetRelation.Greater => ">",
            TargetRelation.LessOrEqual => "≤",
            TargetRelation.GreaterOrEqual => "≥",
            _ => "",
        }) + t.Value.ToString("F" + t.Precision, CultureInfo.InvariantCulture);
        // Two digits more than printed, so that a near miss shows; a whole count stays whole ("38", not "38.00").
        string reproduced = r.Reproduced is not double v || !double.IsFinite(v) ? "—"
            : t.Precision == 0 && v == Math.Round(v) ? v.ToString("F0", CultureInfo.InvariantCulture)
            : v.ToString("F" + (t.Precision + 2), CultureInfo.InvariantCulture);
        string agrees = r.Status switch
        {
            TargetStatus.Agrees => "yes",
            TargetStatus.Disagrees => t.Followed ? "no" : "no (contradicted; other version followed)",
            _ => "not evaluable: " + r.Reason,
        };
        return [t.Description, t.Source, published, reproduced, agrees];
    }
}
