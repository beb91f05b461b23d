using System.Text;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.IO.Tests.Tabular;

/// <summary>
/// Tests of the streaming CSV reader (src/CarTOutcomes.IO/Tabular/ColumnReader.cs) beyond the corpus: storage across
/// block boundaries, line numbers, progress and cancellation, the cap on kept problems.
/// </summary>
public class ColumnTableTests() : ScratchTests("cartoutcomes-ct-")
{
    private static readonly ColumnRequest[] TimeStatus = [new("time", ColumnKind.Number), new("status", ColumnKind.Number)];

    private string TempFile(string content)
    {
        var path = Scratch.File($"cartoutcomes-ct-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Values_and_lines_are_right_across_block_boundaries_blank_lines_and_quoted_breaks()
    {
        const int n = 150_000; // more than two 64 Ki blocks
        var sb = new StringBuilder("time,status,note\n");
        for (int i = 0; i < n; i++)
        {
            if (i == 70_000) sb.Append('\n');                    // a blank line: skipped, but counted
            string note = i == 100_000 ? "\"two\nlines\"" : "x";  // one more line inside quotes
            sb.Append(i * 0.25).Append(',').Append(i % 2).Append(',').Append(note).Append('\n');
        }
        var t = ColumnTable.Read(TempFile(sb.ToString()), TimeStatus);
        t.Issues.Should().BeEmpty();
        t.RowCount.Should().Be(n);
        t.Numbers("time")[65_537].Should().Be(65_537 * 0.25);
        t.Numbers("status")[n - 1].Should().Be((n - 1) % 2);
        t.LineOf(0).Should().Be(2);
        t.LineOf(69_999).Should().Be(70_001);
        t.LineOf(70_000).Should().Be(70_003, "the blank line before row 70,000 counts");
        t.LineOf(100_000).Should().Be(100_003);
        t.LineOf(100_001).Should().Be(100_005, "row 100,000 spans two lines");
        t.LineOf(n - 1).Should().Be(n + 3);
    }

    [Fact]
    public void Progress_rises_to_1_and_cancellation_stops_reading()
    {
        var rows = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i},1\n"));
        var path = TempFile("time,status\n" + rows);
        var seen = new List<ProgressReport>();
        ColumnTable.Read(path, TimeStatus, new SyncProgress(seen.Add));
        seen.Should().NotBeEmpty();
        seen.Select(p => p.Fraction).Should().BeInAscendingOrder();
        seen[^1].Fraction.Should().Be(1);
        seen.Should().OnlyContain(p => p.Stage == $"reading {Path.GetFileName(path)}");

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var act = () => ColumnTable.Read(path, TimeStatus, null, cancelled.Token);
        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Very_many_problems_are_counted_but_not_all_kept()
    {
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(_ => "x,1\n"));
        var t = ColumnTable.Read(TempFile("time,status\n" + rows), TimeStatus);
        t.IssueCount.Should().Be(3000);
        t.Issues.Should().HaveCount(ColumnTable.MaxIssuesKept);
        var e = Assert.Throws<DataValidationException>(t.ThrowIfInvalid);
        e.TotalCount.Should().Be(3000);
        e.Message.Should().StartWith("3000 problem(s)").And.Contain("... and 2950 more problems");
    }

    [Fact]
    public void Control_characters_in_values_are_escaped_so_each_message_is_one_line()
    {
        var t = ColumnTable.Read(TempFile("time,status\n\"1\r\n2\",1\n"), TimeStatus);
        t.Issues.Should().ContainSingle().Which.ToString().Should().Contain("value \"1\\r\\n2\"").And.NotContain("\n");
    }

    [Fact]
    public void Numbers_are_parsed_without_a_string_per_row()
    {
        // Two numeric columns cost 16 bytes per row in blocks and 16 more in the final arrays: 32 in all, plus the
        // unused end of the last 64 Ki block (about 5 per row here: 37 measured). A string per cell (at least 22 bytes
        // each for a 1-character cell) would add 44 or more per row.
        const int n = 200_000;
        var rows = string.Concat(Enumerable.Range(0, n).Select(i => $"{i % 1000 * 0.5},{i % 2},arm{i % 3}\n"));
        var path = TempFile("time,status,arm\n" + rows);
        ColumnTable.Read(path, TimeStatus); // warm up: JIT and static tables are not per row
        long before = GC.GetAllocatedBytesForCurrentThread();
        var t = ColumnTable.Read(path, TimeStatus);
        long perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / n;
        t.RowCount.Should().Be(n);
        perRow.Should().BeLessThan(48, "numbers are parsed from the bytes of each cell");
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<ProgressReport> report) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => report(value);
    }
}
