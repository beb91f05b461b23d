using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.CompetingRisks;

/// <summary>
/// cmprsk 2.2-11 <c>crr</c> (R 4.2.2), calls in Reference/CompetingRisks/cr_reference.R: coefficients, standard
/// errors, p and log pseudo-likelihoods to 1e-5 relative.
/// </summary>
public class FineGrayTests
{
    private const double Tol = 1e-5;

    private static FineGrayResult FitCase(string label, bool forceDirect = false)
    {
        string data = label.Split('_')[0] switch { "sim" => "sim_crr", var s => s };
        var d = CompetingRisksInputs.Data(data);
        string[] names = data switch
        {
            "sim_crr" => ["x1", "x2", "x3"],
            "bmt" => ["age", "donorage", "fab", "mtx"],
            _ => ["x1", "x2"],
        };
        var columns = names.Select(n => (IReadOnlyList<double>)CompetingRisksInputs.Numbers(data, n)).ToArray();
        int cause = label.Contains("cause2") || label.Contains("death") ? 2 : 1;
        string? cg = !label.Contains("cengroup") ? null : data == "sim_crr" ? "cengroup" : "group";
        var groups = cg is null ? null : CompetingRisksInputs.Column(data, cg);
        TimeInteraction? ti = null;
        if (label == "sim_tf")
            ti = new TimeInteraction(["x1*tf1", "x1*tf2"], [columns[0], columns[0]], t => [t, t * t]);
        return FineGray.Fit(d, names, columns, new FineGrayOptions(cause: cause), groups, ti, null, forceDirect);
    }

    public static TheoryData<string> Cases => new()
    {
        "sim_cause1", "sim_cause2", "sim_tf", "sim_cengroup", "bmt_relapse", "bmt_relapse_cengroup", "bmt_death",
        "ties_cause1", "ties_cause2_cengroup",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_crr(string label)
    {
        var fit = FitCase(label);
        var reference = ReferenceTable.Load("CompetingRisks/crr_fits.csv");
        var rows = reference.Where("case", label).ToList();
        rows.Should().HaveCount(fit.Coefficients.Count);
        fit.Converged.Should().Be(reference.Text(rows[0], "converged") == "TRUE");
        fit.Records.Should().Be((int)reference.Number(rows[0], "n"));
        Approx.Equal(reference.Number(rows[0], "loglik"), fit.LogPseudoLikelihood, Tol, label + " loglik");
        Approx.Equal(reference.Number(rows[0], "loglik_null"), fit.NullLogPseudoLikelihood, Tol, label + " loglik.null");
        for (int k = 0; k < rows.Count; k++)
        {
            var c = fit.Coefficients[k];
            string what = $"{label} {reference.Text(rows[k], "term")}";
            Approx.Equal(reference.Number(rows[k], "coef"), c.Coefficient, Tol, what + " coef");
            Approx.Equal(reference.Number(rows[k], "se"), c.StandardError, Tol, what + " se");
            Approx.Equal(reference.Number(rows[k], "p"), c.PValue, Tol, what + " p");
        }
    }

    [Theory]
    [InlineData("sim_cause1")]
    [InlineData("bmt_relapse_cengroup")]
    [InlineData("ties_cause2_cengroup")]
    public void Running_sums_equal_direct_sums(string label)
    {
        var fast = FitCase(label);
        var direct = FitCase(label, forceDirect: true);
        for (int k = 0; k < fast.Coefficients.Count; k++)
        {
            Approx.Equal(direct.Coefficients[k].Coefficient, fast.Coefficients[k].Coefficient, 1e-10, "coef");
            Approx.Equal(direct.Coefficients[k].StandardError, fast.Coefficients[k].StandardError, 1e-10, "se");
        }
        Approx.Equal(direct.LogPseudoLikelihood, fast.LogPseudoLikelihood, 1e-12, "loglik");
    }

    [Fact]
    public void Limits_and_counts_are_consistent()
    {
        var fit = FitCase("bmt_relapse");
        (fit.Events + fit.CompetingEvents + fit.Censored).Should().Be(fit.Records);
        fit.Iterations.Should().BeInRange(1, 10);
        foreach (var c in fit.Coefficients)
        {
            Approx.Equal(Math.Exp(c.Coefficient - 1.959963984540054 * c.StandardError), c.Lower, 1e-9, "lower");
            c.Upper.Should().BeGreaterThan(c.HazardRatio);
        }
    }
}
