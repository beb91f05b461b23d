using System.Globalization;
using System.Text.RegularExpressions;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.IO.Files;
using CarTOutcomes.IO.Tabular;
using ClinicalCohort = CarTOutcomes.Clinical.Model.Cohort;
using S = CarTOutcomes.IO.Cohort.CohortCsvSchema;

namespace CarTOutcomes.IO.Cohort;

/// <summary>The outcome of reading a cohort: the cohort when there was no problem, and every problem found.</summary>
public sealed class CohortCsvReadResult
{
    internal CohortCsvReadResult(ClinicalCohort? cohort, IReadOnlyList<DataIssue> issues)
    {
        Cohort = cohort;
        Issues = issues;
    }

    /// <summary>The cohort, or null when there were problems.</summary>
    public ClinicalCohort? Cohort { get; }

    /// <summary>Every problem found: header problems, bad values, and broken consistency rules (<see cref="CohortRules"/>).</summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    /// <summary>True when the cohort was read without problems.</summary>
    public bool IsValid => Cohort is not null;
}

/// <summary>
/// Reads and writes a cohort as nine tidy CSV files, one per entity (see <see cref="CohortCsvSchema"/> and
/// docs/data-dictionary.md). Reading reports every problem at once, each with file, 1-based data row, column and value.
/// </summary>
/// <remarks>
/// <para>Dates: every day column holds days from the first CAR T infusion. For exports with calendar dates, add a
/// <c>reference_date</c> column (yyyy-MM-dd, the date of the first infusion) to patients.csv; any day cell of that
/// patient may then be an ISO date and is read as <c>date − reference_date</c> in days. The writer always writes days
/// and never writes reference dates.</para>
/// <para>Chronology rules are not checked for a patient with a row whose values could not be read (fix those first);
/// the value problems themselves are all reported.</para>
/// </remarks>
public static partial class CohortCsv
{
    /// <summary>Reads the cohort in <paramref name="directory"/>.</summary>
    /// <param name="directory">Folder holding patients.csv, infusions.csv, followup.csv and optionally the other files.</param>
    /// <param name="options">Loader options; defaults refuse direct-identifier columns.</param>
    public static CohortCsvReadResult Read(string directory, CohortCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
            return new(null, [new DataIssue(directory, 0, 0, "", "", File.Exists(directory)
                ? "this is a file, not a folder: give the folder holding patients.csv, infusions.csv and followup.csv"
                : "the cohort folder does not exist")]);
        var reader = new CohortCsvReader(directory, options ?? new CohortCsvOptions());
        var input = reader.Read();
        var issues = reader.Issues;
        foreach (var p in CohortRules.Check(input).Where(p => !reader.Unparsed.Contains(p.PatientId)))
        {
            var (file, row, line) = reader.Origin[p.Entity];
            var column = p.Field is null ? "" : ColumnOf(p.Entity, p.Field);
            // A day given as an ISO date is shown as written (2015-01-01), not as the day computed from it (-338).
            var value = reader.WrittenDates.TryGetValue((file, row, column), out var written) ? written : p.Value ?? "";
            issues.Add(new DataIssue(file, row, line, column, value, p.Message));
        }
        if (issues.Count > 0) return new(null, issues);
        return new(ClinicalCohort.Create(input), issues);
    }

    /// <summary>Reads the cohort in <paramref name="directory"/> or throws.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="options">Loader options.</param>
    /// <exception cref="DataValidationException">Listing every problem.</exception>
    public static ClinicalCohort Load(string directory, CohortCsvOptions? options = null)
    {
        var r = Read(directory, options);
        return r.Cohort ?? throw new DataValidationException(r.Issues);
    }

    /// <summary>
    /// Writes the nine files of <paramref name="cohort"/> to <paramref name="directory"/> (created if needed), days
    /// only, all at once or not at all (<see cref="AtomicFolder"/>): they are written beside the folder, read back
    /// through the validating reader, then swapped in; on any failure the previous files stay as they were.
    /// </summary>
    public static void Write(ClinicalCohort cohort, string directory) => Write(cohort, directory, null);

    /// <summary>
    /// Writes the nine files, each opening with <paramref name="comment"/> as a <c>#</c> comment line when it is given
    /// (the reader skips lines starting with <c>#</c>); used to mark every file of a synthetic cohort as synthetic.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="directory">Folder to write (created if needed).</param>
    /// <param name="comment">One line of text without line breaks, or null for no comment.</param>
    public static void Write(ClinicalCohort cohort, string directory, string? comment)
    {
        if (comment is not null && comment.IndexOfAny(['\r', '\n']) >= 0)
            throw new ArgumentException("The comment must be a single line.", nameof(comment));
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(directory);
        AtomicFolder.Write(directory, staging => WriteFiles(cohort, staging, comment), ReadsBack);
    }

    /// <summary>The files just written must read back through the validating reader; if not, that is a bug here.</summary>
    private static void ReadsBack(string staging)
    {
        var back = Read(staging);
        if (!back.IsValid)
            throw new InvalidOperationException("The cohort written does not read back without problems; nothing was replaced. " +
                                                string.Join(Environment.NewLine, back.Issues.Take(20)));
    }

    private static void WriteFiles(ClinicalCohort cohort, string directory, string? comment)
    {
        WriteFile(directory, comment, S.Patients, cohort.Patients, p => [p.Id, N(p.AgeYears), CsvCodes.Sex.Code(p.Sex), CsvCodes.Ph.Code(p.Ph),
            p.PhSubtype is { } s ? CsvCodes.PhSubtype.Code(s) : "", CsvCodes.Cytogenetics.Code(p.CytogeneticRisk), I(p.PriorLines),
            B(p.PriorBlinatumomab), B(p.PriorInotuzumab), B(p.PriorHsct), CsvCodes.Diagnosis.Code(p.Diagnosis), B(p.LdhHigh), B(p.PlateletsLow)]);
        WriteFile(directory, comment, S.Infusions, cohort.Infusions, x => [x.PatientId, I(x.Number), N(x.Day), CsvCodes.Burden.Code(x.DiseaseBurden),
            CsvCodes.Bridging.Code(x.Bridging), x.Lymphodepletion ?? "", N(x.DosePerKg), N(x.PeakExpansion), I(x.MaxCrsGrade), I(x.MaxIcansGrade),
            N(x.Tocilizumab?.StartDay), N(x.Tocilizumab?.DurationDays), N(x.Tocilizumab?.DoseIntensity),
            N(x.Corticosteroid?.StartDay), N(x.Corticosteroid?.DurationDays), N(x.Corticosteroid?.DoseIntensity),
            N(x.CrsTiming?.OnsetDays), N(x.CrsTiming?.DurationDays), N(x.IcansTiming?.OnsetDays), N(x.IcansTiming?.DurationDays)]);
        WriteFile(directory, comment, S.Responses, cohort.Responses, x => [x.PatientId, I(x.InfusionNumber), N(x.Day), CsvCodes.Response.Code(x.Category)]);
        WriteFile(directory, comment, S.Progressions, cohort.Progressions, x => [x.PatientId, I(x.Number), N(x.Day), CsvCodes.ProgressionType.Code(x.Type),
            CsvCodes.SiteText(x.Site), CsvCodes.Cd19.Code(x.Cd19), CsvCodes.Lineage.Code(x.Lineage), N(x.MarrowBlastPercent)]);
        WriteFile(directory, comment, S.Salvage, cohort.SalvageLines, x => [x.PatientId, I(x.Number), N(x.StartDay), x.Regimen, CsvCodes.SalvageClass.Code(x.Class),
            CsvCodes.Burden.Code(x.DiseaseStatus), x.Response is { } r ? CsvCodes.Response.Code(r) : "", N(x.ResponseDay)]);
        WriteFile(directory, comment, S.Transplants, cohort.Transplants, x => [x.PatientId, N(x.Day), CsvCodes.Setting.Code(x.Setting), CsvCodes.TransplantStatus.Code(x.DiseaseStatus)]);
        WriteFile(directory, comment, S.FollowUp, cohort.FollowUps, x => [x.PatientId, N(x.LastContactDay), CsvCodes.Vital.Code(x.Status),
            B(x.LostToFollowUp), x.CauseOfDeath is { } c ? CsvCodes.Cause.Code(c) : ""]);
        WriteFile(directory, comment, S.AdverseEvents, cohort.AdverseEvents, x => [x.PatientId, CsvCodes.AdverseEventKind.Code(x.Kind), N(x.Day),
            CsvCodes.AdverseEventSetting.Code(x.Setting), I(x.Grade), I(x.SalvageLineNumber)]);
        WriteFile(directory, comment, S.DonorLymphocyteInfusions, cohort.DonorLymphocyteInfusions, x => [x.PatientId, N(x.Day)]);
    }

    private static void WriteFile<T>(string directory, string? comment, string file, IEnumerable<T> rows, Func<T, Cell[]> cells)
    {
        using var csv = SafeCsvWriter.Create(Path.Combine(directory, file));
        if (comment is not null) csv.WriteComment(" " + comment);
        var columns = S.Columns[file].Where(c => c.Name != S.ReferenceDate).ToArray();
        csv.WriteHeader(columns.Select(c => c.Name));
        foreach (var row in rows)
        {
            var values = cells(row);
            if (values.Length != columns.Length) throw new InvalidOperationException($"{file}: {values.Length} values for {columns.Length} columns.");
            foreach (var cell in values) cell.WriteTo(csv);
            csv.EndRow();
        }
    }

    /// <summary>A cell to write: a number (never neutralized, so <c>-7</c> stays a number), text (neutralized against formula injection) or empty.</summary>
    private readonly record struct Cell(string? Text, double? Number, bool IsNumber)
    {
        public static implicit operator Cell(string? text) => new(text, null, false);

        public void WriteTo(SafeCsvWriter csv)
        {
            if (IsNumber && Number is double x) csv.WriteNumber(x);
            else if (string.IsNullOrEmpty(Text)) csv.WriteEmpty();
            else csv.WriteText(Text);
        }
    }

    private static Cell N(double? x) => new(null, x, true);

    private static Cell I(int? x) => new(null, x, true);

    private static string B(bool? x) => x switch { true => "yes", false => "no", null => "" };

    // Model field → CSV column: the few renamed fields, else snake_case of the property path.
    private static string ColumnOf(object entity, string field) => (entity, field) switch
    {
        (Patient, "Id") => "patient_id",
        (Patient, "Ph") => "ph_status",
        (CarTInfusion, "Number") => "infusion_number",
        (Progression, "Number") => "progression_number",
        (SalvageLine, "Number") => "line_number",
        (ResponseAssessment, "Category") => "response",
        (FollowUp, "Status") => "vital_status",
        (CarTInfusion, "CrsTiming.OnsetDays") => "crs_onset_days",
        (CarTInfusion, "CrsTiming.DurationDays") => "crs_duration_days",
        (CarTInfusion, "IcansTiming.OnsetDays") => "icans_onset_days",
        (CarTInfusion, "IcansTiming.DurationDays") => "icans_duration_days",
        _ => SnakeCase(field),
    };

    private static string SnakeCase(string field)
        => UpperRun().Replace(field.Replace(".", "_"), m => (m.Index > 0 && field.Replace(".", "_")[m.Index - 1] != '_' ? "_" : "") + m.Value.ToLowerInvariant());

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperRun();
}
