using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.CompetingRisks;

/// <summary>
/// cmprsk 2.2-11 <c>cuminc</c> and <c>timepoints</c> (R 4.2.2), calls in Reference/CompetingRisks/cr_reference.R:
/// estimates and variances to 1e-6 relative, Gray's test to 1e-5.
/// </summary>
public class CumulativeIncidenceTests
{
    private const double CifTol = 1e-6, TestTol = 1e-5;

    public static TheoryData<string> Cases => new()
    {
        "sim", "sim_grouped", "sim_grouped_strat", "bmt", "bmt_grouped", "bmt_grouped_strat", "ties", "ties_grouped", "ties_grouped_strat",
    };

    private static CumulativeIncidenceResult FitCase(string label, double rho = 0)
    {
        string data = label.Split('_')[0];
        var d = CompetingRisksInputs.Data(data);
        if (!label.Contains("grouped")) return CumulativeIncidence.Fit(d);
        var groups = CompetingRisksInputs.Column(data, "group");
        string? strataColumn = !label.EndsWith("strat") ? null : data == "bmt" ? "fab" : "strata";
        var strata = strataColumn is null ? null : CompetingRisksInputs.Column(data, strataColumn);
        return CumulativeIncidence.Fit(d, groups, strata, new CumulativeIncidenceOptions(rho: rho));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Curves_match_cuminc(string label)
    {
        var fit = FitCase(label);
        var reference = ReferenceTable.Load("CompetingRisks/cuminc_curves.csv");
        int checkedPoints = 0;
        foreach (var curve in fit.Curves)
        {
            var rows = reference.Where("case", label).Where(r => reference.Text(r, "group") == curve.Group
                && reference.Text(r, "cause") == curve.Cause.ToString()).ToList();
            rows.Should().NotBeEmpty($"R has a curve for {curve.Group} {curve.Cause}");
            // cuminc's vectors: 0, then a (before, after) pair per jump, then the last follow-up time.
            int jumps = (rows.Count - 2) / 2;
            curve.Time.Should().HaveCount(jumps, $"{label} {curve.Group} {curve.Cause}");
            for (int j = 0; j < jumps; j++)
            {
                var after = rows[2 + 2 * j];
                string what = $"{label} {curve.Group} cause {curve.Cause} jump {j}";
                Approx.Equal(reference.Number(after, "time"), curve.Time[j], CifTol, what + " time");
                Approx.Equal(reference.Number(after, "est"), curve.Estimate[j], CifTol, what + " est");
                Approx.Equal(reference.Number(after, "var"), curve.Variance[j], CifTol, what + " var");
                checkedPoints++;
            }
            Approx.Equal(reference.Number(rows[^1], "time"), curve.LastFollowUp, CifTol, "last follow-up");
        }
        checkedPoints.Should().BeGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Timepoints_match(string label)
    {
        var fit = FitCase(label);
        var reference = ReferenceTable.Load("CompetingRisks/cuminc_timepoints.csv");
        var rows = reference.Where("case", label).ToList();
        rows.Should().NotBeEmpty();
        foreach (var r in rows)
        {
            var curve = fit.Curve(reference.Text(r, "group"), int.Parse(reference.Text(r, "cause")));
            var at = curve.At(reference.Number(r, "time"));
            string what = $"{label} {curve.Group} {curve.Cause} at {reference.Text(r, "time")}";
            Approx.Equal(reference.Number(r, "est"), at.Estimate, CifTol, what + " est");
            Approx.Equal(reference.Number(r, "var"), at.Variance, CifTol, what + " var");
        }
    }

    [Theory]
    [InlineData("sim_grouped", 0)]
    [InlineData("sim_grouped_strat", 0)]
    [InlineData("bmt_grouped", 0)]
    [InlineData("bmt_grouped_strat", 0)]
    [InlineData("ties_grouped", 0)]
    [InlineData("ties_grouped_strat", 0)]
    [InlineData("sim_grouped_rho1", 1)]
    public void Gray_test_matches_cuminc(string label, double rho)
    {
        var fit = FitCase(label.Replace("_rho1", ""), rho);
        var reference = ReferenceTable.Load("CompetingRisks/gray_tests.csv");
        var rows = reference.Where("case", label).ToList();
        rows.Should().HaveCount(fit.GrayTests.Count);
        foreach (var r in rows)
        {
            var test = fit.GrayTests.Single(t => t.Cause.ToString() == reference.Text(r, "cause"));
            Approx.Equal(reference.Number(r, "stat"), test.Statistic, TestTol, $"{label} cause {test.Cause} stat");
            Approx.Equal(reference.Number(r, "p"), test.PValue, TestTol, $"{label} cause {test.Cause} p");
            test.DegreesOfFreedom.Should().Be((int)reference.Number(r, "df"));
        }
    }

    [Fact]
    public void Single_group_has_no_gray_test_and_group_all()
    {
        var fit = CumulativeIncidence.Fit(CompetingRisksInputs.Data("ties"));
        fit.GrayTests.Should().BeEmpty();
        fit.Curves.Select(c => c.Group).Distinct().Should().Equal("all");
        fit.Curves.Select(c => c.Cause).Should().Equal(1, 2);
    }

    /// <summary>Σ_k F_k(t) + KM(any event)(t) = 1 at every time (Aalen–Johansen with one transient state).</summary>
    [Theory]
    [InlineData("sim")]
    [InlineData("bmt")]
    [InlineData("ties")]
    public void Cifs_plus_overall_km_sum_to_one(string name)
    {
        var d = CompetingRisksInputs.Data(name);
        var fit = CumulativeIncidence.Fit(d);
        var events = Enumerable.Range(0, d.Count).Select(d.IsEvent).ToArray();
        var km = KaplanMeier.Fit(Data.SurvivalData.RightCensored(d.Time.ToArray(), events));
        foreach (var t in km.Time)
        {
            double total = km.At(t).Survival + fit.Curves.Sum(c => c.At(t).Estimate);
            Approx.Equal(1, total, 1e-12, $"{name} at {t}");
        }
    }

    [Fact]
    public void LogLog_limits_bracket_the_estimate_and_differ_from_plain()
    {
        var d = CompetingRisksInputs.Data("bmt");
        var loglog = CumulativeIncidence.Fit(d).Curve("all", 1);
        var plain = CumulativeIncidence.Fit(d, new CumulativeIncidenceOptions(transform: ConfidenceTransform.Plain)).Curve("all", 1);
        for (int i = 0; i < loglog.Time.Count; i++)
        {
            loglog.Lower[i].Should().BeLessThan(loglog.Estimate[i]);
            loglog.Upper[i].Should().BeGreaterThan(loglog.Estimate[i]);
            double se = Math.Sqrt(plain.Variance[i]);
            Approx.Equal(Math.Min(1, plain.Estimate[i] + 1.959963984540054 * se), plain.Upper[i], 1e-9, "plain upper");
            // log(-log) scale: the limits satisfy log(-log L) = log(-log F) + z·se/(F·|log F|).
            double f = loglog.Estimate[i], s = Math.Sqrt(loglog.Variance[i]) / (f * Math.Abs(Math.Log(f)));
            Approx.Equal(Math.Log(-Math.Log(f)) + 1.959963984540054 * s, Math.Log(-Math.Log(loglog.Lower[i])), 1e-9, "loglog lower");
        }
    }

    [Fact]
    public void Unknown_status_code_names_index_and_value()
    {
        var act = () => CompetingRisksData.Create([1, 2, 3], [0, 1, 7], causes: [1, 2]);
        act.Should().Throw<ArgumentException>().WithMessage("*index 2*7*");
    }

    [Fact]
    public void Cuminc_rejects_entry_times()
    {
        var d = CompetingRisksData.Create([2, 3], [1, 0], entry: [0, 1]);
        var act = () => CumulativeIncidence.Fit(d);
        act.Should().Throw<ArgumentException>().WithMessage("*AalenJohansen*");
    }
}
