using System.Net;
using System.Text;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Presentation.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CarTOutcomes.Presentation.Tables;

/// <summary>
/// The renderers of a <see cref="PublicationTable"/>: text, Markdown, HTML, CSV and Word (.docx). All show the same
/// cells, formatted by one <see cref="NumberStyle"/> (the default, <see cref="NumberStyle.Blood"/>, when none is given).
/// </summary>
public static class PublicationTableRendering
{
    /// <summary>Fixed-width text: title, spanners, headings, a rule, rows (levels indented), a rule, footnotes.</summary>
    /// <param name="table">The table.</param>
    /// <param name="style">The number style.</param>
    public static string ToText(this PublicationTable table, NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var body = table.Format(style);
        var head = Heading(table);
        var widths = head.Select((h, c) => Math.Max(h.Length, body.Select(r => r[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((s, c) => c == 0 ? s.PadRight(widths[c]) : s.PadLeft(widths[c]))).TrimEnd();
        var sb = new StringBuilder();
        if (table.Title is not null) sb.Append(table.Title).Append('\n');
        if (table.Columns.Any(c => c.Spanner is not null))
        {
            // Spanners: each written over the first column of its group, left-aligned across the group's width.
            var line = new StringBuilder(new string(' ', widths[0]));
            foreach (var (spanner, start, count) in Spans(table))
            {
                int w = Enumerable.Range(start + 1, count).Sum(c => widths[c] + 2);
                line.Append((spanner ?? "").PadRight(w));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
        sb.Append(Line(head)).Append('\n');
        string rule = new('-', widths.Sum() + 2 * (widths.Length - 1));
        sb.Append(rule).Append('\n');
        foreach (var r in body) sb.Append(Line(r)).Append('\n');
        sb.Append(rule).Append('\n');
        foreach (var f in table.Footnotes) sb.Append(f).Append('\n');
        return sb.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table (spanners joined into the headings, levels indented with em spaces).</summary>
    /// <param name="table">The table.</param>
    /// <param name="style">The number style.</param>
    public static string ToMarkdown(this PublicationTable table, NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        if (table.Title is not null) sb.Append("**").Append(Md(table.Title)).Append("**\n\n");
        var head = new[] { table.LabelHeading }.Concat(table.Columns.Select(c => c.Spanner is null ? c.Heading : $"{c.Spanner}: {c.Heading}")).ToArray();
        sb.Append("| ").Append(string.Join(" | ", head.Select(Md))).Append(" |\n");
        sb.Append("|:---|").Append(string.Concat(Enumerable.Repeat("---:|", head.Length - 1))).Append('\n');
        var body = table.Format(style);
        for (int i = 0; i < body.Count; i++)
        {
            var r = body[i];
            string label = string.Concat(Enumerable.Repeat("&emsp;", table.Rows[i].Indent)) + Md(r[0].TrimStart());
            sb.Append("| ").Append(string.Join(" | ", new[] { label }.Concat(r.Skip(1).Select(Md)))).Append(" |\n");
        }
        foreach (var f in table.Footnotes) sb.Append('\n').Append(Md(f)).Append('\n');
        return sb.ToString();
    }

    /// <summary>An HTML table (all text encoded): caption, a spanner row, headings, body (levels indented), footnotes in tfoot.</summary>
    /// <param name="table">The table.</param>
    /// <param name="style">The number style.</param>
    public static string ToHtml(this PublicationTable table, NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder("<table class=\"publication-table\" style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\">\n");
        if (table.Title is not null) sb.Append("<caption style=\"text-align:left;font-weight:bold\">").Append(E(table.Title)).Append("</caption>\n");
        sb.Append("<thead>\n");
        if (table.Columns.Any(c => c.Spanner is not null))
        {
            sb.Append("<tr><th></th>");
            foreach (var (spanner, _, count) in Spans(table))
                sb.Append($"<th colspan=\"{count}\" style=\"text-align:center;border-bottom:1px solid #999\">").Append(E(spanner ?? "")).Append("</th>");
            sb.Append("</tr>\n");
        }
        sb.Append("<tr>").Append(string.Concat(Heading(table).Select((h, i) => i == 0 ? $"<th style=\"text-align:left\">{E(h)}</th>" : $"<th>{E(h)}</th>"))).Append("</tr>\n</thead>\n<tbody>\n");
        var body = table.Format(style);
        for (int i = 0; i < body.Count; i++)
        {
            var row = table.Rows[i];
            string pad = row.Indent > 0 ? " style=\"padding-left:1.5em\"" : "";
            sb.Append($"<tr class=\"{row.Kind.ToString().ToLowerInvariant()}\"><td{pad}>").Append(E(body[i][0].TrimStart())).Append("</td>");
            foreach (var c in body[i].Skip(1)) sb.Append($"<td style=\"{ValueCellStyle}\">").Append(E(c)).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n");
        if (table.Footnotes.Count > 0)
        {
            sb.Append("<tfoot>\n");
            foreach (var f in table.Footnotes) sb.Append($"<tr><td colspan=\"{table.Columns.Count + 1}\">").Append(E(f)).Append("</td></tr>\n");
            sb.Append("</tfoot>\n");
        }
        return sb.Append("</table>\n").ToString();
    }

    /// <summary>
    /// The style of every value cell (all columns but the label): right-aligned and never broken across lines, so
    /// that "1.32 (0.64–2.71)" reads on one line in every column alike. Were the space between an estimate and its
    /// interval a break opportunity, a browser's automatic table layout would squeeze some columns to their
    /// narrowest and break their cells while leaving their neighbours whole (a published column in two lines beside
    /// its reproduced column in one); with no break in any value cell, the label column takes up the slack and wraps.
    /// </summary>
    private const string ValueCellStyle = "text-align:right;white-space:nowrap";

    /// <summary>
    /// CSV through <see cref="SafeCsvWriter"/> (a text cell starting with = + - @ gets a leading apostrophe, so a
    /// spreadsheet does not run it): a header row (spanner and heading joined), then Variable, Level and the cells.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="style">The number style.</param>
    public static string ToCsv(this PublicationTable table, NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sw = new StringWriter();
        using (var csv = new SafeCsvWriter(sw, leaveOpen: true))
        {
            csv.WriteHeader(new[] { "Variable", "Level" }.Concat(table.Columns.Select(c => c.Spanner is null ? c.Heading : $"{c.Spanner}: {c.Heading}")));
            var body = table.Format(style);
            string variable = "";
            for (int i = 0; i < body.Count; i++)
            {
                var row = table.Rows[i];
                if (row.Kind == TableRowKind.Label) variable = row.Label;
                csv.WriteText(variable);
                csv.WriteText(row.Kind == TableRowKind.Level ? row.Label : "");
                foreach (var c in body[i].Skip(1)) csv.WriteText(c);
                csv.EndRow();
            }
            csv.Flush();
        }
        return sw.ToString();
    }

    /// <summary>
    /// A Word document holding the table (title as a bold paragraph, a spanner row, a heading row marked to repeat
    /// on every page, top and bottom rules as journals print them, levels indented, footnotes under the table).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="style">The number style.</param>
    public static byte[] ToDocx(this PublicationTable table, NumberStyle? style = null) => ToDocx([table], style);

    /// <summary>One Word document holding several tables in order, each under its title.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="style">The number style.</param>
    public static byte[] ToDocx(IReadOnlyList<PublicationTable> tables, NumberStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new W.Body();
            foreach (var t in tables)
            {
                if (t.Title is not null) body.Append(Paragraph(t.Title, bold: true));
                body.Append(WordTable(t, style ?? NumberStyle.Default));
                foreach (var f in t.Footnotes) body.Append(Paragraph(f, size: 18));
                body.Append(new W.Paragraph());
            }
            main.Document = new W.Document(body);
            main.Document.Save();
        }
        return ms.ToArray();
    }

    private static W.Table WordTable(PublicationTable t, NumberStyle style)
    {
        var rule = new W.TableBorders(
            new W.TopBorder { Val = W.BorderValues.Single, Size = 8 },
            new W.BottomBorder { Val = W.BorderValues.Single, Size = 8 });
        var table = new W.Table(new W.TableProperties(new W.TableWidth { Type = W.TableWidthUnitValues.Auto, Width = "0" }, rule));
        // The grid: a wide label column and narrower data columns (twentieths of a point).
        table.Append(new W.TableGrid(new[] { new W.GridColumn { Width = "3600" } }
            .Concat(t.Columns.Select(_ => new W.GridColumn { Width = "1900" }))));
        if (t.Columns.Any(c => c.Spanner is not null))
        {
            var spanRow = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
            spanRow.Append(Cell("", bold: true));
            foreach (var (spanner, _, count) in Spans(t))
            {
                var cell = Cell(spanner ?? "", bold: true, center: true);
                cell.TableCellProperties!.Append(new W.GridSpan { Val = count });
                spanRow.Append(cell);
            }
            table.Append(spanRow);
        }
        var head = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
        foreach (var (h, i) in Heading(t).Select((h, i) => (h, i)))
        {
            var cell = Cell(h, bold: true, right: i > 0);
            cell.TableCellProperties!.Append(new W.TableCellBorders(new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 }));
            head.Append(cell);
        }
        table.Append(head);
        var body = t.Format(style);
        for (int i = 0; i < body.Count; i++)
        {
            var row = new W.TableRow();
            row.Append(Cell(body[i][0].TrimStart(), indent: t.Rows[i].Indent));
            foreach (var c in body[i].Skip(1)) row.Append(Cell(c, right: true));
            table.Append(row);
        }
        return table;
    }

    private static W.TableCell Cell(string text, bool bold = false, bool right = false, bool center = false, int indent = 0)
    {
        var pp = new W.ParagraphProperties();
        if (right || center) pp.Append(new W.Justification { Val = center ? W.JustificationValues.Center : W.JustificationValues.Right });
        if (indent > 0) pp.Append(new W.Indentation { Left = (360 * indent).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var paragraph = new W.Paragraph(pp, Run(text, bold, 20));
        return new W.TableCell(new W.TableCellProperties(new W.TableCellWidth { Type = W.TableWidthUnitValues.Auto }), paragraph);
    }

    private static W.Paragraph Paragraph(string text, bool bold = false, int size = 22) => new(Run(text, bold, size));

    private static W.Run Run(string text, bool bold, int halfPoints)
    {
        var rp = new W.RunProperties();
        if (bold) rp.Append(new W.Bold());
        rp.Append(new W.FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new W.Run(rp, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>Writes the Word document to <paramref name="path"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">The .docx file to write.</param>
    /// <param name="style">The number style.</param>
    public static void SaveDocx(this PublicationTable table, string path, NumberStyle? style = null) =>
        File.WriteAllBytes(path, table.ToDocx(style));

    private static string[] Heading(PublicationTable t) => [t.LabelHeading, .. t.Columns.Select(c => c.Heading)];

    /// <summary>Runs of adjacent columns sharing a spanner: (spanner, first column index, count).</summary>
    private static IEnumerable<(string? Spanner, int Start, int Count)> Spans(PublicationTable t)
    {
        for (int i = 0; i < t.Columns.Count;)
        {
            int j = i;
            while (j + 1 < t.Columns.Count && t.Columns[j + 1].Spanner == t.Columns[i].Spanner) j++;
            yield return (t.Columns[i].Spanner, i, j - i + 1);
            i = j + 1;
        }
    }

    /// <summary>Escapes Markdown's inline specials and the pipe.</summary>
    private static string Md(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char ch in s)
        {
            if (ch is '\\' or '|' or '*' or '_' or '`' or '<' or '>' or '[' or ']') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
