namespace CarTOutcomes.IO.Cohort;

/// <summary>One column of a cohort CSV file.</summary>
/// <param name="Name">Header name (lower-case snake_case).</param>
/// <param name="Required">True when the column must be present.</param>
public sealed record CsvColumn(string Name, bool Required);

/// <summary>
/// The files and columns of the cohort CSV format (documented column by column in docs/data-dictionary.md).
/// Days are counted from the first CAR T infusion; a day column may instead hold an ISO date (yyyy-MM-dd) when the
/// patient has a <c>reference_date</c> in patients.csv.
/// </summary>
public static class CohortCsvSchema
{
    /// <summary>patients.csv.</summary>
    public const string Patients = "patients.csv";
    /// <summary>infusions.csv.</summary>
    public const string Infusions = "infusions.csv";
    /// <summary>responses.csv.</summary>
    public const string Responses = "responses.csv";
    /// <summary>progressions.csv.</summary>
    public const string Progressions = "progressions.csv";
    /// <summary>salvage.csv.</summary>
    public const string Salvage = "salvage.csv";
    /// <summary>transplants.csv.</summary>
    public const string Transplants = "transplants.csv";
    /// <summary>followup.csv.</summary>
    public const string FollowUp = "followup.csv";
    /// <summary>adverse_events.csv: adverse events of salvage lines and after transplants.</summary>
    public const string AdverseEvents = "adverse_events.csv";
    /// <summary>dli.csv: donor lymphocyte infusions.</summary>
    public const string DonorLymphocyteInfusions = "dli.csv";

    /// <summary>The optional per-patient reference date column of patients.csv (ISO date of the first CAR T infusion).</summary>
    public const string ReferenceDate = "reference_date";

    /// <summary>Files that must exist; the others may be absent (no rows).</summary>
    public static readonly IReadOnlyList<string> RequiredFiles = [Patients, Infusions, FollowUp];

    /// <summary>The columns of each file, in the order they are written.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<CsvColumn>> Columns = new Dictionary<string, IReadOnlyList<CsvColumn>>
    {
        [Patients] = Cols("patient_id age_years sex ph_status ph_subtype cytogenetic_risk prior_lines prior_blinatumomab prior_inotuzumab prior_hsct diagnosis", "ldh_high platelets_low reference_date"),
        [Infusions] = Cols("patient_id infusion_number day disease_burden bridging",
            "lymphodepletion dose_per_kg peak_expansion max_crs_grade max_icans_grade tocilizumab_start_day tocilizumab_duration_days tocilizumab_dose_intensity corticosteroid_start_day corticosteroid_duration_days corticosteroid_dose_intensity crs_onset_days crs_duration_days icans_onset_days icans_duration_days"),
        [Responses] = Cols("patient_id infusion_number day response", ""),
        [Progressions] = Cols("patient_id progression_number day type site cd19 lineage", "marrow_blast_percent"),
        [Salvage] = Cols("patient_id line_number start_day regimen class disease_status", "response response_day"),
        [Transplants] = Cols("patient_id day setting disease_status", ""),
        [FollowUp] = Cols("patient_id last_contact_day vital_status lost_to_follow_up", "cause_of_death"),
        [AdverseEvents] = Cols("patient_id kind day setting", "grade salvage_line_number"),
        [DonorLymphocyteInfusions] = Cols("patient_id day", ""),
    };

    /// <summary>
    /// Column names that identify a person directly. The loader refuses a file with any of them (compared after
    /// lower-casing and turning spaces and hyphens into underscores) unless <see cref="CohortCsvOptions.AllowIdentifierColumns"/> is set.
    /// </summary>
    public static readonly IReadOnlySet<string> IdentifierColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "first_name", "firstname", "last_name", "lastname", "surname", "given_name", "full_name", "patient_name",
        "mrn", "medical_record_number", "record_number", "dob", "date_of_birth", "birth_date", "birthdate",
        "ssn", "social_security_number", "nhs_number", "insurance_number", "address", "street", "city", "zip", "zip_code",
        "postcode", "postal_code", "phone", "phone_number", "telephone", "email", "e_mail",
    };

    /// <summary>The column of <paramref name="file"/> named <paramref name="name"/>, or null.</summary>
    public static CsvColumn? Find(string file, string name) => Columns[file].FirstOrDefault(c => c.Name == name);

    internal static string Normalize(string header) => header.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static CsvColumn[] Cols(string required, string optional)
        => [.. Split(required).Select(n => new CsvColumn(n, true)), .. Split(optional).Select(n => new CsvColumn(n, false))];

    private static string[] Split(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
