namespace CarTOutcomes.IO.Cohort;

/// <summary>Options of the cohort loader.</summary>
/// <param name="AllowIdentifierColumns">
/// Opt-out of the de-identification guard: when true, columns named like direct identifiers (see
/// <see cref="CohortCsvSchema.IdentifierColumns"/>) are ignored instead of refused. Default false.
/// </param>
/// <param name="AllowIdentifierValues">
/// Opt-out of the guard on <c>patient_id</c> values: when true, values shaped like names or medical record numbers
/// (a space or comma, a capitalised word of letters only, a plain run of 6 to 10 digits) are accepted. Default false.
/// </param>
public sealed record CohortCsvOptions(bool AllowIdentifierColumns = false, bool AllowIdentifierValues = false);
