using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.Clinical.Tests.Support;
using CarTOutcomes.IO.Cohort;

namespace CarTOutcomes.Clinical.Tests.Study;

public class ReconstructionTests
{
    private static byte[][] Files(string dir) => Directory.GetFiles(dir, "*.csv").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    [Fact]
    public void The_same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        using var c = new TempDir();
        var options = new ReconstructionOptions(Seed: 7, Iterations: 40);
        CohortCsv.Write(CohortReconstruction.Run(StudyFiles.Targets, options).Cohort, a.Path);
        CohortCsv.Write(CohortReconstruction.Run(StudyFiles.Targets, options).Cohort, b.Path);
        CohortCsv.Write(CohortReconstruction.Run(StudyFiles.Targets, options with { Seed = 8 }).Cohort, c.Path);
        Files(a.Path).Should().BeEquivalentTo(Files(b.Path), o => o.WithStrictOrdering());
        Files(a.Path).Zip(Files(c.Path)).Any(p => !p.First.SequenceEqual(p.Second)).Should().BeTrue();
    }

    [Fact]
    public void Any_budget_keeps_the_scripted_counts_and_the_search_does_not_lose_ground()
    {
        var start = CohortReconstruction.Run(StudyFiles.Targets, new ReconstructionOptions(Seed: 3, Iterations: 0));
        var later = CohortReconstruction.Run(StudyFiles.Targets, new ReconstructionOptions(Seed: 3, Iterations: 60));
        later.Objective.Should().BeLessThanOrEqualTo(start.Objective);
        foreach (var r in new[] { start, later })
        {
            var results = TargetRegistry.Evaluate(r.Cohort, StudyFiles.Targets).ToDictionary(x => x.Target.Id);
            foreach (var id in new[] { "res_cr_n", "res_cr_mrdneg_n", "res_cr_mrdpos_n", "res_cr_mrdunk_n", "res_refractory_n", "res_relapsed_of_progressed_n",
                         "res_not_evaluable_n", "res_deaths_n", "res_death_progression_n", "res_death_trm_n", "res_death_unknown_n",
                         "res_first_salvage_intensive_n", "res_first_salvage_nonintensive_n", "res_first_salvage_blinino_n", "res_first_salvage_reinfusion_n",
                         "t1_male_sex_relapse_n", "t1_bridging_intensive_norelapse_n", "t1_icans_grade3plus_relapse_n", "abs_salvage_cr_n" })
                results[id].Agrees.Should().BeTrue(id);
        }
    }

    /// <summary>
    /// The refinement (focused block annealing, coordinate and exchange polish) on a few targets, so that it runs in
    /// seconds: it is deterministic and never ends worse than the annealing alone at the same seed.
    /// </summary>
    [Fact]
    public void The_refinement_is_deterministic_and_improves_on_the_annealing_alone()
    {
        var few = StudyFiles.Targets.Where(t => t.Id.StartsWith("t1_age_", StringComparison.Ordinal) || t.Id.StartsWith("t2_age_gt40", StringComparison.Ordinal)
                                               || t.Id.StartsWith("t1_steroid_dose", StringComparison.Ordinal) || t.Id.StartsWith("t2_male", StringComparison.Ordinal)).ToArray();
        few.Length.Should().BeGreaterThan(15);
        var options = new ReconstructionOptions(Seed: 5, Iterations: 1000) { RefinementMoves = 60, PolishSweeps = 1 };
        var refined = CohortReconstruction.Run(few, options);
        var again = CohortReconstruction.Run(few, options);
        var plain = CohortReconstruction.Run(few, options with { Refine = false });
        again.Objective.Should().Be(refined.Objective);
        refined.Objective.Should().BeLessThan(plain.Objective);
        refined.Agreeing.Should().BeGreaterThanOrEqualTo(plain.Agreeing);
    }

    [Fact]
    public void Negative_refinement_settings_are_rejected()
    {
        var act = () => CohortReconstruction.Run(StudyFiles.Targets, new ReconstructionOptions(Seed: 1, Iterations: 10) { RefinementMoves = -1 });
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*RefinementMoves*");
    }

    [Fact]
    public void The_shipped_cohort_says_it_is_synthetic()
    {
        File.ReadAllText(Path.Combine(StudyFiles.CohortPath, "README.md")).Should().Contain("SYNTHETIC").And.Contain("not the study's patients");
        StudyFiles.Cohort.Patients.Should().HaveCount(56);
        StudyFiles.Cohort.Patients.Select(p => p.Id).Should().OnlyContain(id => id.StartsWith("SYN", StringComparison.Ordinal) || id.StartsWith("MSK", StringComparison.Ordinal));
        StudyFiles.Cohort.Patients.Count(p => p.Id.StartsWith("MSK", StringComparison.Ordinal)).Should().Be(19);
    }

    [Fact]
    public void A_cancelled_search_stops_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => CohortReconstruction.Run(StudyFiles.Targets, new ReconstructionOptions(Seed: 7, Iterations: 40), null, cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Cancelling_mid_search_stops_it_and_progress_was_reported_before()
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<double>();
        var progress = new SynchronousProgress(f => { reports.Add(f); if (f >= 0.5) cts.Cancel(); });
        var act = () => CohortReconstruction.Run(StudyFiles.Targets, new ReconstructionOptions(Seed: 7, Iterations: 200), progress, cts.Token);
        act.Should().Throw<OperationCanceledException>();
        reports.Should().NotBeEmpty().And.OnlyContain(f => f > 0 && f < 1);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
