namespace CarTOutcomes.Clinical.Model;

/// <summary>
/// A checked cohort: the patients and everything that happened to them, one collection per entity. Created only
/// through <see cref="Create(CohortInput)"/>, which runs every rule of <see cref="CohortRules"/>, so endpoint functions can rely on
/// a consistent chronology. Immutable.
/// </summary>
public sealed class Cohort
{
    private readonly Dictionary<string, PatientHistory> _histories;

    private Cohort(IReadOnlyList<Patient> patients, IReadOnlyList<CarTInfusion> infusions, IReadOnlyList<ResponseAssessment> responses,
        IReadOnlyList<Progression> progressions, IReadOnlyList<SalvageLine> salvage, IReadOnlyList<Transplant> transplants,
        IReadOnlyList<FollowUp> followUps, IReadOnlyList<AdverseEvent> adverseEvents, IReadOnlyList<DonorLymphocyteInfusion> dlis)
    {
        Patients = patients;
        AdverseEvents = adverseEvents;
        DonorLymphocyteInfusions = dlis;
        Infusions = infusions;
        Responses = responses;
        Progressions = progressions;
        SalvageLines = salvage;
        Transplants = transplants;
        FollowUps = followUps;
        _histories = patients.ToDictionary(p => p.Id, p => new PatientHistory(p,
            infusions.Where(x => x.PatientId == p.Id).OrderBy(x => x.Number).ToArray(),
            responses.Where(x => x.PatientId == p.Id).OrderBy(x => x.Day).ToArray(),
            progressions.Where(x => x.PatientId == p.Id).OrderBy(x => x.Day).ThenBy(x => x.Number).ToArray(),
            salvage.Where(x => x.PatientId == p.Id).OrderBy(x => x.Number).ToArray(),
            transplants.Where(x => x.PatientId == p.Id).OrderBy(x => x.Day).ToArray(),
            followUps.Single(x => x.PatientId == p.Id),
            adverseEvents.Where(x => x.PatientId == p.Id).OrderBy(x => x.Day).ToArray(),
            dlis.Where(x => x.PatientId == p.Id).OrderBy(x => x.Day).ToArray()), StringComparer.Ordinal);
        Histories = patients.Select(p => _histories[p.Id]).ToArray();
    }

    /// <summary>Builds a cohort after checking every rule of <see cref="CohortRules"/>.</summary>
    /// <param name="patients">One row per patient.</param>
    /// <param name="infusions">CAR T infusions; each patient needs infusion 1 on day 0.</param>
    /// <param name="responses">Response assessments.</param>
    /// <param name="progressions">Refractory disease and relapses.</param>
    /// <param name="salvage">Salvage lines.</param>
    /// <param name="transplants">Transplants after CAR T.</param>
    /// <param name="followUps">Exactly one per patient.</param>
    /// <param name="adverseEvents">Adverse events of salvage lines and after transplants.</param>
    /// <param name="donorLymphocyteInfusions">Donor lymphocyte infusions.</param>
    /// <exception cref="CohortValidationException">Listing every problem found.</exception>
    public static Cohort Create(IEnumerable<Patient> patients, IEnumerable<CarTInfusion> infusions,
        IEnumerable<ResponseAssessment> responses, IEnumerable<Progression> progressions, IEnumerable<SalvageLine> salvage,
        IEnumerable<Transplant> transplants, IEnumerable<FollowUp> followUps, IEnumerable<AdverseEvent> adverseEvents,
        IEnumerable<DonorLymphocyteInfusion> donorLymphocyteInfusions)
        => Create(new CohortInput(patients.ToArray(), infusions.ToArray(), responses.ToArray(), progressions.ToArray(),
            salvage.ToArray(), transplants.ToArray(), followUps.ToArray(), adverseEvents.ToArray(), donorLymphocyteInfusions.ToArray()));

    /// <summary>Builds a cohort from <paramref name="input"/> after checking every rule of <see cref="CohortRules"/>.</summary>
    /// <param name="input">The collections.</param>
    /// <exception cref="CohortValidationException">Listing every problem found.</exception>
    public static Cohort Create(CohortInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = CohortRules.Check(input);
        if (problems.Count > 0) throw new CohortValidationException(problems);
        return new Cohort(input.Patients, input.Infusions, input.Responses, input.Progressions, input.SalvageLines,
            input.Transplants, input.FollowUps, input.AdverseEvents, input.DonorLymphocyteInfusions);
    }

    /// <summary>Patients, in input order.</summary>
    public IReadOnlyList<Patient> Patients { get; }

    /// <summary>All CAR T infusions.</summary>
    public IReadOnlyList<CarTInfusion> Infusions { get; }

    /// <summary>All response assessments.</summary>
    public IReadOnlyList<ResponseAssessment> Responses { get; }

    /// <summary>All progressions (refractory disease and relapses).</summary>
    public IReadOnlyList<Progression> Progressions { get; }

    /// <summary>All salvage lines.</summary>
    public IReadOnlyList<SalvageLine> SalvageLines { get; }

    /// <summary>All transplants.</summary>
    public IReadOnlyList<Transplant> Transplants { get; }

    /// <summary>One follow-up row per patient.</summary>
    public IReadOnlyList<FollowUp> FollowUps { get; }

    /// <summary>All adverse events of salvage lines and transplants.</summary>
    public IReadOnlyList<AdverseEvent> AdverseEvents { get; }

    /// <summary>All donor lymphocyte infusions.</summary>
    public IReadOnlyList<DonorLymphocyteInfusion> DonorLymphocyteInfusions { get; }

    /// <summary>Each patient's history, in patient order.</summary>
    public IReadOnlyList<PatientHistory> Histories { get; }

    /// <summary>The history of patient <paramref name="patientId"/>.</summary>
    /// <exception cref="KeyNotFoundException">When the patient is not in the cohort.</exception>
    public PatientHistory History(string patientId)
        => _histories.TryGetValue(patientId, out var h) ? h : throw new KeyNotFoundException($"No patient '{patientId}' in the cohort.");
}

/// <summary>The unchecked collections of a cohort, as handed to <see cref="CohortRules.Check"/>.</summary>
/// <param name="Patients">Patients.</param>
/// <param name="Infusions">CAR T infusions.</param>
/// <param name="Responses">Response assessments.</param>
/// <param name="Progressions">Progressions.</param>
/// <param name="SalvageLines">Salvage lines.</param>
/// <param name="Transplants">Transplants.</param>
/// <param name="FollowUps">Follow-up rows.</param>
/// <param name="AdverseEvents">Adverse events of salvage lines and transplants.</param>
/// <param name="DonorLymphocyteInfusions">Donor lymphocyte infusions.</param>
public sealed record CohortInput(IReadOnlyList<Patient> Patients, IReadOnlyList<CarTInfusion> Infusions,
    IReadOnlyList<ResponseAssessment> Responses, IReadOnlyList<Progression> Progressions,
    IReadOnlyList<SalvageLine> SalvageLines, IReadOnlyList<Transplant> Transplants, IReadOnlyList<FollowUp> FollowUps,
    IReadOnlyList<AdverseEvent> AdverseEvents, IReadOnlyList<DonorLymphocyteInfusion> DonorLymphocyteInfusions);

/// <summary>One patient's records, each list in chronological order.</summary>
public sealed class PatientHistory
{
    internal PatientHistory(Patient patient, IReadOnlyList<CarTInfusion> infusions, IReadOnlyList<ResponseAssessment> responses,
        IReadOnlyList<Progression> progressions, IReadOnlyList<SalvageLine> salvage, IReadOnlyList<Transplant> transplants, FollowUp followUp,
        IReadOnlyList<AdverseEvent> adverseEvents, IReadOnlyList<DonorLymphocyteInfusion> dlis)
    {
        AdverseEvents = adverseEvents;
        DonorLymphocyteInfusions = dlis;
        Patient = patient;
        Infusions = infusions;
        Responses = responses;
        Progressions = progressions;
        SalvageLines = salvage;
        Transplants = transplants;
        FollowUp = followUp;
    }

    /// <summary>The patient.</summary>
    public Patient Patient { get; }

    /// <summary>Infusions by number (the first is on day 0).</summary>
    public IReadOnlyList<CarTInfusion> Infusions { get; }

    /// <summary>Response assessments by day.</summary>
    public IReadOnlyList<ResponseAssessment> Responses { get; }

    /// <summary>Progressions by day.</summary>
    public IReadOnlyList<Progression> Progressions { get; }

    /// <summary>Salvage lines by number.</summary>
    public IReadOnlyList<SalvageLine> SalvageLines { get; }

    /// <summary>Transplants by day.</summary>
    public IReadOnlyList<Transplant> Transplants { get; }

    /// <summary>Follow-up status.</summary>
    public FollowUp FollowUp { get; }

    /// <summary>Adverse events of salvage lines and transplants, by day.</summary>
    public IReadOnlyList<AdverseEvent> AdverseEvents { get; }

    /// <summary>Donor lymphocyte infusions, by day.</summary>
    public IReadOnlyList<DonorLymphocyteInfusion> DonorLymphocyteInfusions { get; }

    /// <summary>The first infusion.</summary>
    public CarTInfusion FirstInfusion => Infusions[0];

    /// <summary>True when the patient died.</summary>
    public bool Died => FollowUp.Status == VitalStatus.Dead;

    /// <summary>Day of death or last contact.</summary>
    public double EndDay => FollowUp.LastContactDay;

    /// <summary>The first failure after CAR T (refractory disease or relapse), or null.</summary>
    public Progression? FirstProgression => Progressions.Count > 0 ? Progressions[0] : null;

    /// <summary>The best response to the first infusion (the first CR assessment if any, else the last assessment), or null when never assessed.</summary>
    public ResponseAssessment? FirstInfusionResponse
    {
        get
        {
            var first = Responses.Where(r => r.InfusionNumber == 1).ToArray();
            return first.FirstOrDefault(r => r.Category.IsCompleteRemission()) ?? first.LastOrDefault();
        }
    }

    /// <summary>The first salvage line whose response was a complete remission, or null.</summary>
    public SalvageLine? FirstSalvageCr => SalvageLines.Where(s => s.Response?.IsCompleteRemission() == true)
        .OrderBy(s => s.ResponseDay).FirstOrDefault();
}
