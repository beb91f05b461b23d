namespace CarTOutcomes.IO.Cohort;

/// <summary>Options of the cohort loader.</summary>
/// <param name="AllowIdentifierColumns">
/// Opt-out of the de-identification guard: when true, columns named like direct identifiers (see
/// <see cref="CohortCsvSchema.IdentifierColumns"/>) are ignored instead of refused. Default false.
/// </param>
public sealed record CohortCsvOptions(bool AllowIdentifierColumns = false);
