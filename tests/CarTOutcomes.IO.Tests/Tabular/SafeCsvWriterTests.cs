using System.Globalization;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Tabular;

/// <summary>
/// Tests of <see cref="SafeCsvWriter"/> (src/CarTOutcomes.IO/Tabular); the CSV written is read back with the
/// library's own reader.
/// </summary>
public class SafeCsvWriterTests
{
    private static string Write(Action<SafeCsvWriter> body)
    {
        var text = new StringWriter();
        using (var w = new SafeCsvWriter(text, leaveOpen: true)) body(w);
        return text.ToString();
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+41 79 000 00 00", "'+41 79 000 00 00")]
    [InlineData("-2", "'-2")] // text that looks like a number is still text
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "'\r=cmd")]
    [InlineData("CAR-T", "CAR-T")]       // a dash inside is harmless
    [InlineData(" =x", "' =x")]          // issue 15: spaces before a formula start no longer hide it
    [InlineData("  \t+cmd", "'  \t+cmd")]
    [InlineData("\n-2", "'\n-2")]
    [InlineData(" x=1", " x=1")]         // a formula character later in the text is harmless
    [InlineData("", "")]
    [InlineData("'quoted", "'quoted")]
    public void Text_cells_starting_a_formula_get_an_apostrophe(string text, string expected) =>
        SafeCsvWriter.Neutralize(text).Should().Be(expected);

    [Fact]
    public void Numbers_are_never_prefixed_even_when_negative()
    {
        var csv = Write(w =>
        {
            w.WriteHeader(["label", "x", "n"]);
            w.WriteText("=HYPERLINK(\"http://x\",\"y\")"); w.WriteNumber(-0.5); w.WriteNumber(-3L); w.EndRow();
        });
        csv.Should().Be("label,x,n\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.5,-3\n");
    }

    [Theory]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e-300, "1E-300")]
    [InlineData(double.Epsilon, "5E-324")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(-0.0, "-0")]
    [InlineData(double.NaN, "NA")]
    [InlineData(double.PositiveInfinity, "Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void Numbers_are_written_in_round_trip_form(double value, string expected) =>
        SafeCsvWriter.FormatNumber(value).Should().Be(expected);

    [Fact]
    public void Every_finite_double_reads_back_with_the_same_bits()
    {
        var rng = new Random(20261127);
        var values = new List<double> { 0.1 + 0.2, 1e-300, -1e-300, double.Epsilon, double.MaxValue, -0.0, 0.0, 1.0 / 3 };
        while (values.Count < 20000)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(v)) values.Add(v);
        }
        var csv = Write(w =>
        {
            w.WriteHeader(["x"]);
            foreach (var v in values) { w.WriteNumber(v); w.EndRow(); }
        });
        var read = ColumnTable.Read(new StringReader(csv), "round-trip", [new ColumnRequest("x", ColumnKind.Number)]);
        read.Issues.Should().BeEmpty();
        var back = read.Numbers("x");
        back.Should().HaveCount(values.Count);
        for (int i = 0; i < values.Count; i++)
            BitConverter.DoubleToInt64Bits(back[i]).Should().Be(BitConverter.DoubleToInt64Bits(values[i]),
                $"{values[i].ToString("R", CultureInfo.InvariantCulture)} must round-trip");
    }

    [Fact]
    public void Text_with_separators_quotes_and_line_breaks_reads_back_as_written()
    {
        string[] texts = ["plain", "a, b", "say \"hi\"", "two\nlines", "=danger", "-5", "ünïcødé", "NA-like"];
        var csv = Write(w =>
        {
            w.WriteHeader(["t", "=n"]);
            foreach (var t in texts) { w.WriteText(t); w.WriteNumber(1); w.EndRow(); }
            w.WriteText(null); w.WriteNumber(double.NaN); w.EndRow();
        });
        csv.Should().StartWith("t,'=n\n");
        var read = ColumnTable.Read(new StringReader(csv), "text", [new ColumnRequest("t", ColumnKind.Text), new ColumnRequest("'=n", ColumnKind.Number)]);
        read.Issues.Should().BeEmpty();
        read.Texts("t").Should().Equal([.. texts.Select(SafeCsvWriter.Neutralize), null]);
        double.IsNaN(read.Numbers("'=n")[^1]).Should().BeTrue("NaN is written NA, read back as missing");
    }

    [Fact]
    public void Create_writes_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cartoutcomes-safe-{Guid.NewGuid():N}.csv");
        using (var w = SafeCsvWriter.Create(path)) { w.WriteHeader(["é"]); }
        File.ReadAllBytes(path).Should().Equal(0xC3, 0xA9, (byte)'\n');
        File.Delete(path);
    }
}
