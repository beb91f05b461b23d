using System.Text;
using CarTOutcomes.IO.Tabular;
using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.IO.Tests.Tabular;

/// <summary><see cref="ModelDataFile"/>: a formula's data with each row's line, and R's survcheck on the rows a model uses.</summary>
public class ModelDataFileTests() : ScratchTests("cartoutcomes-modeldatafile-")
{
    private string TempFile(string content)
    {
        var path = Scratch.File($"cartoutcomes-modeldatafile-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Overlaps_are_located_by_row_and_physical_line_on_the_rows_the_model_uses()
    {
        // row 2's note spans two lines, so row 3 starts on line 5; row 4 overlaps row 3 (0, 6] of subject b
        var path = TempFile("id,start,stop,event,note\na,0,5,1,x\nb,0,6,0,\"two\nlines\"\nb,2,8,1,y\nc,0,4,1,z\n");
        var formula = Formula.Parse("Surv(start, stop, event) ~ 1");
        var file = ModelDataCsv.Read(path, formula, ["id"]);
        file.Data.RowCount.Should().Be(4);
        file.LineOf(2).Should().Be(5);
        var frame = ModelFrame.Build(formula, file.Data);
        var act = () => file.CheckSubjects("id", frame.RowsUsed, frame.Response!, "a start time in Surv(start, stop, event)");
        var e = act.Should().Throw<DataValidationException>().Which;
        e.Issues.Should().ContainSingle();
        e.Issues[0].ToString().Should().Be($"{path}: row 3 (line 5), column 'id': value \"b\": intervals of one subject that do not overlap; " +
                                           "subject 'b': (2, 8] overlaps (0, 6] of row 2 (R survcheck: overlap)");
        // the same rows without the overlapping one pass
        var kept = frame.RowsUsed.Where(i => i != 2).ToArray();
        file.Invoking(f => f.CheckSubjects("id", kept, frame.Response!.Subset([0, 1, 3]), "x")).Should().NotThrow();
    }

    [Fact]
    public void The_id_column_must_have_been_read()
    {
        var path = TempFile("id,time,event\na,5,1\nb,6,0\n");
        var formula = Formula.Parse("Surv(time, event) ~ 1");
        var file = ModelDataCsv.Read(path, formula);
        var frame = ModelFrame.Build(formula, file.Data);
        file.Invoking(f => f.CheckSubjects("id", frame.RowsUsed, frame.Response!, "x"))
            .Should().Throw<ArgumentException>().WithMessage("The id column 'id' was not read from*");
    }
}
