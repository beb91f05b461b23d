using System.Text;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Tabular;

/// <summary>
/// Issue 15, "one CSV core": every file is read by <see cref="ColumnTable"/>, with one missing-value rule (empty or
/// <c>NA</c>), one issue type (<see cref="DataIssue"/>) and one exception (<see cref="DataValidationException"/>).
/// </summary>
public class OneReaderTests() : ScratchTests("cartoutcomes-one-")
{
    private string TempFile(string content, string ext = ".csv")
    {
        var path = Scratch.File($"cartoutcomes-one-{Guid.NewGuid():N}{ext}");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static readonly ColumnRequest[] TimeStatus = [new("time", ColumnKind.Number), new("status", ColumnKind.Number)];

    [Fact]
    public void ReadAll_gives_named_text_columns_in_header_order_with_the_one_missing_rule()
    {
        var t = ColumnTable.ReadAll(TempFile("b,a,c\n1,x,NA\n,\"y, z\",na\n2, ,.\n"));
        t.Issues.Should().BeEmpty();
        t.ColumnNames.Should().Equal("b", "a", "c");
        t.RowCount.Should().Be(3);
        t.Texts("b").Should().Equal("1", null, "2");
        t.Texts("a").Should().Equal("x", "y, z", " ");
        t.Texts("c").Should().Equal(null, "na", ".");
        t.HasColumn("a").Should().BeTrue();
        t.HasColumn("d").Should().BeFalse();
    }

    [Fact]
    public void ReadAll_refuses_an_empty_or_repeated_column_name()
    {
        var act = () => ColumnTable.ReadAll(TempFile("a,,a\n1,2,3\n"));
        var e = act.Should().Throw<DataValidationException>().Which;
        e.Issues.Should().Contain(i => i.Message.Contains("column 2 of the header has none"));
        e.Issues.Should().Contain(i => i.Column == "a" && i.Message.Contains("the header has 2 (columns 1 and 3)"));
    }

    [Fact]
    public void A_NUL_after_a_number_is_an_error_naming_the_cell_and_never_echoed_raw()
    {
        // Before issue 15, .NET's parser ignored the trailing NUL and "5\0" was read as 5.
        var t = ColumnTable.Read(TempFile("time,status\n5\0,1\n7,1\n"), TimeStatus);
        var issue = t.Issues.Should().ContainSingle().Which;
        issue.Should().Match<DataIssue>(i => i.Row == 1 && i.Line == 2 && i.Column == "time" && i.Value == "5\\x00");
        issue.ToString().Should().NotContain("\0").And.Contain("control characters");
    }

    [Fact]
    public void A_NUL_inside_a_label_is_an_error_not_a_separate_group()
    {
        var t = ColumnTable.Read(TempFile("time,status,arm\n5,1,A\n7,1,A\0\n"),
            [.. TimeStatus, new ColumnRequest("arm", ColumnKind.Text)]);
        t.Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i => i.Row == 2 && i.Column == "arm" && i.Value == "A\\x00");
        t.Texts("arm")[1].Should().BeNull();
    }

    [Fact]
    public void A_tab_inside_a_label_is_an_error_but_a_quoted_line_break_is_text()
    {
        var t = ColumnTable.ReadAll(TempFile("arm,note\n\"A\tB\",\"two\nlines\"\n"));
        t.Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i => i.Column == "arm" && i.Value == "A\\tB");
        t.Texts("note")[0].Should().Be("two\nlines");
    }

    [Fact]
    public void A_missing_column_in_a_huge_header_lists_at_most_20_names_and_the_count()
    {
        var header = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"c{i}"));
        var act = () => ColumnTable.Read(TempFile(header + "\n"), TimeStatus);
        var e = act.Should().Throw<DataValidationException>().Which;
        e.Message.Length.Should().BeLessThan(1000);
        e.Message.Should().Contain("c19, ... (100000 columns in all)").And.NotContain("c20,");
    }

    [Fact]
    public void ReadAll_and_the_cohort_reader_refuse_a_header_of_a_million_columns_cleanly()
    {
        var header = string.Join(",", Enumerable.Range(0, 1_000_000).Select(i => $"c{i}"));
        var act = () => ColumnTable.ReadAll(TempFile(header + "\n" + string.Join(",", Enumerable.Repeat("1", 1_000_000)) + "\n"));
        var message = act.Should().Throw<DataValidationException>().Which.Message;
        message.Should().Contain("at most 10000 columns; the header has 1000000");
        message.Length.Should().BeLessThan(1000);
        using var dir = new TempDir(withExample: true);
        File.WriteAllText(dir.File("dli.csv"), "patient_id,day," + header + "\n");
        CohortCsv.Read(dir.Path).Issues.Should().ContainSingle().Which.Message.Should().Contain("at most 10000 columns");
    }

    [Fact]
    public void A_folder_given_as_the_file_is_reported_as_a_folder()
    {
        using var scratch = new TempDir("cartoutcomes-one-");
        var dir = scratch.Path;
        var act = () => ColumnTable.Read(dir, TimeStatus);
        act.Should().Throw<DataValidationException>().WithMessage("*this is a folder, not a file*").And.Message.Should().NotContain("does not exist");
    }

    [Theory]
    [InlineData('\t', "tabs")]
    [InlineData(';', "';'")]
    public void A_cohort_file_delimited_otherwise_than_by_commas_is_refused_naming_the_delimiter(char delimiter, string named)
    {
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("followup.csv"));
        File.WriteAllLines(dir.File("followup.csv"), lines.Select(l => l.Replace(',', delimiter)));
        var r = CohortCsv.Read(dir.Path);
        r.IsValid.Should().BeFalse("before issue 15 such a file was read as one column and only its missing columns were reported");
        r.Issues.Should().Contain(i => i.File == "followup.csv" && i.Message.Contains($"seems to use {named} as delimiter"));
    }

    [Fact]
    public void A_cohort_cell_with_a_NUL_is_an_error_naming_the_cell()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("patients.csv", "E05,29,male", "E05,29\0,male");
        var r = CohortCsv.Read(dir.Path);
        r.Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i =>
            i.File == "patients.csv" && i.Row == 5 && i.Column == "age_years" && i.Value == "29\\x00");
    }

    [Fact]
    public void A_cohort_cell_of_spaces_is_a_value_not_a_missing_one()
    {
        // Before issue 15 the cohort reader trimmed cells and took blanks as missing; the one rule is empty or NA.
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("patients.csv"));
        File.WriteAllLines(dir.File("patients.csv"), lines.Select(l => l.StartsWith("E07,") ? l + " " : l));
        var r = CohortCsv.Read(dir.Path);
        r.Issues.Should().ContainSingle().Which.Should().Match<DataIssue>(i =>
            i.File == "patients.csv" && i.Row == 7 && i.Column == "platelets_low" && i.Value == " " && i.Message.StartsWith("allowed values: yes, no"));
    }

    [Fact]
    public void The_published_targets_are_read_by_the_same_reader_with_the_same_missing_rule()
    {
        var path = TempFile("id,source,population,statistic,time_months,value,unit,precision,relation,followed,description,notes\n" +
                            "a,s,all56,count,NA,12,patients,0,=,yes,d,\n" +
                            "b,s,all56,count,,NA,patients,0,=,yes,d\0,\n");
        var act = () => Study.PublishedTargetsCsvLoad(path);
        act.Should().Throw<DataValidationException>().Which.Issues.Should().ContainSingle()
            .Which.Should().Match<DataIssue>(i => i.Row == 2 && i.Column == "description" && i.Value == "d\\x00");
    }

    private static class Study
    {
        public static IReadOnlyList<CarTOutcomes.Clinical.Study.PublishedTarget> PublishedTargetsCsvLoad(string path) =>
            CarTOutcomes.IO.Study.PublishedTargetsCsv.Load(path);
    }
}
