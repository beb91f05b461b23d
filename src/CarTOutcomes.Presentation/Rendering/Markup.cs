using System.Text;
using CarTOutcomes.Presentation.Figures;

namespace CarTOutcomes.Presentation.Rendering;

/// <summary>The HTML and Markdown table writers shared by every renderer.</summary>
internal static class Markup
{
    /// <summary>A table whose first column is left-aligned text and the others right-aligned numbers.</summary>
    public static void HtmlTable(StringBuilder sb, string cssClass, string[] header, IEnumerable<string[]> rows)
    {
        sb.Append("<table class=\"").Append(cssClass).Append("\" style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\">\n<thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(SvgWriter.Escape(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < r.Length; i++)
                sb.Append(i == 0 ? "<td>" : "<td style=\"text-align:right\">").Append(SvgWriter.Escape(r[i])).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>A GitHub-flavoured Markdown table with the same alignment.</summary>
    public static void MarkdownTable(StringBuilder sb, string[] header, IEnumerable<string[]> rows)
    {
        sb.Append("| ").Append(string.Join(" | ", header.Select(MarkdownCell))).Append(" |\n");
        sb.Append("|").Append(string.Join("|", header.Select((_, i) => i == 0 ? ":---" : "---:"))).Append("|\n");
        foreach (var r in rows) sb.Append("| ").Append(string.Join(" | ", r.Select(MarkdownCell))).Append(" |\n");
    }

    /// <summary>Escapes a Markdown table cell.</summary>
    public static string MarkdownCell(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ");
}
