using System.Globalization;
using System.Text;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Tabular;

/// <summary>
/// The parallel path for large plain files (src/CarTOutcomes.IO/Tabular/ParallelColumnReader.cs) must never change
/// what is read: it takes a file only when the streaming reader would read it without an issue, and then gives the
/// same rows, numbers (bit for bit) and texts. Run here on small files with chunks of a few bytes, so that rows,
/// line ends and chunk boundaries meet in every way.
/// </summary>
public class ParallelColumnReaderTests() : ScratchTests("cartoutcomes-pr-")
{
    private static readonly string BadInput = Path.Combine(AppContext.BaseDirectory, "badinput");

    private string TempFile(string content, bool bom = false)
    {
        var path = Scratch.File($"cartoutcomes-pr-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    private static ColumnTable? Fast(string path, IReadOnlyList<ColumnRequest> columns, int chunk, int degree = 2) =>
        ParallelColumnReader.TryRead(path, path, columns, null, "", CancellationToken.None, minimumBytes: 0, chunkBytes: chunk, degree: degree);

    /// <summary>Every header column: time and status as numbers (when present), the others as text.</summary>
    private static ColumnRequest[] Requests(string path)
    {
        var header = File.ReadLines(path).FirstOrDefault() ?? "";
        var names = header.TrimStart('\uFEFF').Split(',').Distinct().ToArray();
        var r = names.Select(n => new ColumnRequest(n, n is "time" or "status" or "start" or "stop" ? ColumnKind.Number : ColumnKind.Text)).ToList();
        if (!r.Any(c => c.Name == "time")) r.Add(new ColumnRequest("time", ColumnKind.Number));
        return r.ToArray();
    }

    private static void ShouldBeTheSame(ColumnTable fast, ColumnTable slow)
    {
        fast.RowCount.Should().Be(slow.RowCount);
        fast.ColumnNames.Should().Equal(slow.ColumnNames);
        fast.IssueCount.Should().Be(0);
        foreach (var c in slow.ColumnNames)
        {
            bool numeric;
            try { slow.Numbers(c); numeric = true; } catch (KeyNotFoundException) { numeric = false; }
            if (numeric)
                fast.Numbers(c).Select(BitConverter.DoubleToInt64Bits).Should().Equal(slow.Numbers(c).Select(BitConverter.DoubleToInt64Bits), c);
            else fast.Texts(c).Should().Equal(slow.Texts(c), c);
        }
        for (int row = 0; row < slow.RowCount; row++) fast.LineOf(row).Should().Be(slow.LineOf(row));
    }

    public static TheoryData<string> CorpusFiles() =>
        new(Directory.GetFiles(BadInput, "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(BadInput, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void A_corpus_file_is_read_as_the_streaming_reader_reads_it_or_left_to_it(string name)
    {
        var path = Path.Combine(BadInput, name);
        var requests = Requests(path);
        ColumnTable? slow = null;
        try { slow = ColumnTable.Read(path, requests); } catch (DataValidationException) { }
        foreach (int chunk in new[] { 1, 7, 64, 1 << 20 })
        {
            var fast = Fast(path, requests, chunk);
            if (slow is null || slow.IssueCount > 0) fast.Should().BeNull($"the streaming reader finds a problem in {name}");
            else if (fast is not null) ShouldBeTheSame(fast, slow);
        }
    }

    [Theory]
    [InlineData("\n", false, true)]
    [InlineData("\r\n", false, true)]
    [InlineData("\n", true, false)]
    [InlineData("\r\n", true, false)]
    public void A_plain_file_is_read_in_parallel_with_the_same_values(string newline, bool bom, bool finalNewline)
    {
        var rng = new Random(18);
        var sb = new StringBuilder(string.Join(",", "id", "time", "status", "x", "arm") + newline);
        string[] spellings = ["1", "-0", "0.5", ".25", "7.", "+3.5", "-2.75e-3", "1E5", "123456789012345", "1234567890123456789",
            "0.1234567890123456", "NA", "", " 4.5", "3.14159 ", "1e-320"];
        for (int i = 0; i < 2000; i++)
        {
            string x = i % 3 == 0 ? spellings[i % spellings.Length] : (rng.NextDouble() * 200 - 100).ToString("R", CultureInfo.InvariantCulture);
            string arm = i % 7 == 0 ? "NA" : i % 11 == 0 ? "" : new[] { "tisa-cel", "axi-cel", "liso-cel", "brexu-cel ü" }[i % 4];
            sb.Append(i).Append(',').Append(Math.Round(rng.NextDouble() * 100, 2).ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(i % 2).Append(',').Append(x).Append(',').Append(arm);
            if (finalNewline || i < 1999) sb.Append(newline);
        }
        var path = TempFile(sb.ToString(), bom);
        ColumnRequest[] requests = [new("time", ColumnKind.Number), new("x", ColumnKind.Number), new("arm", ColumnKind.Text), new("status", ColumnKind.Number)];
        var slow = ColumnTable.Read(path, requests);
        slow.IssueCount.Should().Be(0);
        foreach (int chunk in new[] { 1, 13, 1000, 1 << 20 })
            foreach (int degree in new[] { 1, 2 })
            {
                var fast = Fast(path, requests, chunk, degree);
                fast.Should().NotBeNull($"the file is plain (chunk {chunk})");
                ShouldBeTheSame(fast!, slow);
            }
    }

    [Theory]
    [InlineData("1,2,3\n4,\"5\",6\n")]      // a quote
    [InlineData("1,2,3\n\n4,5,6\n")]        // a blank line
    [InlineData("1,2,3\n4,5\n")]            // a short row
    [InlineData("1,2,3\n4,5,6,7\n")]        // a long row
    [InlineData("1,2,3\n4,x,6\n")]          // not a number
    [InlineData("1,2,3\n4,5\r6,7\n")]       // a lone CR
    [InlineData("1,2,3\n4,5\u0000,6\n")]    // a NUL
    [InlineData("1,2,3\n4,Inf,6\n")]        // not finite
    [InlineData("1,2,3\n4,1e999,6\n")]      // overflows
    public void A_file_with_anything_unusual_is_left_to_the_streaming_reader(string body)
    {
        var path = TempFile("a,time,c\n" + body);
        foreach (int chunk in new[] { 1, 5, 1 << 20 })
            Fast(path, [new("time", ColumnKind.Number), new("c", ColumnKind.Text)], chunk).Should().BeNull();
    }

    [Fact]
    public void Invalid_utf8_in_any_column_is_left_to_the_streaming_reader()
    {
        var path = Scratch.File($"cartoutcomes-pr-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. "a,time\n"u8, 0xE9, .. ",1\n"u8]);
        Fast(path, [new("time", ColumnKind.Number)], 1 << 20).Should().BeNull();
    }

    [Fact]
    public void The_exact_decimal_path_gives_the_doubles_of_double_parse()
    {
        var rng = new Random(1801);
        for (int k = 0; k < 200_000; k++)
        {
            int digits = 1 + rng.Next(15), point = rng.Next(digits + 1);
            var sb = new StringBuilder(rng.Next(4) == 0 ? "-" : "");
            for (int d = 0; d < digits; d++)
            {
                if (d == point && d > 0) sb.Append('.');
                sb.Append((char)('0' + rng.Next(10)));
            }
            var text = Encoding.ASCII.GetBytes(sb.ToString());
            ParallelColumnReader.Decimal(text, out var fast).Should().BeTrue(sb.ToString());
            double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).Should().Be(fast, sb.ToString());
            BitConverter.DoubleToInt64Bits(fast).Should().Be(BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), sb.ToString());
        }
        ParallelColumnReader.Decimal("1234567890123456"u8, out _).Should().BeFalse("16 digits need the general parser");
        ParallelColumnReader.Decimal("1e5"u8, out _).Should().BeFalse();
        ParallelColumnReader.Decimal("."u8, out _).Should().BeFalse();
    }
}
