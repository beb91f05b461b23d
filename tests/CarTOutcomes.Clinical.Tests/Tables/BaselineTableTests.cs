using CarTOutcomes.Clinical.Tables;
using CarTOutcomes.Survival.Comparisons;

namespace CarTOutcomes.Clinical.Tests.Tables;

public class BaselineTableTests
{
    internal sealed record Patient(string Group, double? Age, string? Sex, string? Bridging);

    internal static readonly Patient[] Patients =
    [
        new("A", 30, "M", "Intensive"),
        new("B", 60, "F", "None"),
        new("A", 40, "F", "None"),
        new("A", 50, "M", "Intensive"),
        new("B", 70, "F", "None"),
        new("A", null, "M", "Nonintensive"),
        new("B", 65, "M", null),
    ];

    internal static BaselineTable Build(BaselineTableOptions? options = null) => BaselineTable.Build(Patients, p => p.Group,
    [
        BaselineVariable<Patient>.Continuous("Age, y", p => p.Age, BaselineTest.WilcoxonRankSum),
        BaselineVariable<Patient>.Categorical("Male sex", p => p.Sex, ["M", "F"], BaselineTest.FisherExact, onlyLevel: "M"),
        BaselineVariable<Patient>.Categorical("Bridging therapy", p => p.Bridging, ["Intensive", "Nonintensive", "None"], BaselineTest.FisherExact),
    ], options);

    [Fact]
    public void Groups_in_order_of_appearance_with_sizes()
    {
        var t = Build();
        t.Groups.Select(g => g.Heading).Should().Equal("A, n = 4", "B, n = 3");
    }

    [Fact]
    public void Rows_follow_the_paper_layout()
    {
        var t = Build();
        t.Rows.Select(r => (r.Label, r.Kind)).Should().Equal(
            ("Age, y", BaselineRowKind.Variable), ("Missing", BaselineRowKind.Missing),
            ("Male sex", BaselineRowKind.Variable),
            ("Bridging therapy", BaselineRowKind.Variable), ("Intensive", BaselineRowKind.Level), ("Nonintensive", BaselineRowKind.Level),
            ("None", BaselineRowKind.Level), ("Missing", BaselineRowKind.Missing));
        t.Rows.Select(r => r.Indent).Should().Equal(0, 1, 0, 0, 1, 1, 1, 1);
    }

    [Fact]
    public void Continuous_cells_and_exact_Wilcoxon()
    {
        var age = Build().Rows[0];
        age.Cells.Should().Equal("40 (30–50)", "65 (60–70)");
        // {30, 40, 50} all below {60, 65, 70}: W = 0, exact two-sided p = 2/C(6, 3) = 0.1; the missing age is not used.
        age.PValue.Should().BeApproximately(0.1, 1e-12);
        age.PValueText.Should().Be("0.10");
        age.FootnoteMarker.Should().Be("a");
        Build().Rows[1].Cells.Should().Equal("1", "0");
    }

    [Fact]
    public void Single_level_row_with_hand_computed_Fisher()
    {
        var sex = Build().Rows[2];
        sex.Cells.Should().Equal("3 (75.0%)", "1 (33.3%)");
        // Margins 4/3 × 4/3: P(x) ∝ 4, 18, 12, 1 (x = 1..4) of 35; observed x = 3: 4 + 12 + 1 = 17/35.
        sex.PValue.Should().BeApproximately(17.0 / 35, 1e-12);
        sex.PValueText.Should().Be("0.49");
        sex.FootnoteMarker.Should().Be("b");
    }

    [Fact]
    public void Level_rows_percent_of_known_values_and_missing_counted()
    {
        var rows = Build().Rows;
        rows[4].Cells.Should().Equal("2 (50.0%)", "0 (0.0%)");
        rows[6].Cells.Should().Equal("1 (25.0%)", "2 (100.0%)");
        rows[7].Cells.Should().Equal("0", "1");
        rows[3].Cells.Should().Equal("", "");
        rows[3].PValue.Should().BeApproximately(FisherExact.Test(new[,] { { 2, 0 }, { 1, 0 }, { 1, 2 } }).PValue, 1e-15);
        rows[3].FootnoteMarker.Should().Be("b", "the same test shares its footnote");
    }

    [Fact]
    public void Footnotes_name_each_test_once()
    {
        var f = Build().Footnotes;
        f.Select(x => x.Marker).Should().Equal(null, "a", "b");
        f[1].Text.Should().StartWith("Wilcoxon rank-sum test (R wilcox.test)");
        f[2].Text.Should().Be("Fisher's exact test (R fisher.test).");
        f[0].Text.Should().Contain("Missing");
    }

    [Fact]
    public void Group_order_and_p_digits_are_options()
    {
        var t = Build(new BaselineTableOptions { GroupOrder = ["B", "A"], PValueDigits = 3 });
        t.Groups.Select(g => g.Label).Should().Equal("B", "A");
        t.Rows[0].Cells.Should().Equal("65 (60–70)", "40 (30–50)");
        t.Rows[2].PValueText.Should().Be("0.486");
    }

    [Fact]
    public void Small_p_values_show_as_below_the_last_digit()
    {
        var many = Enumerable.Range(0, 40).Select(i => new Patient(i < 20 ? "A" : "B", i, i < 20 ? "M" : "F", "None")).ToArray();
        var t = BaselineTable.Build(many, p => p.Group, [BaselineVariable<Patient>.Categorical("Male", p => p.Sex, ["M", "F"], BaselineTest.FisherExact, "M")]);
        t.Rows[0].PValueText.Should().Be("<0.01");
    }

    [Fact]
    public void Test_must_fit_the_variable_and_the_groups()
    {
        FluentActions.Invoking(() => BaselineVariable<Patient>.Continuous("Age", p => p.Age, BaselineTest.FisherExact))
            .Should().Throw<ArgumentException>().WithMessage("*FisherExact*'Age' is continuous*");
        var three = Patients.Append(new Patient("C", 20, "M", "None")).ToArray();
        FluentActions.Invoking(() => BaselineTable.Build(three, p => p.Group, [BaselineVariable<Patient>.Continuous("Age", p => p.Age, BaselineTest.WilcoxonRankSum)]))
            .Should().Throw<ArgumentException>().WithMessage("*'Age'*two groups, there are 3*Kruskal*");
        var kw = BaselineTable.Build(three, p => p.Group, [BaselineVariable<Patient>.Continuous("Age", p => p.Age, BaselineTest.KruskalWallis)]);
        kw.Rows[0].Cells.Should().HaveCount(3);
        kw.Rows[0].PValue.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Unknown_level_names_the_variable_and_the_value()
    {
        var bad = Patients.Append(new Patient("A", 1, "X", "None")).ToArray();
        FluentActions.Invoking(() => Build2(bad)).Should().Throw<ArgumentException>().WithMessage("*'Male sex'*'X'*");
    }

    private static BaselineTable Build2(Patient[] p) => BaselineTable.Build(p, x => x.Group,
        [BaselineVariable<Patient>.Categorical("Male sex", x => x.Sex, ["M", "F"], BaselineTest.FisherExact)]);
}
