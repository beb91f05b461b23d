using System.Text;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Rendering;

namespace CarTOutcomes.Presentation.Reports;

/// <summary>One section of a report: a heading, HTML and Markdown bodies, and the figures it shows.</summary>
/// <param name="Title">The section heading.</param>
/// <param name="Html">An HTML fragment (tables, paragraphs); inline SVG is allowed.</param>
/// <param name="Markdown">The same content in Markdown.</param>
/// <param name="Figures">Figures of the section, written inline in HTML and as separate SVG files beside the Markdown.</param>
public sealed record ReportSection(string Title, string Html, string Markdown, IReadOnlyList<SvgDocument> Figures);

/// <summary>
/// A self-contained report: <c>index.html</c> (inline SVG and CSS, no scripts, no network) and <c>report.md</c> with
/// its figures as <c>figure-N.svg</c> files beside it. A notice (e.g. that the data are synthetic) opens both.
/// </summary>
public sealed class Report
{
    private readonly List<ReportSection> _sections = new();
    private readonly List<(string Name, byte[] Content)> _files = new();

    /// <summary>Creates an empty report.</summary>
    /// <param name="title">The report's title.</param>
    /// <param name="notice">A notice printed prominently at the top (e.g. "synthetic data, not the study's patients").</param>
    public Report(string title, string notice)
    {
        Title = title;
        Notice = notice;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The notice at the top.</summary>
    public string Notice { get; }

    /// <summary>The sections, in order.</summary>
    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>
    /// Adds a file written beside the report (e.g. a table as CSV or .docx) and returns the report.
    /// </summary>
    /// <param name="name">A plain file name (no folder), not one of the report's own (index.html, report.md, figure-N.svg).</param>
    /// <param name="content">The bytes.</param>
    public Report AddFile(string name, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        if (Path.GetFileName(name) != name || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        if (name is "index.html" or "report.md" || System.Text.RegularExpressions.Regex.IsMatch(name, @"^figure-\d+\.svg$")
            || _files.Any(f => f.Name == name))
            throw new ArgumentException($"The report already has a file named '{name}'.", nameof(name));
        _files.Add((name, content));
        return this;
    }

    /// <summary>Appends a section and returns the report.</summary>
    public Report Add(ReportSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _sections.Add(section);
        return this;
    }

    /// <summary>The HTML page.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(SvgWriter.Escape(Title)).Append("</title>\n");
        sb.Append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
          .Append("table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:2px 8px}")
          // Publication tables a size smaller than the text, as journals print them: Table 3 reproduced beside
          // published is nine columns of unbroken values, which then fit a 1100-pixel window.
          .Append(".publication-table{font-size:90%}")
          .Append(".notice{border:2px solid #b00;background:#fff4f4;padding:.5em 1em}.disagree{color:#b00;font-weight:bold}")
          .Append("figure{margin:1em 0}svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n");
        return sb.Append(BodyHtml()).Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The page's body: title, notice and sections (for a notebook, which supplies its own page).</summary>
    internal string BodyHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(SvgWriter.Escape(Title)).Append("</h1>\n");
        sb.Append("<p class=\"notice\">").Append(SvgWriter.Escape(Notice)).Append("</p>\n");
        int figure = 0;
        foreach (var s in _sections)
        {
            sb.Append("<section>\n<h2>").Append(SvgWriter.Escape(s.Title)).Append("</h2>\n").Append(s.Html);
            foreach (var f in s.Figures)
                sb.Append("<figure id=\"figure-").Append(++figure).Append("\">\n").Append(f.ToSvg()).Append("\n</figure>\n");
            sb.Append("</section>\n");
        }
        return sb.ToString();
    }

    /// <summary>The Markdown document; figure N is linked as <c>figure-N.svg</c>.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder("# ").Append(Markup.MarkdownCell(Title)).Append("\n\n> **").Append(Markup.MarkdownCell(Notice)).Append("**\n");
        int figure = 0;
        foreach (var s in _sections)
        {
            sb.Append("\n## ").Append(Markup.MarkdownCell(s.Title)).Append("\n\n").Append(s.Markdown);
            foreach (var _ in s.Figures) sb.Append("\n![Figure ").Append(++figure).Append("](figure-").Append(figure).Append(".svg)\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Writes <c>index.html</c>, <c>report.md</c> and the figure files into <paramref name="directory"/> (created if
    /// needed), all at once or not at all: on any failure the previous files stay as they were.
    /// </summary>
    public void WriteTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        // All files at once or none (a full disk leaves the previous report or nothing, never half a report).
        CarTOutcomes.IO.Files.AtomicFolder.Write(directory, WriteFiles);
    }

    /// <summary>
    /// Writes <c>index.html</c>, <c>report.md</c> and the figure files straight into <paramref name="directory"/>, which
    /// must exist: for callers that add files of their own inside one <c>AtomicFolder.Write</c>.
    /// </summary>
    public void WriteFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        File.WriteAllText(Path.Combine(directory, "index.html"), ToHtml());
        File.WriteAllText(Path.Combine(directory, "report.md"), ToMarkdown());
        int figure = 0;
        foreach (var f in _sections.SelectMany(s => s.Figures))
            File.WriteAllText(Path.Combine(directory, $"figure-{++figure}.svg"), f.ToSvgFile());
        foreach (var (name, content) in _files) File.WriteAllBytes(Path.Combine(directory, name), content);
    }
}
