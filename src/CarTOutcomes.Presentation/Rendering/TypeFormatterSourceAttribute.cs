namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// Names the formatter source of a type for .NET Interactive without referencing it: the formatter matches this
/// attribute by its type name, reads <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/> by
/// reflection, creates the source and calls its public <c>CreateTypeFormatters()</c> (dotnet/interactive
/// <c>Formatter.TryRegisterFromConventionBasedFormatterSources</c>; <c>docs/formatting.md</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    /// <summary>A type with a public parameterless constructor and a public <c>CreateTypeFormatters()</c> method.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>MIME types the notebook should show, most preferred first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
