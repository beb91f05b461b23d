using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Clinical.TimeDependent;

/// <summary>Facts that happen after the first CAR T infusion, at a day of their own.</summary>
public enum PostInfusionFact
{
    /// <summary>A complete remission to the first infusion.</summary>
    CarTCompleteRemission,

    /// <summary>An MRD-negative complete remission to the first infusion.</summary>
    MrdNegativeRemission,

    /// <summary>An allogeneic HSCT consolidating the CAR T remission (paper Table 2, "HSCT consolidation").</summary>
    ConsolidativeHsct,

    /// <summary>Any allogeneic HSCT after CAR T.</summary>
    AnyHsct,

    /// <summary>The first progression (refractory disease or relapse).</summary>
    Progression,

    /// <summary>The first line of salvage therapy.</summary>
    SalvageTherapy,

    /// <summary>The first complete remission to salvage therapy.</summary>
    SalvageCompleteRemission,
}

/// <summary>How a post-infusion fact may be used as a baseline covariate.</summary>
public enum ImmortalTimeOptIn
{
    /// <summary>Not at all: asking for it is an <see cref="ImmortalTimeBiasException"/>.</summary>
    None,

    /// <summary>
    /// As the study did in its Table 2 (consolidative HSCT as a yes/no covariate from the infusion), to reproduce the
    /// published number. The estimate carries immortal-time bias; report the time-dependent form beside it.
    /// </summary>
    ReproduceStudyBaselineIndicator,
}

/// <summary>
/// Refusal to use a fact that happens after the infusion as a baseline covariate of an analysis that starts at the
/// infusion: the time before the fact is "immortal" for the exposed group (they had to survive, event-free, to be
/// exposed), which biases the comparison in favour of the exposure.
/// </summary>
public sealed class ImmortalTimeBiasException : InvalidOperationException
{
    internal ImmortalTimeBiasException(PostInfusionFact fact, string message) : base(message) => Fact = fact;

    /// <summary>The fact asked for.</summary>
    public PostInfusionFact Fact { get; }
}

/// <summary>
/// The right analyses of an exposure that happens after the infusion, and the guard against the wrong one. The
/// domain knows the day of each <see cref="PostInfusionFact"/>; from it this class builds the time-dependent
/// covariate (R: <c>tmerge(..., tdc(day))</c>) for Cox models, the extended Kaplan–Meier and the Mantel–Byar test,
/// and landmark analyses. A baseline yes/no covariate is given only under an explicit, named opt-in.
/// </summary>
public static class PostInfusionFacts
{
    /// <summary>What the fact is, in words, for messages and tables.</summary>
    /// <param name="fact">The fact.</param>
    public static string Describe(PostInfusionFact fact) => fact switch
    {
        PostInfusionFact.CarTCompleteRemission => "complete remission to CAR T",
        PostInfusionFact.MrdNegativeRemission => "MRD-negative remission to CAR T",
        PostInfusionFact.ConsolidativeHsct => "consolidative HSCT",
        PostInfusionFact.AnyHsct => "allogeneic HSCT after CAR T",
        PostInfusionFact.Progression => "progression after CAR T",
        PostInfusionFact.SalvageTherapy => "salvage therapy",
        PostInfusionFact.SalvageCompleteRemission => "complete remission to salvage",
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown fact."),
    };

    /// <summary>The day (from the first infusion) on which the fact happened to the patient, or null if it never did.</summary>
    /// <param name="history">The patient.</param>
    /// <param name="fact">The fact.</param>
    public static double? DayOf(PatientHistory history, PostInfusionFact fact)
    {
        ArgumentNullException.ThrowIfNull(history);
        var first = history.Responses.Where(r => r.InfusionNumber == 1).OrderBy(r => r.Day);
        return fact switch
        {
            PostInfusionFact.CarTCompleteRemission => first.FirstOrDefault(r => r.Category.IsCompleteRemission())?.Day,
            PostInfusionFact.MrdNegativeRemission => first.FirstOrDefault(r => r.Category == ResponseCategory.CrMrdNegative)?.Day,
            PostInfusionFact.ConsolidativeHsct => history.Transplants.Where(t => t.Setting == TransplantSetting.Consolidation).Select(t => (double?)t.Day).Min(),
            PostInfusionFact.AnyHsct => history.Transplants.Select(t => (double?)t.Day).Min(),
            PostInfusionFact.Progression => history.FirstProgression?.Day,
            PostInfusionFact.SalvageTherapy => history.SalvageLines.Select(s => (double?)s.StartDay).Min(),
            PostInfusionFact.SalvageCompleteRemission => history.FirstSalvageCr?.ResponseDay,
            _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown fact."),
        };
    }

    /// <summary>
    /// The fact as a baseline 1/0 covariate of an analysis whose origin is the infusion: refused with an
    /// <see cref="ImmortalTimeBiasException"/> unless <paramref name="optIn"/> names the reason to accept the bias.
    /// </summary>
    /// <param name="fact">The fact.</param>
    /// <param name="optIn">The named opt-in; <see cref="ImmortalTimeOptIn.None"/> refuses.</param>
    /// <returns>A function giving 1 for a patient to whom the fact ever happened, else 0.</returns>
    public static Func<PatientHistory, double> BaselineIndicator(PostInfusionFact fact, ImmortalTimeOptIn optIn = ImmortalTimeOptIn.None)
    {
        if (optIn != ImmortalTimeOptIn.ReproduceStudyBaselineIndicator)
            throw new ImmortalTimeBiasException(fact,
                $"'{Describe(fact)}' happens after the infusion: as a baseline covariate of an analysis that starts at the infusion it builds in " +
                "immortal-time bias (a patient must survive, event-free, long enough for it to happen). Use it as a time-dependent covariate " +
                $"(PostInfusionFacts.TimeDependent(cohort, outcome, PostInfusionFact.{fact}); R: tmerge(..., tdc(day))) for a Cox model, the extended " +
                "Kaplan-Meier curves or the Mantel-Byar test, or as status at a landmark time (PostInfusionFacts.Landmark). To reproduce a published " +
                "baseline-indicator model anyway, pass ImmortalTimeOptIn.ReproduceStudyBaselineIndicator and report the time-dependent estimate beside it.");
        return h => DayOf(h, fact) is null ? 0 : 1;
    }

    /// <summary>
    /// Counting-process rows of an outcome measured from the infusion with the fact as a time-dependent 0/1 covariate
    /// named after the fact (R: <c>tmerge(d, d, id, event = event(time, status)); tmerge(..., x = tdc(day))</c>). A fact
    /// on or after a patient's exit affects no row; a zero follow-up becomes half a day, as R's timedep vignette does.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="ids">The patients of the outcome.</param>
    /// <param name="days">Their follow-up in days from the infusion.</param>
    /// <param name="events">Their event indicators.</param>
    /// <param name="fact">The exposure.</param>
    /// <param name="unit">Time unit of the rows.</param>
    public static TimeDependentData TimeDependent(Cohort cohort, IReadOnlyList<string> ids, IReadOnlyList<double> days,
        IReadOnlyList<bool> events, PostInfusionFact fact, TimeUnit unit = TimeUnit.Months)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(events);
        double T(double d) => StudyTime.Convert(d, unit);
        var exit = ids.Select((id, i) => Math.Max(days[i], ProgressionDatasets.ZeroFollowUpDays)).ToArray();
        var subjects = ids.Select((id, i) => new SubjectFollowUp(id, 0, T(exit[i]), events[i]));
        var changes = ids.Select((id, i) => (id, day: DayOf(cohort.History(id), fact), exit: exit[i]))
            .Where(x => x.day is not null && x.day < x.exit)
            .Select(x => new TimedValue(x.id, T(x.day!.Value), 1));
        return new TmergeBuilder(subjects).Tdc(Name(fact), changes).Build();
    }

    /// <summary>As <see cref="TimeDependent(Cohort, IReadOnlyList{string}, IReadOnlyList{double}, IReadOnlyList{bool}, PostInfusionFact, TimeUnit)"/> for an endpoint.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="outcome">An endpoint measured from the infusion.</param>
    /// <param name="fact">The exposure.</param>
    /// <param name="unit">Time unit of the rows.</param>
    public static TimeDependentData TimeDependent(Cohort cohort, EndpointData outcome, PostInfusionFact fact, TimeUnit unit = TimeUnit.Months)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return TimeDependent(cohort, outcome.PatientIds, outcome.Days, outcome.Event, fact, unit);
    }

    /// <summary>The name of the fact's covariate in <see cref="TimeDependent(Cohort, EndpointData, PostInfusionFact, TimeUnit)"/>.</summary>
    /// <param name="fact">The fact.</param>
    public static string Name(PostInfusionFact fact) => fact switch
    {
        PostInfusionFact.CarTCompleteRemission => "cart_cr",
        PostInfusionFact.MrdNegativeRemission => "cart_mrd_neg_cr",
        PostInfusionFact.ConsolidativeHsct => "hsct_consolidation",
        PostInfusionFact.AnyHsct => "hsct",
        PostInfusionFact.Progression => "progression",
        PostInfusionFact.SalvageTherapy => "salvage",
        PostInfusionFact.SalvageCompleteRemission => "salvage_cr",
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown fact."),
    };

    /// <summary>The Cox model of the outcome on the time-dependent fact (R: <c>coxph(Surv(tstart, tstop, event) ~ x, data = td)</c>).</summary>
    /// <param name="data">Rows from <see cref="TimeDependent(Cohort, EndpointData, PostInfusionFact, TimeUnit)"/>.</param>
    /// <param name="fact">The fact.</param>
    public static CoxResult Cox(TimeDependentData data, PostInfusionFact fact)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CoxModel.Fit(data.ToSurvivalData(), [data.Covariate(Name(fact))], [Name(fact)]);
    }

    /// <summary>Extended Kaplan–Meier curves (Simon–Makuch) by the time-dependent fact: groups "no" and "yes".</summary>
    /// <param name="data">Rows from <see cref="TimeDependent(Cohort, EndpointData, PostInfusionFact, TimeUnit)"/>.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="options">Kaplan–Meier options.</param>
    public static IReadOnlyList<KaplanMeierResult> SimonMakuch(TimeDependentData data, PostInfusionFact fact, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ExtendedKaplanMeier.Fit(data.ToSurvivalData().WithIds(data.SubjectIds), Groups(data, fact), options, ["no", "yes"]);
    }

    /// <summary>Landmark curves: patients event-free at each landmark, grouped by whether the fact had happened by then.</summary>
    /// <param name="data">Rows from <see cref="TimeDependent(Cohort, EndpointData, PostInfusionFact, TimeUnit)"/>.</param>
    /// <param name="fact">The fact.</param>
    /// <param name="landmarks">Landmark times, in the unit of the rows.</param>
    /// <param name="options">Kaplan–Meier options.</param>
    public static IReadOnlyList<LandmarkResult> Landmark(TimeDependentData data, PostInfusionFact fact, IReadOnlyList<double> landmarks,
        KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Survival.TimeDependent.Landmark.Fit(data.ToSurvivalData().WithIds(data.SubjectIds), Groups(data, fact), landmarks, options, ["no", "yes"]);
    }

    private static string[] Groups(TimeDependentData data, PostInfusionFact fact) =>
        data.Covariate(Name(fact)).Select(x => x == 1 ? "yes" : "no").ToArray();
}
