using Microsoft.DotNet.Interactive.Formatting;

namespace CarTOutcomes.Presentation.Rendering;

/// <summary>
/// A self-contained HTML fragment (tables and inline SVG, no scripts, no network). Notebooks display it as HTML
/// through the convention-based formatter hook; <see cref="ToString"/> gives the markup.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class HtmlFragment
{
    /// <summary>Wraps markup that is already safe HTML.</summary>
    /// <param name="html">The markup.</param>
    public HtmlFragment(string html) => Html = html ?? throw new ArgumentNullException(nameof(html));

    /// <summary>The markup.</summary>
    public string Html { get; }

    /// <inheritdoc cref="Html"/>
    public override string ToString() => Html;
}
