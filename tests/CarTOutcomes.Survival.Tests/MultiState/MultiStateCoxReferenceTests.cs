using CarTOutcomes.Survival.MultiState;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.MultiState;

/// <summary>
/// Transition-specific Cox models against R's multi-state <c>coxph(Surv(tstart, tstop, state) ~ x, id = id)</c>
/// (Reference/Exposures/exposures_reference.R, ms_cox.csv): coefficients, robust and model-based standard errors.
/// </summary>
public sealed class MultiStateCoxReferenceTests
{
    private const double Tol = 1e-4; // iterative fits

    [Theory]
    [InlineData("mgus2", "ms_mgus2", null, "age,male")]
    [InlineData("myeloid", "ms_myeloid", null, "trtb,male")]
    [InlineData("synthetic", "ms_synthetic", "istate", "x")]
    public void Each_transition_matches_the_multi_state_coxph(string @case, string file, string? istate, string covariates)
    {
        var data = MultiStateReferenceTests.Load(file, null, istate);
        var t = ReferenceTable.Load($"Exposures/data/{file}.csv");
        var names = covariates.Split(',');
        var columns = names.Select(n => (IReadOnlyList<double>)t.Rows.Select(r => n == "x"
            ? (t.Text(r, "grp") == "even" ? 1.0 : 0.0)
            : t.Number(r, n)).ToArray()).ToArray();
        var fits = MultiStateCox.Fit(data, columns, names);
        var r = ReferenceTable.Load("Exposures/ms_cox.csv");
        var rows = r.Where("case", @case).ToArray();
        fits.Sum(f => f.Fit.Coefficients.Count).Should().Be(rows.Length);
        foreach (var row in rows)
        {
            var f = fits.Single(x => x.From == r.Text(row, "from") && x.To == r.Text(row, "to"));
            f.Fit.Converged.Should().BeTrue();
            var c = f.Fit.Coefficients.Single(x => x.Name == r.Text(row, "covariate"));
            string what = $"{@case} {f.From}->{f.To} {c.Name}";
            Approx.Equal(r.Number(row, "coef"), c.Estimate, Tol, what + " coef");
            Approx.Equal(r.Number(row, "se"), c.RobustStandardError!.Value, Tol, what + " robust se");
            Approx.Equal(r.Number(row, "naive_se"), c.StandardError, Tol, what + " naive se");
        }
        // R's order of transitions: by target state, then source state
        var order = fits.Select(f => (data.States.ToList().IndexOf(f.To), data.States.ToList().IndexOf(f.From))).ToArray();
        order.Should().BeInAscendingOrder();
    }
}
