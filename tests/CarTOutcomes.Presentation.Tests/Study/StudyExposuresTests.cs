using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.IO.Cohort;

namespace CarTOutcomes.Presentation.Tests.Study;

/// <summary>The exposures after infusion on the shipped (synthetic) cohort: the numbers quoted in issue #16.</summary>
public sealed class StudyExposuresTests
{
    private static readonly Lazy<CarTOutcomes.Clinical.Model.Cohort> Shipped =
        new(() => CohortCsv.Load(Path.Combine(RepositoryPaths.Root, "data", "cohort")));

    [Fact]
    public void Consolidative_hsct_moves_from_the_baseline_hr_to_the_time_dependent_one()
    {
        var m = StudyExposures.ConsolidativeHsct(Shipped.Value);
        Console.WriteLine($"baseline {m.Baseline.HazardRatio} ({m.Baseline.Lower}-{m.Baseline.Upper}) p={m.Baseline.PValue}; td {m.TimeDependent.HazardRatio} ({m.TimeDependent.Lower}-{m.TimeDependent.Upper}) p={m.TimeDependent.PValue}; n={m.Transplanted}");
        m.Baseline.HazardRatio.Should().BeApproximately(0.42, 0.005);
        m.Baseline.PValue.Should().BeApproximately(0.054, 0.0005);
        m.TimeDependent.HazardRatio.Should().BeApproximately(1.20, 0.005);
        m.TimeDependent.Lower.Should().BeApproximately(0.47, 0.005);
        m.TimeDependent.Upper.Should().BeApproximately(3.08, 0.005);
    }
}
