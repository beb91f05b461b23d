using System.Globalization;
using CarTOutcomes.Presentation.Tables;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CarTOutcomes.Presentation.Tests.Tables;

/// <summary>
/// Publication tables (issue #14): regression tables from Cox and Fine–Gray fits (per-term P checked against R),
/// univariable and multivariable merged, survival tables, and every renderer including Word.
/// </summary>
public class PublicationTableTests
{
    private static readonly string RefDir = Path.Combine(AppContext.BaseDirectory, "Reference", "Tables");

    /// <summary>survival::lung as in the R script: complete cases of time, status, age, sex, ph_ecog.</summary>
    private static (SurvivalData Data, double[] Age, double[] Female, double[][] Ecog) Lung()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Cox", "lung.csv"));
        var head = lines[0].Split(',');
        int Col(string n) => Array.IndexOf(head, n);
        var rows = lines.Skip(1).Select(l => l.Split(','))
            .Where(r => new[] { "time", "status", "age", "sex", "ph_ecog" }.All(n => r[Col(n)] is not ("" or "NA"))).ToArray();
        double V(string[] r, string n) => double.Parse(r[Col(n)], CultureInfo.InvariantCulture);
        var data = SurvivalData.RightCensored(rows.Select(r => V(r, "time")).ToArray(), rows.Select(r => V(r, "status") == 1).ToArray());
        var ecog = new[] { 1.0, 2, 3 }.Select(level => rows.Select(r => V(r, "ph_ecog") == level ? 1.0 : 0).ToArray()).ToArray();
        return (data, rows.Select(r => V(r, "age")).ToArray(), rows.Select(r => V(r, "sex") == 2 ? 1.0 : 0).ToArray(), ecog);
    }

    private static CoxResult LungFit()
    {
        var (data, age, female, ecog) = Lung();
        return CoxModel.Fit(data, [age, female, ecog[0], ecog[1], ecog[2]], ["age", "sex2", "ecog1", "ecog2", "ecog3"]);
    }

    private static readonly RegressionTerm[] LungTerms =
    [
        new("Age, per year", ["age"]),
        new("Sex", ["sex2"], ["Female"], "Male"),
        new("ECOG performance status", ["ecog1", "ecog2", "ecog3"], ["1", "2", "3"], "0"),
    ];

    private static Dictionary<string, string[]> Csv(string file) => File.ReadAllLines(Path.Combine(RefDir, file)).Skip(1)
        .Select(l => l.Replace("\"", "").Split(',')).ToDictionary(f => f[0], f => f);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void A_factor_shows_its_levels_under_its_label_with_the_reference_and_the_Wald_P_of_the_term_agrees_with_R()
    {
        var table = RegressionTable.From(LungFit(), LungTerms, title: "Table 3");
        table.Rows.Select(r => (r.Label, r.Kind)).Should().Equal(
            ("Age, per year", TableRowKind.Label), ("Sex", TableRowKind.Label), ("Male", TableRowKind.Level), ("Female", TableRowKind.Level),
            ("ECOG performance status", TableRowKind.Label), ("0", TableRowKind.Level), ("1", TableRowKind.Level), ("2", TableRowKind.Level),
            ("3", TableRowKind.Level));
        var wald = Csv("wald_terms.csv");
        var ecogRow = table.Rows.Single(r => r.Label == "ECOG performance status");
        ecogRow.Cells[1].Value.Should().BeApproximately(D(wald["ecog"][3]), 1e-4 * D(wald["ecog"][3]), "R: pchisq(b' V^-1 b, 3)");
        table.Rows.Single(r => r.Label == "Sex").Cells[1].Kind.Should().Be(TableCellKind.Empty, "a two-level factor's P is its level's");
        table.Rows.Single(r => r.Label == "0").Cells[0].Kind.Should().Be(TableCellKind.Reference);
        // The coefficients' cells carry R's numbers (iterative fit: 1e-4).
        var r = Csv("lung_coefficients.csv");
        foreach (var (name, rName) in new[] { ("age", "age"), ("sex2", "factor(sex)2"), ("ecog1", "ecog1"), ("ecog2", "ecog2"), ("ecog3", "ecog3") })
        {
            var cell = table.Rows.Single(x => x.Key == name).Cells;
            cell[0].Value.Should().BeApproximately(D(r[rName][1]), 1e-4 * D(r[rName][1]));
            cell[0].Lower.Should().BeApproximately(D(r[rName][2]), 1e-4 * D(r[rName][2]));
            cell[0].Upper.Should().BeApproximately(D(r[rName][3]), 1e-4 * D(r[rName][3]));
            cell[1].Value.Should().BeApproximately(D(r[rName][4]), 1e-4 * D(r[rName][4]));
        }
        table.Columns.Select(c => c.Spanner).Distinct().Should().Equal("N = 213, events = 151");
        var text = table.ToText();
        text.Should().Contain("ECOG performance status").And.Contain("  3").And.Contain("7.52 (0.99–56.94)").And.Contain(".001");
    }

    [Fact]
    public void A_formula_fit_groups_rows_by_its_terms_with_factor_levels_and_references()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Under("tests", "CarTOutcomes.Survival.Tests", "Reference", "Cox", "lung.csv"));
        var names = lines[0].Split(',');
        var cells = names.Select((_, j) => (IReadOnlyList<string?>)lines.Skip(1).Select(l => (string?)l.Split(',')[j]).ToArray()).ToArray();
        var data = CarTOutcomes.Survival.Formulas.ModelData.FromText(names, cells, "lung.csv");
        var fit = Cox.Fit("Surv(time, status) ~ age + factor(sex) + factor(ph_ecog)", data);
        var table = RegressionTable.From(fit, labels: new Dictionary<string, string> { ["factor(ph_ecog)"] = "ECOG" });
        table.Rows.Select(r => r.Label).Should().Equal("age", "factor(sex)", "1", "2", "ECOG", "0", "1", "2", "3");
        table.Rows[2].Cells[0].Kind.Should().Be(TableCellKind.Reference);
        var ecogP = Csv("wald_terms.csv")["ecog"][3];
        table.Rows[4].Cells[1].Value.Should().BeApproximately(D(ecogP), 1e-4 * D(ecogP));
        table.Rows[4].Cells[1].Value.Should().BeApproximately(fit.TermTests[2].PValue, 1e-9, "the engine's per-term test is the same Wald test");
    }

    [Fact]
    public void A_fit_without_terms_gives_one_row_per_coefficient()
    {
        var fit = LungFit();
        var table = RegressionTable.From(fit, labels: new Dictionary<string, string> { ["age"] = "Age" });
        table.Rows.Select(r => r.Label).Should().Equal("Age", "sex2", "ecog1", "ecog2", "ecog3");
        table.Rows.Should().OnlyContain(r => r.Kind == TableRowKind.Label);
        var bad = () => RegressionTable.From(fit, [new RegressionTerm("Weight", ["wt"])]);
        bad.Should().Throw<ArgumentException>().WithMessage("*'Weight'*'wt'*age, sex2*");
    }

    [Fact]
    public void Univariable_and_multivariable_merge_side_by_side_as_Table_3()
    {
        var (data, age, female, ecog) = Lung();
        var uni = RegressionTable.Stack(
        [
            RegressionTable.From(CoxModel.Fit(data, [age], ["age"]), [LungTerms[0]]),
            RegressionTable.From(CoxModel.Fit(data, [female], ["sex2"]), [LungTerms[1]]),
            RegressionTable.From(CoxModel.Fit(data, ecog, ["ecog1", "ecog2", "ecog3"]), [LungTerms[2]]),
        ]);
        var multi = RegressionTable.From(CoxModel.Fit(data, [female, ecog[0], ecog[1], ecog[2]], ["sex2", "ecog1", "ecog2", "ecog3"]), LungTerms[1..]);
        var merged = PublicationTable.Merge("Table 3. Overall survival", ("Univariable", uni), ("Multivariable", multi));
        merged.Columns.Select(c => c.Heading).Should().Equal("HR (95% CI)", "P", "HR (95% CI)", "P");
        merged.Columns[0].Spanner.Should().Be("Univariable: N = 213, events = 151");
        merged.Columns[2].Spanner.Should().Be("Multivariable: N = 213, events = 151");
        merged.Rows.Select(r => r.Label).Should().Equal("Age, per year", "Sex", "Male", "Female", "ECOG performance status", "0", "1", "2", "3");
        var ageRow = merged.Rows[0].Cells;
        ageRow[0].Kind.Should().Be(TableCellKind.Ratio);
        ageRow[2].Kind.Should().Be(TableCellKind.Empty, "age is not in the multivariable model");
        merged.Rows[3].Cells[2].Value.Should().NotBe(merged.Rows[3].Cells[0].Value, "the adjusted HR differs from the crude one");
    }

    [Fact]
    public void Fine_Gray_fits_give_subdistribution_hazard_ratios()
    {
        double[] time = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        int[] status = [1, 2, 0, 1, 1, 2, 0, 1, 2, 1, 0, 1];
        double[] x = [0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
        var fit = FineGray.Fit(CompetingRisksData.Create(time, status), ["x"], [x], new FineGrayOptions(cause: 1));
        var table = RegressionTable.From(fit);
        table.Columns[0].Heading.Should().Be("sHR (95% CI)");
        table.Rows.Single().Cells[0].Value.Should().Be(fit.Coefficients[0].HazardRatio);
        table.Columns[0].Spanner.Should().Be($"N = 12, events = {fit.Events}");
    }

    [Fact]
    public void Survival_tables_give_estimates_at_landmarks_and_the_median_by_group()
    {
        var curves = KaplanMeier.Fit(SurvivalData.RightCensored([1, 3, 4, 6, 8, 9, 12, 15, 2, 5, 7, 10], [true, true, false, true, true, false, true, false, true, true, true, true]),
            ["A", "A", "A", "A", "A", "A", "A", "A", "B", "B", "B", "B"]);
        var table = SurvivalTable.From(curves, [6, 12], "months");
        table.Columns.Select(c => c.Heading).Should().Equal("N", "Events", "6 months", "12 months", "Median (95% CI)");
        var a = table.Rows[0].Cells;
        a[2].Value.Should().Be(curves[0].At(6).Survival);
        a[4].Value.Should().Be(curves[0].Median.Estimate);
        table.Format()[0][3].Should().Be(NumberStyle.Blood.WithInterval(curves[0].At(6).Survival, curves[0].At(6).Lower, curves[0].At(6).Upper, NumberStyle.Blood.Percent));
        table.Format()[0][2].Should().Be("5", "counts print without decimals");

        var cr = CumulativeIncidence.Fit(CompetingRisksData.Create([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 2, 1, 0, 1, 1, 0]));
        var cif = SurvivalTable.From(cr, 1, [3, 6], "months");
        cif.Columns.Select(c => c.Heading).Should().Equal("N", "3 months", "6 months", "Median (95% CI)");
        cif.Rows.Single().Cells[1].Value.Should().Be(cr.Curves.First(c => c.Cause == 1).At(3).Estimate);
        // Cause 1 reaches 0.5 at t = 6 (1/8 + 1/8 + 1/8 + 1/4 after the censoring at 5... from the fitted curve).
        var c1 = cr.Curves.First(c => c.Cause == 1);
        cif.Rows.Single().Cells[3].Value.Should().Be(c1.Time.Zip(c1.Estimate).First(p => p.Second >= 0.5).First);
    }

    private static PublicationTable Sample() => PublicationTable.Merge("Table 3", ("Univariable",
        RegressionTable.From(LungFit(), LungTerms)), ("Multivariable", RegressionTable.From(LungFit(), LungTerms)));

    [Fact]
    public void The_Word_document_opens_with_the_SDK_and_holds_the_cells()
    {
        var table = Sample();
        var bytes = table.ToDocx();
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        body.Elements<W.Paragraph>().First().InnerText.Should().Be("Table 3");
        var rows = body.Elements<W.Table>().Single().Elements<W.TableRow>().ToArray();
        rows.Length.Should().Be(2 + table.Rows.Count, "a spanner row, a heading row, then the body");
        rows[0].Elements<W.TableCell>().Select(c => c.InnerText).Should().Equal("", "Univariable: N = 213, events = 151", "Multivariable: N = 213, events = 151");
        rows[1].Elements<W.TableCell>().Select(c => c.InnerText).Should().Equal("Characteristic", "HR (95% CI)", "P", "HR (95% CI)", "P");
        var text = table.Format();
        for (int i = 0; i < table.Rows.Count; i++)
            rows[i + 2].Elements<W.TableCell>().Select(c => c.InnerText).Should().Equal(text[i].Select(s => s.TrimStart()));
        rows.First(r => r.InnerText.StartsWith("0")).Descendants<W.Indentation>().Should().ContainSingle("levels are indented");
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).ToArray();
        errors.Should().BeEmpty(string.Join("; ", errors.Select(e => e.Description)));
    }

    [Fact]
    public void Every_renderer_shows_the_same_cells_and_CSV_is_formula_safe()
    {
        var rows = new[]
        {
            new TableRow("a", "=HYPERLINK(\"x\")", TableRowKind.Label, [TableCell.Ratio(1.5, 1.1, 2.2), TableCell.P(0.0004)]),
            new TableRow("b", "Level <b>", TableRowKind.Level, [TableCell.Reference, TableCell.Empty]),
        };
        var t = new PublicationTable("T", "Characteristic", [new("HR (95% CI)", "N = 10, events = 5"), new("P", "N = 10, events = 5")], rows);
        var csv = t.ToCsv();
        csv.Should().Contain("'=HYPERLINK").And.Contain("1.50 (1.10–2.20)").And.Contain("<.001");
        csv.Split('\n')[0].Should().Be("Variable,Level,\"N = 10, events = 5: HR (95% CI)\",\"N = 10, events = 5: P\"");
        t.ToHtml().Should().Contain("Level &lt;b&gt;").And.Contain("colspan=\"2\"").And.Contain("—");
        t.ToMarkdown().Should().Contain("&emsp;Level \\<b\\>").And.Contain("1.50 (1.10–2.20)");
        t.ToText(NumberStyle.Nejm).Should().Contain("1.50 (1.10 to 2.20)").And.Contain("<0.001");
        t.ToText(NumberStyle.Lancet).Should().Contain("1·50 (1·10–2·20)");
    }
}
