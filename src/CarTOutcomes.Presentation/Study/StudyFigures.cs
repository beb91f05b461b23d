using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Estimators;

namespace CarTOutcomes.Presentation.Study;

/// <summary>
/// The paper's figures drawn from a cohort: Figure 1 (EFS, OS, cumulative incidence of relapsed/refractory disease),
/// Figure 2 (the treatment course of each progressed patient, as a swimmer plot), Figure 3 (EFS after a salvage CR,
/// OS after progression) and Figure 4 (peak CAR T expansion, first vs second infusion). Every time axis is in months
/// (of 365 / 12 days, <see cref="StudyConventions.Month"/>) and ends at the last follow-up rounded up to the next 12 months; the panels of a figure share
/// one left margin so that their time axes line up.
/// </summary>
public static class StudyFigures
{
    private static readonly IReadOnlyList<double> YearlyBreaks = Enumerable.Range(0, 21).Select(i => 12.0 * i).ToArray();

    /// <summary>The left margin of every survival panel: room for the longest at-risk label of the study's figures.</summary>
    private const double PanelLeft = 200;

    /// <summary>The reader's names of the salvage classes (Figure 2's legend).</summary>
    public static string SalvageName(SalvageClass c) => c switch
    {
        SalvageClass.Intensive => "Intensive chemotherapy",
        SalvageClass.Nonintensive => "Nonintensive chemotherapy",
        SalvageClass.Blinatumomab => "Blinatumomab",
        SalvageClass.Inotuzumab => "Inotuzumab ozogamicin",
        SalvageClass.CarTReinfusion => "CAR T-cell reinfusion",
        _ => c.ToString(),
    };

    /// <summary>Figure 1A: event-free survival of the whole cohort, with log-log limits.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="style">How tick labels and counts are printed; <see cref="NumberStyle.Blood"/> when null.</param>
    /// <param name="month">The month of the time axis (<see cref="TimeUnit.Months"/> or <see cref="TimeUnit.Months365"/>); the paper's, <see cref="StudyConventions.Month"/>, when null.</param>
    public static SvgDocument EventFreeSurvival(Cohort cohort, NumberStyle? style = null, TimeUnit? month = null) =>
        Km(ClinicalEndpoints.EventFreeSurvival(cohort), "Event-free survival", "fig1a", style, month);

    /// <summary>Figure 1B: overall survival of the whole cohort.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="style">How tick labels and counts are printed; <see cref="NumberStyle.Blood"/> when null.</param>
    /// <param name="month">The month of the time axis (<see cref="TimeUnit.Months"/> or <see cref="TimeUnit.Months365"/>); the paper's, <see cref="StudyConventions.Month"/>, when null.</param>
    public static SvgDocument OverallSurvival(Cohort cohort, NumberStyle? style = null, TimeUnit? month = null) =>
        Km(ClinicalEndpoints.OverallSurvival(cohort), "Overall survival", "fig1b", style, month);

    /// <summary>Figure 1C: cumulative incidence of relapsed/refractory disease, death as the competing event.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="style">How tick labels and counts are printed; <see cref="NumberStyle.Blood"/> when null.</param>
    /// <param name="month">The month of the time axis (<see cref="TimeUnit.Months"/> or <see cref="TimeUnit.Months365"/>); the paper's, <see cref="StudyConventions.Month"/>, when null.</param>
    public static SvgDocument RelapsedRefractoryIncidence(Cohort cohort, NumberStyle? style = null, TimeUnit? month = null)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var rr = ClinicalEndpoints.RelapsedRefractoryIncidence(cohort);
        var data = CompetingRisksData.Create(rr.Times(Month(month)), rr.Status, 0);
        var cif = CumulativeIncidence.Fit(data);
        // Both causes: the event of interest and the competing event (death without R/R disease), whose incidences
        // with the EFS sum to one.
        return cif.ToSvg(new CumulativeIncidencePlotOptions
        {
            Title = "Cumulative incidence of relapsed/refractory disease", Breaks = YearlyBreaks, IdPrefix = "fig1c",
            TimeUnit = "months", LeftMargin = PanelLeft, YLabel = "Cumulative incidence", Style = style ?? NumberStyle.Default,
        }, CauseNames, data);
    }

    /// <summary>The legend names of Figure 1C's causes.</summary>
    private static readonly IReadOnlyDictionary<int, string> CauseNames = new Dictionary<int, string>
    {
        [CompetingEndpointData.EventOfInterest] = "Relapsed/refractory disease",
        [CompetingEndpointData.CompetingEvent] = "Death without R/R disease",
    };

    /// <summary>Figure 3A: event-free survival from the first complete remission after salvage.</summary>
    public static SvgDocument EventFreeSurvivalAfterSalvageCr(Cohort cohort) =>
        Km(ClinicalEndpoints.EventFreeSurvivalAfterSalvageCr(cohort), "EFS after CR to salvage", "fig3a");

    /// <summary>Figure 3B: overall survival from post-CAR T progression.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="style">How tick labels and counts are printed; <see cref="NumberStyle.Blood"/> when null.</param>
    /// <param name="month">The month of the time axis (<see cref="TimeUnit.Months"/> or <see cref="TimeUnit.Months365"/>); the paper's, <see cref="StudyConventions.Month"/>, when null.</param>
    public static SvgDocument SurvivalAfterProgression(Cohort cohort, NumberStyle? style = null, TimeUnit? month = null) =>
        Km(ClinicalEndpoints.SurvivalAfterProgression(cohort), "OS after progression", "fig3b", style, month);

    /// <summary>
    /// Figure 2 as a swimmer plot: one lane per progressed patient, from the first infusion to last contact; a
    /// segment per salvage line (its class by name, running to the next line or the end), and marks for progression,
    /// complete remissions, transplants and death; times in months; an arrow marks a patient alive at last contact.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="month">The month of the time axis (<see cref="TimeUnit.Months"/> or <see cref="TimeUnit.Months365"/>); the paper's, <see cref="StudyConventions.Month"/>, when null.</param>
    public static SvgDocument TreatmentCourse(Cohort cohort, TimeUnit? month = null)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var unit = Month(month);
        var lanes = new List<SwimmerLane>();
        foreach (var h in cohort.Histories.Where(h => h.FirstProgression is not null).OrderBy(h => h.EndDay))
        {
            var lines = h.SalvageLines.OrderBy(s => s.StartDay).ToList();
            double M(double day) => StudyTime.Convert(day, unit);
            var segments = lines.Select((s, i) => new SwimmerSegment(M(s.StartDay),
                M(i + 1 < lines.Count ? lines[i + 1].StartDay : h.EndDay), SalvageName(s.Class))).ToList();
            var events = new List<SwimmerEvent>();
            events.AddRange(h.Progressions.Select(p => new SwimmerEvent(M(p.Day), "Progression")));
            events.AddRange(h.Responses.Where(r => r.Category.IsCompleteRemission()).Select(r => new SwimmerEvent(M(r.Day), "Complete remission")));
            events.AddRange(lines.Where(s => s.Response?.IsCompleteRemission() == true && s.ResponseDay is not null)
                .Select(s => new SwimmerEvent(M(s.ResponseDay!.Value), "Complete remission")));
            events.AddRange(h.Transplants.Select(t => new SwimmerEvent(M(t.Day), "Allogeneic transplant")));
            if (h.Died) events.Add(new SwimmerEvent(M(h.EndDay), "Death"));
            if (segments.Count == 0) segments.Add(new SwimmerSegment(M(h.FirstProgression!.Day), M(h.EndDay), "No salvage therapy"));
            lanes.Add(new SwimmerLane(h.Patient.Id, segments, events.OrderBy(e => e.Day).ToArray(), Ongoing: !h.Died));
        }
        if (lanes.Count == 0) throw new ArgumentException("No patient progressed: Figure 2 has no lane to draw.", nameof(cohort));
        return SwimmerPlot.Render(lanes, new SwimmerPlotOptions
        {
            Title = "Treatment course after progression", XLabel = "Months since first CAR T-cell infusion",
            ClassOrder = [.. Enum.GetValues<SalvageClass>().Select(SalvageName), "No salvage therapy"],
            KindOrder = ["Progression", "Complete remission", "Allogeneic transplant", "Death"],
        });
    }

    /// <summary>Figure 4: peak CAR T expansion at the first and second infusion, for patients with both measured.</summary>
    public static SvgDocument ExpansionFirstVersusSecond(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var pairs = cohort.Histories
            .Where(h => h.Infusions.Count >= 2 && h.Infusions[0].PeakExpansion is > 0 && h.Infusions[1].PeakExpansion is > 0)
            .Select(h => new PairedObservation(h.Patient.Id, h.Infusions[0].PeakExpansion!.Value, h.Infusions[1].PeakExpansion!.Value))
            .ToArray();
        return PairedPlot.Render(pairs, new PairedPlotOptions { Title = "Peak CAR T expansion, first vs second infusion", YLabel = "Peak expansion (copies/mL)" });
    }

    /// <summary>The month of a figure: <paramref name="month"/>, the paper's when null; refused when not a month.</summary>
    private static TimeUnit Month(TimeUnit? month) => month switch
    {
        null => StudyConventions.Month,
        { } m when StudyTime.IsMonth(m) => m,
        { } m => throw new ArgumentOutOfRangeException(nameof(month), m, "The figures' time axis is in months: use Months or Months365."),
    };

    private static SvgDocument Km(EndpointData endpoint, string title, string id, NumberStyle? style = null, TimeUnit? month = null)
    {
        var fit = KaplanMeier.Fit(endpoint.ToSurvivalData(Month(month)), new KaplanMeierOptions(ConfidenceTransform.LogLog), title);
        return fit.ToSvg(new KaplanMeierPlotOptions
        {
            Title = title, Breaks = YearlyBreaks, IdPrefix = id, ShowMedian = true, TimeUnit = "months", LeftMargin = PanelLeft,
            Style = style ?? NumberStyle.Default,
        });
    }
}
