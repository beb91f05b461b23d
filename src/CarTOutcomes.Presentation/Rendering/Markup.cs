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

    /// <summary>
    /// Escapes text for Markdown (a table cell, a heading, a paragraph): every character that could start HTML
    /// (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>), a link or image (<c>[</c>, <c>]</c>), emphasis or code (<c>*</c>,
    /// <c>_</c>, <c>`</c>) or end a cell (<c>|</c>) is backslash-escaped (CommonMark shows an escaped character as
    /// itself), so a description such as <c>&lt;script&gt;</c> or <c>[x](javascript:alert(3))</c> is shown as text,
    /// never run or linked; line breaks become spaces.
    /// </summary>
    public static string MarkdownCell(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (char ch in s)
        {
            if (ch is '\\' or '|' or '*' or '_' or '`' or '<' or '>' or '&' or '[' or ']') sb.Append('\\');
            sb.Append(ch is '\r' or '\n' ? ' ' : ch);
        }
        return sb.ToString();
    }
}
