using CarTOutcomes.Clinical.Study.Reconstruction;
using CarTOutcomes.IO.Study;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Study;

public class DayLayoutCsvTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"layout-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_days_with_an_optional_progression_day_as_r_writes_them()
    {
        var path = Write("\"patient_id\",\"last_contact_day\",\"progression_day\"\n\"MSK7\",201,\n\"SYN01\",614.5,252\n");
        DayLayoutCsv.Load(path).Should().Equal(new DayLayout("MSK7", 201), new DayLayout("SYN01", 614.5, 252));
        File.Delete(path);
        path = Write("patient_id,last_contact_day\nSYN24,2019\n");
        DayLayoutCsv.Load(path).Should().Equal(new DayLayout("SYN24", 2019));
        File.Delete(path);
    }

    [Fact]
    public void A_missing_column_or_a_bad_day_is_reported_with_row_column_and_value()
    {
        var path = Write("patient_id,day\nMSK7,201\n");
        var act = () => DayLayoutCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("last_contact_day").And.Contain("missing");
        File.Delete(path);
        path = Write("patient_id,last_contact_day,progression_day\nMSK7,201,\nSYN01,-3,\n");
        act = () => DayLayoutCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("row 2").And.Contain("'last_contact_day'").And.Contain("-3");
        File.Delete(path);
        path = Write("patient_id,last_contact_day,progression_day\nSYN01,300,abc\n");
        act = () => DayLayoutCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("row 1").And.Contain("'progression_day'").And.Contain("abc");
        File.Delete(path);
    }
}
