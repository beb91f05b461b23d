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

    [Theory]
    [InlineData("=HYPERLINK(\"\"http://e\"\")", "\"'=HYPERLINK(\"\"http://e\"\")\"")]
    [InlineData("  =1+1", "'  =1+1")]
    [InlineData("@cmd", "'@cmd")]
    public void A_regimen_that_would_run_as_a_formula_is_written_back_neutralized(string regimenCsv, string writtenCsv)
    {
        // Before issue 15 CohortCsv.Write used a plain CSV writer and wrote the formula back live.
        using var dir = new TempDir(withExample: true);
        dir.Edit("salvage.csv", "E06,2,170,blinatumomab,", $"E06,2,170,\"{regimenCsv}\",");
        var cohort = CohortCsv.Load(dir.Path);
        using var written = new TempDir();
        CohortCsv.Write(cohort, written.Path);
        var line = File.ReadLines(written.File("salvage.csv")).Single(l => l.StartsWith("E06,2,"));
        line.Should().StartWith($"E06,2,170,{writtenCsv},");
    }
}
