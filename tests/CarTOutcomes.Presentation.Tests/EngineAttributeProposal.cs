using System.Collections;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Tests.EngineProposal;

/// <summary>
/// The attribute the engine could declare (internally) on its result types: it names the Presentation formatter
/// source by string, so the engine keeps no reference to Presentation, and resolves it only when a notebook asks.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(string formatterSourceTypeName) : Attribute
{
    public Type? FormatterSourceType => Type.GetType(formatterSourceTypeName, throwOnError: false);

    public string[]? PreferredMimeTypes { get; set; } = ["text/html"];
}

/// <summary>A stand-in for an engine result type (the real ones are sealed and live in the engine).</summary>
[TypeFormatterSource("CarTOutcomes.Presentation.Rendering.NotebookFormatterSource, CarTOutcomes.Presentation")]
internal sealed class EngineLikeCurves(IReadOnlyList<KaplanMeierResult> curves) : IReadOnlyList<KaplanMeierResult>
{
    public KaplanMeierResult this[int index] => curves[index];
    public int Count => curves.Count;
    public IEnumerator<KaplanMeierResult> GetEnumerator() => curves.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public class EngineAttributeProposalTests
{
    [Fact]
    public void A_string_named_source_on_an_engine_type_renders_through_presentation()
    {
        var curves = new EngineLikeCurves(FigureData.AmlCurves());
        var html = Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(curves, "text/html");
        html.Should().Contain("<table class=\"km-summary\"").And.Contain("<svg");
    }
}
