using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Clinical.TimeDependent;

/// <summary>An endpoint with one fixed covariate value per row, for Cox models with baseline covariates.</summary>
public sealed class CovariateEndpointData
{
    private readonly (string Name, double[] Values)[] _columns;

    internal CovariateEndpointData(EndpointData outcome, IEnumerable<(string Name, double[] Values)> columns)
    {
        Outcome = outcome;
        _columns = columns.ToArray();
    }

    /// <summary>The outcome.</summary>
    public EndpointData Outcome { get; }

    /// <summary>Covariate names, in column order.</summary>
    public IReadOnlyList<string> CovariateNames => _columns.Select(c => c.Name).ToArray();

    /// <summary>The values of covariate <paramref name="name"/>, one per outcome row; NaN where unknown (R's <c>NA</c>).</summary>
    /// <exception cref="KeyNotFoundException">When there is no such covariate.</exception>
    public IReadOnlyList<double> Covariate(string name)
    {
        foreach (var c in _columns) if (c.Name == name) return c.Values;
        throw new KeyNotFoundException($"No covariate '{name}'; the covariates are: {string.Join(", ", CovariateNames)}.");
    }
}

/// <summary>
/// Analysis datasets for survival after post-CAR T progression (paper Table 3): the origin is the first progression,
/// the event is death, follow-up ends at last contact.
/// </summary>
public static class ProgressionDatasets
{
    /// <summary>Time-dependent covariate: 1 from the start of the first salvage line on ("Salvage therapy after relapse").</summary>
    public const string SalvageReceived = "salvage";

    /// <summary>Time-dependent covariate: 1 from the start of the first blinatumomab or inotuzumab salvage line on.</summary>
    public const string BlinatumomabOrInotuzumabSalvage = "blin_or_ino_salvage";

    /// <summary>Time-dependent covariate: 1 from the day of the first complete remission to salvage on.</summary>
    public const string CrAfterSalvage = "cr_after_salvage";

    /// <summary>Fixed covariate: time from the first infusion to the first progression, in months.</summary>
    public const string MonthsToProgression = "months_to_progression";

    /// <summary>Follow-up given to a patient who died or was last seen on the day of progression, so that the row
    /// <c>(0, stop]</c> is not empty: 0.5 day, as R's <c>timedep</c> vignette does for the Stanford heart transplant data.</summary>
    public const double ZeroFollowUpDays = 0.5;

    /// <summary>
    /// Counting-process rows for the time-dependent covariates <see cref="SalvageReceived"/>,
    /// <see cref="BlinatumomabOrInotuzumabSalvage"/> and <see cref="CrAfterSalvage"/>, built with the engine's
    /// <see cref="TmergeBuilder"/>: R's <c>tmerge(prog, prog, id, death = event(futime, dead))</c> followed by one
    /// <c>tdc(day)</c> per covariate. Times are from the first progression; a change on the day of progression applies
    /// from the start, one on the last day affects no row. Zero follow-up becomes <see cref="ZeroFollowUpDays"/>.
    /// Subject ids are patient ids (use them as the Cox cluster).
    /// </summary>
    /// <param name="cohort">The cohort; only patients who progressed are included.</param>
    /// <param name="unit">Time unit of the rows (days by default; a Cox fit does not depend on it).</param>
    public static TimeDependentData SalvageTimeDependent(Cohort cohort, TimeUnit unit = TimeUnit.Days)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var progressed = cohort.Histories.Where(h => h.FirstProgression is not null).ToArray();
        double T(double days) => StudyTime.Convert(days, unit);
        var subjects = progressed.Select(h => new SubjectFollowUp(h.Patient.Id, 0,
            T(Math.Max(h.EndDay - h.FirstProgression!.Day, ZeroFollowUpDays)), h.Died));
        IEnumerable<TimedValue> From(Func<PatientHistory, double?> day) => progressed
            .Select(h => (h, d: day(h)))
            .Where(x => x.d is not null)
            .Select(x => new TimedValue(x.h.Patient.Id, T(x.d!.Value - x.h.FirstProgression!.Day), 1));
        return new TmergeBuilder(subjects)
            .Tdc(SalvageReceived, From(h => h.SalvageLines.Select(s => (double?)s.StartDay).Min()))
            .Tdc(BlinatumomabOrInotuzumabSalvage, From(h => h.SalvageLines
                .Where(s => s.Class is SalvageClass.Blinatumomab or SalvageClass.Inotuzumab).Select(s => (double?)s.StartDay).Min()))
            .Tdc(CrAfterSalvage, From(h => h.FirstSalvageCr?.ResponseDay))
            .Build();
    }

    /// <summary>
    /// Overall survival from the first progression with fixed covariates of Table 3, one row per progressed patient:
    /// <see cref="MonthsToProgression"/>; <c>age_over_40</c>, <c>male</c>, <c>ph_positive</c>, <c>prior_hsct</c>,
    /// <c>prior_blin_or_ino</c>, <c>bridging_none_or_nonintensive</c> (first infusion), <c>extramedullary</c>
    /// (EM or CNS site at first progression) as 1/0; <c>marrow_blasts</c> (%) and <c>cd19_positive</c> (NaN when unknown).
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="month">The month of <see cref="MonthsToProgression"/>: <see cref="TimeUnit.Months"/> (365.25 / 12 days, the
    /// default) or <see cref="TimeUnit.Months365"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is not a month.</exception>
    public static CovariateEndpointData SurvivalAfterProgressionFixed(Cohort cohort, TimeUnit month = TimeUnit.Months)
    {
        if (!StudyTime.IsMonth(month))
            throw new ArgumentOutOfRangeException(nameof(month), month, "The months-to-progression covariate needs a month unit: Months or Months365.");
        var outcome = ClinicalEndpoints.SurvivalAfterProgression(cohort);
        var h = outcome.PatientIds.Select(cohort.History).ToArray();
        double B(bool b) => b ? 1 : 0;
        double[] Col(Func<PatientHistory, double> f) => h.Select(f).ToArray();
        return new CovariateEndpointData(outcome,
        [
            (MonthsToProgression, Col(x => StudyTime.Convert(x.FirstProgression!.Day, month))),
            ("age_over_40", Col(x => B(x.Patient.AgeYears > 40))),
            ("male", Col(x => B(x.Patient.Sex == Sex.Male))),
            ("ph_positive", Col(x => B(x.Patient.Ph == PhStatus.Positive))),
            ("prior_hsct", Col(x => B(x.Patient.PriorHsct))),
            ("prior_blin_or_ino", Col(x => B(x.Patient.PriorBlinatumomab || x.Patient.PriorInotuzumab))),
            ("bridging_none_or_nonintensive", Col(x => B(x.FirstInfusion.Bridging != BridgingTherapy.Intensive))),
            ("marrow_blasts", Col(x => x.FirstProgression!.MarrowBlastPercent ?? double.NaN)),
            ("extramedullary", Col(x => B(x.FirstProgression!.Site.IsExtramedullary()))),
            ("cd19_positive", Col(x => x.FirstProgression!.Cd19 switch
            {
                Cd19Status.Positive => 1,
                Cd19Status.Negative => 0,
                _ => double.NaN,
            })),
        ]);
    }
}
