using System.Xml.Linq;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Tests;

public class RenderingTests
{
    [Fact]
    public void Html_is_a_well_formed_fragment_with_the_figure_the_summary_and_the_life_tables()
    {
        var curves = FigureData.AmlCurves();
        var test = FigureData.AmlLogRank();
        var html = XElement.Parse(curves.ToHtml(test));
        html.Descendants(SvgAssert.Svg + "svg").Should().ContainSingle();
        var summary = html.Descendants("table").Single(t => (string?)t.Attribute("class") == "km-summary");
        var rows = summary.Element("tbody")!.Elements("tr").Select(r => r.Elements("td").Select(d => d.Value).ToArray()).ToArray();
        rows.Select(r => r[0]).Should().Equal("Maintained", "Nonmaintained");
        rows.Select(r => r[1]).Should().Equal("11", "12");
        rows.Select(r => r[3]).Should().Equal(curves.Select(c => Number.Significant(c.Median.Estimate)));
        html.Descendants("table").Where(t => (string?)t.Attribute("class") == "km-table").Select(t => t.Element("tbody")!.Elements("tr").Count())
            .Should().Equal(curves.Select(c => c.Time.Count));
        html.Descendants("table").Should().Contain(t => (string?)t.Attribute("class") == "logrank-table");
        html.ToString().Should().NotContain("<script").And.NotContain("http://www.w3.org/1999/xlink").And.NotContain("href");
    }

    [Fact]
    public void Two_different_figures_on_one_page_do_not_share_ids()
    {
        var curves = FigureData.AmlCurves();
        static IEnumerable<string> Ids(string html) => XElement.Parse(html).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>();
        var ids0 = Ids(curves[0].ToHtml()).ToArray();
        var ids1 = Ids(curves[1].ToHtml()).ToArray();
        ids0.Should().NotBeEmpty();
        ids0.Should().NotIntersectWith(ids1);
        curves[0].ToHtml().Should().Be(curves[0].ToHtml());
    }

    [Fact]
    public void Markdown_tables_have_a_row_per_group_and_per_time()
    {
        var curves = FigureData.AmlCurves();
        var md = curves.ToMarkdown().Split('\n');
        md[0].Should().Be("| Group | n | Events | Median | 95% CI |");
        md[1].Should().Be("|:---|---:|---:|---:|---:|");
        md[2].Should().StartWith("| Maintained | 11 | 7 | 31 |");
        md.Count(l => l.StartsWith("| ")).Should().Be(1 + 2 + curves.Sum(c => 1 + c.Time.Count));
        var lr = FigureData.AmlLogRank().ToMarkdown();
        lr.Should().Contain("| Maintained | 11 |").And.Contain($"{NumberStyle.Default.PStatement(FigureData.AmlLogRank().PValue)}");
    }

    [Fact]
    public void Renderings_do_not_depend_on_the_current_culture()
    {
        var curves = FigureData.AmlCurves();
        var test = FigureData.AmlLogRank();
        string html = curves.ToHtml(test), md = curves.ToMarkdown(), lr = test.ToHtml();
        SvgAssert.UnderCommaCulture(() => curves.ToHtml(test)).Should().Be(html);
        SvgAssert.UnderCommaCulture(() => curves.ToMarkdown()).Should().Be(md);
        SvgAssert.UnderCommaCulture(() => test.ToHtml()).Should().Be(lr);
    }

    [Fact]
    public void Markdown_cells_escape_pipes_and_html_escapes_markup()
    {
        var data = CarTOutcomes.Survival.Data.SurvivalData.RightCensored([1.0, 2, 3], [true, false, true]);
        var curve = CarTOutcomes.Survival.Estimators.KaplanMeier.Fit(data, group: "a|<b>");
        curve.ToMarkdown().Should().Contain("| a\\|\\<b\\> |"); // issue 15: HTML in a Markdown cell is escaped too
        curve.ToHtml().Should().Contain("a|&lt;b&gt;").And.NotContain("<b>");
    }

    [Theory]
    [InlineData("<script>alert(2)</script>", "\\<script\\>alert(2)\\</script\\>")]
    [InlineData("[x](javascript:alert(3))", "\\[x\\](javascript:alert(3))")]
    [InlineData("![img](http://e/x.png)", "!\\[img\\](http://e/x.png)")]
    [InlineData("<http://e>", "\\<http://e\\>")]
    [InlineData("a & b | c", "a \\& b \\| c")]
    [InlineData("two\nlines", "two lines")]
    public void Markdown_text_escapes_html_and_link_syntax(string text, string escaped) =>
        Markup.MarkdownCell(text).Should().Be(escaped);

    [Fact]
    public void A_report_escapes_html_and_links_in_its_title_notice_headings_and_table_cells()
    {
        var report = new CarTOutcomes.Presentation.Reports.Report("<script>t</script>", "[n](javascript:n)");
        var sb = new System.Text.StringBuilder();
        Markup.MarkdownTable(sb, ["id", "description"], [["a", "<script>alert(2)</script>"], ["b", "[x](javascript:alert(3))"]]);
        report.Add(new CarTOutcomes.Presentation.Reports.ReportSection("<img src=x onerror=alert(1)>", "", sb.ToString(), []));
        var md = report.ToMarkdown();
        System.Text.RegularExpressions.Regex.IsMatch(md, @"(?<!\\)<").Should().BeFalse("no unescaped HTML");
        System.Text.RegularExpressions.Regex.IsMatch(md, @"(?<!\\)\]\(javascript").Should().BeFalse("no unescaped link syntax");
        md.Should().Contain("\\<script\\>alert(2)\\</script\\>").And.Contain("\\[x\\](javascript:alert(3))");
    }
}
