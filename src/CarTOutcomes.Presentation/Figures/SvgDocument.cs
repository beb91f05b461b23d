using Microsoft.DotNet.Interactive.Formatting;
using CarTOutcomes.Presentation.Rendering;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>
/// A finished SVG figure. It renders itself in .NET Interactive notebooks (as inline SVG) through the
/// convention-based formatter hook, with no reference to .NET Interactive.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed class SvgDocument
{
    private readonly string _svg;

    internal SvgDocument(string svg, double width, double height)
    {
        _svg = svg;
        Width = width;
        Height = height;
    }

    /// <summary>Width in pixels.</summary>
    public double Width { get; }

    /// <summary>Height in pixels.</summary>
    public double Height { get; }

    /// <summary>The SVG markup: a standalone <c>&lt;svg&gt;</c> element, also valid inline in HTML.</summary>
    public string ToSvg() => _svg;

    /// <summary>The SVG markup with an XML declaration, for writing to a <c>.svg</c> file.</summary>
    public string ToSvgFile() => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + _svg;

    /// <summary>Writes the figure to a <c>.svg</c> file (UTF-8, no byte order mark).</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => CarTOutcomes.IO.Files.AtomicFile.WriteAllText(path, ToSvgFile());

    /// <inheritdoc cref="ToSvg"/>
    public override string ToString() => _svg;
}
