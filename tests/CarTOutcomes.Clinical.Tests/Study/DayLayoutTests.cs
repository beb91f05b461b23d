using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study.Reconstruction;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>The constructive layer's entry point: a day layout put into a cohort the reconstruction made (docs/reconstruction.md).</summary>
public class DayLayoutTests
{
    private static Cohort Shipped => StudyFiles.Cohort;

    [Fact]
    public void Listed_days_are_set_and_every_other_row_stays()
    {
        var alive = Shipped.FollowUps.First(f => f.PatientId.StartsWith("SYN", StringComparison.Ordinal) && f.Status == VitalStatus.Alive
                                              && Shipped.History(f.PatientId).FirstProgression is null);
        var laid = CohortReconstruction.ApplyLayout(Shipped, [new DayLayout(alive.PatientId, alive.LastContactDay + 10.25)]);
        laid.FollowUps.Single(f => f.PatientId == alive.PatientId).LastContactDay.Should().Be(alive.LastContactDay + 10.25);
        laid.FollowUps.Where(f => f.PatientId != alive.PatientId).Should().Equal(Shipped.FollowUps.Where(f => f.PatientId != alive.PatientId));
        laid.Progressions.Should().Equal(Shipped.Progressions);
        laid.SalvageLines.Should().Equal(Shipped.SalvageLines);
    }

    [Fact]
    public void A_progression_day_moves_the_course_after_it_and_the_end_is_the_one_listed()
    {
        var h = Shipped.Histories.First(x => x.Patient.Id.StartsWith("SYN", StringComparison.Ordinal) && x.FirstProgression?.Type == ProgressionType.Relapse
                                             && x.SalvageLines.Count > 0 && x.FirstProgression.Day + 5 <= 730);
        double end = h.EndDay + 30;
        var laid = CohortReconstruction.ApplyLayout(Shipped, [new DayLayout(h.Patient.Id, end, h.FirstProgression!.Day + 5)]);
        var after = laid.History(h.Patient.Id);
        after.FirstProgression!.Day.Should().Be(h.FirstProgression.Day + 5);
        after.SalvageLines[0].StartDay.Should().Be(h.SalvageLines[0].StartDay + 5, "the lead from progression to the first line is kept");
        after.EndDay.Should().Be(end);
    }

    [Fact]
    public void Rows_the_model_cannot_take_are_refused_with_the_patient_and_the_range()
    {
        // a non-progressed patient alive at last contact (the two early deaths have their own range, 16-25 days)
        var nonProgressed = Shipped.Histories.First(x => x.FirstProgression is null && !x.Died).Patient.Id;
        var progressed = Shipped.Histories.First(x => x.FirstProgression is not null).Patient.Id;
        void Refused(DayLayout[] rows, int index, string message)
        {
            var act = () => CohortReconstruction.ApplyLayout(Shipped, rows);
            act.Should().Throw<DayLayoutException>().WithMessage(message).Which.Index.Should().Be(index);
        }
        Refused([new DayLayout("P99", 100)], 0, "*'P99' is not one of the reconstruction's 56 patients*");
        Refused([new DayLayout(progressed, 5000), new DayLayout(progressed, 5000)], 0, $"*'{progressed}'*not allowed*");
        var end = Shipped.History(progressed).EndDay;
        Refused([new DayLayout(progressed, end), new DayLayout(progressed, end)], 1, $"*'{progressed}' is listed twice*");
        Refused([new DayLayout(nonProgressed, 700, 100)], 0, $"*'{nonProgressed}' did not progress*");
        Refused([new DayLayout(nonProgressed, 300)], 0, "*alive without progression*at least 600 days, not 300*");
        Refused([new DayLayout(nonProgressed, 10)], 0, "*day 10 is not allowed*..3500 in steps of 0.25 day*");
        Refused([new DayLayout(nonProgressed, 700.1)], 0, "*steps of 0.25 day*");
    }
}
