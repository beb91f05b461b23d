using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Presentation.Reports;

namespace CarTOutcomes.Presentation.Study;

/// <summary>Assembles the paper's figures from a cohort into a <see cref="Report"/>; callers add tables and comparisons.</summary>
public static class StudyReport
{
    /// <summary>A report opening with <paramref name="notice"/> and holding Figures 1–4 drawn from <paramref name="cohort"/>.</summary>
    /// <param name="cohort">The cohort (for the shipped one: synthetic patients).</param>
    /// <param name="title">The report title.</param>
    /// <param name="notice">What the data are, printed at the top of the report.</param>
    public static Report Figures(Cohort cohort, string title, string notice)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var report = new Report(title, notice);
        report.Add(new ReportSection("Figure 1. EFS, OS and cumulative incidence of relapsed/refractory disease",
            "", "", [StudyFigures.EventFreeSurvival(cohort), StudyFigures.OverallSurvival(cohort), StudyFigures.RelapsedRefractoryIncidence(cohort)]));
        report.Add(new ReportSection("Figure 2. Treatment course of patients who progressed", "", "", [StudyFigures.TreatmentCourse(cohort)]));
        report.Add(new ReportSection("Figure 3. EFS after CR to salvage and OS after progression", "", "",
            [StudyFigures.EventFreeSurvivalAfterSalvageCr(cohort), StudyFigures.SurvivalAfterProgression(cohort)]));
        report.Add(new ReportSection("Figure 4. Peak CAR T expansion, first vs second infusion", "", "", [StudyFigures.ExpansionFirstVersusSecond(cohort)]));
        foreach (var section in StudyExposureSection.Build(cohort)) report.Add(section); // exposures after infusion (issue #16)
        return report;
    }
}
