using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Formulas;
using CoxRegression = CarTOutcomes.Survival.Cox.Cox;

namespace CarTOutcomes.Survival.Tests.Formulas;

/// <summary>R's terms rules, deparsed names and the error messages of bad formulas and bad data.</summary>
public class FormulaParsingTests
{
    private static ModelData Small() => ModelData.FromText(
        ["time", "status", "age", "sex", "grp", "id", "w"],
        [
            ["5", "6", "7", "8", "9", "10", "11", "12"],
            ["1", "0", "1", "1", "0", "1", "1", "0"],
            ["50", "61", "47", "70", "55", "66", "58", "NA"],
            ["male", "female", "male", "female", "male", "female", "male", "female"],
            ["a", "b", "c", "a", "b", "c", "a", "b"],
            ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"],
            ["1", "2", "1", "1", "2", "1", "1", "1"],
        ], "small.csv");

    [Theory]
    [InlineData("Surv(time, status) ~ a + b + a:b", "a|b|a:b")]
    [InlineData("Surv(time, status) ~ a*b", "a|b|a:b")]
    [InlineData("Surv(time, status) ~ a:b + c", "c|a:b")]
    [InlineData("Surv(time, status) ~ sex + age:sex", "sex|sex:age")]
    [InlineData("Surv(time, status) ~ (a + b + c)^2", "a|b|c|a:b|a:c|b:c")]
    [InlineData("Surv(time, status) ~ a*b - a:b", "a|b")]
    [InlineData("Surv(time, status) ~ a + a + b:a + a:b", "a|a:b")]
    [InlineData("Surv(time, status) ~ a*b*c", "a|b|c|a:b|a:c|b:c|a:b:c")]
    [InlineData("Surv(time, status) ~ a + strata(s) + cluster(id) + offset(o)", "a")]
    [InlineData("Surv(time, status) ~ 1", "")]
    public void Terms_follow_Rs_order_and_labels(string formula, string labels)
    {
        string.Join("|", Formula.Parse(formula).Terms.Select(t => t.Label)).Should().Be(labels);
    }

    [Theory]
    [InlineData("~ I(age ^ 2)", "I(age^2)")]
    [InlineData("~ I(meal.cal / 100)", "I(meal.cal/100)")]
    [InlineData("~ I(2*age)", "I(2 * age)")]
    [InlineData("~ I(age-50)", "I(age - 50)")]
    [InlineData("~ log( bili )", "log(bili)")]
    [InlineData("~ relevel(factor(celltype),ref='squamous')", "relevel(factor(celltype), ref = \"squamous\")")]
    [InlineData("~ I(x > 3)", "I(x > 3)")]
    [InlineData("~ I(x / 100000)", "I(x/1e+05)")]
    [InlineData("~ I(-x^2)", "I(-x^2)")]
    [InlineData("~ `odd name`", "`odd name`")]
    public void Variables_are_named_by_Rs_deparse(string formula, string name)
    {
        Formula.Parse(formula).Variables.Should().Equal(name);
    }

    [Theory]
    [InlineData("Surv(time, status) ~ age +", 26, "nothing on its right")]
    [InlineData("Surv(time, status) ~ log(age", 28, "is not closed")]
    [InlineData("Surv(time, status) ~ age $ sex", 25, "unexpected character '$'")]
    [InlineData("Surv(time, status) age", 19, "unexpected 'age'")]
    [InlineData("Surv(time, status)", 0, "needs '~'")]
    public void A_syntax_error_names_its_position_with_a_caret(string formula, int position, string message)
    {
        var e = FluentActions.Invoking(() => Formula.Parse(formula)).Should().Throw<FormulaException>().Which;
        e.Position.Should().Be(position);
        e.Message.Should().Contain(message);
        var lines = e.Message.Split('\n');
        lines[1].Should().Be("  " + formula);
        lines[2].Should().Be("  " + new string(' ', position) + "^");
    }

    [Fact]
    public void An_unknown_variable_is_named_with_the_columns_there_are()
    {
        FluentActions.Invoking(() => CoxRegression.Fit("Surv(time, status) ~ age + ecog", Small()))
            .Should().Throw<FormulaException>()
            .WithMessage("*small.csv has no column 'ecog'. Its columns are: time, status, age, sex, grp, id, w.*");
    }

    [Fact]
    public void Relevel_to_a_missing_level_names_the_level_and_the_levels()
    {
        FluentActions.Invoking(() => CoxRegression.Fit("Surv(time, status) ~ relevel(factor(grp), ref = \"z\")", Small()))
            .Should().Throw<FormulaException>()
            .WithMessage("*'z' is not a level of factor(grp); its levels are 'a', 'b', 'c'*");
    }

    [Fact]
    public void A_factor_with_one_level_or_more_than_50_is_refused_with_the_count()
    {
        var one = ModelData.FromText(["t", "s", "g"], [["1", "2", "3"], ["1", "0", "1"], ["x", "x", "x"]]);
        FluentActions.Invoking(() => CoxRegression.Fit("Surv(t, s) ~ g", one))
            .Should().Throw<FormulaException>().WithMessage("*'g' has 1 level in the rows used ('x')*");
        int n = 60;
        var many = ModelData.FromText(["t", "s", "g"], [
            Enumerable.Range(1, n).Select(i => (string?)i.ToString()).ToArray(),
            Enumerable.Range(1, n).Select(i => (string?)(i % 2).ToString()).ToArray(),
            Enumerable.Range(1, n).Select(i => (string?)("id" + i)).ToArray()]);
        FluentActions.Invoking(() => CoxRegression.Fit("Surv(t, s) ~ g", many))
            .Should().Throw<FormulaException>().WithMessage("*'g' has 60 levels, more than 50: is it an identifier?*");
    }

    [Fact]
    public void Status_coding_follows_Rs_rule_and_other_values_name_the_row()
    {
        var d = ModelData.FromText(["t", "s", "x"], [["1", "2", "3", "4"], ["1", "2", "2", "1"], ["0", "1", "0", "1"]]);
        var frame = ModelFrame.Build(Formula.Parse("Surv(t, s) ~ x"), d);
        frame.StatusCoding.Should().Be(StatusCoding.OneTwo);
        frame.Response!.Event.ToArray().Should().Equal(false, true, true, false);
        var bad = ModelData.FromText(["t", "s", "x"], [["1", "2", "3"], ["0", "2", "1"], ["0", "1", "0"]]);
        FluentActions.Invoking(() => ModelFrame.Build(Formula.Parse("Surv(t, s) ~ x"), bad))
            .Should().Throw<FormulaException>().WithMessage("*data row 1: status 0 is not 1 (censored) or 2 (event)*");
        var logical = ModelData.FromText(["t", "s", "x"], [["1", "2", "3"], ["TRUE", "FALSE", "TRUE"], ["0", "1", "0"]]);
        ModelFrame.Build(Formula.Parse("Surv(t, s) ~ x"), logical).StatusCoding.Should().Be(StatusCoding.Logical);
    }

    [Fact]
    public void Rows_with_a_missing_value_in_any_used_variable_are_dropped_and_counted()
    {
        var frame = ModelFrame.Build(Formula.Parse("Surv(time, status) ~ age + sex"), Small());
        frame.DroppedRowCount.Should().Be(1);
        frame.RowsUsed.Should().Equal(0, 1, 2, 3, 4, 5, 6);
        var noAge = ModelFrame.Build(Formula.Parse("Surv(time, status) ~ sex"), Small());
        noAge.DroppedRowCount.Should().Be(0, "age is not used");
    }

    [Fact]
    public void Treatment_contrasts_and_full_dummy_coding_follow_marginality()
    {
        var d = Small();
        ModelFrame.Build(Formula.Parse("Surv(time, status) ~ age + sex"), d).ColumnNames.Should().Equal("age", "sexmale");
        ModelFrame.Build(Formula.Parse("Surv(time, status) ~ age:sex"), d).ColumnNames.Should().Equal("age:sexfemale", "age:sexmale");
        ModelFrame.Build(Formula.Parse("Surv(time, status) ~ sex*grp"), d).ColumnNames
            .Should().Equal("sexmale", "grpb", "grpc", "sexmale:grpb", "sexmale:grpc");
        var f = ModelFrame.Build(Formula.Parse("Surv(time, status) ~ relevel(grp, ref = \"c\") + age"), d);
        f.ColumnNames.Should().Equal("relevel(grp, ref = \"c\")a", "relevel(grp, ref = \"c\")b", "age");
        f.Assign.Should().Equal(0, 0, 1);
    }

    [Fact]
    public void Text_levels_sort_as_R_sorts_them_in_a_UTF8_locale()
    {
        var d = ModelData.FromText(["t", "s", "g"], [["1", "2", "3", "4", "5", "6"], ["1", "0", "1", "1", "0", "1"], ["b", "B", "a", "A", "_x", "1"]]);
        ModelFrame.Build(Formula.Parse("Surv(t, s) ~ g"), d).Levels["g"].Should().Equal("_x", "1", "a", "A", "b", "B");
    }

    [Fact]
    public void Columns_are_typed_as_read_csv_types_them()
    {
        var d = ModelData.FromText(["n", "l", "t"], [["1", "NA", "2.5"], ["TRUE", "F", ""], ["1", "x", "NA"]]);
        d["n"].Kind.Should().Be(ColumnKind.Numeric);
        d["l"].Kind.Should().Be(ColumnKind.Logical);
        d["t"].Kind.Should().Be(ColumnKind.Text);
        d["t"].IsMissing(2).Should().BeTrue();
        d["l"].IsMissing(2).Should().BeTrue();
    }

    [Fact]
    public void Weights_and_ids_come_from_columns()
    {
        var fit = CoxRegression.Fit("Surv(time, status) ~ age", Small(), new CoxOptions(), weights: "w", id: "id");
        fit.SubjectCount.Should().Be(7);
        fit.RowCount.Should().Be(7);
    }

    [Fact]
    public void Group_frame_with_an_id_drops_rows_missing_it_and_keeps_the_ids_of_the_rows_used()
    {
        // R: survfit(Surv(t0, t1, e) ~ g, id = id): the id is in the model frame, so na.omit drops row 3 (no id) and row 4 (no group)
        var d = ModelData.FromText(["t0", "t1", "e", "g", "id"], [
            ["0", "4", "0", "0", "0", "2"],
            ["4", "9", "3", "5", "6", "8"],
            ["0", "1", "1", "0", "1", "0"],
            ["x", "y", "x", "NA", "y", "x"],
            ["a", "a", "NA", "b", "c", "c"],
        ]);
        var frame = ModelFrame.BuildGroups(Formula.Parse("Surv(t0, t1, e) ~ g"), d, id: "id");
        frame.RowsUsed.Should().Equal(0, 1, 4, 5);
        frame.Ids.Should().Equal("a", "a", "c", "c");
        frame.Groups.Should().Equal("g=x", "g=y", "g=y", "g=x");
        frame.Response!.IsCountingProcess.Should().BeTrue();
        ModelFrame.BuildGroups(Formula.Parse("Surv(t0, t1, e) ~ g"), d).Ids.Should().BeNull();
        FluentActions.Invoking(() => ModelFrame.BuildGroups(Formula.Parse("Surv(t0, t1, e) ~ g"), d, id: "subject"))
            .Should().Throw<FormulaException>().WithMessage("*data has no id column 'subject'.*");
    }
}
