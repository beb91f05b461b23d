using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CarTOutcomes.Presentation.Tests.Reports;

/// <summary>
/// Headless Chromium for the browser tests: Debian's <c>chromium</c> package (<c>.ci/run</c> installs it when missing),
/// or the path in <c>CHROMIUM</c>. Each run gets its own profile folder, deleted afterwards, and at most two minutes.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>Why a browser test is skipped when <see cref="Find"/> finds nothing.</summary>
    public const string Missing = "No Chromium found (set CHROMIUM or install Debian's chromium package; .ci/run does).";

    /// <summary>The browser's path, or null when there is none.</summary>
    public static string? Find() => new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
        .FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));

    /// <summary>
    /// Loads <paramref name="page"/> and returns the DOM after load (<c>--dump-dom</c>) and what the browser logged.
    /// </summary>
    /// <param name="chromium">The browser (<see cref="Find"/>).</param>
    /// <param name="page">The HTML file.</param>
    /// <param name="window">The window size, e.g. <c>1100,900</c>, or null for the browser's default (with the console logged).</param>
    public static async Task<(string Dom, string Log)> DumpDom(string chromium, string page, string? window)
    {
        using var profile = new TempDir("cartoutcomes-chromium-");
        var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.Path}"];
        string[] mode = window is null ? ["--disable-quic", "--enable-logging=stderr", "--v=0"] : [$"--window-size={window}", "--hide-scrollbars"];
        foreach (var a in common.Concat(mode).Append("--dump-dom").Append(new Uri(page).AbsoluteUri)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (await stdout, await stderr);
    }

    /// <summary>
    /// Loads <paramref name="html"/> with a test-only <paramref name="probe"/> script put before <c>&lt;/body&gt;</c>, in
    /// an 1100 × 900 window, and returns the JSON the probe writes into a <c>&lt;pre id="probe"&gt;</c> element.
    /// </summary>
    /// <param name="chromium">The browser (<see cref="Find"/>).</param>
    /// <param name="html">The page.</param>
    /// <param name="probe">A <c>&lt;script&gt;</c> that measures the layout after load and writes the <c>pre</c>.</param>
    /// <param name="folder">Where the probed copy of the page is written (its relative links resolve from there).</param>
    public static async Task<JsonDocument> Probe(string chromium, string html, string probe, string folder)
    {
        var page = Path.Combine(folder, "probe.html");
        File.WriteAllText(page, html.Replace("</body>", probe + "</body>", StringComparison.Ordinal));
        var (dom, _) = await DumpDom(chromium, page, "1100,900");
        var m = Regex.Match(dom, "<pre id=\"probe\">(.*?)</pre>", RegexOptions.Singleline);
        m.Success.Should().BeTrue("the probe ran");
        return JsonDocument.Parse(WebUtility.HtmlDecode(m.Groups[1].Value));
    }
}
