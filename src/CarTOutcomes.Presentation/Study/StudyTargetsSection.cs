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
        string reproduced = r.Reproduced is double v && double.IsFinite(v) ? v.ToString("F" + (t.Precision + 2), CultureInfo.InvariantCulture) : "—";
        string agrees = r.Status switch
        {
            TargetStatus.Agrees => "yes",
            TargetStatus.Disagrees => t.Followed ? "no" : "no (contradicted; other version followed)",
            _ => "not evaluable: " + r.Reason,
        };
        return [t.Description, t.Source, published, reproduced, agrees];
    }
}
