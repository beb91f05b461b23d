using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Clinical.Endpoints;

/// <summary>A right-censored endpoint: one row per included patient, time in days from the endpoint's origin.</summary>
public sealed class EndpointData
{
    private readonly string[] _ids;
    private readonly double[] _days;
    private readonly bool[] _event;

    internal EndpointData(string name, IEnumerable<(string Id, double Days, bool Event)> rows)
    {
        Name = name;
        var r = rows.ToArray();
        _ids = r.Select(x => x.Id).ToArray();
        _days = r.Select(x => x.Days).ToArray();
        _event = r.Select(x => x.Event).ToArray();
    }

    /// <summary>What the endpoint is (e.g. "Overall survival from first CAR T infusion").</summary>
    public string Name { get; }

    /// <summary>Number of patients included.</summary>
    public int Count => _ids.Length;

    /// <summary>Included patients, in cohort order.</summary>
    public IReadOnlyList<string> PatientIds => _ids;

    /// <summary>Time from origin to event or censoring, in days.</summary>
    public IReadOnlyList<double> Days => _days;

    /// <summary>True where the row ends in the endpoint's event.</summary>
    public IReadOnlyList<bool> Event => _event;

    /// <summary>Number of events.</summary>
    public int EventCount => _event.Count(e => e);

    /// <summary>Times in <paramref name="unit"/>.</summary>
    public IReadOnlyList<double> Times(TimeUnit unit) => _days.Select(d => StudyTime.Convert(d, unit)).ToArray();

    /// <summary>The endpoint as R's <c>Surv(time, event)</c>, time in <paramref name="unit"/> (months by default).</summary>
    public SurvivalData ToSurvivalData(TimeUnit unit = TimeUnit.Months) => SurvivalData.RightCensored(Times(unit), _event);
}

/// <summary>
/// Competing-risks data: one row per patient, time in days and a status code in the convention of R's
/// <c>cmprsk::cuminc(ftime, fstatus, cencode = 0)</c>: 0 censored, 1 the event of interest, 2 the competing event.
/// Feed <see cref="Times"/> and <see cref="Status"/> to the engine's competing-risks estimator.
/// </summary>
public sealed class CompetingEndpointData
{
    /// <summary>Status code of a censored row.</summary>
    public const int Censored = 0;

    /// <summary>Status code of the event of interest.</summary>
    public const int EventOfInterest = 1;

    /// <summary>Status code of the competing event.</summary>
    public const int CompetingEvent = 2;

    private readonly string[] _ids;
    private readonly double[] _days;
    private readonly int[] _status;

    internal CompetingEndpointData(string name, IEnumerable<(string Id, double Days, int Status)> rows)
    {
        Name = name;
        var r = rows.ToArray();
        _ids = r.Select(x => x.Id).ToArray();
        _days = r.Select(x => x.Days).ToArray();
        _status = r.Select(x => x.Status).ToArray();
    }

    /// <summary>What the data describe.</summary>
    public string Name { get; }

    /// <summary>Number of patients.</summary>
    public int Count => _ids.Length;

    /// <summary>Patients, in cohort order.</summary>
    public IReadOnlyList<string> PatientIds => _ids;

    /// <summary>Time to the first event or censoring, in days.</summary>
    public IReadOnlyList<double> Days => _days;

    /// <summary>Status codes: <see cref="Censored"/>, <see cref="EventOfInterest"/>, <see cref="CompetingEvent"/>.</summary>
    public IReadOnlyList<int> Status => _status;

    /// <summary>Times in <paramref name="unit"/>.</summary>
    public IReadOnlyList<double> Times(TimeUnit unit) => _days.Select(d => StudyTime.Convert(d, unit)).ToArray();
}
