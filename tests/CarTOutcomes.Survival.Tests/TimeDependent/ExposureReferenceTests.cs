using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Tests.Support;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Survival.Tests.TimeDependent;

/// <summary>
/// The extended Kaplan–Meier estimator, the Mantel–Byar test and landmark curves against R survival 3.5-3
/// (Reference/Exposures/exposures_reference.R): the Stanford heart transplant data with transplant as the
/// time-dependent group, and lung as (0, time] rows where nobody switches.
/// </summary>
public sealed class ExposureReferenceTests
{
    private const double Tol = 1e-6;

    private sealed record Rows(SurvivalData Data, ReferenceTable Table);

    private static Rows Load(string name)
    {
        var t = ReferenceTable.Load($"Exposures/data/{name}.csv");
        var data = SurvivalData.CountingProcess(t.Rows.Select(r => t.Number(r, "start")).ToArray(),
            t.Rows.Select(r => t.Number(r, "stop")).ToArray(), t.Rows.Select(r => t.Number(r, "event") == 1).ToArray())
            .WithIds(t.Rows.Select(r => t.Text(r, "id")).ToArray());
        return new Rows(data, t);
    }

    private static string[] Column(Rows d, string name) => d.Table.Rows.Select(r => d.Table.Text(r, name)).ToArray();

    [Theory]
    [InlineData("tx")]
    [InlineData("txsurg")]
    public void Extended_kaplan_meier_matches_survfit_on_counting_process_rows(string group)
    {
        var d = Load("heart");
        var curves = ExtendedKaplanMeier.Fit(d.Data, Column(d, group));
        var r = ReferenceTable.Load("Exposures/ekm_curves.csv");
        var expected = r.Where("case", $"heart_{group}").ToArray();
        expected.Should().NotBeEmpty();
        curves.Sum(c => c.Time.Count).Should().Be(expected.Length);
        foreach (var row in expected)
        {
            var c = curves.Single(x => x.Group == r.Text(row, "group"));
            int i = c.Time.ToList().IndexOf(r.Number(row, "time"));
            i.Should().BeGreaterThanOrEqualTo(0);
            string what = $"{group} {c.Group} t={c.Time[i]}";
            Approx.Equal(r.Number(row, "n_risk"), c.NumberAtRisk[i], Tol, what + " n.risk");
            Approx.Equal(r.Number(row, "n_event"), c.NumberOfEvents[i], Tol, what + " n.event");
            Approx.Equal(r.Number(row, "n_censor"), c.NumberCensored[i], Tol, what + " n.censor");
            Approx.Equal(r.Number(row, "surv"), c.Survival[i], Tol, what + " surv");
            Approx.Equal(r.Number(row, "std_err"), c.StandardError[i], Tol, what + " std.err");
            Approx.Equal(r.Number(row, "lower"), c.Lower[i], Tol, what + " lower");
            Approx.Equal(r.Number(row, "upper"), c.Upper[i], Tol, what + " upper");
        }
    }

    [Theory]
    [InlineData("heart_tx", "heart", "tx")]
    [InlineData("heart_txsurg", "heart", "txsurg")]
    [InlineData("lung_sex", "lung", "sex")]
    [InlineData("lung_ph", "lung", "ph")]
    public void Mantel_byar_is_the_exact_score_test_and_survdiff_without_switching(string @case, string data, string group)
    {
        var d = Load(data);
        var test = MantelByar.Test(d.Data, Column(d, group));
        var r = ReferenceTable.Load("Exposures/mantel_byar.csv");
        var rows = r.Where("case", @case).ToArray();
        rows.Should().NotBeEmpty();
        foreach (var row in rows) // coxph(ties = "exact") score test, and survdiff where nobody switches
        {
            string what = $"{@case} {r.Text(row, "source")}";
            Approx.Equal(r.Number(row, "chisq"), test.ChiSquare, Tol, what + " chisq");
            test.DegreesOfFreedom.Should().Be((int)r.Number(row, "df"));
            Approx.Equal(r.Number(row, "p"), test.PValue, Tol, what + " p");
        }
        var g = ReferenceTable.Load("Exposures/mantel_byar_groups.csv");
        var groups = g.Where("case", @case).ToArray();
        test.Groups.Should().HaveCount(groups.Length);
        foreach (var row in groups)
        {
            var tg = test.Groups.Single(x => x.Group == g.Text(row, "group"));
            Approx.Equal(g.Number(row, "observed"), tg.Observed, Tol, $"{@case} {tg.Group} observed");
            Approx.Equal(g.Number(row, "expected"), tg.Expected, Tol, $"{@case} {tg.Group} expected");
        }
    }

    [Fact]
    public void Stratified_mantel_byar_is_the_exact_score_test_with_strata()
    {
        // R (formula_id_reference.R): coxph(Surv(start, stop, event) ~ factor(transplant) + strata(surgery), heart, ties = "exact")$score
        var d = Load("heart_formula");
        var groups = Column(d, "transplant");
        var strata = Column(d, "surgery");
        var test = MantelByar.Test(d.Data, groups, strata: strata);
        var r = ReferenceTable.Load("Exposures/formula_id_mantel_byar.csv");
        var row = r.Where("case", "heart_transplant_strata_surgery").Single();
        Approx.Equal(r.Number(row, "chisq"), test.ChiSquare, Tol, "chisq");
        test.DegreesOfFreedom.Should().Be(1);
        Approx.Equal(r.Number(row, "p"), test.PValue, Tol, "p");
        var g = ReferenceTable.Load("Exposures/formula_id_mantel_byar_groups.csv");
        foreach (var e in g.Where("case", "heart_transplant_strata_surgery"))
        {
            var tg = test.Groups.Single(x => "transplant=" + x.Group == g.Text(e, "group"));
            tg.N.Should().Be((int)g.Number(e, "n"));
            Approx.Equal(g.Number(e, "observed"), tg.Observed, Tol, $"{tg.Group} observed");
            Approx.Equal(g.Number(e, "expected"), tg.Expected, Tol, $"{tg.Group} expected");
        }
        // the data's own strata are used when none are given; one stratum is the unstratified test
        MantelByar.Test(d.Data.WithStrata(strata), groups).ChiSquare.Should().Be(test.ChiSquare);
        MantelByar.Test(d.Data, groups, strata: groups.Select(_ => "one").ToArray()).ChiSquare
            .Should().Be(MantelByar.Test(d.Data, groups).ChiSquare);
        test.ChiSquare.Should().NotBeApproximately(MantelByar.Test(d.Data, groups).ChiSquare, 1e-3);
        FluentActions.Invoking(() => MantelByar.Test(d.Data, groups, strata: ["0"])).Should().Throw<ArgumentException>()
            .WithMessage("There are 1 stratum labels for 172 rows.*");
    }

    [Fact]
    public void Landmark_curves_and_tests_match_survfit_and_survdiff_from_each_landmark()
    {
        var d = Load("heart");
        double[] landmarks = [10, 30, 60, 90];
        var fits = Landmark.Fit(d.Data, Column(d, "tx"), landmarks);
        var r = ReferenceTable.Load("Exposures/landmark_curves.csv");
        var tests = ReferenceTable.Load("Exposures/landmark_tests.csv");
        foreach (var fit in fits)
        {
            var rows = r.Where("landmark", fit.LandmarkTime.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            rows.Should().NotBeEmpty();
            fit.Subjects.Should().Be((int)r.Number(rows[0], "subjects"));
            fit.Curves.Sum(c => c.Time.Count).Should().Be(rows.Length);
            foreach (var row in rows)
            {
                var c = fit.Curves.Single(x => x.Group == r.Text(row, "group"));
                int i = c.Time.ToList().IndexOf(r.Number(row, "time"));
                i.Should().BeGreaterThanOrEqualTo(0);
                string what = $"L={fit.LandmarkTime} {c.Group} t={c.Time[i]}";
                Approx.Equal(r.Number(row, "n_risk"), c.NumberAtRisk[i], Tol, what + " n.risk");
                Approx.Equal(r.Number(row, "surv"), c.Survival[i], Tol, what + " surv");
                Approx.Equal(r.Number(row, "std_err"), c.StandardError[i], Tol, what + " std.err");
                Approx.Equal(r.Number(row, "lower"), c.Lower[i], Tol, what + " lower");
                Approx.Equal(r.Number(row, "upper"), c.Upper[i], Tol, what + " upper");
            }
            var t = tests.Where("landmark", fit.LandmarkTime.ToString(System.Globalization.CultureInfo.InvariantCulture)).Single();
            fit.Test.Should().NotBeNull();
            Approx.Equal(tests.Number(t, "chisq"), fit.Test!.ChiSquare, Tol, $"L={fit.LandmarkTime} chisq");
            Approx.Equal(tests.Number(t, "p"), fit.Test.PValue, Tol, $"L={fit.LandmarkTime} p");
        }
    }
}
