using CoxRegression = CarTOutcomes.Survival.Cox.Cox;

namespace CarTOutcomes.Survival.Tests.Formulas;

/// <summary>The example of docs/formulas.md is what the code gives.</summary>
public class FormulaDocTests
{
    [Fact]
    public void The_documented_example_output_is_the_real_output()
    {
        var fit = CoxRegression.Fit("Surv(time, status) ~ age + sex_text + factor(ph.ecog)", FormulaReference.Data("lung"));
        var text = string.Join("\n",
            "coefficients: " + string.Join(", ", fit.Coefficients.Select(c => c.Name)),
            "terms: " + string.Join(", ", fit.TermTests.Select(t => $"{t.Term} (df {t.DegreesOfFreedom})")),
            $"rows used {fit.Model!.RowCount}, dropped {fit.Model.DroppedRowCount}");
        var doc = File.ReadAllText(FindDoc());
        doc.Should().Contain(text);
    }

    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "formulas.md");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("docs/formulas.md not found above " + AppContext.BaseDirectory);
    }
}
