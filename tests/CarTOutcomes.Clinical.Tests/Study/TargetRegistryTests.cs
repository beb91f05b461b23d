using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>The mechanics of target evaluation, on the invented 8-patient example cohort.</summary>
public class TargetRegistryTests
{
    private static readonly Lazy<(CarTOutcomes.Clinical.Model.Cohort Cohort, IReadOnlyList<TargetEvaluation> Results)> Example = new(() =>
    {
        var c = CohortCsv.Load(StudyFiles.ExamplePath);
        return (c, TargetRegistry.Evaluate(c, StudyFiles.Targets));
    });

    private static TargetEvaluation R(string id) => Example.Value.Results.Single(r => r.Target.Id == id);

    [Fact]
    public void Every_target_gets_a_status_and_every_unevaluable_one_a_reason()
    {
        var results = Example.Value.Results;
        results.Should().HaveCount(StudyFiles.Targets.Count);
        results.Where(r => r.Status == TargetStatus.NotEvaluable).Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Reason));
        results.Where(r => r.Status != TargetStatus.NotEvaluable).Should().OnlyContain(r => r.Reproduced != null && r.Reason == null);
        TargetRegistry.EvaluableIds.Count.Should().BeGreaterThan(500);
        R("meth_alpha").Reason.Should().Contain("rule");
    }

    [Fact]
    public void Counts_follow_the_cohort()
    {
        var c = Example.Value.Cohort;
        R("res_treated_n").Reproduced.Should().Be(c.Patients.Count);
        R("res_progressed_n").Reproduced.Should().Be(c.Histories.Count(h => h.FirstProgression is not null));
        R("res_treated_n").Agrees.Should().Be(c.Patients.Count == 56);
        R("t1_male_sex_relapse_n").Reproduced.Should().Be(c.Histories.Count(h => h.FirstProgression is not null && h.Patient.Sex == Sex.Male));
    }

    [Fact]
    public void Survival_estimates_are_the_engines_in_months_and_percent()
    {
        var os = KaplanMeier.Fit(ClinicalEndpoints.OverallSurvival(Example.Value.Cohort).ToSurvivalData(TimeUnit.Months));
        var median = R("res_os_median");
        if (double.IsNaN(os.Median.Estimate)) median.Status.Should().Be(TargetStatus.NotEvaluable);
        else median.Reproduced.Should().Be(os.Median.Estimate);
        R("res_os_36m_est").Reproduced.Should().BeApproximately(100 * os.At(36).Survival, 1e-12);
    }
}
