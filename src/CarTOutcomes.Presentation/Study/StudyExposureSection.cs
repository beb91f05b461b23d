using System.Text;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Reports;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.MultiState;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Presentation.Study;

/// <summary>
/// The report sections on exposures that happen after the infusion (issue #16, docs/time-dependent.md): the
/// patients' courses as state occupation, leukemia-free and current leukemia-free survival, survival after
/// progression by complete remission to salvage as Simon–Makuch and landmark curves, and Table 2's
/// consolidative-HSCT model both ways.
/// </summary>
public static class StudyExposureSection
{
    private static readonly IReadOnlyList<double> YearlyBreaks = [0, 12, 24, 36, 48, 60, 72, 84, 96];

    /// <summary>Display names of the course states.</summary>
    public static IReadOnlyDictionary<string, string> StateLabels { get; } = new Dictionary<string, string>
    {
        [PatientCourse.Infused] = "Infused, not in CR",
        [PatientCourse.FirstRemission] = "CR to CAR T",
        [PatientCourse.ConsolidativeHsct] = "Consolidative HSCT",
        [PatientCourse.Progression] = "Progression",
        [PatientCourse.SalvageRemission] = "CR to salvage",
        [PatientCourse.SalvageHsct] = "HSCT after salvage",
        [PatientCourse.Death] = "Death",
    };

    /// <summary>The sections, in reading order.</summary>
    /// <param name="cohort">The cohort.</param>
    public static IReadOnlyList<ReportSection> Build(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return [Courses(cohort), SalvageResponse(cohort), Consolidation(cohort)];
    }

    /// <summary>The state occupation figure of the patients' courses.</summary>
    /// <param name="cohort">The cohort.</param>
    public static SvgDocument StateOccupation(Cohort cohort)
    {
        var data = PatientCourse.Build(cohort);
        var fit = MultiStateAalenJohansen.Fit(data, new MultiStateOptions(StandardErrors: false));
        // Stack from death at the bottom to the infused state at the top, remission states together in the middle.
        string[] order = [PatientCourse.Death, PatientCourse.Progression, PatientCourse.SalvageHsct, PatientCourse.SalvageRemission,
            PatientCourse.ConsolidativeHsct, PatientCourse.FirstRemission, PatientCourse.Infused];
        return StateOccupationPlot.Render(fit.Curves[0], new StateOccupationPlotOptions
        {
            Title = "State occupation after CAR T (Aalen-Johansen)", Breaks = YearlyBreaks, StateLabels = StateLabels,
            StackOrder = order.Where(fit.States.Contains).ToArray(), CountInState = t => data.CountInState(t), IdPrefix = "states",
        });
    }

    /// <summary>Leukemia-free and current leukemia-free survival (Aalen–Johansen sums of states, plain 95% limits).</summary>
    /// <param name="cohort">The cohort.</param>
    public static SvgDocument LeukemiaFreeSurvival(Cohort cohort)
    {
        var data = PatientCourse.Build(cohort);
        var curve = StudyExposures.Course(cohort).Curves[0];
        var series = new List<StepSeries>();
        for (int m = 0; m < curve.StateSets.Count; m++)
        {
            var set = curve.StateSets[m];
            var idx = set.States.Select(s => curve.States.ToList().IndexOf(s)).ToArray();
            var p = curve.Time.Select((_, i) => curve.SetProbability(i, m)).ToArray();
            var se = curve.Time.Select((_, i) => curve.SetStandardError(i, m)).ToArray();
            double z = 1.959963984540054;
            var lower = p.Select((x, i) => Math.Max(0, x - z * se[i])).ToArray();
            var upper = p.Select((x, i) => Math.Min(1, x + z * se[i])).ToArray();
            Func<double, double> count = t => { var c = data.CountInState(t); return idx.Sum(k => c[k]); };
            series.Add(new StepSeries(set.Name == StudyExposures.LeukemiaFree ? "LFS" : "Current LFS", curve.Time, p, 0, lower, upper, null, count));
        }
        var spec = new StepChartSpec("Leukemia-free and current leukemia-free survival", "Time (months)",
            "Probability alive and in remission", YearlyBreaks, null, true, false, true, false, 720, 500, "clfs", 1, null);
        return StepChart.Render(series, spec, "Number alive in remission");
    }

    /// <summary>Survival after progression by CR to salvage as a time-dependent group, with the Mantel–Byar P.</summary>
    /// <param name="cohort">The cohort.</param>
    public static SvgDocument SimonMakuch(Cohort cohort)
    {
        var curves = StudyExposures.SurvivalAfterProgressionBySalvageCr(cohort);
        return KaplanMeierPlot.Render(curves, new KaplanMeierPlotOptions
        {
            Title = "OS after progression by CR to salvage (Simon-Makuch)", XLabel = "Months from progression",
            Breaks = [0, 6, 12, 18, 24, 30, 36], IdPrefix = "simon-makuch",
        }, MantelByarOrNull(cohort, out _)?.PValue, "Mantel-Byar");
    }

    /// <summary>The Mantel–Byar test, or null with the reason when it is undefined (one group, singular variance).</summary>
    private static Survival.Testing.LogRankResult? MantelByarOrNull(Cohort cohort, out string? why)
    {
        try
        {
            why = null;
            return StudyExposures.SalvageCrMantelByar(cohort);
        }
        catch (ArgumentException e)
        {
            why = e.Message;
            return null;
        }
    }

    /// <summary>Landmark curves of survival after progression by CR to salvage at 3 and 6 months from progression.</summary>
    /// <param name="cohort">The cohort.</param>
    public static IReadOnlyList<SvgDocument> Landmarks(Cohort cohort)
    {
        var fits = StudyExposures.SalvageCrLandmarks(cohort, [3, 6]);
        return fits.Where(f => f.Curves.Count > 0).Select(f => KaplanMeierPlot.Render(f.Curves,
            new KaplanMeierPlotOptions
            {
                Title = $"Landmark at {Number.Significant(f.LandmarkTime, 4)} months after progression: alive, by CR to salvage by then",
                XLabel = $"Months from the landmark ({f.Subjects} patients alive at it)", Breaks = [0, 6, 12, 18, 24, 30],
                IdPrefix = $"landmark-{f.LandmarkTime}",
            }, f.Test?.PValue)).ToArray();
    }

    private static ReportSection Courses(Cohort cohort)
    {
        var curve = StudyExposures.Course(cohort).Curves[0];
        var rows = new List<string[]>();
        foreach (var t in new double[] { 6, 12, 24, 36 })
        {
            int i = curve.Time.ToList().FindLastIndex(x => x <= t);
            if (i < 0) continue;
            rows.Add([Number.Significant(t, 3),
                $"{Number.Fixed(curve.SetProbability(i, 0), 2)} ({Number.Fixed(curve.SetStandardError(i, 0), 2)})",
                $"{Number.Fixed(curve.SetProbability(i, 1), 2)} ({Number.Fixed(curve.SetStandardError(i, 1), 2)})"]);
        }
        string[] header = ["Months", "LFS (SE)", "Current LFS (SE)"];
        const string text = "Each patient's course after the infusion as a multi-state model (infused, CR to CAR T, consolidative HSCT, " +
                            "progression, CR to salvage, HSCT after salvage, death; recurrences allowed), estimated by Aalen-Johansen. " +
                            "Leukemia-free survival (LFS) is the probability of being alive in the CAR T remission, never lost; current " +
                            "LFS also counts a remission lost and regained with salvage. Standard errors are infinitesimal-jackknife.";
        var html = new StringBuilder($"<p>{text}</p>\n");
        Markup.HtmlTable(html, "clfs", header, rows);
        var md = new StringBuilder(text + "\n\n");
        Markup.MarkdownTable(md, header, rows);
        return new ReportSection("Courses after infusion: state occupation, LFS and current LFS", html.ToString(), md.ToString(),
            [StateOccupation(cohort), LeukemiaFreeSurvival(cohort)]);
    }

    private static ReportSection SalvageResponse(Cohort cohort)
    {
        var test = MantelByarOrNull(cohort, out var why);
        string result = test is null
            ? $"Mantel-Byar test: not defined here ({why})"
            : $"Mantel-Byar test: chi-square {Number.Fixed(test.ChiSquare, 2)} on {test.DegreesOfFreedom} df, P {KaplanMeierPlot.PText(test.PValue)}";
        string text = "Survival after progression by complete remission to salvage. A response happens after the progression, so " +
                      "the patients are counted in the first curve until the day of their CR and in the second curve after it " +
                      $"(extended Kaplan-Meier of Simon and Makuch; the numbers at risk change as patients switch). {result}. " +
                      "Landmark curves compare the patients alive at 3 and 6 months after progression by whether they had reached a CR by then.";
        return new ReportSection("Survival after progression by CR to salvage: Simon-Makuch and landmark curves",
            $"<p>{text}</p>\n", text + "\n", [SimonMakuch(cohort), .. Landmarks(cohort)]);
    }

    private static ReportSection Consolidation(Cohort cohort)
    {
        var m = StudyExposures.ConsolidativeHsct(cohort);
        string Hr(Survival.Cox.CoxCoefficient c) => $"{Number.Fixed(c.HazardRatio, 2)} ({Number.Fixed(c.Lower, 2)}-{Number.Fixed(c.Upper, 2)})";
        string[] header = ["Consolidative HSCT entered as", "HR of R/R disease (95% CI)", "P"];
        string[][] rows =
        [
            ["Baseline yes/no indicator, as the study's Table 2 (immortal-time bias)", Hr(m.Baseline), Number.PValue(m.Baseline.PValue)],
            ["Time-dependent covariate from the day of transplant", Hr(m.TimeDependent), Number.PValue(m.TimeDependent.PValue)],
        ];
        string text = $"{m.Transplanted} patients had a consolidative HSCT before relapse. As a baseline indicator they are credited with " +
                      "the time before their transplant, during which they had to stay alive and in remission to be transplanted; as a " +
                      "time-dependent covariate that time counts as untransplanted. The first row reproduces the published model under " +
                      "the named opt-in ImmortalTimeOptIn.ReproduceStudyBaselineIndicator.";
        var html = new StringBuilder($"<p>{text}</p>\n");
        Markup.HtmlTable(html, "hsct-both-ways", header, rows);
        var md = new StringBuilder(text + "\n\n");
        Markup.MarkdownTable(md, header, rows);
        return new ReportSection("Table 2's consolidative HSCT both ways", html.ToString(), md.ToString(), []);
    }
}
