using System.Globalization;
using CarTOutcomes.DataFrames;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Estimators;
using Microsoft.Data.Analysis;

namespace CarTOutcomes.DataFrames.Tests;

/// <summary>The notebook cell of issue #13: a formula fitted on a DataFrame loaded from CSV gives R's answer.</summary>
public class DataFrameFormulaTests
{
    private static readonly string Lung = Path.Combine(AppContext.BaseDirectory, "Reference", "lung.csv");

    [Fact]
    public void Cox_on_a_DataFrame_loaded_from_CSV_agrees_with_coxph()
    {
        var df = DataFrameCsv.Load(Lung);
        var fit = Cox.Fit("Surv(time, status) ~ age + sex + factor(ph.ecog)", df);

        // R: coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), lung), the lung_sex_ecog row of cox_coef.csv.
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "cox_coef.csv"))
            .Where(l => l.StartsWith("lung_sex_ecog,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToArray();
        fit.Coefficients.Select(c => c.Name).Should().Equal(lines.Select(l => l[1]));
        for (int j = 0; j < lines.Length; j++)
        {
            double expected = double.Parse(lines[j][2], CultureInfo.InvariantCulture);
            fit.Coefficients[j].Estimate.Should().BeApproximately(expected, 1e-6 * Math.Abs(expected), lines[j][1]);
        }
        fit.Model!.DroppedRowCount.Should().Be(1, "one row of lung has ph.ecog NA");
    }

    [Fact]
    public void Column_types_map_as_Rs_and_text_columns_become_factors()
    {
        var df = DataFrameCsv.Load(Lung);
        var data = df.ToModelData();
        data["sex_text"].Kind.Should().Be(Survival.Formulas.ColumnKind.Text);
        data["age"].Kind.Should().Be(Survival.Formulas.ColumnKind.Numeric);
        data["ph.ecog"].IsMissing(13).Should().BeTrue("row 14 of lung has ph.ecog NA");
        var curves = KaplanMeier.Fit("Surv(time, status) ~ sex_text", df);
        curves.Select(c => c.Group).Should().Equal("sex_text=female", "sex_text=male");
    }

    [Fact]
    public void DataFrame_LoadCsv_itself_works_on_a_file_without_NA_cells()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lung-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, DataFrameCsv.BlankNA(File.ReadAllText(Lung)));
        try
        {
            var fit = Cox.Fit("Surv(time, status) ~ age + sex_text", DataFrame.LoadCsv(path));
            fit.Coefficients.Select(c => c.Name).Should().Equal("age", "sex_textmale");
            fit.RowCount.Should().Be(228);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NA_is_blanked_only_where_it_is_a_whole_unquoted_cell()
    {
        DataFrameCsv.BlankNA("a,b,c\nNA,\"NA\",NAME\n1,NA,2").Should().Be("a,b,c\n,\"NA\",NAME\n1,,2");
    }

    [Fact]
    public void Unsupported_column_types_are_refused_by_name()
    {
        var df = new DataFrame(new PrimitiveDataFrameColumn<DateTime>("when", [DateTime.UnixEpoch]));
        FluentActions.Invoking(() => df.ToModelData()).Should().Throw<ArgumentException>().WithMessage("*'when' has type DateTime*");
    }
}
