namespace CarTOutcomes.DataFrames.Tests;

/// <summary>The DataFrame adapter sits beside the engine: it references only the engine, and the engine does not reference it or Microsoft.Data.Analysis.</summary>
public class LayeringTests
{
    [Fact]
    public void The_adapter_references_only_the_engine_and_the_engine_knows_no_DataFrame()
    {
        typeof(DataFrameExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("CarTOutcomes"))
            .Should().Equal("CarTOutcomes.Survival");
        typeof(Survival.Formulas.ModelData).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Should().NotContain(n => n.StartsWith("Microsoft.Data.Analysis") || n.StartsWith("CarTOutcomes"));
    }
}
