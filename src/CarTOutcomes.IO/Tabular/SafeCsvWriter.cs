using System.Globalization;
using System.Text;
using CsvHelper;

namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// Writes CSV that is safe to open in a spreadsheet and that gives back exactly the numbers written.
/// </summary>
/// <remarks>
/// <para><b>Formula injection.</b> A spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or
/// <c>@</c> as a formula, and some spreadsheets skip leading spaces, tabs and line breaks before looking, so a
/// patient label such as <c>=HYPERLINK(...)</c> or <c>"  =1+1"</c> in an export could run when a colleague opens it.
/// Every text cell (headers included) that starts with one of these characters, or with a tab, carriage return or
/// line feed, or with spaces/tabs/line breaks followed by one of them, is written with a leading apostrophe, which
/// spreadsheets read as "this cell is text" (the OWASP recommendation, extended to leading whitespace). The apostrophe
/// is part of the written text: a program reading the file back sees <c>'=x</c>, not <c>=x</c>. This is the one CSV
/// writer of the project: every CSV the library or the command line writes (the cohort files included) goes
/// through it.</para>
/// <para><b>Numbers</b> are never prefixed, even when negative: <c>-0.5</c> is written as <c>-0.5</c> and stays a
/// number. They are written in the shortest form that parses back to the same double (.NET's round-trip
/// <c>"R"</c> format, invariant culture): <c>0.1 + 0.2</c> is written <c>0.30000000000000004</c> and
/// <c>1e-300</c> as <c>1E-300</c>. Negative zero is written <c>-0</c>, so that the bits round-trip too
/// (spreadsheets and R show it as 0). NaN (a missing value) is written <c>NA</c>, infinities <c>Inf</c> and
/// <c>-Inf</c>, as R's <c>write.csv</c> does. A text cell that is null is written <c>NA</c> too.</para>
/// <para>Fields holding the separator, a quote or a line break are quoted (RFC 4180). Lines end with <c>\n</c>;
/// files are UTF-8 without a byte order mark.</para>
/// </remarks>
public sealed class SafeCsvWriter : IDisposable
{
    /// <summary>The characters that make a text cell a possible formula when it starts with one of them.</summary>
    public const string FormulaStarts = "=+-@\t\r\n";

    /// <summary>The characters a spreadsheet may skip before it looks for a formula start.</summary>
    private const string LeadingBlanks = " \t\r\n";

    private readonly CsvWriter _csv;

    /// <summary>Writes CSV to <paramref name="writer"/>, lines ending with <c>\n</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="leaveOpen">Leave <paramref name="writer"/> open when this writer is disposed.</param>
    public SafeCsvWriter(TextWriter writer, bool leaveOpen = false) : this(writer, leaveOpen, "\n")
    {
    }

    /// <summary>Writes CSV to <paramref name="writer"/> with the given line end.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="leaveOpen">Leave <paramref name="writer"/> open when this writer is disposed.</param>
    /// <param name="newLine"><c>"\n"</c> or <c>"\r\n"</c> (RFC 4180's).</param>
    public SafeCsvWriter(TextWriter writer, bool leaveOpen, string newLine)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (newLine is not ("\n" or "\r\n")) throw new ArgumentException("The line end must be \\n or \\r\\n.", nameof(newLine));
        var options = new CsvWriterOptions
        {
            Separator = ',',
            NewLine = newLine,
            FormatProvider = CultureInfo.InvariantCulture,
            Injection = CsvInjection.None, // neutralized here, for text cells only, so that the rule is ours and tested
            CommentPrefix = '#',           // a first cell starting with # is quoted, so that no row reads back as a comment
        };
        _csv = CsvWriter.Create(writer, options, leaveOpen);
    }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>, in UTF-8 without a byte order mark.</summary>
    /// <param name="path">The file to write.</param>
    public static SafeCsvWriter Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new SafeCsvWriter(new StreamWriter(path, false, new UTF8Encoding(false)));
    }

    /// <summary>Writes a header row: each name is a text cell.</summary>
    /// <param name="names">The column names.</param>
    public void WriteHeader(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names) WriteText(n);
        EndRow();
    }

    /// <summary>Writes a text cell, neutralized (see <see cref="Neutralize"/>); null is written <c>NA</c>.</summary>
    /// <param name="value">The text.</param>
    public void WriteText(string? value) => _csv.WriteField(value is null ? "NA" : Neutralize(value));

    /// <summary>Writes a number in round-trip form (see <see cref="FormatNumber"/>); never prefixed.</summary>
    /// <param name="value">The number.</param>
    public void WriteNumber(double value) => _csv.WriteField(FormatNumber(value));

    /// <summary>Writes an integer; never prefixed.</summary>
    /// <param name="value">The number.</param>
    public void WriteNumber(long value) => _csv.WriteField(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes an empty cell (a missing value in files whose readers take empty as missing, as the cohort files).</summary>
    public void WriteEmpty() => _csv.WriteField("");

    /// <summary>Writes a comment line (<c>#</c> then <paramref name="text"/>); readers of the cohort files skip it.</summary>
    /// <param name="text">One line of text.</param>
    public void WriteComment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOfAny(['\r', '\n']) >= 0) throw new ArgumentException("A comment must be a single line.", nameof(text));
        _csv.WriteComment(text);
    }

    /// <summary>
    /// One text cell as it is written: neutralized (see <see cref="Neutralize"/>), then quoted when it holds a comma, a
    /// quote or a line break.
    /// </summary>
    /// <param name="text">The cell's text.</param>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = Neutralize(text);
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow() => _csv.EndRecord();

    /// <summary>Writes what is buffered to the destination.</summary>
    public void Flush() => _csv.Flush();

    /// <summary>Flushes and closes (unless asked to leave the destination open).</summary>
    public void Dispose() => _csv.Dispose();

    /// <summary>
    /// The text as written: with a leading apostrophe when it starts with one of <see cref="FormulaStarts"/>, or
    /// when spaces, tabs or line breaks come before one of them; else unchanged.
    /// </summary>
    /// <param name="text">A text cell's value.</param>
    public static string Neutralize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return text;
        if (FormulaStarts.Contains(text[0])) return "'" + text;
        var rest = text.AsSpan().TrimStart(LeadingBlanks);
        return rest.Length < text.Length && rest.Length > 0 && FormulaStarts.Contains(rest[0]) ? "'" + text : text;
    }

    /// <summary>
    /// A number as written: the shortest text that parses back to the same double (<c>"R"</c>, invariant culture);
    /// <c>NA</c> for NaN, <c>Inf</c> and <c>-Inf</c> for infinities, <c>-0</c> for negative zero.
    /// </summary>
    /// <param name="value">The number.</param>
    public static string FormatNumber(double value) => value switch
    {
        double.NaN => "NA",
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
