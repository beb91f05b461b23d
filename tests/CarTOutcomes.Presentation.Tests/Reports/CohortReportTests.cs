using System.Text.RegularExpressions;
using CarTOutcomes.Presentation.Study;
using DocumentFormat.OpenXml.Packaging;

namespace CarTOutcomes.Presentation.Tests.Reports;

/// <summary>
/// The cohort report (<c>cartoutcomes report</c>) on the shipped cohorts (issue #14): every file is written, the tables open in Word's
/// format, and the page lays out in headless Chromium at 1100 px with no horizontal overflow and every figure drawn.
/// </summary>
public class CohortReportTests
{
    public static TheoryData<string> Cohorts => new() { "example", "cohort" };

    /// <summary>Writes the report of a shipped cohort into <c>report</c> under <paramref name="scratch"/> and returns that folder.</summary>
    private static string Run(string cohort, TempDir scratch)
    {
        var dir = scratch.File("report");
        CohortReport.Build(CarTOutcomes.IO.Cohort.CohortCsv.Load(RepositoryPaths.Under("data", cohort))).WriteTo(dir);
        return dir;
    }

    [Theory]
    [MemberData(nameof(Cohorts))]
    public void The_report_holds_every_table_and_figure_and_no_published_number(string cohort)
    {
        using var scratch = new TempDir("cartoutcomes-cohort-report-");
        var dir = Run(cohort, scratch);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        Regex.Matches(html, "<figure id=\"figure-").Count.Should().Be(5, "Figure 1A-C, OS after progression, swimmer plot");
        foreach (var heading in new[] { "Table 1. Patient characteristics", "Survival estimates at 6, 12, 24 months", "Overall survival after progression", "Cox models of overall survival after progression", "Treatment course after progression" })
            html.Should().Contain(heading);
        html.Should().NotContain("Published").And.NotContain("published value").And.NotContain("<script");
        foreach (var name in new[] { "table-1", "table-survival", "table-os-after-progression", "table-3" })
        {
            File.Exists(Path.Combine(dir, name + ".csv")).Should().BeTrue();
            using var doc = WordprocessingDocument.Open(Path.Combine(dir, name + ".docx"), false);
            doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Should().NotBeEmpty();
        }
        using (var all = WordprocessingDocument.Open(Path.Combine(dir, "tables.docx"), false))
            all.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().Should().HaveCount(4);
        File.ReadAllText(Path.Combine(dir, "report.md")).Should().Contain("![Figure 5](figure-5.svg)");
        Directory.GetDirectories(Path.GetDirectoryName(dir)!, "." + Path.GetFileName(dir) + ".*").Should().BeEmpty("no staging folder is left behind");
    }

    [Fact]
    public void Table_3_merges_univariable_and_multivariable_models_with_the_salvage_covariates()
    {
        var cohort = CarTOutcomes.IO.Cohort.CohortCsv.Load(RepositoryPaths.Under("data", "cohort"));
        var result = CohortReport.Build(cohort);
        var t3 = result.Tables.Single(t => t.Name == "table-3").Table;
        t3.Columns.Select(c => c.Spanner?.Split(':')[0]).Distinct().Should().Equal("Univariable", "Multivariable");
        t3.Rows.Select(r => r.Label).Should().Contain("Salvage therapy (time-dependent)").And.Contain("Blinatumomab or inotuzumab salvage (time-dependent)");
        t3.Footnotes.Should().Contain(f => f.Contains("Salvage therapy (time-dependent): N = 38"), "time-dependent rows count patients, not rows");
        // The multivariable model holds exactly the fixed covariates with univariable P <= .10.
        var uniP = t3.Rows.Where(r => r.Cells[1].Kind == CarTOutcomes.Presentation.Tables.TableCellKind.PValue && !r.Label.Contains("time-dependent"))
            .ToDictionary(r => r.Label, r => r.Cells[1].Value);
        t3.Rows.Where(r => r.Cells[2].Kind != CarTOutcomes.Presentation.Tables.TableCellKind.Empty).Select(r => r.Label)
            .Should().BeEquivalentTo(uniP.Where(kv => kv.Value <= 0.10).Select(kv => kv.Key));
    }

    [SkippableTheory]
    [MemberData(nameof(Cohorts))]
    [Trait("Category", "Browser")]
    public async Task The_report_fits_an_1100_pixel_window_in_headless_chromium_with_every_figure_drawn(string cohort)
    {
        var chromium = HeadlessChromium.Find();
        Skip.If(chromium is null, HeadlessChromium.Missing);
        using var scratch = new TempDir("cartoutcomes-cohort-report-");
        var dir = Run(cohort, scratch);
        // A test-only copy of the page with a probe that measures the layout after load and writes it into the DOM.
        var probe = """
            <script>addEventListener('load', () => {
              const vw = document.documentElement.clientWidth;
              const figs = [...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect());
              const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > vw + 0.5).map(e => e.tagName + '.' + (e.getAttribute('class') || '')).slice(0, 5);
              const p = document.createElement('pre'); p.id = 'probe';
              p.textContent = JSON.stringify({ scroll: document.documentElement.scrollWidth, vw, figures: figs.length,
                drawn: figs.filter(r => r.width > 100 && r.height > 100).length, wide });
              document.body.appendChild(p); });</script>
            """;
        using var json = await HeadlessChromium.Probe(chromium!, File.ReadAllText(Path.Combine(dir, "index.html")), probe, dir);
        var r = json.RootElement;
        r.GetProperty("vw").GetInt32().Should().BeInRange(1000, 1100);
        r.GetProperty("scroll").GetInt32().Should().BeLessThanOrEqualTo(r.GetProperty("vw").GetInt32(), "no horizontal overflow; widest: " + r.GetProperty("wide"));
        r.GetProperty("figures").GetInt32().Should().Be(5);
        r.GetProperty("drawn").GetInt32().Should().Be(5, "every figure is laid out at a visible size");
    }
}
