using CarTOutcomes.Presentation.Tests;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Presentation.Study;

namespace CarTOutcomes.Presentation.Tests.Study;

/// <summary>The paper's figures drawn from the invented example cohort in data/example.</summary>
public class StudyFiguresTests
{
    private static readonly CarTOutcomes.Clinical.Model.Cohort Example = CohortCsv.Load(RepositoryPaths.Under("data", "example"));

    [Fact]
    public void Swimmer_plot_has_one_lane_per_progressed_patient()
    {
        int progressed = Example.Histories.Count(h => h.FirstProgression is not null);
        progressed.Should().BeGreaterThan(0);
        var svg = SvgAssert.Parse(StudyFigures.TreatmentCourse(Example).ToSvg());
        svg.WithClass("lane").Should().HaveCount(progressed);
    }

    [Fact]
    public void Paired_plot_has_one_pair_per_reinfused_patient_with_both_peaks()
    {
        int pairs = Example.Histories.Count(h => h.Infusions.Count >= 2 && h.Infusions[0].PeakExpansion > 0 && h.Infusions[1].PeakExpansion > 0);
        var svg = SvgAssert.Parse(StudyFigures.ExpansionFirstVersusSecond(Example).ToSvg());
        svg.WithClass("pair").Should().HaveCount(pairs);
    }

    [Fact]
    public void Report_holds_every_figure_of_the_paper()
    {
        var report = StudyReport.Figures(Example, "Example", "Invented patients.");
        report.Sections.SelectMany(s => s.Figures).Should().HaveCount(12, "1A, 1B, 1C, 2, 3A, 3B, 4, then state occupation, LFS and current LFS, Simon-Makuch and landmarks at 3 and 6 months (issue #16)");
        var km = SvgAssert.Parse(StudyFigures.OverallSurvival(Example).ToSvg());
        km.WithClass("curve").Should().HaveCount(1);
    }

    [Fact]
    public void Figures_default_to_the_papers_month_take_another_month_and_refuse_days()
    {
        string Svg(CarTOutcomes.Clinical.Model.TimeUnit? m) => StudyFigures.OverallSurvival(Example, month: m).ToSvg();
        Svg(null).Should().Be(Svg(CarTOutcomes.Clinical.Model.TimeUnit.Months365));
        Svg(CarTOutcomes.Clinical.Model.TimeUnit.Months).Should().NotBe(Svg(null), "the same days fall at other months");
        var act = () => StudyFigures.TreatmentCourse(Example, CarTOutcomes.Clinical.Model.TimeUnit.Days);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*months*");
        var options = () => new CohortReportOptions { Month = CarTOutcomes.Clinical.Model.TimeUnit.Days };
        options.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Months or Months365*");
        new CohortReportOptions().Month.Should().Be(CarTOutcomes.Clinical.Model.TimeUnit.Months);
    }
}
