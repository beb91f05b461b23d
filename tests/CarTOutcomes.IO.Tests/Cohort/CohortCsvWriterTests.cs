using CarTOutcomes.IO.Cohort;

namespace CarTOutcomes.IO.Tests.Cohort;

/// <summary>Issue 15: the cohort files are written by the one safe CSV writer.</summary>
public class CohortCsvWriterTests
{
    [Fact]
    public void The_shipped_cohort_written_again_through_the_safe_writer_is_byte_identical()
    {
        // Negative days and numbers are numbers, never neutralized; only the text changes when it would run as a formula.
        var shipped = Path.Combine(AppContext.BaseDirectory, "cohort");
        var comment = File.ReadLines(Path.Combine(shipped, "patients.csv")).First()[2..];
        using var dir = new TempDir();
        CohortCsv.Write(CohortCsv.Load(shipped), dir.Path, comment);
        foreach (var f in CohortCsvSchema.Columns.Keys)
            File.ReadAllText(dir.File(f)).Should().Be(File.ReadAllText(Path.Combine(shipped, f)), f);
    }
}
