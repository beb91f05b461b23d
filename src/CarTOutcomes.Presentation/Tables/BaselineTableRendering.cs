using System.Net;
using System.Text;
using CarTOutcomes.Clinical.Tables;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.Presentation.Tables;

/// <summary>
/// Renders a <see cref="BaselineTable"/> as plain text, Markdown, HTML or CSV. All four show the same cells; the P
/// column carries the footnote marker of the test (text "0.74 [a]", Markdown/HTML superscript, CSV a Test column).
/// </summary>
public static class BaselineTableRendering
{
    /// <summary>Fixed-width plain text: title, heading, a rule, rows (levels indented two spaces), rule, footnotes.</summary>
    /// <param name="table">The table.</param>
    /// <param name="style">A journal's number style for the P values; null keeps the table's own format.</param>
    public static string ToText(this BaselineTable table, Text.NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var lines = new List<string[]> { Heading(table) };
        lines.AddRange(table.Rows.Select(r => Body(r, new string(' ', 2 * r.Indent) + r.Label, r.FootnoteMarker is null ? PText(r, style) : $"{PText(r, style)} [{r.FootnoteMarker}]")));
        var widths = Enumerable.Range(0, lines[0].Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((s, c) => c == 0 ? s.PadRight(widths[c]) : s.PadLeft(widths[c]))).TrimEnd();
        string rule = new('-', widths.Sum() + 2 * (widths.Length - 1));
        var sb = new StringBuilder();
        if (table.Title is not null) sb.Append(table.Title).Append('\n');
        sb.Append(Line(lines[0])).Append('\n').Append(rule).Append('\n');
        foreach (var l in lines.Skip(1)) sb.Append(Line(l)).Append('\n');
        sb.Append(rule).Append('\n');
        foreach (var f in table.Footnotes) sb.Append(f.Marker is null ? f.Text : $"[{f.Marker}] {f.Text}").Append('\n');
        return sb.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown pipe table; level rows indented with em spaces; footnotes as paragraphs.</summary>
    /// <param name="table">The table.</param>
    /// <param name="style">A journal's number style for the P values; null keeps the table's own format.</param>
    public static string ToMarkdown(this BaselineTable table, Text.NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        if (table.Title is not null) sb.Append("**").Append(Md(table.Title)).Append("**\n\n");
        var head = Heading(table);
        sb.Append("| ").Append(string.Join(" | ", head.Select(Md))).Append(" |\n");
        sb.Append("|:---|").Append(string.Concat(Enumerable.Repeat("---:|", head.Length - 1))).Append('\n');
        foreach (var r in table.Rows)
        {
            string label = string.Concat(Enumerable.Repeat("&emsp;", r.Indent)) + Md(r.Label);
            string p = Md(PText(r, style)) + (r.FootnoteMarker is null ? "" : $"<sup>{r.FootnoteMarker}</sup>");
            sb.Append("| ").Append(string.Join(" | ", Body(r, label, p).Select((c, i) => i == 0 || i == head.Length - 1 ? c : Md(c)))).Append(" |\n");
        }
        sb.Append('\n');
        foreach (var f in table.Footnotes)
            sb.Append(f.Marker is null ? Md(f.Text) : $"<sup>{f.Marker}</sup> {Md(f.Text)}").Append("\n\n");
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>An HTML <c>table</c> (all text HTML-encoded) with caption, thead, tbody and the footnotes in tfoot.</summary>
    /// <param name="table">The table.</param>
    /// <param name="style">A journal's number style for the P values; null keeps the table's own format.</param>
    public static string ToHtml(this BaselineTable table, Text.NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var head = Heading(table);
        var sb = new StringBuilder("<table class=\"baseline-table\">\n");
        if (table.Title is not null) sb.Append("  <caption>").Append(E(table.Title)).Append("</caption>\n");
        sb.Append("  <thead>\n    <tr>").Append(string.Concat(head.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n  </thead>\n  <tbody>\n");
        foreach (var r in table.Rows)
        {
            string cls = r.Kind.ToString().ToLowerInvariant();
            string label = r.Indent > 0 ? $"<td style=\"padding-left: {1.5 * r.Indent:0.#}em\">{E(r.Label)}</td>" : $"<td>{E(r.Label)}</td>";
            string p = E(PText(r, style)) + (r.FootnoteMarker is null ? "" : $"<sup>{E(r.FootnoteMarker)}</sup>");
            sb.Append($"    <tr class=\"{cls}\">").Append(label).Append(string.Concat(r.Cells.Select(c => $"<td>{E(c)}</td>")))
              .Append($"<td>{p}</td></tr>\n");
        }
        sb.Append("  </tbody>\n  <tfoot>\n");
        foreach (var f in table.Footnotes)
            sb.Append($"    <tr><td colspan=\"{head.Length}\">").Append(f.Marker is null ? "" : $"<sup>{E(f.Marker)}</sup> ").Append(E(f.Text)).Append("</td></tr>\n");
        sb.Append("  </tfoot>\n</table>\n");
        return sb.ToString();
    }

    /// <summary>
    /// RFC 4180 CSV, one line per row: Variable, Level, one column per group, P, Test (the footnote text of the test),
    /// written by the project's one safe CSV writer (<see cref="SafeCsvWriter"/>): fields are quoted when they contain a
    /// comma, quote or line break, and a field starting with = + - or @ (also after leading spaces, tabs or line
    /// breaks) gets a leading apostrophe so that spreadsheets do not run it as a formula (CSV injection).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="style">A journal's number style for the P values; null keeps the table's own format.</param>
    public static string ToCsv(this BaselineTable table, Text.NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var tests = table.Footnotes.Where(f => f.Marker is not null).ToDictionary(f => f.Marker!, f => f.Text);
        var text = new StringWriter();
        using (var csv = new SafeCsvWriter(text, leaveOpen: true, newLine: "\r\n"))
        {
            csv.WriteHeader(["Variable", "Level", .. table.Groups.Select(g => g.Heading), table.PValueHeading, "Test"]);
            string variable = "";
            foreach (var r in table.Rows)
            {
                if (r.Kind == BaselineRowKind.Variable) variable = r.Label;
                string level = r.Kind == BaselineRowKind.Variable ? "" : r.Label;
                string test = r.FootnoteMarker is not null && tests.TryGetValue(r.FootnoteMarker, out var t) ? t : "";
                foreach (var cell in (string[])[variable, level, .. r.Cells, PText(r, style), test]) csv.WriteText(cell);
                csv.EndRow();
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Table 1 as a <see cref="PublicationTable"/> (its cells as text, the test's footnote marker after the P), so
    /// that it renders to Word like every other table. With a <paramref name="style"/>, the P values are printed in it
    /// (".21 [a]"); without, as the table printed them.
    /// </summary>
    public static PublicationTable ToPublicationTable(this BaselineTable table, Text.NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        string P(BaselineRow r) => PText(r, style);
        var columns = table.Groups.Select(g => new TableColumn(g.Heading)).Append(new TableColumn(table.PValueHeading)).ToArray();
        var rows = table.Rows.Select((r, i) => new TableRow($"{i}:{r.Label}", r.Label,
            r.Kind == BaselineRowKind.Variable ? TableRowKind.Label : TableRowKind.Level,
            r.Cells.Select(TableCell.Text).Append(TableCell.Text(r.FootnoteMarker is null ? P(r) : $"{P(r)} [{r.FootnoteMarker}]")).ToArray())).ToArray();
        var notes = table.Footnotes.Select(f => f.Marker is null ? f.Text : $"[{f.Marker}] {f.Text}").ToArray();
        return new PublicationTable(table.Title, table.LabelHeading, columns, rows, notes);
    }

    /// <summary>Table 1 as a Word document (see <see cref="PublicationTableRendering.ToDocx(PublicationTable, Text.NumberStyle?)"/>).</summary>
    public static byte[] ToDocx(this BaselineTable table) => table.ToPublicationTable().ToDocx();

    /// <summary>The P value of a row in <paramref name="style"/>, or as the table formatted it when no style is given.</summary>
    private static string PText(BaselineRow r, Text.NumberStyle? style) =>
        style is not null && r.PValue is double p ? style.P(p) : r.PValueText;

    private static string[] Heading(BaselineTable t) => [t.LabelHeading, .. t.Groups.Select(g => g.Heading), t.PValueHeading];

    private static string[] Body(BaselineRow r, string label, string p) => [label, .. r.Cells, p];

    /// <summary>Escapes Markdown's inline specials, HTML, link syntax and the pipe (Markup.MarkdownCell).</summary>
    private static string Md(string s) => Rendering.Markup.MarkdownCell(s);

    internal static string CsvField(string s) => SafeCsvWriter.Field(s);
}
