using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Clinical.Study;

/// <summary>
/// The study's populations and analyses computed once from a cohort, shared by the target formulas. Populations
/// follow <c>data/published/README.md</c>: progressed = any first progression (refractory or relapse) after the
/// first infusion; salvage = progressed patients with at least one salvage line; and so on.
/// </summary>
internal sealed class StudyView
{
    private readonly Dictionary<string, object> _cache = new(StringComparer.Ordinal);

    public StudyView(Cohort cohort)
    {
        Cohort = cohort;
        All = cohort.Histories;
        Progressed = All.Where(h => h.FirstProgression is not null).ToArray();
        NonProgressed = All.Where(h => h.FirstProgression is null).ToArray();
        Relapsed = Progressed.Where(h => h.FirstProgression!.Type == ProgressionType.Relapse).ToArray();
        Salvage = Progressed.Where(h => h.SalvageLines.Count > 0).ToArray();
        SalvageCr = Salvage.Where(h => h.FirstSalvageCr is not null).ToArray();
        BlinIno = Progressed.Where(h => h.SalvageLines.Any(IsBlinOrIno)).ToArray();
        Reinfused = All.Where(h => h.Infusions.Count > 1).ToArray();
    }

    public Cohort Cohort { get; }
    public IReadOnlyList<PatientHistory> All { get; }
    public IReadOnlyList<PatientHistory> Progressed { get; }
    public IReadOnlyList<PatientHistory> NonProgressed { get; }
    public IReadOnlyList<PatientHistory> Relapsed { get; }
    public IReadOnlyList<PatientHistory> Salvage { get; }
    public IReadOnlyList<PatientHistory> SalvageCr { get; }
    public IReadOnlyList<PatientHistory> BlinIno { get; }
    public IReadOnlyList<PatientHistory> Reinfused { get; }

    public static bool IsBlinOrIno(SalvageLine s) => s.Class is SalvageClass.Blinatumomab or SalvageClass.Inotuzumab;

    public T Cached<T>(string key, Func<T> compute) where T : notnull
    {
        if (_cache.TryGetValue(key, out var v)) return (T)v;
        var r = compute();
        _cache[key] = r;
        return r;
    }

    public KaplanMeierResult Km(string key, Func<EndpointData> data)
        => Cached("km:" + key, () => KaplanMeier.Fit(data().ToSurvivalData(StudyConventions.Month)));

    public KaplanMeierResult KmOf(string key, Func<EndpointData> data, IReadOnlyCollection<string> ids)
        => Cached("km:" + key, () =>
        {
            var d = data();
            var keep = Enumerable.Range(0, d.Count).Where(i => ids.Contains(d.PatientIds[i])).ToArray();
            var t = d.Times(StudyConventions.Month);
            return KaplanMeier.Fit(SurvivalData.RightCensored(keep.Select(i => t[i]).ToArray(), keep.Select(i => d.Event[i]).ToArray()));
        });

    /// <summary>Cumulative incidence of R/R disease (cause 1) with death as competing risk, months.</summary>
    public CumulativeIncidenceCurve RrIncidence => Cached("cif", () =>
    {
        var d = ClinicalEndpoints.RelapsedRefractoryIncidence(Cohort);
        var fit = CumulativeIncidence.Fit(CompetingRisksData.Create(d.Times(StudyConventions.Month), d.Status, 0));
        return fit.Curves.First(c => c.Cause == CompetingEndpointData.EventOfInterest);
    });

    /// <summary>Univariate or multivariable Cox fit; rows with a NaN covariate are dropped (R: <c>na.omit</c>).</summary>
    public CoxResult Cox(string key, IReadOnlyList<double> time, IReadOnlyList<bool> evt, params (string Name, double[] X)[] covariates)
        => Cached("cox:" + key, () =>
        {
            var keep = Enumerable.Range(0, time.Count).Where(i => covariates.All(c => !double.IsNaN(c.X[i]))).ToArray();
            var data = SurvivalData.RightCensored(keep.Select(i => time[i]).ToArray(), keep.Select(i => evt[i]).ToArray());
            var cols = covariates.Select(c => (IReadOnlyList<double>)keep.Select(i => c.X[i]).ToArray()).ToArray();
            return CoxModel.Fit(data, cols, covariates.Select(c => c.Name).ToArray());
        });

    /// <summary>Cause-specific hazard of R/R disease for all patients (Table 2): time to first progression, months.</summary>
    public CoxCoefficient Table2(string name, Func<PatientHistory, double> x) => Cached("t2:" + name, () =>
    {
        var (d, t, e) = Table2Outcome;
        var xs = d.PatientIds.Select(id => x(Cohort.History(id))).ToArray();
        return Cox("t2:" + name, t, e, (name, xs)).Coefficients[0];
    });

    /// <summary>
    /// Table 2's model of a post-infusion fact done right: the cause-specific hazard of R/R disease with the fact as a
    /// time-dependent covariate (0 before its day, 1 from it on; R: <c>coxph(Surv(tstart, tstop, rr) ~ x, tmerge(...))</c>).
    /// </summary>
    /// <param name="fact">The exposure, e.g. <see cref="PostInfusionFact.ConsolidativeHsct"/>.</param>
    public CoxCoefficient Table2TimeDependent(PostInfusionFact fact) => Cached("t2td:" + fact, () =>
    {
        var (d, _, e) = Table2Outcome;
        var td = PostInfusionFacts.TimeDependent(Cohort, d.PatientIds, d.Days, e, fact);
        return PostInfusionFacts.Cox(td, fact).Coefficients[0];
    });

    /// <summary>The Table 2 outcome (time to R/R disease in months, event = R/R), derived once per view.</summary>
    private (CompetingEndpointData Data, double[] Months, bool[] Event) Table2Outcome => Cached("t2:outcome", () =>
    {
        var d = ClinicalEndpoints.RelapsedRefractoryIncidence(Cohort);
        return (d, d.Times(StudyConventions.Month).ToArray(), d.Status.Select(s => s == CompetingEndpointData.EventOfInterest).ToArray());
    });

    /// <summary>Counting-process data of survival after progression with the salvage covariates, derived once per view.</summary>
    private TimeDependentData SalvageCountingProcess => Cached("t3td:data", () => ProgressionDatasets.SalvageTimeDependent(Cohort, StudyConventions.Month));

    /// <summary>Survival after progression (Table 3) with fixed covariates, months.</summary>
    public CoxResult Table3(params string[] names) => Cached("t3:" + string.Join("+", names), () =>
    {
        var d = Cached("t3:data", () => ProgressionDatasets.SurvivalAfterProgressionFixed(Cohort, StudyConventions.Month));
        var t = Cached("t3:months", () => d.Outcome.Times(StudyConventions.Month));
        return Cox("t3f:" + string.Join("+", names), t, d.Outcome.Event, names.Select(n => (n, d.Covariate(n).ToArray())).ToArray());
    });

    /// <summary>Survival after progression with a time-dependent covariate (counting-process Cox), optionally among some patients.</summary>
    public CoxCoefficient Table3TimeDependent(string name, IReadOnlyCollection<string>? among = null)
        => Cached("t3td:" + name + (among is null ? "" : ":" + among.Count), () =>
        {
            var td = SalvageCountingProcess;
            var x = td.Covariate(name);
            var ids = td.SubjectIds;
            var keep = Enumerable.Range(0, td.Count).Where(i => among is null || among.Contains(ids[i])).ToArray();
            var start = td.Start.ToArray();
            var stop = td.Stop.ToArray();
            var ev = td.Event.ToArray();
            var data = SurvivalData.CountingProcess(keep.Select(i => start[i]).ToArray(), keep.Select(i => stop[i]).ToArray(),
                keep.Select(i => ev[i]).ToArray());
            return CoxModel.Fit(data, [keep.Select(i => x[i]).ToArray()], [name]).Coefficients[0];
        });
}
