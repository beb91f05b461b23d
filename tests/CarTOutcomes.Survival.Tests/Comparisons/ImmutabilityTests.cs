using System.Reflection;
using CarTOutcomes.Survival.Comparisons;

namespace CarTOutcomes.Survival.Tests.Comparisons;

public class ImmutabilityTests
{
    [Fact]
    public void Comparison_results_are_sealed_without_public_setters_or_constructors()
    {
        var types = typeof(FisherExactResult).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "CarTOutcomes.Survival.Comparisons" && t.IsClass && !t.IsAbstract)
            .Where(t => !(t.IsSealed && t.IsAbstract)) // static classes
            .ToList();
        types.Should().Contain([typeof(FisherExactResult), typeof(ChiSquareResult), typeof(WilcoxonResult), typeof(KruskalWallisResult),
            typeof(ContinuousSummary), typeof(CategoricalSummary), typeof(ConfidenceInterval)]);
        foreach (var t in types)
        {
            t.IsSealed.Should().BeTrue(t.Name);
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true)
                .Should().BeEmpty($"{t.Name} must be immutable");
            t.GetConstructors().Should().BeEmpty($"{t.Name} is created by its test, not by callers");
        }
    }
}
