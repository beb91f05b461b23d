using System.Text.Json;

namespace CarTOutcomes.Cli.Tests.Commands;

public class KmCommandTests() : ScratchTests("cartoutcomes-kmcommand-")
{
    private const string Csv = "time,status,arm\n6,1,A\n1,0,A\n9,1,B\n3,0,B\n1,1,A\nNA,1,B\n8,0,B\n6,1,B\n";

    [Fact]
    public void Json_has_exactly_the_contract_fields()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, stderr) = CliRunner.Run("km", "--input", path, "--time", "time", "--event", "status", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("groups");
        var g = doc.RootElement.GetProperty("groups")[0];
        g.EnumerateObject().Select(p => p.Name).Should().Equal(
            "group", "n", "events", "median", "medianLower", "medianUpper", "times", "nRisk", "nEvent", "nCensor",
            "survival", "stdErr", "lower", "upper");
        g.GetProperty("group").GetString().Should().Be("all");
        g.GetProperty("n").GetInt32().Should().Be(7, "the row with a missing time is dropped");
        g.GetProperty("times").EnumerateArray().Select(x => x.GetDouble()).Should().Equal(1, 3, 6, 8, 9);
        g.GetProperty("nRisk").EnumerateArray().Select(x => x.GetDouble()).Should().Equal(7, 5, 4, 2, 1);
        g.GetProperty("survival")[2].GetDouble().Should().BeApproximately(3.0 / 7, 1e-15);
        g.GetProperty("stdErr")[4].ValueKind.Should().Be(JsonValueKind.Null, "se(S) is NaN where S = 0, printed as null");
        g.GetProperty("medianUpper").ValueKind.Should().Be(JsonValueKind.Null, "the upper band never drops below 1/2");
        stderr.Should().Contain("1 row(s) dropped").And.Contain("rows 6");
    }

    [Fact]
    public void Groups_are_reported_in_level_order_and_text_output_is_a_table()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var (code, stdout, _) = CliRunner.Run("km", "--input", path, "--time", "time", "--event", "status", "--group", "arm", "--json");
        code.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("groups").EnumerateArray().Select(x => x.GetProperty("group").GetString()).Should().Equal("A", "B");
        var text = CliRunner.Run("km", "--input", path, "--time", "time", "--event", "status", "--group", "arm");
        text.Out.Should().Contain("group=A").And.Contain("n.risk").And.Contain("survival");
    }

    [Theory]
    [InlineData("time,status\n1,1\n-2,0\n", "row 2 (line 3), column 'time': value \"-2\"")]
    [InlineData("time,status\n1,1\nabc,0\n", "row 2 (line 3), column 'time': value \"abc\"")]
    [InlineData("time,status\n1,3\n", "row 1 (line 2), column 'status': value \"3\"")]
    [InlineData("time,status\n1,1\n2,NaN\n", "row 2 (line 3), column 'status': value \"NaN\"")]
    public void Bad_values_exit_2_naming_file_row_column_and_value(string csv, string expected)
    {
        var path = CliRunner.TempCsv(Scratch, csv);
        var (code, stdout, stderr) = CliRunner.Run("km", "--input", path, "--time", "time", "--event", "status", "--json");
        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(path).And.Contain(expected);
        stderr.Should().NotContain("   at ", "no stack trace for bad input");
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var path = CliRunner.TempCsv(Scratch, "time,status\n-1,1\n2,5\nx,0\n");
        var (code, _, stderr) = CliRunner.Run("km", "--input", path, "--time", "time", "--event", "status");
        code.Should().Be(2);
        stderr.Should().Contain("3 problem(s)").And.Contain("row 1").And.Contain("row 2").And.Contain("row 3");
    }

    [Fact]
    public void Unknown_column_and_missing_file_are_errors()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        var unknown = CliRunner.Run("km", "--input", path, "--time", "tme", "--event", "status");
        unknown.Code.Should().Be(2);
        unknown.Err.Should().Contain("no column named 'tme'").And.Contain("time, status, arm");
        var missing = CliRunner.Run("km", "--input", path + ".nope", "--time", "time", "--event", "status");
        missing.Code.Should().Be(2);
        missing.Err.Should().Contain("does not exist");
    }

    [Fact]
    public void Entry_must_precede_exit()
    {
        var path = CliRunner.TempCsv(Scratch, "t,e,s\n5,1,0\n4,1,4\n");
        var (code, _, stderr) = CliRunner.Run("km", "--input", path, "--time", "t", "--event", "e", "--entry", "s");
        code.Should().Be(2);
        stderr.Should().Contain("row 2 (line 3), column 's': value \"4\"");
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        CliRunner.Run("km", "--time", "t").Code.Should().Be(2);
        CliRunner.Run("km", "--input", "x.csv", "--time", "t", "--event", "e", "--conf-type", "logit").Code.Should().Be(2);
        CliRunner.Run("frobnicate").Code.Should().Be(2);
    }

    [Fact]
    public void Conf_type_and_level_change_the_limits()
    {
        var path = CliRunner.TempCsv(Scratch, Csv);
        double Lower(params string[] extra)
        {
            var (code, stdout, _) = CliRunner.Run(["km", "--input", path, "--time", "time", "--event", "status", "--json", .. extra]);
            code.Should().Be(0);
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.GetProperty("groups")[0].GetProperty("lower")[2].GetDouble();
        }
        double s = 3.0 / 7, se = Math.Sqrt(23.0 / 84);
        Lower().Should().BeApproximately(s * Math.Exp(-1.959963984540054 * se), 1e-12);
        Lower("--conf-type", "plain", "--conf-level", "0.9").Should().BeApproximately(s - 1.6448536269514722 * se * s, 1e-12);
        Lower("--conf-type", "log-log").Should().NotBeApproximately(Lower(), 1e-3);
    }
}
