using System.Globalization;
using System.Text;

namespace CarTOutcomes.Presentation.Figures;

/// <summary>
/// Writes SVG markup: numbers formatted with the invariant culture (at most two decimals, no exponent), text and
/// attribute values escaped, ids drawn from a counter under a fixed prefix so that the same figure always gives the
/// same bytes.
/// </summary>
public sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<string> _open = new();
    private readonly string _idPrefix;
    private int _nextId;

    /// <summary>Starts an <c>&lt;svg&gt;</c> root of the given size.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="idPrefix">Prefix of every id in the figure (letters, digits, '-' or '_'); give two figures on one page different prefixes.</param>
    public SvgWriter(double width, double height, string idPrefix = "fig")
    {
        if (!(width > 0) || !(height > 0))
            throw new ArgumentOutOfRangeException(nameof(width), $"The figure size {width} x {height} must be positive.");
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        if (!idPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"The id prefix \"{idPrefix}\" may hold only ASCII letters, digits, '-' and '_'.", nameof(idPrefix));
        _idPrefix = idPrefix;
        Width = width;
        Height = height;
        Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", Num(width)), ("height", Num(height)),
            ("viewBox", $"0 0 {Num(width)} {Num(height)}"), ("style", "max-width:100%;height:auto"), ("font-family", "Helvetica, Arial, sans-serif"), ("font-size", "12"));
    }

    /// <summary>Width of the figure in pixels.</summary>
    public double Width { get; }

    /// <summary>Height of the figure in pixels.</summary>
    public double Height { get; }

    /// <summary>A new id, unique within the figure: the prefix, a dash and a counter.</summary>
    public string NextId() => $"{_idPrefix}-{++_nextId}";

    /// <summary>Formats a coordinate or length invariantly, rounded to two decimals ("12.5", "-3", never "1E-05").</summary>
    public static string Num(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "SVG coordinates must be finite.");
        double r = Math.Round(x, 2, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0; // no "-0"
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes text for element content or a double-quoted attribute value.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c is not '\n' and not '\t' => "",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Opens an element that will hold children; close it with <see cref="Close"/>.</summary>
    /// <param name="name">Element name.</param>
    /// <param name="attributes">Attribute names and (unescaped) values; null values are left out.</param>
    public SvgWriter Open(string name, params (string Name, string? Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(name);
        AppendAttributes(attributes);
        _sb.Append(">\n");
        _open.Push(name);
        return this;
    }

    /// <summary>Closes the innermost open element.</summary>
    public SvgWriter Close()
    {
        var name = _open.Pop();
        Indent();
        _sb.Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>Writes an empty element.</summary>
    /// <param name="name">Element name.</param>
    /// <param name="attributes">Attribute names and (unescaped) values; null values are left out.</param>
    public SvgWriter Element(string name, params (string Name, string? Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(name);
        AppendAttributes(attributes);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Writes an element holding escaped text.</summary>
    /// <param name="name">Element name (usually <c>text</c> or <c>title</c>).</param>
    /// <param name="content">The text, escaped on output.</param>
    /// <param name="attributes">Attribute names and (unescaped) values; null values are left out.</param>
    public SvgWriter Text(string name, string content, params (string Name, string? Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(name);
        AppendAttributes(attributes);
        _sb.Append('>').Append(Escape(content)).Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>Writes a text label at (x, y).</summary>
    /// <param name="x">Anchor x.</param>
    /// <param name="y">Baseline y.</param>
    /// <param name="content">The text.</param>
    /// <param name="anchor">SVG <c>text-anchor</c>: start, middle or end.</param>
    /// <param name="cssClass">Optional class, which tests and style sheets select on.</param>
    /// <param name="extra">More attributes.</param>
    public SvgWriter Label(double x, double y, string content, string anchor = "start", string? cssClass = null,
        params (string Name, string? Value)[] extra)
    {
        var attrs = new List<(string, string?)> { ("x", Num(x)), ("y", Num(y)), ("text-anchor", anchor == "start" ? null : anchor), ("class", cssClass) };
        attrs.AddRange(extra);
        return Text("text", content, attrs.ToArray());
    }

    /// <summary>Closes every open element and returns the document.</summary>
    public SvgDocument Finish()
    {
        while (_open.Count > 0) Close();
        return new SvgDocument(_sb.ToString(), Width, Height);
    }

    private void AppendAttributes((string Name, string? Value)[] attributes)
    {
        foreach (var (n, v) in attributes)
        {
            if (v is null) continue;
            _sb.Append(' ').Append(n).Append("=\"").Append(Escape(v)).Append('"');
        }
    }

    private void Indent() => _sb.Append(' ', _open.Count * 2);
}
