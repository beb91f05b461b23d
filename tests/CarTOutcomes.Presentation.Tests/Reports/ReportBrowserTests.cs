using System.Text.RegularExpressions;
using CarTOutcomes.Presentation.Reports;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Tests.Reports;

/// <summary>
/// The HTML report opens in headless Chromium without console errors and shows every figure. Chromium comes from
/// Debian's <c>chromium</c> package (<c>.ci/run</c> installs it when missing); where no browser can be had the test
/// is reported as skipped, saying why.
/// </summary>
public class ReportBrowserTests
{
    private static Report Sample()
    {
        double[] time = [5, 8, 3, 9, 4, 6, 2, 7, 10, 11, 1, 12];
        bool[] died = [true, false, true, true, false, true, true, false, true, true, true, false];
        string[] arm = ["A", "B", "A", "B", "A", "B", "A", "B", "A", "B", "A", "B"];
        var data = SurvivalData.RightCensored(time, died);
        var km = KaplanMeier.Fit(data, arm);
        var cr = CumulativeIncidence.Fit(CompetingRisksData.Create(time, died.Select((d, i) => d ? 1 + i % 2 : 0).ToArray()));
        var cox = CoxModel.Fit(data, [arm.Select(a => a == "B" ? 1.0 : 0).ToArray()], ["armB"]);
        return new Report("Sample report", "Invented data for a rendering test.")
            .Add(new ReportSection("Kaplan-Meier", km.ToHtml(), km.ToMarkdown(), [km.ToSvg()]))
            .Add(new ReportSection("Cumulative incidence", "", cr.ToMarkdown(), [cr.ToSvg()]))
            .Add(new ReportSection("Cox", cox.ToHtml(), cox.ToMarkdown(), []));
    }

    [Fact]
    public void Report_files_are_written_with_every_figure()
    {
        using var scratch = new TempDir("cartoutcomes-report-");
        var dir = scratch.Path;
        var report = Sample();
        report.WriteTo(dir);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        Regex.Matches(html, "<figure id=\"figure-").Count.Should().Be(2);
        html.Should().NotContain("<script").And.NotContain("<link", "the page is self-contained");
        Regex.IsMatch(html, "(src|href)=\"[a-z]+:|url\\((?!#)", RegexOptions.IgnoreCase).Should().BeFalse("nothing is loaded from elsewhere");
        File.ReadAllText(Path.Combine(dir, "report.md")).Should().Contain("![Figure 1](figure-1.svg)").And.Contain("![Figure 2](figure-2.svg)");
        File.Exists(Path.Combine(dir, "figure-2.svg")).Should().BeTrue();
    }

    [SkippableFact]
    [Trait("Category", "Browser")]
    public async Task Report_renders_in_headless_chromium_without_console_errors()
    {
        var chromium = HeadlessChromium.Find();
        Skip.If(chromium is null, HeadlessChromium.Missing);
        using var scratch = new TempDir("cartoutcomes-report-");
        var dir = scratch.Path;
        Sample().WriteTo(dir);
        var (dom, log) = await HeadlessChromium.DumpDom(chromium!, Path.Combine(dir, "index.html"), window: null);
        dom.Should().Contain("<h1>Sample report</h1>");
        Regex.Matches(dom, "<svg").Count.Should().BeGreaterThanOrEqualTo(2, "both figures are in the rendered page");
        Regex.Matches(dom, "<figure id=\"figure-").Count.Should().Be(2);
        log.Split('\n').Where(l => l.Contains("CONSOLE") || l.Contains("Uncaught")).Should().BeEmpty("the page logs nothing to the console");
    }
}
