using System.Text.Json;

namespace CarTOutcomes.Cli.Tests.Commands;

public class LogRankCommandTests() : ScratchTests("cartoutcomes-logrankcommand-")
{
    [Fact]
    public void Json_has_exactly_the_contract_fields_and_the_hand_computed_statistic()
    {
        // Group A: 1, 3+, 4; group B: 2, 4, 5+ (see the engine's LogRankGoldenTests for the arithmetic).
        var path = CliRunner.TempCsv(Scratch, "t,d,g\n1,1,A\n3,0,A\n4,1,A\n2,1,B\n4,1,B\n5,0,B\n");
        var (code, stdout, stderr) = CliRunner.Run("logrank", "--input", path, "--time", "t", "--event", "d", "--group", "g", "--json");
        code.Should().Be(0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("chisq", "df", "p", "groups");
        double eA = 0.5 + 0.4 + 2.0 / 3, v = 0.25 + 6.0 / 25 + 2.0 / 9;
        doc.RootElement.GetProperty("chisq").GetDouble().Should().BeApproximately((2 - eA) * (2 - eA) / v, 1e-12);
        doc.RootElement.GetProperty("df").GetInt32().Should().Be(1);
        var a = doc.RootElement.GetProperty("groups")[0];
        a.EnumerateObject().Select(p => p.Name).Should().Equal("group", "n", "observed", "expected");
        a.GetProperty("group").GetString().Should().Be("A");
        a.GetProperty("expected").GetDouble().Should().BeApproximately(eA, 1e-12);
    }

    [Fact]
    public void Group_is_required()
    {
        var path = CliRunner.TempCsv(Scratch, "t,d,g\n1,1,A\n");
        CliRunner.Run("logrank", "--input", path, "--time", "t", "--event", "d").Code.Should().Be(2);
    }
}
