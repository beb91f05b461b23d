using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Presentation.Rendering;

/// <summary>
/// The formatter source that .NET Interactive finds through <c>[TypeFormatterSource]</c>, by convention rather
/// than by interface: it needs a public parameterless constructor and a public <c>CreateTypeFormatters()</c>
/// returning objects with a public <c>MimeType</c> property and a public <c>bool Format(object, TextWriter)</c>
/// method (dotnet/interactive <c>Formatter.TryRegisterFromConventionBasedFormatterSources</c>). The formatters have
/// no <c>Type</c> property, so each applies to the type that carries the attribute; they dispatch on the instance.
/// </summary>
internal sealed class NotebookFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new HtmlFormatter()];

    /// <summary>The <c>text/html</c> formatter; returns false for an instance it does not know, so others may try.</summary>
    internal sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            var html = ToHtml(instance);
            if (html is null) return false;
            writer.Write(html);
            return true;
        }
    }

    /// <summary>The HTML of any displayable result of the library, or null.</summary>
    internal static string? ToHtml(object? instance) => instance switch
    {
        HtmlFragment f => f.Html,
        Tables.PublicationTable t => Tables.PublicationTableRendering.ToHtml(t),
        Study.CohortReportResult r => r.Report.BodyHtml(),
        IncidenceCurve c => CumulativeIncidencePlot.Render([c]).ToSvg(),
        CarTOutcomes.Clinical.Tables.BaselineTable b => Tables.BaselineTableRendering.ToHtml(b),
        SvgDocument d => d.ToSvg(),
        KaplanMeierResult k => k.ToHtml(),
        IReadOnlyList<KaplanMeierResult> list => list.ToHtml(),
        LogRankResult t => t.ToHtml(),
        CarTOutcomes.Survival.Cox.CoxResult c => c.ToHtml(),
        CarTOutcomes.Survival.CompetingRisks.CumulativeIncidenceResult r => r.ToHtml(),
        CarTOutcomes.Survival.CompetingRisks.FineGrayResult g => g.ToHtml(),
        CarTOutcomes.Survival.Cox.CoxCoefficient c => ResultHtml.Coefficient(c.Name, c.HazardRatio, c.Lower, c.Upper, c.PValue, "HR"),
        CarTOutcomes.Survival.CompetingRisks.FineGrayCoefficient c => ResultHtml.Coefficient(c.Name, c.HazardRatio, c.Lower, c.Upper, c.PValue, "sHR"),
        not null when instance.GetType().Namespace?.StartsWith("CarTOutcomes.", StringComparison.Ordinal) == true => ResultHtml.Properties(instance),
        _ => null,
    };
}
