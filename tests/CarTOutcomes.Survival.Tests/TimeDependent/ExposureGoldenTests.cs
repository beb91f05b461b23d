using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Testing;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.Tests.TimeDependent;

/// <summary>Hand-computed checks of the time-dependent group estimators, and their refusals of bad rows.</summary>
public sealed class ExposureGoldenTests
{
    // Subject a is unexposed on (0, 2] and exposed on (2, 5] (event at 5); b unexposed, event at 3; c exposed from 0,
    // event at 4; d unexposed, event at 6. Rows deliberately out of order.
    private static readonly string[] Ids = ["a", "d", "b", "a", "c"];
    private static readonly SurvivalData Rows = SurvivalData.CountingProcess(
        [2, 0, 0, 0, 0], [5, 6, 3, 2, 4], [true, true, true, false, true]).WithIds(Ids);
    private static readonly string[] Exposed = ["1", "0", "0", "0", "1"];

    [Fact]
    public void Mantel_byar_by_hand()
    {
        // t=3: n0=2 (b, d), n1=2 (a, c), one death in 0: E0 += 1/2, V += 1·2·3/(4·3) − that·2/4 = 1/4.
        // t=4: n0=1 (d), n1=2 (a, c), one death in 1: E0 += 1/3, V += 1·1·2/(3·2) − that·1/3 = 2/9.
        // t=5: n0=1, n1=1, one death in 1: E0 += 1/2, V += 1/4.  t=6: d alone: E0 += 1, no variance.
        var test = MantelByar.Test(Rows, Exposed);
        test.Groups[0].Observed.Should().Be(2);
        test.Groups[0].Expected.Should().BeApproximately(7.0 / 3, 1e-14);
        test.Groups[1].Expected.Should().BeApproximately(5.0 / 3, 1e-14);
        test.Variance(0, 0).Should().BeApproximately(13.0 / 18, 1e-14);
        test.ChiSquare.Should().BeApproximately(2.0 / 13, 1e-14);
        test.Groups.Select(g => g.N).Should().Equal(3, 2); // a is counted in both groups
    }

    [Fact]
    public void Treating_the_exposure_as_baseline_gives_a_different_answer()
    {
        // Subject a now exposed at 3.5, after b's death at 3. The immortal-time mistake counts a as exposed from 0.
        var rows = SurvivalData.CountingProcess([3.5, 0, 0, 0, 0], [5, 6, 3, 3.5, 4], [true, true, true, false, true]).WithIds(Ids);
        var timeDependent = MantelByar.Test(rows, Exposed);
        var baseline = LogRank.Test(SurvivalData.RightCensored([5, 6, 3, 4], [true, true, true, true]), ["1", "0", "0", "1"]);
        baseline.ChiSquare.Should().NotBeApproximately(timeDependent.ChiSquare, 1e-3);
    }

    [Fact]
    public void Extended_kaplan_meier_by_hand_and_switching_is_not_censoring()
    {
        var curves = ExtendedKaplanMeier.Fit(Rows, Exposed);
        var unexposed = curves.Single(c => c.Group == "0");
        // times 2 (a leaves the unexposed curve: not a censoring), 3 (b dies of 3 at risk), 6 (d dies, alone)
        unexposed.Time.Should().Equal(2, 3, 6);
        unexposed.NumberAtRisk.Should().Equal(3, 2, 1);
        unexposed.NumberCensored.Should().Equal(0, 0, 0);
        unexposed.Survival[1].Should().BeApproximately(1.0 / 2, 1e-15);
        var exposed = curves.Single(c => c.Group == "1");
        exposed.Time.Should().Equal(4, 5);
        exposed.NumberAtRisk.Should().Equal(2, 1); // a entered the exposed curve at 2
        exposed.Survival.Should().Equal(0.5, 0);
    }

    [Fact]
    public void Landmark_keeps_the_event_free_and_groups_by_status_at_the_landmark()
    {
        var fit = Landmark.Fit(Rows, Exposed, [1, 2, 3.5]);
        fit[0].Subjects.Should().Be(4);
        fit[0].Curves.Single(c => c.Group == "0").Records.Should().Be(3); // a is unexposed at 1
        fit[1].Curves.Single(c => c.Group == "1").Records.Should().Be(2); // exposed at 2 itself counts as exposed by 2
        fit[2].Subjects.Should().Be(3); // b died at 3
        fit[2].Curves.Single(c => c.Group == "1").Time.Should().Equal(0.5, 1.5); // times from the landmark
    }

    [Fact]
    public void Overlapping_intervals_name_the_subject_and_both_rows()
    {
        var data = SurvivalData.CountingProcess([0, 5, 0], [10, 12, 4], [false, true, true]).WithIds(["s1", "s1", "s2"]);
        var act = () => ExtendedKaplanMeier.Fit(data, ["0", "1", "0"]);
        var e = act.Should().Throw<SubjectRowsException>().Which;
        e.Subject.Should().Be("s1");
        e.Rows.Should().Equal(0, 1);
        e.Message.Should().Contain("Subject 's1' has overlapping intervals").And.Contain("index 0 covers (0, 10]").And.Contain("index 1 covers (5, 12]");
        e.Describe(i => $"row {i + 1}").Should().Contain("row 1 covers (0, 10] and row 2 covers (5, 12]");
        var test = () => MantelByar.Test(data, ["0", "1", "0"]);
        test.Should().Throw<SubjectRowsException>().Which.Subject.Should().Be("s1");
    }

    [Fact]
    public void Rows_without_ids_are_refused()
    {
        var act = () => MantelByar.Test(SurvivalData.CountingProcess([0, 0], [5, 9], [true, false]), ["0", "1"]);
        act.Should().Throw<ArgumentException>().WithMessage("*need subject ids*");
    }

    [Fact]
    public void Two_events_of_one_subject_are_refused()
    {
        var data = SurvivalData.CountingProcess([0, 5], [5, 9], [true, true]).WithIds(["s", "s"]);
        var act = () => ExtendedKaplanMeier.Fit(data, ["0", "1"]);
        act.Should().Throw<SubjectRowsException>().WithMessage("*Subject 's' has an event in each of the row at index 0, the row at index 1*");
    }
}
