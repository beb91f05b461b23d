using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Study;

/// <summary>
/// The paper's figures drawn from a cohort: Figure 1 (EFS, OS, cumulative incidence of relapsed/refractory disease),
/// Figure 2 (the treatment course of each progressed patient, as a swimmer plot), Figure 3 (EFS after a salvage CR,
/// OS after progression) and Figure 4 (peak CAR T expansion, first vs second infusion). Times are in months except
/// the swimmer plot, which is in days from the first infusion.
/// </summary>
public static class StudyFigures
{
    private static readonly IReadOnlyList<double> YearlyBreaks = [0, 12, 24, 36, 48, 60, 72, 84, 96];

    /// <summary>Figure 1A: event-free survival of the whole cohort, with log-log limits.</summary>
    public static SvgDocument EventFreeSurvival(Cohort cohort) =>
        Km(ClinicalEndpoints.EventFreeSurvival(cohort), "Event-free survival", "fig1a");

    /// <summary>Figure 1B: overall survival of the whole cohort.</summary>
    public static SvgDocument OverallSurvival(Cohort cohort) =>
        Km(ClinicalEndpoints.OverallSurvival(cohort), "Overall survival", "fig1b");

    /// <summary>Figure 1C: cumulative incidence of relapsed/refractory disease, death as the competing event.</summary>
    public static SvgDocument RelapsedRefractoryIncidence(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var rr = ClinicalEndpoints.RelapsedRefractoryIncidence(cohort);
        var cif = CumulativeIncidence.Fit(CompetingRisksData.Create(rr.Times(TimeUnit.Months), rr.Status, 0));
        var curves = cif.Curves.Where(c => c.Cause == CompetingEndpointData.EventOfInterest)
            .Select(c => c.ToIncidenceCurve("Relapsed/refractory disease")).ToArray();
        return CumulativeIncidencePlot.Render(curves, new CumulativeIncidencePlotOptions
        {
            Title = "Cumulative incidence of relapsed/refractory disease", Breaks = YearlyBreaks, IdPrefix = "fig1c",
        });
    }

    /// <summary>Figure 3A: event-free survival from the first complete remission after salvage.</summary>
    public static SvgDocument EventFreeSurvivalAfterSalvageCr(Cohort cohort) =>
        Km(ClinicalEndpoints.EventFreeSurvivalAfterSalvageCr(cohort), "EFS after CR to salvage", "fig3a");

    /// <summary>Figure 3B: overall survival from post-CAR T progression.</summary>
    public static SvgDocument SurvivalAfterProgression(Cohort cohort) =>
        Km(ClinicalEndpoints.SurvivalAfterProgression(cohort), "OS after progression", "fig3b");

    /// <summary>
    /// Figure 2 as a swimmer plot: one lane per progressed patient, from the first infusion to last contact; a
    /// segment per salvage line (class as label, running to the next line or the end), and marks for progression,
    /// complete remissions, transplants and death.
    /// </summary>
    public static SvgDocument TreatmentCourse(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var lanes = new List<SwimmerLane>();
        foreach (var h in cohort.Histories.Where(h => h.FirstProgression is not null).OrderBy(h => h.EndDay))
        {
            var lines = h.SalvageLines.OrderBy(s => s.StartDay).ToList();
            var segments = lines.Select((s, i) => new SwimmerSegment(s.StartDay,
                i + 1 < lines.Count ? lines[i + 1].StartDay : h.EndDay, s.Class.ToString())).ToList();
            var events = new List<SwimmerEvent>();
            events.AddRange(h.Progressions.Select(p => new SwimmerEvent(p.Day, "Progression")));
            events.AddRange(h.Responses.Where(r => r.Category.IsCompleteRemission()).Select(r => new SwimmerEvent(r.Day, "CR")));
            events.AddRange(lines.Where(s => s.Response?.IsCompleteRemission() == true && s.ResponseDay is not null)
                .Select(s => new SwimmerEvent(s.ResponseDay!.Value, "CR")));
            events.AddRange(h.Transplants.Select(t => new SwimmerEvent(t.Day, "Transplant")));
            if (h.Died) events.Add(new SwimmerEvent(h.EndDay, "Death"));
            if (segments.Count == 0) segments.Add(new SwimmerSegment(h.FirstProgression!.Day, h.EndDay, "No salvage"));
            lanes.Add(new SwimmerLane(h.Patient.Id, segments, events.OrderBy(e => e.Day).ToArray(), Ongoing: !h.Died));
        }
        return SwimmerPlot.Render(lanes, new SwimmerPlotOptions { Title = "Treatment course after progression" });
    }

    /// <summary>Figure 4: peak CAR T expansion at the first and second infusion, for patients with both measured.</summary>
    public static SvgDocument ExpansionFirstVersusSecond(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var pairs = cohort.Histories
            .Where(h => h.Infusions.Count >= 2 && h.Infusions[0].PeakExpansion is > 0 && h.Infusions[1].PeakExpansion is > 0)
            .Select(h => new PairedObservation(h.Patient.Id, h.Infusions[0].PeakExpansion!.Value, h.Infusions[1].PeakExpansion!.Value))
            .ToArray();
        return PairedPlot.Render(pairs, new PairedPlotOptions { Title = "Peak CAR T expansion (copies/mL)" });
    }

    private static SvgDocument Km(EndpointData endpoint, string title, string id)
    {
        var fit = KaplanMeier.Fit(endpoint.ToSurvivalData(), new KaplanMeierOptions(ConfidenceTransform.LogLog), title);
        return fit.ToSvg(new KaplanMeierPlotOptions { Title = title, Breaks = YearlyBreaks, IdPrefix = id, ShowMedian = true });
    }
}
