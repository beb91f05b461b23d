using CarTOutcomes.IO.Cohort;

namespace CarTOutcomes.IO.Tests.Cohort;

public class CohortCsvCommentTests
{
    [Fact]
    public void A_leading_comment_is_written_to_every_file_and_skipped_when_read()
    {
        using var plain = new TempDir();
        using var marked = new TempDir();
        var cohort = CohortCsv.Load(TempDir.ExamplePath);
        CohortCsv.Write(cohort, plain.Path);
        CohortCsv.Write(cohort, marked.Path, "SYNTHETIC test data");
        foreach (var f in Directory.GetFiles(marked.Path, "*.csv"))
        {
            var lines = File.ReadAllLines(f);
            lines[0].Should().Be("# SYNTHETIC test data", f);
            lines.Skip(1).Should().Equal(File.ReadAllLines(Path.Combine(plain.Path, Path.GetFileName(f))), "only the comment line is added");
        }
        var back = CohortCsv.Read(marked.Path);
        back.Issues.Should().BeEmpty();
        back.Cohort!.Patients.Should().Equal(cohort.Patients);
        back.Cohort.FollowUps.Should().Equal(cohort.FollowUps);
    }

    [Fact]
    public void A_comment_with_a_line_break_is_refused()
    {
        using var dir = new TempDir();
        var act = () => CohortCsv.Write(CohortCsv.Load(TempDir.ExamplePath), dir.Path, "a\nb");
        act.Should().Throw<ArgumentException>().WithParameterName("comment");
    }
}
