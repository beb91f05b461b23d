namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// Tells a notebook's formatter (.NET Interactive, matched by this class's name, not by assembly) where to find the
/// HTML formatter of the attributed result type. The formatter lives in the presentation assembly and is named here by
/// string, so the engine holds no rendering code and no reference to presentation; when that assembly is absent
/// <see cref="FormatterSourceType"/> is null and the host's default display is used. See docs/figures.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(string formatterSourceTypeName) : Attribute
{
    /// <summary>The formatter source type, resolved by its assembly-qualified name; null when not loadable.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2057",
        Justification = "Read by notebook hosts only, which load the full assemblies; a trimmed or native build (the command line) never asks for it.")]
    public Type? FormatterSourceType => Type.GetType(formatterSourceTypeName, throwOnError: false);

    /// <summary>The MIME types offered, HTML first.</summary>
    public string[]? PreferredMimeTypes { get; set; } = ["text/html"];
}

/// <summary>The assembly-qualified name of the presentation layer's notebook formatter source.</summary>
internal static class NotebookFormatter
{
    public const string Source = "CarTOutcomes.Presentation.Rendering.NotebookFormatterSource, CarTOutcomes.Presentation";
}
