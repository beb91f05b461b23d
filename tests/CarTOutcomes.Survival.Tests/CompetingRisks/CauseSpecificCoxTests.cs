using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.CompetingRisks;

/// <summary>
/// Cause-specific Cox models agree with R's <c>coxph(Surv(time, status == k) ~ ...)</c> (survival 3.5) to 1e-6;
/// the R script is Reference/CauseSpecific/cause_specific_reference.R.
/// </summary>
public class CauseSpecificCoxTests
{
    private const double Tol = 1e-6;

    public static TheoryData<string, string, int, string[], bool, bool> Cases() => new()
    {
        { "bmt_relapse_efron", "input_bmt", 1, ["age", "donorage", "fab", "mtx"], false, false },
        { "bmt_death_efron", "input_bmt", 2, ["age", "donorage", "fab", "mtx"], false, false },
        { "bmt_relapse_breslow", "input_bmt", 1, ["age", "fab"], true, false },
        { "ties_cause1", "input_ties", 1, ["x1", "x2"], false, false },
        { "ties_cause2_entry", "input_ties", 2, ["x1", "x2"], false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_coxph_on_the_cause_indicator(string id, string input, int cause, string[] covariates, bool breslow, bool entry)
    {
        var t = ReferenceTable.Load($"CompetingRisks/{input}.csv");
        var data = CompetingRisksData.Create(
            t.Rows.Select(r => t.Number(r, "time")).ToArray(),
            t.Rows.Select(r => (int)t.Number(r, "status")).ToArray(), 0, null,
            entry ? t.Rows.Select(r => t.Number(r, "entry")).ToArray() : null);
        var x = covariates.Select(c => (IReadOnlyList<double>)t.Rows.Select(r => t.Number(r, c)).ToArray()).ToArray();
        var options = new CoxOptions { Ties = breslow ? Ties.Breslow : Ties.Efron };
        var fit = CauseSpecificCox.Fit(data, cause, Covariates.Create(covariates, x), options);
        CauseSpecificCox.Fit(data, cause, x, covariates, options).Coefficients.Select(c => c.Estimate)
            .Should().Equal(fit.Coefficients.Select(c => c.Estimate), "the names-and-columns form is a thin layer over the same fit");

        var reference = ReferenceTable.Load("CauseSpecific/cause_specific.csv");
        var rows = reference.Where("case", id).ToList();
        rows.Should().HaveCount(covariates.Length);
        for (int j = 0; j < rows.Count; j++)
        {
            fit.Coefficients[j].Name.Should().Be(reference.Text(rows[j], "term"));
            Approx.Equal(reference.Number(rows[j], "coef"), fit.Coefficients[j].Estimate, Tol, $"{id} coef {j}");
            Approx.Equal(reference.Number(rows[j], "se"), fit.Coefficients[j].StandardError, Tol, $"{id} se {j}");
            Approx.Equal(reference.Number(rows[j], "p"), fit.Coefficients[j].PValue, Tol, $"{id} p {j}");
        }
        Approx.Equal(reference.Number(rows[0], "loglik"), fit.LogLik, Tol, $"{id} loglik");
        fit.Iterations.Should().Be((int)reference.Number(rows[0], "iter"));
        fit.EventCount.Should().Be(data.Status.ToArray().Count(s => s == cause), "only the cause of interest counts as an event");
    }

    [Fact]
    public void Unknown_cause_is_refused()
    {
        var data = CompetingRisksData.Create([1, 2, 3], [1, 2, 0]);
        var act = () => CauseSpecificCox.Outcome(data, 3);
        act.Should().Throw<ArgumentException>().WithMessage("*Cause 3*");
    }
}
