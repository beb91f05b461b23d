using CarTOutcomes.Clinical.Tables;
using CarTOutcomes.Presentation.Tables;

namespace CarTOutcomes.Presentation.Tests.Tables;

public class BaselineTableRenderingTests
{
    private sealed record Subject(string Arm, double? Score, string? Answer);

    private static readonly Subject[] Subjects =
    [
        new("Relapse", 1.5, "yes"), new("Relapse", 2.25, "=HYPERLINK(\"x\")"), new("Relapse", null, "no"),
        new("No relapse", 3, "no"), new("No relapse", 4, "yes, later"),
    ];

    private static BaselineTable Table() => BaselineTable.Build(Subjects, s => s.Arm,
    [
        BaselineVariable<Subject>.Continuous("Score <raw>", s => s.Score, BaselineTest.WilcoxonRankSum),
        BaselineVariable<Subject>.Categorical("Answer", s => s.Answer, ["yes", "no", "=HYPERLINK(\"x\")", "yes, later"], BaselineTest.ChiSquare),
    ], new BaselineTableOptions { Title = "Table 1. Baseline" });

    [Fact]
    public void A_journal_style_reprints_every_P_value_in_every_renderer_and_none_changes_without_it()
    {
        var t = Table();
        var rows = t.Rows.Where(r => r.PValue is double).ToArray();
        rows.Should().NotBeEmpty();
        foreach (var style in new[] { CarTOutcomes.Presentation.Text.NumberStyle.Blood, CarTOutcomes.Presentation.Text.NumberStyle.Lancet })
        {
            var expected = rows.Select(r => style.P(r.PValue!.Value)).ToArray();
            // HTML and Markdown escape '<' and '>': compare their text as a reader sees it.
            foreach (var rendered in new[] { t.ToText(style), Unescape(t.ToMarkdown(style)), System.Net.WebUtility.HtmlDecode(t.ToHtml(style)), t.ToCsv(style) })
                foreach (var p in expected) rendered.Should().Contain(p, style.Name);
        }
        t.ToText().Should().Be(t.ToText(null), "no style keeps the table's own format");
        t.ToText(CarTOutcomes.Presentation.Text.NumberStyle.Lancet).Should().NotBe(t.ToText(), "the Lancet prints a middle-dot decimal");
    }

    private static string Unescape(string markdown) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(markdown, @"\\(.)", "$1"));

    [Fact]
    public void Text_aligns_columns_and_lists_footnotes()
    {
        var lines = Table().ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Table 1. Baseline");
        lines[1].Should().StartWith("Characteristic").And.Contain("Relapse, n = 3").And.EndWith("P");
        lines[2].Should().MatchRegex("^-+$");
        lines[3].Should().StartWith("Score <raw>").And.Contain("1.88 (1.5–2.25)").And.EndWith("0.33 [a]");
        lines[4].Should().StartWith("  Missing");
        lines.Should().Contain(l => l.StartsWith("  yes, later", StringComparison.Ordinal));
        // Every body line is as wide as the heading or narrower only by trailing blanks trimmed from an empty P cell.
        int width = lines[2].Length;
        lines.Skip(3).TakeWhile(l => !l.StartsWith('-')).Should().OnlyContain(l => l.Length <= width);
        lines.Should().Contain("[b] Pearson's chi-square test without continuity correction (R chisq.test, correct = FALSE).");
        // Group cells are right-aligned: the P column ends at the same position on the two variable rows.
        lines[3].Length.Should().Be(lines.First(l => l.StartsWith("Answer", StringComparison.Ordinal)).Length);
    }

    [Fact]
    public void Markdown_is_a_pipe_table_with_escaped_text_and_superscript_markers()
    {
        var md = Table().ToMarkdown();
        var rows = md.Split('\n').Where(l => l.StartsWith('|')).ToList();
        rows[0].Should().Be("| Characteristic | Relapse, n = 3 | No relapse, n = 2 | P |");
        rows[1].Should().Be("|:---|---:|---:|---:|");
        rows[2].Should().Be("| Score \\<raw\\> | 1.88 (1.5–2.25) | 3.5 (3–4) | 0.33<sup>a</sup> |");
        rows.Should().Contain(r => r.StartsWith("| &emsp;Missing |", StringComparison.Ordinal));
        rows.Select(r => r.Count(c => c == '|') - r.Split("\\|").Length + 1).Should().OnlyContain(n => n == 5);
        md.Should().Contain("<sup>b</sup> Pearson's chi-square");
    }

    [Fact]
    public void Html_encodes_text_and_puts_footnotes_in_tfoot()
    {
        var html = Table().ToHtml();
        html.Should().StartWith("<table class=\"baseline-table\">");
        html.Should().Contain("<caption>Table 1. Baseline</caption>");
        html.Should().Contain("<td>Score &lt;raw&gt;</td>");
        html.Should().Contain("<td style=\"padding-left: 1.5em\">=HYPERLINK(&quot;x&quot;)</td>");
        html.Should().Contain("<td>0.33<sup>a</sup></td>");
        html.Should().Contain("<tfoot>").And.Contain("<td colspan=\"4\"><sup>b</sup> Pearson");
        html.Split("<tr class=").Length.Should().Be(1 + Table().Rows.Count);
    }

    [Fact]
    public void Csv_quotes_and_neutralizes_formulas()
    {
        var lines = Table().ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Variable,Level,\"Relapse, n = 3\",\"No relapse, n = 2\",P,Test");
        lines[1].Should().StartWith("Score <raw>,,1.88 (1.5–2.25),3.5 (3–4),0.33,\"Wilcoxon rank-sum test (R wilcox.test): exact");
        lines[2].Should().Be("Score <raw>,Missing,1,0,,");
        lines[3].Should().StartWith("Answer,,,,0.");
        lines[3].Should().EndWith(",\"Pearson's chi-square test without continuity correction (R chisq.test, correct = FALSE).\"");
        lines.Should().Contain("Answer,\"'=HYPERLINK(\"\"x\"\")\",1 (33.3%),0 (0.0%),,");
        lines.Should().Contain("Answer,\"yes, later\",0 (0.0%),1 (50.0%),,");
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+A1", "'+A1")]
    [InlineData("-2 (-3–1)", "'-2 (-3–1)")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("plain", "plain")]
    public void Csv_field_rules(string raw, string written) => BaselineTableRendering.CsvField(raw).Should().Be(written);

    [Fact]
    public void Table_1_opens_in_Word_with_its_cells()
    {
        var table = Table();
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(table.ToDocx()), false);
        var rows = doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ToArray();
        rows.Length.Should().Be(1 + table.Rows.Count);
        rows[0].InnerText.Should().Contain("Relapse, n = 3");
        rows[1].Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText)
            .Should().Equal(new[] { table.Rows[0].Label }.Concat(table.Rows[0].Cells).Append($"{table.Rows[0].PValueText} [{table.Rows[0].FootnoteMarker}]"));
    }
}
