using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Cohort;

/// <summary>Issue 15, "accepted but wrong": cohort values that were read without a word and are now refused.</summary>
public class AcceptedButWrongTests
{
    [Fact]
    public void A_last_contact_day_beyond_a_human_lifetime_is_refused_naming_the_cell()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("followup.csv", "E03,700,", "E03,1e308,");
        var issue = CohortCsv.Read(dir.Path).Issues.Should().ContainSingle().Which;
        issue.Should().Match<DataIssue>(i => i.File == "followup.csv" && i.Row == 3 && i.Column == "last_contact_day" && i.Value == "1e308");
        issue.Message.Should().Contain("human lifetime");
    }

    [Fact]
    public void A_duration_beyond_a_human_lifetime_is_refused()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("infusions.csv", "E01,2,166,morphologic,none,Cy 1.5 g/m2,3000000,13353,1,0,,,,,,,1,2,,", "E01,2,166,morphologic,none,Cy 1.5 g/m2,3000000,13353,1,0,,,,,,,1,99999,,");
        CohortCsv.Read(dir.Path).Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i =>
            i.Column == "crs_duration_days" && i.Value == "99999" && i.Message.Contains("human lifetime"));
    }

    [Fact]
    public void A_calendar_date_in_the_future_is_refused_naming_the_cell()
    {
        // Before issue 15 a date of 2099 was read and changed 90 reproduced numbers without a word.
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("patients.csv"));
        File.WriteAllLines(dir.File("patients.csv"), lines.Select((l, i) => i == 0 ? l + ",reference_date" : l + (l.StartsWith("E03") ? ",2015-12-20" : ",")));
        dir.Edit("followup.csv", "E03,700,", "E03,2099-11-19,");
        CohortCsv.Read(dir.Path).Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i =>
            i.File == "followup.csv" && i.Row == 3 && i.Column == "last_contact_day" && i.Value == "2099-11-19" && i.Message.Contains("not in the future"));
    }

    [Fact]
    public void A_reference_date_in_the_future_is_refused()
    {
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("patients.csv"));
        File.WriteAllLines(dir.File("patients.csv"), lines.Select((l, i) => i == 0 ? l + ",reference_date" : l + (l.StartsWith("E03") ? ",2999-01-01" : ",")));
        CohortCsv.Read(dir.Path).Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i =>
            i.Column == "reference_date" && i.Value == "2999-01-01");
    }

    [Fact]
    public void A_broken_rule_on_an_ISO_date_shows_the_date_as_written_not_the_computed_day()
    {
        // Before: "value '-338'" (the day computed from the date), which the user never wrote.
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("patients.csv"));
        File.WriteAllLines(dir.File("patients.csv"), lines.Select((l, i) => i == 0 ? l + ",reference_date" : l + (l.StartsWith("E03") ? ",2015-12-20" : ",")));
        dir.Edit("salvage.csv", "E03,1,40,", "E03,1,2017-12-01,");  // after last contact (day 700)
        var issues = CohortCsv.Read(dir.Path).Issues;
        issues.Should().Contain(i => i.File == "salvage.csv" && i.Column == "start_day" && i.Value == "2017-12-01" && i.Message.StartsWith("after last contact"));
        issues.Should().NotContain(i => i.Value == "712");
    }

    [Theory]
    [InlineData("Smith, John", "a space or a comma")]
    [InlineData("John Smith", "a space or a comma")]
    [InlineData("1234567", "medical record number")]
    [InlineData("0012345678", "medical record number")]
    [InlineData("Smith", "shaped like a name")]
    [InlineData("O'Brien", "shaped like a name")]
    [InlineData("john.smith", "shaped like a name")]
    [InlineData("SMITH^JOHN", "shaped like a name")]
    public void A_patient_id_that_looks_like_a_name_or_record_number_is_refused_with_its_row(string id, string why)
    {
        // Before issue 15 only column names were checked; these values passed.
        using var dir = new TempDir(withExample: true);
        foreach (var f in Directory.GetFiles(dir.Path, "*.csv"))
            File.WriteAllText(f, File.ReadAllText(f).Replace("\nE05,", $"\n\"{id}\","));
        var r = CohortCsv.Read(dir.Path);
        r.IsValid.Should().BeFalse();
        r.Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i =>
            i.File == "patients.csv" && i.Row == 5 && i.Column == "patient_id" && i.Value == id && i.Message.Contains(why));
        CohortCsv.Read(dir.Path, new CohortCsvOptions(AllowIdentifierValues: true)).IsValid.Should().BeTrue("the guard can be turned off");
    }

    [Theory]
    [InlineData("E01")]
    [InlineData("MSK7")]
    [InlineData("SYN01")]
    [InlineData("P-0001")]
    [InlineData("12345")]
    [InlineData("site_a_01")]
    public void Study_codes_pass_the_identifier_guard(string id) => IdentifierGuard.Reason(id).Should().BeNull();
}
