using System.Globalization;
using System.Text.Unicode;
using CarTOutcomes.Survival.Progress;
using CsvHelper;

namespace CarTOutcomes.IO.Tabular;

/// <summary>What a column holds.</summary>
public enum ColumnKind
{
    /// <summary>A number; empty and <c>NA</c> are missing.</summary>
    Number,

    /// <summary>Text (e.g. a group label); empty and <c>NA</c> are missing.</summary>
    Text,
}

/// <summary>A column to read.</summary>
/// <param name="Name">The header name, matched exactly (case-sensitive).</param>
/// <param name="Kind">Number or text.</param>
public sealed record ColumnRequest(string Name, ColumnKind Kind);

/// <summary>
/// The requested columns of a CSV file, read in one streaming pass. Numbers are parsed with the invariant culture;
/// a missing value (empty cell or <c>NA</c>, as R writes it) is NaN for numbers and null for text. A cell that is
/// neither a number nor missing is an error, never coerced.
/// </summary>
/// <remarks>
/// <para>The file is read as UTF-8 bytes (a byte order mark is allowed) and each number is parsed straight from the
/// bytes of its cell, so no string is made per row: memory is 8 bytes per row and numeric column, plus 8 per row and
/// text column (repeated labels share one string).</para>
/// <para>Only the requested columns are read. Other columns — including extra, unknown ones — are ignored, and so
/// are duplicate names among them; a requested name that appears twice in the header is an error, since it is not
/// clear which column is meant. <see cref="ReadAll(string, CancellationToken)"/> reads every column as text.</para>
/// <para>This is the one CSV reader of the project: survival data, cohort files and published targets are all read
/// through it, with one missing-value rule (<see cref="IsMissing(string)"/>) and one set of checks: a cell holding a
/// control character (a NUL byte, a tab, a line break inside quotes) is an error naming the cell and showing the
/// character escaped; a file delimited by tabs, <c>;</c> or <c>|</c> is refused with the delimiter named; text that
/// is not UTF-8 and broken quoting are reported by row.</para>
/// </remarks>
public sealed class ColumnTable
{
    /// <summary>The most columns <see cref="ReadAll(string, CancellationToken)"/> reads: a wider header is an error, not gigabytes of empty columns.</summary>
    public const int MaxColumnsReadAll = 10_000;

    /// <summary>At most this many issues are kept (all are counted in <see cref="IssueCount"/>).</summary>
    public const int MaxIssuesKept = 1000;

    private readonly Dictionary<string, double[]> _numbers;
    private readonly Dictionary<string, string?[]> _texts;
    private readonly LineMap _lines;

    private ColumnTable(string file, int rows, LineMap lines, Dictionary<string, double[]> numbers,
        Dictionary<string, string?[]> texts, IReadOnlyList<DataIssue> issues, int issueCount, IReadOnlyList<string> names)
    {
        ColumnNames = names;
        Issues = issues;
        IssueCount = issueCount;
        File = file;
        RowCount = rows;
        _lines = lines;
        _numbers = numbers;
        _texts = texts;
    }

    /// <summary>The file read, as named in messages.</summary>
    public string File { get; }

    /// <summary>The columns read: those requested, in request order, or for <see cref="ReadAll(string, CancellationToken)"/> every column of the header, in header order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>True when column <paramref name="column"/> was read.</summary>
    public bool HasColumn(string column) => _numbers.ContainsKey(column) || _texts.ContainsKey(column);

    /// <summary>
    /// Cell-level problems found while reading (values that are neither numbers nor missing, short rows, text that
    /// is not UTF-8), in row order; at most <see cref="MaxIssuesKept"/>. Such cells read as missing, so callers must
    /// report these issues rather than drop the rows: see <see cref="ThrowIfInvalid"/>.
    /// </summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    /// <summary>The number of problems found, including those beyond <see cref="MaxIssuesKept"/>.</summary>
    public int IssueCount { get; }

    /// <summary>Throws a <see cref="DataValidationException"/> when <see cref="Issues"/> is not empty.</summary>
    public void ThrowIfInvalid()
    {
        if (IssueCount > 0) throw new DataValidationException(Issues, IssueCount);
    }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The physical line where data row <paramref name="row"/> (0-based) starts.</summary>
    public int LineOf(int row) => _lines.LineOf(row);

    /// <summary>The line of every row, kept by a reader that lets go of the table.</summary>
    internal LineMap Lines => _lines;

    /// <summary>A numeric column (NaN = missing).</summary>
    public IReadOnlyList<double> Numbers(string column) => _numbers[column];

    /// <summary>A text column (null = missing).</summary>
    public IReadOnlyList<string?> Texts(string column) => _texts[column];

    /// <summary>The array behind a numeric column, for callers in this assembly that must not copy it.</summary>
    internal double[] NumberArray(string column) => _numbers[column];

    /// <summary>True when data row <paramref name="row"/> (0-based) has a missing value in any requested column.</summary>
    public bool HasMissing(int row)
    {
        foreach (var c in _numbers.Values) if (double.IsNaN(c[row])) return true;
        foreach (var c in _texts.Values) if (c[row] is null) return true;
        return false;
    }

    /// <summary>
    /// Reads the requested columns of <paramref name="path"/>. A missing file or column, or a header that cannot be
    /// used, throws a <see cref="DataValidationException"/>; problems with single cells are collected in
    /// <see cref="Issues"/> so that the caller can add its own checks and report everything at once.
    /// </summary>
    /// <param name="path">A comma-separated file with a header row (UTF-8, optional BOM).</param>
    /// <param name="columns">The columns to read; other columns are ignored.</param>
    public static ColumnTable Read(string path, IReadOnlyList<ColumnRequest> columns) =>
        Read(path, columns, null, CancellationToken.None);

    /// <summary>
    /// Reads the requested columns of <paramref name="path"/>, reporting the fraction of the file read (by bytes)
    /// and stopping when <paramref name="cancellationToken"/> is cancelled. See <see cref="Read(string, IReadOnlyList{ColumnRequest})"/>.
    /// </summary>
    /// <param name="path">A comma-separated file with a header row (UTF-8, optional BOM).</param>
    /// <param name="columns">The columns to read; other columns are ignored.</param>
    /// <param name="progress">Receives progress about once per percent of the file; may be null.</param>
    /// <param name="cancellationToken">Cancels the reading (an <see cref="OperationCanceledException"/>).</param>
    public static ColumnTable Read(string path, IReadOnlyList<ColumnRequest> columns,
        IProgress<ProgressReport>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Read(path, path, columns, ReadSettings.Default, progress, cancellationToken);
    }

    /// <summary>
    /// Reads every column of <paramref name="path"/> as text (null = missing: an empty cell or <c>NA</c>), in header
    /// order: the simplest way to get a CSV file as named string columns, with every check of this reader. A header
    /// name that is empty or appears twice is an error. Call <see cref="ThrowIfInvalid"/> (or look at
    /// <see cref="Issues"/>) before using the values.
    /// </summary>
    /// <param name="path">A comma-separated file with a header row (UTF-8, optional BOM).</param>
    /// <param name="cancellationToken">Cancels the reading (an <see cref="OperationCanceledException"/>).</param>
    public static ColumnTable ReadAll(string path, CancellationToken cancellationToken = default) =>
        Read(path, path, null, ReadSettings.Default, null, cancellationToken);

    /// <summary>The full form: <paramref name="name"/> is used in messages; null <paramref name="columns"/> reads every column as text.</summary>
    internal static ColumnTable Read(string path, string name, IReadOnlyList<ColumnRequest>? columns, ReadSettings settings,
        IProgress<ProgressReport>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(name);
        if (Directory.Exists(path))
            throw new DataValidationException([new DataIssue(name, 0, 0, "", "", "this is a folder, not a file: give the path of a CSV file")]);
        if (!System.IO.File.Exists(path))
            throw new DataValidationException([new DataIssue(name, 0, 0, "", "", "the file does not exist")]);
        if (columns is not null && !settings.CommentLines)
        {
            var fast = TryParallel(path, name, columns, progress, cancellationToken);
            if (fast is not null) return fast;
        }
        using var stream = OpenRead(path, name);
        long length = stream.Length;
        return Guarded(name, () =>
        {
            using var csv = CsvReader.Create(stream, Options(name, settings, out var malformed), false);
            var reading = new Reading(name, columns, progress, length, $"reading {Path.GetFileName(path)}", cancellationToken, malformed);
            return reading.Run(csv);
        });
    }

    /// <summary>The parallel path for large plain files (<see cref="ParallelColumnReader"/>); null leaves the file to the streaming reader.</summary>
    private static ColumnTable? TryParallel(string path, string name, IReadOnlyList<ColumnRequest> columns,
        IProgress<ProgressReport>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return ParallelColumnReader.TryRead(path, name, columns, progress, $"reading {Path.GetFileName(path)}", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException)
        {
            return null; // the streaming reader opens the file again and reports what is wrong
        }
    }

    /// <summary>A table of columns read without issues, one row per line after a one-line header.</summary>
    internal static ColumnTable FromColumns(string file, int rows, Dictionary<string, double[]> numbers,
        Dictionary<string, string?[]> texts, IReadOnlyList<string> names) =>
        new(file, rows, new LineMap.Builder().Build(), numbers, texts, [], 0, names);

    private static FileStream OpenRead(string path, string name)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataValidationException([new DataIssue(name, 0, 0, "", "", $"a file that can be read; opening it failed: {e.Message}")]);
        }
    }

    /// <summary>Reads from an open reader; <paramref name="name"/> is used in messages.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name of the input in messages (e.g. its path).</param>
    /// <param name="columns">The columns to read; other columns are ignored.</param>
    public static ColumnTable Read(TextReader reader, string name, IReadOnlyList<ColumnRequest> columns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columns);
        return Guarded(name, () =>
        {
            using var csv = CsvReader.Create(reader, Options(name, ReadSettings.Default, out var malformed), true);
            return new Reading(name, columns, null, 0, "", CancellationToken.None, malformed).Run(csv);
        });
    }

    /// <summary>Turns the CSV library's own errors about the input into located issues.</summary>
    private static ColumnTable Guarded(string name, Func<ColumnTable> read)
    {
        try
        {
            return read();
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new DataValidationException([new DataIssue(name, 0, 0, "", "", "UTF-8 text; the file seems to use another encoding (such as Latin-1 or Windows-1252): save it as UTF-8")]);
        }
        catch (CsvFormatException e)
        {
            int row = (int)Math.Max(e.RecordNumber - 1, 0);
            throw new DataValidationException([new DataIssue(name, row, (int)e.LineNumber, "", "", $"well-formed CSV ({e.Message})")]);
        }
    }

    /// <summary>
    /// The one missing-value rule of every file the project reads (R's spellings in CSV): a cell is missing when it is
    /// empty or exactly <c>NA</c>. Nothing else is missing: a cell of spaces, <c>na</c>, <c>NULL</c> or <c>.</c> is a
    /// value, and an error where a number or a code is expected.
    /// </summary>
    /// <param name="cell">The cell's text.</param>
    public static bool IsMissing(string cell) => cell.Length == 0 || cell == "NA";

    internal static bool IsMissing(ReadOnlySpan<byte> cell) => cell.IsEmpty || cell.SequenceEqual("NA"u8);

    /// <summary>
    /// Comma-separated, RFC 4180 quoting (quoted fields may hold separators and line breaks), every line counted.
    /// Malformed quoting is not repaired silently: each such record is reported through <paramref name="malformed"/>.
    /// </summary>
    private static CsvReaderOptions Options(string name, ReadSettings settings, out Dictionary<long, DataIssue> malformed)
    {
        var found = new Dictionary<long, DataIssue>();
        malformed = found;
        return new CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => found.TryAdd(m.RecordNumber, new DataIssue(name, (int)Math.Max(m.RecordNumber - 1, 0),
                (int)m.LineNumber, "", CellText.Show(System.Text.Encoding.UTF8.GetBytes(m.RawRecord)),
                $"well-formed CSV quoting ({Describe(m.Reason)}); the rest of the record cannot be trusted")),
            FormatProvider = CultureInfo.InvariantCulture,
            PoolStrings = true,
            CommentPrefix = settings.CommentLines ? '#' : null,
        };
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        _ => reason.ToString(),
    };

    /// <summary>One pass over the file: header checks, then every row.</summary>
    private sealed class Reading(string name, IReadOnlyList<ColumnRequest>? requested, IProgress<ProgressReport>? progress,
        long totalBytes, string stage, CancellationToken cancellation, Dictionary<long, DataIssue> malformed)
    {
        private readonly IssueList _issues = new();
        private IReadOnlyList<ColumnRequest> columns = requested ?? [];
        private int _headerLine = 1;

        private ChunkedColumn<double>?[] _numbers = [];
        private ChunkedColumn<string?>?[] _texts = [];
        private int[] _index = [];

        public ColumnTable Run(CsvReader csv)
        {
            _index = ReadHeader(csv);
            _numbers = columns.Select(c => c.Kind == ColumnKind.Number ? new ChunkedColumn<double>() : null).ToArray();
            _texts = columns.Select(c => c.Kind == ColumnKind.Text ? new ChunkedColumn<string?>() : null).ToArray();
            var lines = new LineMap.Builder();
            int row = 0;
            double reported = -1;
            while (csv.Read())
            {
                row++;
                int line = (int)csv.LineNumber;
                lines.Add(row - 1, line);
                ReadRow(csv, row, line);
                if ((row & 0xFFF) == 0) reported = Report(csv.ByteOffset, reported);
            }
            foreach (var leftover in malformed.Values) _issues.Add(leftover);
            if (totalBytes > 0) progress?.Report(new ProgressReport(1, stage));
            var issues = _issues.Kept.OrderBy(i => i.Row).ToArray(); // malformed records may be found ahead of the rows
            var (numbers, texts) = Materialize();
            return new ColumnTable(name, row, lines.Build(), numbers, texts, issues, _issues.Count, columns.Select(c => c.Name).ToArray());
        }

        /// <summary>Checks the shape of the current record and appends its requested cells to the columns.</summary>
        private void ReadRow(CsvReader csv, int row, int line)
        {
            // A record with broken quoting is reported once, as such: its fields are not where they seem to be.
            bool broken = malformed.Remove(row + 1, out var quoting); // record numbers count the header
            if (broken) _issues.Add(quoting!);
            else if (csv.FieldCount != _headerCount)
                _issues.Add(new DataIssue(name, row, line, "", "", $"as many fields as the header; this row has {csv.FieldCount} fields but the header has {_headerCount}"));
            for (int c = 0; c < columns.Count; c++)
            {
                var cell = !broken && _index[c] < csv.FieldCount ? csv.GetSpan(_index[c]) : default;
                if (_numbers[c] is { } n) n.Add(ParseNumber(cell, row, line, columns[c].Name));
                else _texts[c]!.Add(ReadText(csv, _index[c], cell, row, line, columns[c].Name));
            }
        }

        /// <summary>The columns as arrays, each copied out of its blocks in turn so that the peak stays low.</summary>
        private (Dictionary<string, double[]>, Dictionary<string, string?[]>) Materialize()
        {
            var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal);
            var texts = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            for (int c = 0; c < columns.Count; c++)
            {
                if (_numbers[c] is { } n) numbers[columns[c].Name] = n.ToArrayAndClear();
                else texts[columns[c].Name] = _texts[c]!.ToArrayAndClear();
            }
            return (numbers, texts);
        }

        private int _headerCount;

        /// <summary>Checks the header and returns, for each requested column, its field index.</summary>
        private int[] ReadHeader(CsvReader csv)
        {
            csv.ReadHeader();
            _headerLine = Math.Max(1, (int)csv.LineNumber);
            var header = csv.Headers.ToArray();
            if (header.Length > 0 && header[0].StartsWith('\uFEFF')) header[0] = header[0][1..]; // a BOM that reached the text
            _headerCount = header.Length;
            if (header.Length == 0 || header.All(h => h.Length == 0))
                throw new DataValidationException([new DataIssue(name, 0, _headerLine, "", "", "the file is empty; a header row naming the columns is required")]);
            var issues = new List<DataIssue>();
            if (header.Any(h => h.Contains('\uFFFD')))
                issues.Add(new DataIssue(name, 0, _headerLine, "", Shorten(string.Join(",", header)),
                    "a header in UTF-8 text; the file seems to use another encoding (such as Latin-1 or Windows-1252): save it as UTF-8"));
            var delimiter = header.Length == 1 ? ForeignDelimiter(header[0]) : null;
            if (delimiter is not null)
                issues.Add(new DataIssue(name, 0, _headerLine, "", "", $"the file seems to use {delimiter} as delimiter; only ',' is accepted (with '.' as decimal point)"));
            for (int i = 0; i < header.Length && delimiter is null; i++)
                if (header[i].Any(char.IsControl))
                    issues.Add(new DataIssue(name, 0, _headerLine, "", CellText.Show(System.Text.Encoding.UTF8.GetBytes(header[i])),
                        $"a column name without control characters (column {i + 1})"));
            if (requested is null && header.Length > MaxColumnsReadAll)
                throw new DataValidationException([new DataIssue(name, 0, _headerLine, "", "",
                    $"at most {MaxColumnsReadAll} columns; the header has {header.Length}, starting {ListNames(header)}")]);
            if (requested is null)
            {
                for (int i = 0; i < header.Length && delimiter is null; i++)
                    if (header[i].Length == 0) issues.Add(new DataIssue(name, 0, _headerLine, "", "", $"a name for every column; column {i + 1} of the header has none"));
                columns = header.Select(h => new ColumnRequest(h, ColumnKind.Text)).DistinctBy(c => c.Name).ToArray();
            }
            var index = new int[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                var at = Enumerable.Range(0, header.Length).Where(i => header[i] == columns[c].Name).ToArray();
                index[c] = at.Length > 0 ? at[0] : -1;
                if (at.Length > 1 && (requested is not null || columns[c].Name.Length > 0))
                    issues.Add(new DataIssue(name, 0, _headerLine, columns[c].Name, "",
                        $"one column named '{columns[c].Name}', but the header has {at.Length} (columns {string.Join(" and ", at.Select(i => i + 1))})"));
                else if (at.Length == 0 && delimiter is null)
                    issues.Add(new DataIssue(name, 0, _headerLine, columns[c].Name, "", $"no column named '{columns[c].Name}'; the header has: {ListNames(header)}"));
            }
            if (issues.Count > 0) throw new DataValidationException(issues);
            return index;
        }

        /// <summary>At most 20 header names, then how many more: a header of a million columns must not make a megabyte message.</summary>
        private static string ListNames(string[] header)
        {
            const int shown = 20;
            var names = string.Join(", ", header.Take(shown).Select(h => Shorten(h)));
            return header.Length > shown ? $"{names}, ... ({header.Length} columns in all)" : names;
        }

        private static string Shorten(string text) => CellText.Show(System.Text.Encoding.UTF8.GetBytes(text));

        private static string? ForeignDelimiter(string onlyField) =>
            onlyField.Contains(';') ? "';'" : onlyField.Contains('\t') ? "tabs" : onlyField.Contains('|') ? "'|'" : null;

        private double ParseNumber(ReadOnlySpan<byte> cell, int row, int line, string column)
        {
            if (IsMissing(cell)) return double.NaN;
            if (HasControl(cell, allowLineBreaks: false)) { AddControl(cell, row, line, column); return double.NaN; }
            // Float style: sign, decimal point and exponent; no thousands separators, so "1,5" is never read as 15.
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
                return v;
            _issues.Add(new DataIssue(name, row, line, column, CellText.Show(cell), "a finite number (decimal point '.'; empty or NA for missing)"));
            return double.NaN;
        }

        private string? ReadText(CsvReader csv, int field, ReadOnlySpan<byte> cell, int row, int line, string column)
        {
            if (IsMissing(cell)) return null;
            if (HasControl(cell, allowLineBreaks: true)) { AddControl(cell, row, line, column); return null; }
            if (Utf8.IsValid(cell)) return csv.GetString(field);
            _issues.Add(new DataIssue(name, row, line, column, CellText.Show(cell),
                "text in UTF-8; the file seems to use another encoding (such as Latin-1 or Windows-1252): save it as UTF-8"));
            return null;
        }

        /// <summary>
        /// A control character (U+0000–U+001F, U+007F) has no place in a cell: a NUL after a number would otherwise be
        /// read as that number (.NET ignores trailing NULs), and one inside a label would make a separate group. The
        /// one exception: a quoted text cell may hold line breaks (CR, LF), which RFC 4180 allows.
        /// </summary>
        private static bool HasControl(ReadOnlySpan<byte> cell, bool allowLineBreaks) => FirstControl(cell, allowLineBreaks) >= 0;

        private static int FirstControl(ReadOnlySpan<byte> cell, bool allowLineBreaks)
        {
            for (int i = 0; i < cell.Length; i++)
            {
                byte b = cell[i];
                if ((b < 0x20 || b == 0x7F) && !(allowLineBreaks && b is (byte)'\r' or (byte)'\n')) return i;
            }
            return -1;
        }

        private void AddControl(ReadOnlySpan<byte> cell, int row, int line, string column)
        {
            int at = FirstControl(cell, allowLineBreaks: true);
            if (at < 0) at = FirstControl(cell, allowLineBreaks: false);
            byte b = cell[at];
            _issues.Add(new DataIssue(name, row, line, column, CellText.Show(cell),
                $"a value without control characters; this cell holds {CellText.Show([b])} (remove it)"));
        }

        private double Report(long bytesRead, double reported)
        {
            cancellation.ThrowIfCancellationRequested();
            if (progress is null || totalBytes <= 0) return reported;
            double fraction = Math.Clamp((double)bytesRead / totalBytes, 0, 1);
            if (fraction - reported < 0.01) return reported;
            progress.Report(new ProgressReport(fraction, stage));
            return fraction;
        }
    }
}

/// <summary>How a file is read beyond the shared rules.</summary>
/// <param name="CommentLines">Skip lines starting with <c>#</c> (the cohort files open with one marking them synthetic).</param>
internal sealed record ReadSettings(bool CommentLines)
{
    public static readonly ReadSettings Default = new(false);
}

/// <summary>Keeps the first <see cref="ColumnTable.MaxIssuesKept"/> issues and counts them all.</summary>
internal sealed class IssueList
{
    private readonly List<DataIssue> _kept = [];

    public IReadOnlyList<DataIssue> Kept => _kept;
    public int Count { get; private set; }

    public void Add(DataIssue issue)
    {
        Count++;
        if (_kept.Count < ColumnTable.MaxIssuesKept) _kept.Add(issue);
    }
}

/// <summary>Shows a cell's bytes in a message: UTF-8 text as it is, other bytes as <c>\xHH</c>, long cells shortened.</summary>
internal static class CellText
{
    private const int MaxShown = 80;

    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var sb = new System.Text.StringBuilder();
        while (!bytes.IsEmpty && sb.Length < MaxShown)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out int used);
            if (status == System.Buffers.OperationStatus.Done) sb.Append(Escape(rune));
            else { sb.Append(CultureInfo.InvariantCulture, $"\\x{bytes[0]:X2}"); used = 1; }
            bytes = bytes[used..];
        }
        if (!bytes.IsEmpty) sb.Append("...");
        return sb.ToString();
    }

    /// <summary>Control characters (line breaks, tabs) are shown as escapes so that a message stays on one line.</summary>
    private static string Escape(System.Text.Rune r) => r.Value switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < 0x20 or 0x7F => $"\\x{r.Value:X2}",
        _ => r.ToString(),
    };
}

/// <summary>
/// A column filled one value at a time in blocks that double from 16 values up to 64 Ki values, so that growing it
/// never copies and never holds twice its size (as a doubling array would), and a small file costs little (a first
/// block of 64 Ki values per column made reading a 10-row file take milliseconds).
/// </summary>
internal sealed class ChunkedColumn<T>
{
    private const int FirstBlock = 16;
    private const int BlockSize = 1 << 16;
    private readonly List<T[]> _blocks = [];
    private int _inLast;

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (_blocks.Count == 0 || _inLast == _blocks[^1].Length)
        {
            _blocks.Add(new T[_blocks.Count == 0 ? FirstBlock : Math.Min(BlockSize, _blocks[^1].Length * 2)]);
            _inLast = 0;
        }
        _blocks[^1][_inLast++] = value;
        Count++;
    }

    /// <summary>The values in one array; the blocks are released as they are copied.</summary>
    public T[] ToArrayAndClear()
    {
        var all = new T[Count];
        int at = 0;
        for (int b = 0; b < _blocks.Count; b++)
        {
            int n = Math.Min(_blocks[b].Length, Count - at);
            Array.Copy(_blocks[b], 0, all, at, n);
            at += n;
            _blocks[b] = null!;
        }
        _blocks.Clear();
        return all;
    }
}

/// <summary>
/// The line where each data row starts, stored only where it departs from "one row per line": a file without quoted
/// line breaks or blank lines costs nothing per row.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _rows;    // 0-based rows where the offset (line − row) changes, ascending
    private readonly int[] _offsets; // the offset from that row on

    private LineMap(int[] rows, int[] offsets) { _rows = rows; _offsets = offsets; }

    public int LineOf(int row)
    {
        int i = Array.BinarySearch(_rows, row);
        if (i < 0) i = ~i - 1;
        return row + (i < 0 ? 2 : _offsets[i]);
    }

    public sealed class Builder
    {
        private readonly List<int> _rows = [];
        private readonly List<int> _offsets = [];
        private int _current = 2; // row 0 on line 2, just after a one-line header

        public void Add(int row, int line)
        {
            if (line - row == _current) return;
            _current = line - row;
            _rows.Add(row);
            _offsets.Add(_current);
        }

        public LineMap Build() => new(_rows.ToArray(), _offsets.ToArray());
    }
}
