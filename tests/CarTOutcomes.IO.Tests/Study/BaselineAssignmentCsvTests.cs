using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.IO.Study;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Study;

public class BaselineAssignmentCsvTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"assign-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_rows_as_written_with_empty_values_kept_empty()
    {
        var path = Write("patient_id,variable,value\nMSK7,prior_lines,6\nSYN21,corticosteroid_start_day,\n\"SYN20\",\"sex\",\"male\"\n");
        BaselineAssignmentCsv.Load(path).Should().Equal(
            new BaselineAssignment("MSK7", "prior_lines", "6"), new BaselineAssignment("SYN21", "corticosteroid_start_day", ""),
            new BaselineAssignment("SYN20", "sex", "male"));
        File.Delete(path);
    }

    [Fact]
    public void A_missing_column_or_an_empty_id_is_reported_with_row_and_column()
    {
        var path = Write("patient_id,variable\nMSK7,prior_lines\n");
        var act = () => BaselineAssignmentCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("value").And.Contain("missing");
        File.Delete(path);
        path = Write("patient_id,variable,value\nMSK7,prior_lines,3\n,age_years,40\n");
        act = () => BaselineAssignmentCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("row 2").And.Contain("'patient_id'");
        File.Delete(path);
        path = Write("patient_id,variable,value\nMSK7,,3\n");
        act = () => BaselineAssignmentCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("row 1").And.Contain("'variable'");
        File.Delete(path);
    }
}
