using System.Reflection;

namespace CarTOutcomes.Cli.Tests.Architecture;

/// <summary>Dependencies point one way: presentation → IO → domain → engine. The engine knows nothing of CAR T.</summary>
public class LayeringTests
{
    private static readonly Assembly Engine = typeof(CarTOutcomes.Survival.Data.SurvivalData).Assembly;
    private static readonly Assembly Domain = typeof(CarTOutcomes.Clinical.Model.Cohort).Assembly;
    private static readonly Assembly Io = typeof(CarTOutcomes.IO.Tabular.ColumnTable).Assembly;
    private static readonly Assembly Presentation = typeof(CarTOutcomes.Presentation.Figures.SvgDocument).Assembly;

    private static string[] References(Assembly a) => a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("CarTOutcomes")).ToArray();

    [Fact]
    public void Each_layer_references_only_the_layers_below_it()
    {
        References(Engine).Should().BeEmpty();
        References(Domain).Should().BeEquivalentTo(["CarTOutcomes.Survival"]);
        References(Io).Should().OnlyContain(n => n == "CarTOutcomes.Survival" || n == "CarTOutcomes.Clinical");
        References(Presentation).Should().NotContain("cartoutcomes").And.NotContain("CarTOutcomes.Cli");
    }

    [Fact]
    public void The_engine_names_nothing_clinical()
    {
        string[] clinical = ["CarT", "Car_T", "Infusion", "Salvage", "Patient", "Transplant", "Leukemia", "Blinatumomab"];
        // The product's own name, CarTOutcomes, is the namespace root and is left out of the check.
        var names = Engine.GetTypes().Where(t => t.IsPublic).SelectMany(t => new[] { t.FullName!.Replace("CarTOutcomes.", "") }
            .Concat(t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => t.Name + "." + m.Name)));
        names.Where(n => clinical.Any(c => n.Contains(c, StringComparison.OrdinalIgnoreCase))).Should().BeEmpty();
    }
}
