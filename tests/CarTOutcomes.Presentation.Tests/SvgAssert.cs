using System.Globalization;
using System.Xml.Linq;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>Helpers to read rendered SVG: parse it and select elements by class.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg)
    {
        var root = XElement.Parse(svg);
        root.Name.Should().Be(Svg + "svg");
        return root;
    }

    public static IEnumerable<XElement> WithClass(this XElement root, string cssClass) =>
        root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    /// <summary>Runs <paramref name="action"/> under a culture that writes numbers as German does (decimal comma, '.' grouping, U+2212 minus).</summary>
    /// <remarks>The build sets InvariantGlobalization, under which "de-DE" cannot be created, so the culture is built from the invariant one.</remarks>
    public static T UnderCommaCulture<T>(Func<T> action)
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.NegativeSign = "\u2212";
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            (1.5).ToString().Should().Be("1,5", "the culture must really change number formatting for this test to mean anything");
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}
