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

/// <summary>Every public result type, and lists of them, display as our HTML tables in a notebook (issue #14).</summary>
public class NotebookResultFormatterTests
{
    private static readonly System.Text.RegularExpressions.Regex ResultName = new("(Result|Estimate|Coefficient|Quantile|Curve|Test|TermTest|Concordance|Table)$");

    [Fact]
    public void Every_public_result_type_carries_the_formatter_attribute()
    {
        var assemblies = new[] { typeof(CarTOutcomes.Survival.Estimators.KaplanMeierResult).Assembly, typeof(CarTOutcomes.Clinical.Tables.BaselineTable).Assembly,
            typeof(CarTOutcomes.Presentation.Tables.PublicationTable).Assembly };
        var results = assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.IsSealed && !t.IsAbstract && ResultName.IsMatch(t.Name) && t.Name != "TextTable" /* a terminal writer, not a result */).ToArray();
        results.Should().Contain(t => t.Name == "SurvivalEstimate").And.Contain(t => t.Name == "CoxCoefficient").And.Contain(t => t.Name == "BaselineTable");
        results.Where(t => !t.GetCustomAttributes(false).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void Small_results_and_lists_of_them_render_as_tables_at_sensible_precision()
    {
        var curve = FigureData.AmlCurves()[0];
        var at = Formatter.ToDisplayString(curve.At(12), "text/html");
        at.Should().StartWith("<table class=\"cartoutcomes-result SurvivalEstimate\"").And.NotContain("dni-treeview");
        at.Should().Contain($">{CarTOutcomes.Presentation.Text.Number.Significant(curve.At(12).Survival, 4)}<").And.NotContain(curve.At(12).Survival.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        var cr = CarTOutcomes.Survival.CompetingRisks.CumulativeIncidence.Fit(CarTOutcomes.Survival.CompetingRisks.CompetingRisksData.Create([1, 2, 3, 4, 5, 6], [1, 2, 1, 0, 1, 1]));
        Formatter.ToDisplayString(cr.Curves[0].At(3), "text/html").Should().StartWith("<table class=\"cartoutcomes-result CumulativeIncidenceEstimate\"");
        var data = CarTOutcomes.Survival.Data.SurvivalData.RightCensored([5, 8, 3, 9, 4, 6, 2, 7], [true, false, true, true, false, true, true, false]);
        var fit = CarTOutcomes.Survival.Cox.CoxModel.Fit(data, [[1.0, 0, 1, 0, 1, 0, 1, 1], [50.0, 61, 47, 70, 55, 64, 58, 49]], ["arm", "age"]);
        var list = Formatter.ToDisplayString(fit.Coefficients, "text/html");
        System.Text.RegularExpressions.Regex.Matches(list, "<table class=\"cartoutcomes-result coefficient\"").Count.Should().Be(2, "each coefficient of the list is our table");
        list.Should().Contain(CarTOutcomes.Presentation.Text.NumberStyle.Default.P(fit.Coefficients[0].PValue));
    }

    [Fact]
    public void Tables_render_as_html_tables()
    {
        var t = new CarTOutcomes.Presentation.Tables.PublicationTable("T", "Characteristic", [new("P")],
            [new("a", "Age", CarTOutcomes.Presentation.Tables.TableRowKind.Label, [CarTOutcomes.Presentation.Tables.TableCell.P(0.0004)])]);
        Formatter.ToDisplayString(t, "text/html").Should().StartWith("<table class=\"publication-table\"").And.Contain("&lt;.001");
        var cohort = CarTOutcomes.IO.Cohort.CohortCsv.Load(RepositoryPaths.Under("data", "example"));
        Formatter.ToDisplayString(CarTOutcomes.Presentation.Study.CohortReport.Table1(cohort), "text/html").Should().StartWith("<table class=\"baseline-table\"");
    }
}
