using CarTOutcomes.Cli;

namespace CarTOutcomes.Cli.Tests.Commands;

/// <summary>Issue 15, "accepted but wrong": command inputs that were fitted without a word and are now refused.</summary>
public class AcceptedButWrongCommandTests() : ScratchTests("cartoutcomes-acceptedbutwrongcommand-")
{
    private const string Competing = "t,s\n1,1\n2,2\n3,0\n4,1\n5,0\n6,2\n";

    [Theory]
    [InlineData("cuminc")]
    [InlineData("finegray")]
    public void A_censor_code_that_never_occurs_is_an_error_listing_the_codes_present(string command)
    {
        // Before: the real censored rows (0) silently became "cause 0".
        var path = CliRunner.TempCsv(Scratch, "t,s,x\n1,1,0.5\n2,2,1\n3,0,0\n4,1,2\n5,0,1\n6,2,0\n");
        string[] args = command == "cuminc"
            ? ["cuminc", "--input", path, "--time", "t", "--status", "s", "--censor-code", "9"]
            : ["finegray", "--input", path, "--time", "t", "--status", "s", "--cause", "1", "--covariates", "x", "--censor-code", "9"];
        var (code, stdout, stderr) = CliRunner.Run(args);
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Be("error: --censor-code 9 never occurs in column 's'; the codes present are 0 (2 rows), 1 (2 rows), 2 (2 rows). " +
                           $"Give the code that means censored.{Environment.NewLine}");
    }

    [Fact]
    public void With_the_default_censor_code_absent_every_row_is_an_event_and_a_note_says_so()
    {
        var path = CliRunner.TempCsv(Scratch, "t,s\n1,1\n2,2\n3,1\n");
        var (code, _, stderr) = CliRunner.Run("cuminc", "--input", path, "--time", "t", "--status", "s");
        code.Should().Be(0, stderr);
        stderr.Should().Contain("no row of column 's' has the censoring code 0: every row is an event (codes present: 1 (2 rows), 2 (1 rows))");
    }

    [Fact]
    public void A_present_censor_code_other_than_0_is_used()
    {
        var path = CliRunner.TempCsv(Scratch, Competing.Replace(",0\n", ",9\n"));
        var (code, _, stderr) = CliRunner.Run("cuminc", "--input", path, "--time", "t", "--status", "s", "--censor-code", "9");
        code.Should().Be(0, stderr);
        stderr.Should().BeEmpty();
    }

    private const string Intervals = SubjectIntervals.Csv;

    [Fact]
    public void Cox_with_id_accepts_subjects_whose_intervals_do_not_overlap_and_changes_no_estimate()
    {
        var path = CliRunner.TempCsv(Scratch, Intervals);
        string[] common = ["cox", "--input", path, "--start", "start", "--time", "stop", "--event", "event", "--covariates", "x", "--json"];
        var (code, withId, stderr) = CliRunner.Run([.. common, "--id", "id"]);
        code.Should().Be(0, stderr);
        var (_, without, _) = CliRunner.Run(common);
        withId.Should().Be(without, "as in R, id alone leaves every estimate and variance as it is");
    }

    [Fact]
    public void Cox_with_id_refuses_overlapping_and_duplicated_intervals_naming_subject_and_rows()
    {
        // Before: given only as --cluster, such data was fitted without a word.
        var bad = Intervals.Replace("a,5,9,1,1", "a,4,9,1,1") + "b,0,4,1,0\n";
        var path = CliRunner.TempCsv(Scratch, bad);
        var (code, stdout, stderr) = CliRunner.Run("cox", "--input", path, "--start", "start", "--time", "stop", "--event", "event",
            "--covariates", "x", "--id", "id");
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain($"{path}: row 2 (line 3), column 'id': value \"a\": intervals of one subject that do not overlap; subject 'a': (4, 9] overlaps (0, 5] of row 1 (R survcheck: overlap)");
        stderr.Should().Contain($"{path}: row 9 (line 10), column 'id': value \"b\": no duplicated interval; subject 'b' has (0, 4] in rows 3 and 9 (R survcheck: duplicate)");
        stderr.Should().StartWith("error: 2 problem(s)");
    }

    [Fact]
    public void Cox_with_id_and_no_start_wants_one_row_per_subject()
    {
        var path = CliRunner.TempCsv(Scratch, "id,time,event,x\na,5,1,0\nb,3,0,1\na,7,1,1\nc,2,1,0\nd,4,0,1\n");
        var (code, _, stderr) = CliRunner.Run("cox", "--input", path, "--time", "time", "--event", "event", "--covariates", "x", "--id", "id");
        code.Should().Be(CommandLineApp.BadInput, stderr);
        stderr.Should().Contain("row 3 (line 4), column 'id': value \"a\": one row per subject").And.Contain("also has row 1");
    }
}
