using System.Text.RegularExpressions;

namespace CarTOutcomes.IO.Cohort;

/// <summary>
/// The de-identification guard on values: a <c>patient_id</c> must be a study code (such as <c>E01</c> or
/// <c>MSK7</c>), never a name or a medical record number. Refused, with the row: a value with a space or a comma
/// (<c>Smith, John</c>, <c>John Smith</c>); a name-like value (a capitalised word of letters only, <c>Smith</c>, or two
/// words of letters joined by <c>.</c> or <c>^</c>, <c>john.smith</c>, <c>SMITH^JOHN</c>); and a plain run
/// of 6 to 10 digits (<c>1234567</c>), which looks like a medical record number. docs/data-dictionary.md says how to
/// rename codes; <see cref="CohortCsvOptions.AllowIdentifierValues"/> turns the guard off.
/// </summary>
internal static partial class IdentifierGuard
{
    public static void Check(CsvRow row, string id, CohortCsvOptions options)
    {
        if (options.AllowIdentifierValues) return;
        var why = Reason(id);
        if (why is not null)
            row.Fail("patient_id", id, $"a study code, not {why}: replace it by a code such as P001 (see docs/data-dictionary.md, \"Identifiers\")");
    }

    /// <summary>Why <paramref name="id"/> looks like a direct identifier, or null when it looks like a study code.</summary>
    internal static string? Reason(string id) =>
        id.Any(c => char.IsWhiteSpace(c) || c == ',') ? "a name (it holds a space or a comma)"
        : RecordNumber().IsMatch(id) ? "a medical record number (a plain run of 6 to 10 digits)"
        : NameLike().IsMatch(id) ? "a name (letters only, shaped like a name)"
        : null;

    [GeneratedRegex(@"^[0-9]{6,10}$")]
    private static partial Regex RecordNumber();

    [GeneratedRegex(@"^(\p{Lu}\p{Ll}+(['’-]\p{Lu}?\p{Ll}+)*|\p{Lu}['’]\p{Lu}\p{Ll}+|\p{L}{2,}[.^]\p{L}{2,})$")]
    private static partial Regex NameLike();
}
