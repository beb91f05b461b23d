using System.Reflection;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>Input checks, counts and conventions of the Cox API.</summary>
public class CoxModelContractTests
{
    private static readonly SurvivalData Small = SurvivalData.RightCensored([5.0, 3, 8, 2, 9, 4], [true, false, true, true, false, true]);
    private static readonly IReadOnlyList<double>[] SmallX = [new[] { 1.0, 2, 0.5, 3, 1, 2.5 }];

    [Fact]
    public void A_missing_covariate_value_is_named_with_its_row()
    {
        IReadOnlyList<double>[] x = [new[] { 1.0, 2, double.NaN, 3, 1, 2.5 }];
        var act = () => CoxModel.Fit(Small, x, ["age"]);
        act.Should().Throw<ArgumentException>().WithMessage("*'age'*index 2*NaN*");
    }

    [Fact]
    public void Lengths_and_events_are_checked()
    {
        IReadOnlyList<double>[] shortX = [new[] { 1.0, 2 }];
        FluentActions.Invoking(() => CoxModel.Fit(Small, shortX, ["age"])).Should().Throw<ArgumentException>().WithMessage("*'age' has 2 values for 6 rows*");
        FluentActions.Invoking(() => CoxModel.Fit(Small, SmallX, ["a", "b"])).Should().Throw<ArgumentException>().WithMessage("*2 names for 1 covariates*");
        var noEvents = SurvivalData.RightCensored([1.0, 2], [false, false]);
        IReadOnlyList<double>[] two = [new[] { 1.0, 2 }];
        FluentActions.Invoking(() => CoxModel.Fit(noEvents, two, ["x"])).Should().Throw<ArgumentException>().WithMessage("*0 failures*");
        FluentActions.Invoking(() => Small.WithStrata(["a"]))
            .Should().Throw<ArgumentException>().WithMessage("*Length 1 differs from the number of times (6)*");
    }

    [Fact]
    public void Counting_process_fit_reports_rows_subjects_and_events()
    {
        var (data, columns) = CoxReferenceModels.Data("heart_efron");
        var ids = ReferenceTable.Load("Cox/heart.csv").Rows.Select(r => r[0]).ToArray();
        var fit = CoxModel.Fit(data.WithIds(ids), columns, ["age", "year", "surgery", "transplant"]);
        fit.RowCount.Should().Be(172);
        fit.SubjectCount.Should().Be(103);   // survival::heart has 103 patients
        fit.EventCount.Should().Be(75);
        fit.IsRobust.Should().BeFalse("no id has more than one event, so R's default is the model-based variance");
    }

    [Fact]
    public void Result_types_have_no_public_setters()
    {
        var types = typeof(CoxResult).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace == typeof(CoxResult).Namespace && t != typeof(CoxOptions));
        foreach (var t in types)
            foreach (var prop in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                prop.SetMethod?.IsPublic.Should().NotBe(true, $"{t.Name}.{prop.Name} must be read-only");
    }

    [Fact]
    public void Confidence_limits_follow_the_level()
    {
        var f95 = CoxModel.Fit(Small, SmallX, ["x"]);
        var f80 = CoxModel.Fit(Small, SmallX, ["x"], new CoxOptions { ConfidenceLevel = 0.8 });
        var c = f95.Coefficients[0];
        Approx.Equal(Math.Exp(c.Estimate - 1.959963984540054 * c.StandardError), c.Lower, 1e-12, "lower .95");
        f80.Coefficients[0].Lower.Should().BeGreaterThan(c.Lower);
        Approx.Equal(Math.Exp(c.Estimate + 1.2815515655446004 * c.StandardError), f80.Coefficients[0].Upper, 1e-12, "upper .80");
    }
}
