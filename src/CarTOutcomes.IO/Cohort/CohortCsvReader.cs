using System.Globalization;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Clinical.Model;
using S = CarTOutcomes.IO.Cohort.CohortCsvSchema;

namespace CarTOutcomes.IO.Cohort;

/// <summary>Parses the cohort files into model records, remembering where each record came from.</summary>
internal sealed class CohortCsvReader
{
    private readonly string _directory;
    private readonly CohortCsvOptions _options;
    private readonly Dictionary<string, DateOnly> _reference = new(StringComparer.Ordinal);

    public CohortCsvReader(string directory, CohortCsvOptions options)
    {
        _directory = directory;
        _options = options;
    }

    public List<DataIssue> Issues { get; } = [];

    /// <summary>Source (file, data row) of each record, by reference.</summary>
    public Dictionary<object, (string File, int Row, int Line)> Origin { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Day cells written as ISO dates, as written, by (file, 1-based row, column): messages show the date, not the computed day.</summary>
    public Dictionary<(string File, int Row, string Column), string> WrittenDates { get; } = [];

    /// <summary>Patients with a row that could not be parsed; chronology checks are skipped for them.</summary>
    public HashSet<string> Unparsed { get; } = new(StringComparer.Ordinal);

    public CohortInput Read()
    {
        var patients = Parse(S.Patients, ParsePatient);
        return new CohortInput(patients, Parse(S.Infusions, ParseInfusion), Parse(S.Responses, ParseResponse),
            Parse(S.Progressions, ParseProgression), Parse(S.Salvage, ParseSalvage), Parse(S.Transplants, ParseTransplant),
            Parse(S.FollowUp, ParseFollowUp), Parse(S.AdverseEvents, ParseAdverseEvent), Parse(S.DonorLymphocyteInfusions, ParseDli));
    }

    private List<T> Parse<T>(string file, Func<CsvRow, string, T?> parse) where T : class
    {
        var table = CsvTable.Read(_directory, file, _options, Issues);
        var list = new List<T>();
        if (table is null) return list;
        for (int i = 0; i < table.RowCount; i++)
        {
            var row = new CsvRow(table, i, Issues, WrittenDates);
            var id = row.Required("patient_id");
            var entity = id is null ? null : parse(row, id);
            if (row.Failed || entity is null)
            {
                if (id is not null) Unparsed.Add(id);
                continue;
            }
            list.Add(entity);
            Origin[entity] = (file, row.Row, row.Line);
        }
        return list;
    }

    private DateOnly? Ref(string id) => _reference.TryGetValue(id, out var d) ? d : null;

    private Patient? ParsePatient(CsvRow r, string id)
    {
        if (r.Date(S.ReferenceDate) is DateOnly d) _reference[id] = d;
        IdentifierGuard.Check(r, id, _options);
        var age = r.Number("age_years", true);
        var sex = r.Code("sex", CsvCodes.Sex, true);
        var ph = r.Code("ph_status", CsvCodes.Ph, true);
        var sub = r.Code("ph_subtype", CsvCodes.PhSubtype, false);
        var cyto = r.Code("cytogenetic_risk", CsvCodes.Cytogenetics, true);
        var lines = r.Integer("prior_lines", true);
        var blin = r.Bool("prior_blinatumomab", true);
        var ino = r.Bool("prior_inotuzumab", true);
        var hsct = r.Bool("prior_hsct", true);
        var ldh = r.Bool("ldh_high", false);
        var plt = r.Bool("platelets_low", false);
        var diagnosis = r.Code("diagnosis", CsvCodes.Diagnosis, true);
        if (r.Failed) return null;
        return new Patient(id, age!.Value, sex!.Value, ph!.Value, sub, cyto!.Value, lines!.Value, blin!.Value, ino!.Value, hsct!.Value, ldh, plt, diagnosis!.Value);
    }

    private CarTInfusion? ParseInfusion(CsvRow r, string id)
    {
        var number = r.Integer("infusion_number", true);
        var day = r.Day("day", true, Ref(id));
        var burden = r.Code("disease_burden", CsvCodes.Burden, true);
        var bridging = r.Code("bridging", CsvCodes.Bridging, true);
        var ld = r.Text("lymphodepletion");
        var dose = r.Number("dose_per_kg", false);
        var peak = r.Number("peak_expansion", false);
        var crs = r.Integer("max_crs_grade", false);
        var icans = r.Integer("max_icans_grade", false);
        var toci = Drug(r, "tocilizumab", id);
        var steroid = Drug(r, "corticosteroid", id);
        var crsTiming = Timing(r, "crs");
        var icansTiming = Timing(r, "icans");
        if (r.Failed) return null;
        return new CarTInfusion(id, number!.Value, day!.Value, burden!.Value, bridging!.Value, ld, dose, peak, crs, icans, toci, steroid, crsTiming, icansTiming);
    }

    // CRS/ICANS timing is given exactly when its onset is filled in (days after the infusion); a duration needs an onset.
    private static ToxicityTiming? Timing(CsvRow r, string prefix)
    {
        var onset = r.Number($"{prefix}_onset_days", false);
        var duration = r.Number($"{prefix}_duration_days", false);
        if (onset is null && duration is not null)
        {
            r.Fail($"{prefix}_onset_days", "", $"{prefix} duration is given without an onset");
            return null;
        }
        return onset is null ? null : new ToxicityTiming(onset.Value, duration);
    }

    // A drug is given exactly when its start day is filled in; duration and dose intensity need a start day.
    private DrugExposure? Drug(CsvRow r, string prefix, string id)
    {
        var start = r.Day($"{prefix}_start_day", false, Ref(id));
        var duration = r.Number($"{prefix}_duration_days", false);
        var dose = r.Number($"{prefix}_dose_intensity", false);
        if (start is null && (duration is not null || dose is not null))
        {
            r.Fail($"{prefix}_start_day", "", $"{prefix} duration or dose intensity is given without a start day");
            return null;
        }
        return start is null ? null : new DrugExposure(start.Value, duration, dose);
    }

    private ResponseAssessment? ParseResponse(CsvRow r, string id)
    {
        var number = r.Integer("infusion_number", true);
        var day = r.Day("day", true, Ref(id));
        var response = r.Code("response", CsvCodes.Response, true);
        return r.Failed ? null : new ResponseAssessment(id, number!.Value, day!.Value, response!.Value);
    }

    private Progression? ParseProgression(CsvRow r, string id)
    {
        var number = r.Integer("progression_number", true);
        var day = r.Day("day", true, Ref(id));
        var type = r.Code("type", CsvCodes.ProgressionType, true);
        var site = Site(r);
        var blasts = r.Number("marrow_blast_percent", false);
        var cd19 = r.Code("cd19", CsvCodes.Cd19, true);
        var lineage = r.Code("lineage", CsvCodes.Lineage, true);
        return r.Failed ? null : new Progression(id, number!.Value, day!.Value, type!.Value, site, blasts, cd19!.Value, lineage!.Value);
    }

    private static ProgressionSite Site(CsvRow r)
    {
        var s = r.Required("site");
        if (s is null) return ProgressionSite.None;
        var site = ProgressionSite.None;
        foreach (var part in s.Split(';', StringSplitOptions.TrimEntries))
        {
            if (CsvCodes.Site.TryParse(part, out var f)) site |= f;
            else r.Fail("site", s, $"allowed values: {string.Join(", ", CsvCodes.Site.All)}, joined by ';' (e.g. bm;cns)");
        }
        return site;
    }

    private SalvageLine? ParseSalvage(CsvRow r, string id)
    {
        var number = r.Integer("line_number", true);
        var start = r.Day("start_day", true, Ref(id));
        var regimen = r.Required("regimen");
        var cls = r.Code("class", CsvCodes.SalvageClass, true);
        var response = r.Code("response", CsvCodes.Response, false);
        var responseDay = r.Day("response_day", false, Ref(id));
        var status = r.Code("disease_status", CsvCodes.Burden, true);
        return r.Failed ? null : new SalvageLine(id, number!.Value, start!.Value, regimen!, cls!.Value, response, responseDay, status!.Value);
    }

    private Transplant? ParseTransplant(CsvRow r, string id)
    {
        var day = r.Day("day", true, Ref(id));
        var setting = r.Code("setting", CsvCodes.Setting, true);
        var status = r.Code("disease_status", CsvCodes.TransplantStatus, true);
        return r.Failed ? null : new Transplant(id, day!.Value, setting!.Value, status!.Value);
    }

    private FollowUp? ParseFollowUp(CsvRow r, string id)
    {
        var day = r.Day("last_contact_day", true, Ref(id));
        var vital = r.Code("vital_status", CsvCodes.Vital, true);
        var cause = r.Code("cause_of_death", CsvCodes.Cause, false);
        var lost = r.Bool("lost_to_follow_up", true);
        return r.Failed ? null : new FollowUp(id, day!.Value, vital!.Value, cause, lost!.Value);
    }

    private AdverseEvent? ParseAdverseEvent(CsvRow r, string id)
    {
        var kind = r.Code("kind", CsvCodes.AdverseEventKind, true);
        var grade = r.Integer("grade", false);
        var day = r.Day("day", true, Ref(id));
        var setting = r.Code("setting", CsvCodes.AdverseEventSetting, true);
        var line = r.Integer("salvage_line_number", false);
        return r.Failed ? null : new AdverseEvent(id, kind!.Value, grade, day!.Value, setting!.Value, line);
    }

    private DonorLymphocyteInfusion? ParseDli(CsvRow r, string id)
    {
        var day = r.Day("day", true, Ref(id));
        return r.Failed ? null : new DonorLymphocyteInfusion(id, day!.Value);
    }
}
