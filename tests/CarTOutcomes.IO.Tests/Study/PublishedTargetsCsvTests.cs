using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Study;
using CarTOutcomes.IO.Tabular;

namespace CarTOutcomes.IO.Tests.Study;

public class PublishedTargetsCsvTests
{
    [Fact]
    public void Loads_every_published_target_with_its_fields()
    {
        var t = PublishedTargetsCsv.Load(Path.Combine(AppContext.BaseDirectory, "published", "targets.csv"));
        t.Should().HaveCount(585);
        t.Select(x => x.Id).Should().OnlyHaveUniqueItems();
        var os = t.Single(x => x.Id == "res_os_lower");
        os.Value.Should().Be(9.11);
        os.Precision.Should().Be(2);
        os.Statistic.Should().Be("km_median_lower");
        os.Relation.Should().Be(TargetRelation.Equal);
        os.Followed.Should().BeTrue();
        t.Single(x => x.Id == "res_efs_36m_est").TimeMonths.Should().Be(36);
        t.Single(x => x.Id == "meth_cr_bm_blast_threshold").Relation.Should().Be(TargetRelation.Less);
        t.Single(x => x.Id == "res_age_progressed_median").Followed.Should().BeFalse();
        t.Single(x => x.Id == "t1_age_relapse_median").Source.Should().Contain("Median age", "a quoted source with commas is one field");
    }

    [Fact]
    public void A_bad_cell_is_reported_with_row_column_and_value()
    {
        var path = Path.Combine(Path.GetTempPath(), $"targets-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "id,source,population,statistic,time_months,value,unit,precision,relation,followed,description,notes\n" +
                                "a,s,all56,count,,12,patients,0,=,yes,d,\n" +
                                "b,s,all56,count,,x1,patients,0,=,yes,d,\n");
        var act = () => PublishedTargetsCsv.Load(path);
        act.Should().Throw<DataValidationException>().Which.Message.Should().Contain("row 2").And.Contain("'value'").And.Contain("x1");
        File.Delete(path);
    }
}
