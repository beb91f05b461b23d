using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.Clinical.Tests.Support;
using CarTOutcomes.IO.Cohort;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>The continuation stage (docs/reconstruction.md, "Continuation"): read-back, never-worse acceptance, determinism, checkpoints.</summary>
public class ContinuationTests
{
    private static byte[][] Files(string dir) => Directory.GetFiles(dir, "*.csv").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();

    private static string ShippedBanner => File.ReadLines(Path.Combine(StudyFiles.CohortPath, "patients.csv")).First()[2..];

    [Fact]
    public void The_shipped_cohort_is_read_back_into_the_values_that_build_it_again_byte_for_byte()
    {
        var bp = new Blueprint();
        var builder = new CohortBuilder(bp);
        var genome = GenomeReader.Read(bp, builder, StudyFiles.Cohort);
        using var dir = new TempDir();
        CohortCsv.Write(builder.Build(genome), dir.Path, ShippedBanner);
        Files(dir.Path).Should().BeEquivalentTo(Files(StudyFiles.CohortPath), o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_cohort_with_searched_leads_and_quarter_day_deaths_is_read_back_too()
    {
        var bp = new Blueprint();
        var builder = new CohortBuilder(bp);
        var genome = GenomeReader.Read(bp, builder, StudyFiles.Cohort);
        int msk15 = bp.IndexOfLabel("MSK15"), msk7 = bp.IndexOfLabel("MSK7"), s1 = bp.IndexOfLabel("S1");
        genome[Gene.Lead, msk15] = 5;
        genome[Gene.Spacing, msk15] = 40;
        genome[Gene.Lead, msk7] = 9;
        genome[Gene.Lead, s1] = 4;
        genome[Gene.Survival, msk7] += 0.25;
        var cohort = builder.Build(genome);
        cohort.SalvageLines.First(l => l.PatientId == "MSK15").StartDay.Should().Be(genome[Gene.ProgressionDay, msk15] + 5);
        var again = builder.Build(GenomeReader.Read(bp, builder, cohort));
        using var a = new TempDir();
        using var b = new TempDir();
        CohortCsv.Write(cohort, a.Path);
        CohortCsv.Write(again, b.Path);
        Files(b.Path).Should().BeEquivalentTo(Files(a.Path), o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_cohort_the_model_cannot_make_is_refused_with_the_patient_and_the_row()
    {
        var c = StudyFiles.Cohort;
        var lines = c.SalvageLines.Select(l => l.PatientId == "MSK15" && l.Number == 1 ? l with { StartDay = l.StartDay + 0.5 } : l).ToArray();
        var edited = Cohort.Create(c.Patients, c.Infusions, c.Responses, c.Progressions, lines, c.Transplants, c.FollowUps, c.AdverseEvents, c.DonorLymphocyteInfusions);
        var bp = new Blueprint();
        var act = () => GenomeReader.Read(bp, new CohortBuilder(bp), edited);
        act.Should().Throw<InvalidDataException>().WithMessage("*MSK15*");
        var fewer = Cohort.Create(c.Patients.Where(p => p.Id != "SYN05"), c.Infusions.Where(p => p.PatientId != "SYN05"), c.Responses.Where(p => p.PatientId != "SYN05"),
            c.Progressions.Where(p => p.PatientId != "SYN05"), c.SalvageLines.Where(p => p.PatientId != "SYN05"), c.Transplants.Where(p => p.PatientId != "SYN05"),
            c.FollowUps.Where(p => p.PatientId != "SYN05"), c.AdverseEvents.Where(p => p.PatientId != "SYN05"), c.DonorLymphocyteInfusions.Where(p => p.PatientId != "SYN05"));
        var missing = () => GenomeReader.Read(bp, new CohortBuilder(bp), fewer);
        missing.Should().Throw<InvalidDataException>().WithMessage("Patient SYN05 *missing*");
    }

    [Fact]
    public void A_searched_lead_starts_the_first_line_early_and_every_line_still_fits_before_the_printed_day()
    {
        var bp = new Blueprint();
        var msk15 = bp.Patients[bp.IndexOfLabel("MSK15")];
        var even = CohortBuilder.LineStarts(msk15, 700, 50);
        // Stage 1: evenly spaced from the progression to the printed day (700 + 800 / 3 = 966.7).
        even.Should().Equal(967, 1233, 1500);
        // 705 + 795 / 2 = 1102.5, rounded half to even.
        CohortBuilder.LineStarts(msk15, 700, 50, lead: 5).Should().Equal(705, 1102, 1500);
        CohortBuilder.LineStarts(msk15, 700, 50, lead: 5, spacing: 40).Should().Equal(705, 745, 1500);
        // A lead beyond the room before the printed day is capped: 12 days per line are left.
        CohortBuilder.LineStarts(msk15, 700, 50, lead: 790, spacing: 400).Should().Equal(1476, 1488, 1500);
    }

    [Fact]
    public void The_continuation_never_loses_an_agreeing_headline_number_or_the_count_and_is_deterministic()
    {
        var options = new ContinuationOptions(Seed: 3, Iterations: 60) { BlockSize = 20 };
        var a = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options);
        var b = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options);
        using var da = new TempDir();
        using var db = new TempDir();
        CohortCsv.Write(a.Cohort, da.Path);
        CohortCsv.Write(b.Cohort, db.Path);
        Files(da.Path).Should().BeEquivalentTo(Files(db.Path), o => o.WithStrictOrdering());

        var before = TargetRegistry.Evaluate(StudyFiles.Cohort, StudyFiles.Targets);
        var after = TargetRegistry.Evaluate(a.Cohort, StudyFiles.Targets);
        a.StartPublishedAgreeing.Should().Be(before.Count(e => e.Agrees));
        a.PublishedAgreeing.Should().Be(after.Count(e => e.Agrees)).And.BeGreaterThanOrEqualTo(a.StartPublishedAgreeing!.Value);
        var lost = before.Zip(after).Where(p => ContinuationScore.IsHeadline(p.First.Target) && p.First.Agrees && !p.Second.Agrees).Select(p => p.First.Target.Id);
        lost.Should().BeEmpty();
        a.HeadlineAgreeing.Should().BeGreaterThanOrEqualTo(a.StartHeadlineAgreeing!.Value);
    }

    [Fact]
    public void The_continuation_never_changes_a_patients_vital_status_and_ends_the_OS_curve_censored()
    {
        // The death flag of the non-progressed patients is neither flipped nor swapped by the continuation.
        ContinuationSearch.Flipped.Should().NotContain(Attr.Dead);
        Blueprint.Counts(Attr.Dead).Should().BeNull("an attribute with counts would be swapped between patients");
        var result = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, new ContinuationOptions(Seed: 2, Iterations: 200) { BlockSize = 50 });
        var before = StudyFiles.Cohort.FollowUps.ToDictionary(f => f.PatientId, f => f.Status);
        result.Cohort.FollowUps.Select(f => (f.PatientId, f.Status)).Should().BeEquivalentTo(before.Select(p => (p.Key, p.Value)));
        result.Cohort.FollowUps.Count(f => f.Status == VitalStatus.Dead).Should().Be(before.Values.Count(v => v == VitalStatus.Dead));
        LastFollowUpsAreCensored(StudyFiles.Cohort).Should().BeTrue("the start ends censored");
        LastFollowUpsAreCensored(result.Cohort).Should().BeTrue();
    }

    private static bool LastFollowUpsAreCensored(Cohort c)
    {
        double last = c.FollowUps.Max(f => f.LastContactDay);
        return c.FollowUps.Where(f => f.LastContactDay == last).All(f => f.Status == VitalStatus.Alive);
    }

    /// <summary>A continuation over every target with a formula, and the shipped cohort's values read back.</summary>
    private static (Blueprint Bp, ContinuationSearch Search, Genome G) ShippedSearch()
    {
        var bp = new Blueprint();
        var search = new ContinuationSearch(bp, StudyFiles.Targets.Where(t => TargetRegistry.HasFormula(t.Id)).ToArray(), new ContinuationOptions(1, 10));
        return (bp, search, search.Read(StudyFiles.Cohort));
    }

    [Fact]
    public void A_death_without_progression_may_come_early_but_an_alive_patient_is_followed_600_days()
    {
        var (bp, search, g) = ShippedSearch();
        search.FollowUpRulesHold(g).Should().BeTrue();
        int dead = Enumerable.Range(0, bp.Count).First(i => !bp.Patients[i].Progressed && !bp.Patients[i].EarlyDeath && g[Attr.Dead, i] == 1);
        int alive = Enumerable.Range(0, bp.Count).First(i => !bp.Patients[i].Progressed && !bp.Patients[i].EarlyDeath && g[Attr.Dead, i] == 0);
        ContinuationSearch.SurvivalRange(bp, dead).Min.Should().Be(20);
        bp.Range(Gene.Survival, dead).Min.Should().BeGreaterThan(20, "stage 1's blueprint keeps its own range; the continuation widens it");
        g[Gene.Survival, dead] = 277;
        search.FollowUpRulesHold(g).Should().BeTrue("a death without progression on day 277 is allowed");
        g[Gene.Survival, alive] = 599.75;
        search.AliveFollowUpsLongEnough(g).Should().BeFalse();
        search.FollowUpRulesHold(g).Should().BeFalse();
        g[Gene.Survival, alive] = 600;
        search.FollowUpRulesHold(g).Should().BeTrue();
    }

    [Fact]
    public void A_state_whose_longest_OS_follow_up_ends_in_a_death_is_recognised()
    {
        var (bp, search, g) = ShippedSearch();
        search.LastOsTimeCensored(g).Should().BeTrue();
        // A progressed patient who died (their survival gene is the time from the last event to death).
        var deadFollowUp = StudyFiles.Cohort.FollowUps.First(f => f.Status == VitalStatus.Dead && bp.IndexOfLabel(f.PatientId) < Blueprint.ProgressedCount);
        int i = bp.IndexOfLabel(deadFollowUp.PatientId);
        double last = StudyFiles.Cohort.FollowUps.Max(f => f.LastContactDay);
        double delta = last - deadFollowUp.LastContactDay;
        g[Gene.Survival, i] += delta;
        search.Build(g).FollowUps.Single(f => f.PatientId == deadFollowUp.PatientId).LastContactDay.Should().Be(last);
        search.LastOsTimeCensored(g).Should().BeFalse("a death on the last day takes the curve to 0 there");
        g[Gene.Survival, i] += 1;
        search.LastOsTimeCensored(g).Should().BeFalse();
        g[Gene.Survival, i] -= delta + 1;
        search.LastOsTimeCensored(g).Should().BeTrue();
    }

    [Fact]
    public void A_move_that_loses_a_headline_number_is_refused_even_when_the_count_rises()
    {
        bool[] headline = [true, false, false, false];
        bool[] followed = [true, true, true, false];
        ContinuationScore S(double cost, params bool[] agrees) => new(cost, agrees, headline, followed);
        var start = S(5, true, false, false, false);
        start.Admits(S(9, false, true, true, false), headline).Should().BeFalse("a headline number is lost");
        start.Admits(S(9, true, false, false, false), headline).Should().BeTrue("equal counts, higher cost: left to the Metropolis rule");
        start.Admits(S(1, true, true, false, false), headline).Should().BeTrue();
        S(1, false, true, true, false).Admits(S(0, false, true, false, false), headline).Should().BeFalse("the count may not fall");
        S(1, true, true, false, false).Admits(S(0, true, false, false, true), headline).Should().BeFalse("a followed number may not be traded for the rejected side of a contradiction");
        start.Admits(S(double.PositiveInfinity, true, true, true, true), headline).Should().BeFalse("an invalid cohort");
    }

    [Fact]
    public void Headline_first_acceptance_lets_other_numbers_fall_but_never_a_headline_number()
    {
        bool[] headline = [true, false, false, false];
        bool[] followed = [true, true, true, false];
        ContinuationScore S(double cost, params bool[] agrees) => new(cost, agrees, headline, followed);
        const ContinuationAcceptance first = ContinuationAcceptance.HeadlineFirst;
        S(1, false, true, true, false).Admits(S(0, false, true, false, false), headline, first).Should().BeTrue("the count may fall");
        S(1, false, true, true, false).Admits(S(0, false, true, false, false), headline, ContinuationAcceptance.NeverWorse).Should().BeFalse();
        S(1, true, true, true, false).Admits(S(0, false, true, true, true), headline, first).Should().BeFalse("a headline number is lost");
        S(1, true, true, true, false).Admits(S(double.PositiveInfinity, true, true, true, true), headline, first).Should().BeFalse("an invalid cohort");
    }

    [Fact]
    public void A_headline_first_continuation_keeps_every_headline_number_and_is_deterministic()
    {
        var options = new ContinuationOptions(Seed: 3, Iterations: 30) { BlockSize = 10, Acceptance = ContinuationAcceptance.HeadlineFirst };
        var targets = StudyFiles.Targets.Where(t => TargetRegistry.HasFormula(t.Id)).ToArray();
        var a = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options);
        var b = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options);
        a.HeadlineAgreeing!.Value.Should().BeGreaterThanOrEqualTo(a.StartHeadlineAgreeing!.Value);
        var startAgrees = TargetRegistry.Evaluate(StudyFiles.Cohort, targets).Select(e => e.Agrees).ToArray();
        var endAgrees = TargetRegistry.Evaluate(a.Cohort, targets).Select(e => e.Agrees).ToArray();
        Enumerable.Range(0, targets.Length).Where(k => ContinuationScore.IsHeadline(targets[k]) && startAgrees[k])
            .Should().OnlyContain(k => endAgrees[k], "no agreeing headline number is lost");
        using var da = new TempDir();
        using var db = new TempDir();
        CohortCsv.Write(a.Cohort, da.Path);
        CohortCsv.Write(b.Cohort, db.Path);
        Files(db.Path).Should().BeEquivalentTo(Files(da.Path), o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_continuation_with_slack_ends_no_worse_than_its_start_and_its_checkpoint_names_the_slack()
    {
        var options = new ContinuationOptions(Seed: 4, Iterations: 30) { BlockSize = 10, Slack = 3 };
        string? last = null;
        var r = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options, checkpoint: text => last = text);
        r.PublishedAgreeing!.Value.Should().BeGreaterThanOrEqualTo(r.StartPublishedAgreeing!.Value);
        r.HeadlineAgreeing!.Value.Should().BeGreaterThanOrEqualTo(r.StartHeadlineAgreeing!.Value);
        last.Should().Contain(" slack=3");
        var act = () => new ContinuationOptions { Slack = -1 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0 or more*");
        var resumeWithout = () => CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options with { Slack = 0 }, last);
        resumeWithout.Should().Throw<InvalidDataException>().WithMessage("*other settings*");
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_ends_where_the_uninterrupted_run_ends()
    {
        var options = new ContinuationOptions(Seed: 5, Iterations: 40) { BlockSize = 10 };
        var saved = new List<string>();
        var whole = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options, checkpoint: saved.Add);
        saved.Should().HaveCount(4);
        var resumed = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options, resume: saved[1]);
        using var a = new TempDir();
        using var b = new TempDir();
        CohortCsv.Write(whole.Cohort, a.Path);
        CohortCsv.Write(resumed.Cohort, b.Path);
        Files(a.Path).Should().BeEquivalentTo(Files(b.Path), o => o.WithStrictOrdering());
        var other = () => CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options with { Seed = 6 }, resume: saved[1]);
        other.Should().Throw<InvalidDataException>().WithMessage("*other settings*seed=5*seed=6*");
        var broken = () => CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options, resume: saved[1][..(saved[1].Length / 2)]);
        broken.Should().Throw<InvalidDataException>().WithMessage("checkpoint*");
    }

    [Fact]
    public void The_focused_phase_ends_no_worse_than_its_start_is_deterministic_and_resumes_family_by_family()
    {
        // No main moves: the phase alone, 40 moves per family, twice through the families.
        var options = new ContinuationOptions(Seed: 7, Iterations: 0) { FocusMoves = 40, FocusRounds = 2 };
        var (_, search, _) = ShippedSearch();
        int families = search.FocusBlocks().Length;
        families.Should().BeGreaterThan(GenomeMoves.CountedAttributes.Length, "every counted attribute is a family, and more");
        var saved = new List<string>();
        var whole = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options, checkpoint: saved.Add);
        saved.Should().HaveCount(2 * families, "a checkpoint after every family of every round");
        saved[^1].Should().Contain(" focus=40 rounds=2");
        whole.PublishedAgreeing!.Value.Should().BeGreaterThanOrEqualTo(whole.StartPublishedAgreeing!.Value);
        whole.HeadlineAgreeing!.Value.Should().BeGreaterThanOrEqualTo(whole.StartHeadlineAgreeing!.Value);
        var targets = StudyFiles.Targets.Where(t => TargetRegistry.HasFormula(t.Id)).ToArray();
        var startAgrees = TargetRegistry.Evaluate(StudyFiles.Cohort, targets).Select(e => e.Agrees).ToArray();
        var endAgrees = TargetRegistry.Evaluate(whole.Cohort, targets).Select(e => e.Agrees).ToArray();
        Enumerable.Range(0, targets.Length).Where(k => ContinuationScore.IsHeadline(targets[k]) && startAgrees[k])
            .Should().OnlyContain(k => endAgrees[k], "no agreeing headline number is lost");
        // No family moves a first progression or a vital status (only baseline values and the salvage leads).
        whole.Cohort.Progressions.Where(p => p.Number == 1).Select(p => (p.PatientId, p.Day))
            .Should().BeEquivalentTo(StudyFiles.Cohort.Progressions.Where(p => p.Number == 1).Select(p => (p.PatientId, p.Day)));
        whole.Cohort.FollowUps.Select(f => (f.PatientId, f.Status))
            .Should().BeEquivalentTo(StudyFiles.Cohort.FollowUps.Select(f => (f.PatientId, f.Status)));

        var resumed = CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, options, resume: saved[families + 3]);
        using var a = new TempDir();
        using var b = new TempDir();
        CohortCsv.Write(whole.Cohort, a.Path);
        CohortCsv.Write(resumed.Cohort, b.Path);
        Files(b.Path).Should().BeEquivalentTo(Files(a.Path), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Focused_phase_settings_out_of_range_are_refused()
    {
        var moves = () => new ContinuationOptions { FocusMoves = -1 };
        moves.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0 or more*");
        var rounds = () => new ContinuationOptions { FocusRounds = 0 };
        rounds.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1 or more*");
        new ContinuationOptions().FocusMoves.Should().Be(0);
        new ContinuationOptions().FocusRounds.Should().Be(1);
    }

    [Fact]
    public void A_cancelled_continuation_stops_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => CohortReconstruction.Continue(StudyFiles.Targets, StudyFiles.Cohort, new ContinuationOptions(1, 40), cancellationToken: cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }
}
