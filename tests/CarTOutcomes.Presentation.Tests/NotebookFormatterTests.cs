using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Rendering;
using Microsoft.DotNet.Interactive.Formatting;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>Renders through the real .NET Interactive formatter (a test-only package) to check the convention-based hook.</summary>
public class NotebookFormatterTests
{
    [Fact]
    public void A_figure_displays_as_inline_svg()
    {
        var figure = KaplanMeierPlot.Render(FigureData.AmlCurves(), FigureData.AmlOptions);
        var html = Formatter.ToDisplayString(figure, "text/html");
        html.Should().Be(figure.ToSvg());
        html.Should().StartWith("<svg").And.Contain("class=\"risk-table\"");
    }

    [Fact]
    public void A_result_view_displays_as_our_html_tables_and_figure()
    {
        var view = FigureData.AmlCurves().ToHtmlView(FigureData.AmlLogRank());
        var html = Formatter.ToDisplayString(view, "text/html");
        html.Should().Be(view.Html);
        html.Should().Contain("<table class=\"km-summary\"").And.Contain("<svg").And.Contain("<table class=\"logrank-table\"");
    }

    [Fact]
    public void Our_attribute_is_the_one_the_formatter_matches_by_name_not_the_packages_own()
    {
        var attr = typeof(SvgDocument).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        attr.GetType().Assembly.Should().BeSameAs(typeof(SvgDocument).Assembly);
        attr.GetType().IsPublic.Should().BeFalse("the attribute is internal so that the package exposes no .NET Interactive type");
        var packages = typeof(Formatter).Assembly.GetType("Microsoft.DotNet.Interactive.Formatting.TypeFormatterSourceAttribute");
        packages.Should().NotBeNull();
        attr.GetType().Should().NotBe(packages!);
    }

    [Fact]
    public void Engine_results_render_through_our_formatter_named_by_string()
    {
        // The engine's result types carry an internal attribute that names the presentation formatter by string,
        // so the engine needs no reference to presentation (docs/figures.md).
        var curve = FigureData.AmlCurves()[0];
        Formatter.ToDisplayString(curve, "text/html").Should().Contain("<table class=\"km-summary\"");
        Formatter.ToDisplayString(FigureData.AmlLogRank(), "text/html").Should().Contain("<table class=\"logrank-table\"");
        typeof(CarTOutcomes.Survival.Estimators.KaplanMeierResult).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name).Should().NotContain("CarTOutcomes.Presentation", "dependencies point one way");
    }
}
