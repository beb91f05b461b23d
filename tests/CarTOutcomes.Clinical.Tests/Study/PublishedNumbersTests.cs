using CarTOutcomes.Clinical.Study;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>
/// Tables 1-5, Figures 1 and 3 and the text, reproduced from the shipped synthetic cohort: every followed number
/// agrees at its printed precision, except the known misses committed in docs/reconstruction-known-misses.txt
/// (with their reasons, summarized in docs/reconstruction.md). The test fails when the list is stale either way.
/// </summary>
public class PublishedNumbersTests
{
    private static readonly Lazy<IReadOnlyList<TargetEvaluation>> Results = new(() => TargetRegistry.Evaluate(StudyFiles.Cohort, StudyFiles.Targets));

    private static IReadOnlySet<string> KnownMisses() => File.ReadAllLines(StudyFiles.KnownMissesPath)
        .Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Families() => new("abs_", "meth_", "res_", "disc_", "fig", "t1_", "t2_", "t3_", "t4_", "t5_");

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_followed_number_agrees_or_is_a_listed_known_miss(string prefix)
    {
        var known = KnownMisses();
        var followed = Results.Value.Where(r => r.Target.Followed && r.Target.Id.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        followed.Should().NotBeEmpty();
        var missing = followed.Where(r => !r.Agrees).Select(r => $"{r.Target.Id} (published {r.Target.Value}, reproduced {r.Reproduced})")
            .Where(s => !known.Contains(s.Split(' ')[0])).ToArray();
        missing.Should().BeEmpty("every followed number must agree or be a listed known miss");
        var stale = followed.Where(r => r.Agrees && known.Contains(r.Target.Id)).Select(r => r.Target.Id).ToArray();
        stale.Should().BeEmpty("a number that now agrees must be removed from the known-miss list");
    }

    /// <summary>
    /// How many published numbers the shipped cohort reproduces (docs/reconstruction.md). A floor, not a mirror of the
    /// list above: a change that loses an agreeing number fails here even if the number is re-listed as a known miss.
    /// Raise it when a better cohort is shipped. "Better" is the reconstruction's order, headline numbers first: the cohort
    /// laid out by the Kaplan–Meier layer reproduces 7 more headline numbers than the one before it (168 for 161, the OS
    /// median 13 (9.11–23.34) among them) and 4 fewer in all (462 for 466), so this floor went down once, on purpose
    /// (docs/reconstruction.md, "The constructive layer"). The family layer then raised it to 494 ("The family layer"),
    /// and the EM site of the first progression, exchanged among four patients, to 495.
    /// </summary>
    private const int ShippedAgreeing = 495;

    [Fact]
    public void The_shipped_cohort_reproduces_at_least_the_shipped_count()
    {
        Results.Value.Count.Should().Be(585, "data/published/targets.csv records 585 published numbers");
        Results.Value.Count(r => r.Agrees).Should().BeGreaterThanOrEqualTo(ShippedAgreeing);
    }

    /// <summary>
    /// Followed headline numbers (abstract, Figure 1, Figure 3 captions, Results on outcomes, progression and salvage;
    /// <see cref="CarTOutcomes.Clinical.Study.Reconstruction.ContinuationScore.IsHeadline"/>) the shipped cohort
    /// reproduces: a floor, as <see cref="ShippedAgreeing"/>. Raise it when a better cohort is shipped.
    /// </summary>
    private const int ShippedHeadlineAgreeing = 169;

    [Fact]
    public void The_shipped_cohort_reproduces_at_least_the_shipped_count_of_headline_numbers()
    {
        var headline = Results.Value.Where(r => CarTOutcomes.Clinical.Study.Reconstruction.ContinuationScore.IsHeadline(r.Target)).ToArray();
        headline.Should().HaveCount(189, "the followed ones of 10 abstract, 10 Figure 1, 10 Figure 3 and 42 + 47 + 78 Results numbers");
        headline.Count(r => r.Agrees).Should().BeGreaterThanOrEqualTo(ShippedHeadlineAgreeing);
    }

    [Fact]
    public void The_known_miss_list_names_only_followed_targets_and_accounts_for_every_miss()
    {
        var ids = StudyFiles.Targets.Where(t => t.Followed).Select(t => t.Id).ToHashSet();
        KnownMisses().Should().OnlyContain(id => ids.Contains(id));
        int agreeing = Results.Value.Count(r => r.Agrees);
        agreeing.Should().Be(Results.Value.Count - KnownMisses().Count - Results.Value.Count(r => !r.Target.Followed && !r.Agrees));
    }

    [Fact]
    public void Each_followed_hr_lies_inside_its_published_ci_whether_or_not_its_digits_agree()
    {
        var byId = Results.Value.ToDictionary(r => r.Target.Id);
        var hrs = Results.Value.Where(r => r.Target.Statistic == "hr" && r.Target.Followed).ToArray();
        hrs.Length.Should().BeGreaterThanOrEqualTo(38, "Tables 2 and 3 and the text print 38 followed HRs with a CI");
        foreach (var r in hrs)
        {
            var lower = byId[r.Target.Id + "_lower"];
            var upper = byId[r.Target.Id + "_upper"];
            r.Reproduced.Should().NotBeNull(r.Target.Id);
            r.Reproduced.Should().BeInRange(lower.Target.Value - 0.5 * Math.Pow(10, -lower.Target.Precision),
                upper.Target.Value + 0.5 * Math.Pow(10, -upper.Target.Precision), r.Target.Id);
        }
    }
}
