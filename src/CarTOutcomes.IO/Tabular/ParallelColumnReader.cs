using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// The fast path of <see cref="ColumnTable"/> for large, plain files: the file is cut into chunks at line breaks and
/// the chunks are parsed on all cores straight into the column arrays (issue #18).
/// </summary>
/// <remarks>
/// <para>It takes only files that the streaming reader would read without a single issue and without any rule beyond
/// "one record per line": no quote character anywhere, no control character other than LF and CR LF line ends, valid
/// UTF-8, no blank line, every row with the header's number of fields, every requested number readable. Anything else
/// returns null and the file is read again by the streaming reader, so that every message about a bad file comes
/// from one place and is the same as before.</para>
/// <para>Two passes over the file: the first counts the rows of each chunk (and checks the rules above), which gives
/// each chunk its first row, so that the second pass parses each chunk into its own rows of arrays allocated once —
/// no copy, no growth, and the same values whatever the number of cores. Numbers of at most 15 digits without
/// exponent are computed exactly as integer / 10^k (one correctly rounded division of two exact doubles, so the same
/// double as <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>); any
/// other number goes through that method.</para>
/// </remarks>
internal static class ParallelColumnReader
{
    /// <summary>Files smaller than this are left to the streaming reader.</summary>
    public const long MinimumBytes = 1 << 20;

    /// <summary>Bytes per chunk (a chunk ends at the first line end after this many bytes).</summary>
    public const int ChunkBytes = 1 << 20;

    private static readonly SearchValues<byte> Unusual = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b != '\n' && b != '\r').Select(b => (byte)b), (byte)0x7F, (byte)'"']);

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Reads the file, or returns null when it is not plain enough for this path.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The file as named in messages.</param>
    /// <param name="columns">The columns to read (distinct names).</param>
    /// <param name="progress">Receives the fraction read; may be null.</param>
    /// <param name="stage">The progress text.</param>
    /// <param name="cancellation">Checked before each chunk.</param>
    /// <param name="minimumBytes">Smaller files return null (tests use 0).</param>
    /// <param name="chunkBytes">The chunk size (tests use a few bytes, to have many chunks).</param>
    /// <param name="degree">Cores to use; null for all.</param>
    public static ColumnTable? TryRead(string path, string name, IReadOnlyList<ColumnRequest> columns,
        IProgress<ProgressReport>? progress, string stage, CancellationToken cancellation,
        long minimumBytes = MinimumBytes, int chunkBytes = ChunkBytes, int? degree = null)
    {
        if (columns.Count == 0 || columns.DistinctBy(c => c.Name).Count() != columns.Count) return null;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
        long length = RandomAccess.GetLength(file);
        if (length < minimumBytes) return null;
        var header = Header(file, length);
        if (header is null) return null;
        var (names, dataStart) = header.Value;
        var slots = new int[names.Length];
        Array.Fill(slots, -1);
        for (int c = 0; c < columns.Count; c++)
        {
            int at = Array.IndexOf(names, columns[c].Name);
            if (at < 0 || Array.IndexOf(names, columns[c].Name, at + 1) >= 0) return null; // the streaming reader explains
            slots[at] = c;
        }
        var chunks = Chunks(file, dataStart, length, chunkBytes);
        var options = new ParallelOptions { MaxDegreeOfParallelism = degree ?? Environment.ProcessorCount, CancellationToken = cancellation };
        // pass 1: rows per chunk and the rules that need every byte
        var rows = new int[chunks.Length - 1];
        bool plain = true;
        Parallel.For(0, rows.Length, options, (k, state) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)(chunks[k + 1] - chunks[k]));
            try
            {
                var bytes = buffer.AsSpan(0, Read(file, chunks[k], chunks[k + 1], buffer));
                int count = CountRows(bytes);
                if (count < 0) { plain = false; state.Stop(); }
                rows[k] = count;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        if (!plain) return null;
        var first = new int[rows.Length + 1];
        for (int k = 0; k < rows.Length; k++) first[k + 1] = first[k] + rows[k];
        int total = first[^1];
        if (total == 0) return null;
        var numbers = new double[columns.Count][];
        var texts = new string?[columns.Count][];
        for (int c = 0; c < columns.Count; c++)
            if (columns[c].Kind == ColumnKind.Number) numbers[c] = new double[total]; else texts[c] = new string?[total];
        // pass 2: parse each chunk into its rows
        long done = 0;
        double reported = 0;
        var gate = new object();
        Parallel.For(0, rows.Length, options, (k, state) =>
        {
            if (!plain) { state.Stop(); return; }
            int size = (int)(chunks[k + 1] - chunks[k]);
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var bytes = buffer.AsSpan(0, Read(file, chunks[k], chunks[k + 1], buffer));
                if (!new ChunkParser(slots, numbers, texts).Parse(bytes, first[k])) { plain = false; state.Stop(); return; }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (progress is null) return;
            lock (gate)
            {
                done += size;
                double fraction = Math.Clamp((double)done / length, 0, 1);
                if (fraction - reported >= 0.01) { reported = fraction; progress.Report(new ProgressReport(fraction, stage)); }
            }
        });
        if (!plain) return null;
        progress?.Report(new ProgressReport(1, stage));
        var byName = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var textByName = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count; c++)
            if (numbers[c] is { } n) byName[columns[c].Name] = n; else textByName[columns[c].Name] = texts[c];
        return ColumnTable.FromColumns(name, total, byName, textByName, columns.Select(c => c.Name).ToArray());
    }

    private static int Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, long from, long to, byte[] buffer)
    {
        int want = (int)(to - from), got = 0;
        while (got < want)
        {
            int n = RandomAccess.Read(file, buffer.AsSpan(got, want - got), from + got);
            if (n <= 0) break;
            got += n;
        }
        return got;
    }

    /// <summary>The header's names and where the data start, or null for a header this path does not take.</summary>
    private static (string[] Names, long DataStart)? Header(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        var buffer = new byte[(int)Math.Min(length, 1 << 16)];
        int n = Read(file, 0, buffer.Length, buffer);
        var bytes = buffer.AsSpan(0, n);
        int end = bytes.IndexOf((byte)'\n');
        if (end < 0) return null;
        var line = bytes[..end];
        if (line.EndsWith("\r"u8)) line = line[..^1];
        if (line.StartsWith("\xEF\xBB\xBF"u8)) line = line[3..];
        if (line.IndexOfAny(Unusual) >= 0 || line.IndexOf((byte)'\r') >= 0 || !Utf8.IsValid(line)) return null;
        var names = Encoding.UTF8.GetString(line).Split(',');
        if (names.Length < 2) return null;
        return (names, end + 1);
    }

    /// <summary>Chunk k is [result[k], result[k+1]): it starts just after a line end (or at the data) and ends at one.</summary>
    private static long[] Chunks(Microsoft.Win32.SafeHandles.SafeFileHandle file, long dataStart, long length, int chunkBytes)
    {
        var starts = new List<long> { dataStart };
        var probe = new byte[1 << 16];
        long at = dataStart + chunkBytes;
        while (at < length)
        {
            long search = at - 1;
            long found = -1;
            while (search < length && found < 0)
            {
                int n = Read(file, search, Math.Min(length, search + probe.Length), probe);
                int i = probe.AsSpan(0, n).IndexOf((byte)'\n');
                if (i >= 0) found = search + i + 1;
                else search += n;
            }
            if (found < 0 || found >= length) break;
            starts.Add(found);
            at = found + chunkBytes;
        }
        starts.Add(length);
        return starts.ToArray();
    }

    /// <summary>The number of rows of a chunk, or −1 when a byte breaks the rules (quote, control character, lone CR, invalid UTF-8).</summary>
    private static int CountRows(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOfAny(Unusual) >= 0) return -1;
        int cr = bytes.Count((byte)'\r');
        if (cr > 0 && cr != bytes.Count("\r\n"u8)) return -1;
        if (bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && !Utf8.IsValid(bytes)) return -1;
        int lines = bytes.Count((byte)'\n');
        return bytes.Length > 0 && bytes[^1] != (byte)'\n' ? lines + 1 : lines;
    }

    /// <summary>Parses the rows of one chunk into the arrays from row <c>first</c> on.</summary>
    private readonly struct ChunkParser(int[] slots, double[][] numbers, string?[][] texts)
    {
        private readonly TextPool _pool = new();

        public bool Parse(ReadOnlySpan<byte> bytes, int first)
        {
            int row = first;
            while (!bytes.IsEmpty)
            {
                int end = bytes.IndexOf((byte)'\n');
                var line = end < 0 ? bytes : bytes[..end];
                bytes = end < 0 ? default : bytes[(end + 1)..];
                if (line.EndsWith("\r"u8)) line = line[..^1];
                if (line.IsEmpty || !Row(line, row)) return false; // a blank line or a bad cell: the streaming reader decides
                row++;
            }
            return true;
        }

        private bool Row(ReadOnlySpan<byte> line, int row)
        {
            int field = 0;
            while (true)
            {
                int comma = line.IndexOf((byte)',');
                var cell = comma < 0 ? line : line[..comma];
                if (field >= slots.Length) return false;
                int c = slots[field];
                if (c >= 0)
                {
                    if (numbers[c] is { } n)
                    {
                        if (!Number(cell, out n[row])) return false;
                    }
                    else texts[c][row] = ColumnTable.IsMissing(cell) ? null : _pool.Get(cell);
                }
                field++;
                if (comma < 0) break;
                line = line[(comma + 1)..];
            }
            return field == slots.Length;
        }
    }

    /// <summary>A number as the streaming reader reads it (missing = NaN), false when it would be an issue there.</summary>
    internal static bool Number(ReadOnlySpan<byte> cell, out double value)
    {
        if (ColumnTable.IsMissing(cell)) { value = double.NaN; return true; }
        if (Decimal(cell, out value)) return true;
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// [+|−]digits[.digits] with at most 15 digits: the integer m of all digits is exact in a double, so is 10^k for
    /// k ≤ 15 fraction digits, and m / 10^k is then the correctly rounded value of the decimal (Clinger's fast path).
    /// </summary>
    internal static bool Decimal(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+')) { negative = s[0] == (byte)'-'; i = 1; }
        long m = 0;
        int digits = 0, fraction = -1;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                m = m * 10 + d;
                digits++;
                if (fraction >= 0) fraction++;
            }
            else if (s[i] == (byte)'.' && fraction < 0) fraction = 0;
            else return false;
        }
        if (digits == 0 || digits > 15) return false;
        double v = m;
        if (fraction > 0) v /= Pow10[fraction];
        value = negative ? -v : v;
        return true;
    }

    /// <summary>One string per distinct label of a chunk (ids with very many values are not pooled).</summary>
    private sealed class TextPool
    {
        private const int MaxPooled = 1 << 16;
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);

        public string Get(ReadOnlySpan<byte> cell)
        {
            char[]? rented = null;
            Span<char> chars = cell.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(cell.Length));
            try
            {
                int n = Encoding.UTF8.GetChars(cell, chars);
                var text = chars[..n];
                var lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
                if (lookup.TryGetValue(text, out var found)) return found;
                var s = new string(text);
                if (_set.Count < MaxPooled) _set.Add(s);
                return s;
            }
            finally
            {
                if (rented is not null) ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
