using System.Globalization;
using CarTOutcomes.Survival.MultiState;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.MultiState;

/// <summary>
/// The multi-state Aalen–Johansen estimator against R survival 3.5-3's
/// <c>survfit(Surv(tstart, tstop, state) ~ group, id = id, istate = ...)</c> (Reference/Exposures/exposures_reference.R):
/// mgus2 (progression and death), myeloid (response, transplant, relapse, death; recurrences) and a synthetic set
/// with delayed entry, initial states per subject, re-entered states and rows written in shuffled order.
/// </summary>
public sealed class MultiStateReferenceTests
{
    private const double Tol = 1e-6;

    internal static MultiStateData Load(string file, string? group, string? istate)
    {
        var t = ReferenceTable.Load($"Exposures/data/{file}.csv");
        return MultiStateData.Create(
            t.Rows.Select(r => t.Text(r, "id")).ToArray(),
            t.Rows.Select(r => t.Number(r, "tstart")).ToArray(),
            t.Rows.Select(r => t.Number(r, "tstop")).ToArray(),
            t.Rows.Select(r => (string?)t.Text(r, "state")).ToArray(),
            istate is null ? null : t.Rows.Select(r => (string?)t.Text(r, istate)).ToArray(),
            group is null ? null : t.Rows.Select(r => t.Text(r, group)).ToArray());
    }

    public static TheoryData<string, string, string?, string?, double> Cases => new()
    {
        { "mgus2", "ms_mgus2", "sex", null, 240 },
        { "myeloid", "ms_myeloid", "trt", null, 1000 },
        { "synthetic", "ms_synthetic", null, "istate", 30 },
        { "synthetic_grp", "ms_synthetic", "grp", "istate", 30 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probabilities_standard_errors_and_numbers_at_risk_match_survfit(string @case, string file, string? group,
        string? istate, double horizon)
    {
        _ = horizon;
        var fit = MultiStateAalenJohansen.Fit(Load(file, group, istate));
        var states = ReferenceTable.Load("Exposures/ms_states.csv");
        fit.States.Should().Equal(states.Where("case", @case).Select(r => states.Text(r, "state")));
        var r = ReferenceTable.Load("Exposures/ms_curves.csv");
        var rows = r.Where("case", @case).ToArray();
        fit.Curves.Sum(c => c.Time.Count * c.States.Count).Should().Be(rows.Length);
        foreach (var row in rows)
        {
            var c = fit.Curves.Single(x => x.Group == r.Text(row, "group"));
            int i = c.Time.ToList().IndexOf(r.Number(row, "time"));
            i.Should().BeGreaterThanOrEqualTo(0, $"time {r.Text(row, "time")} is a time of the curve");
            int k = fit.States.ToList().IndexOf(r.Text(row, "state"));
            string what = $"{@case} {c.Group} t={c.Time[i]} {fit.States[k]}";
            Approx.Equal(r.Number(row, "pstate"), c.Probability(i, k), Tol, what + " pstate");
            Approx.Equal(r.Number(row, "std_err"), c.StandardError(i, k), Tol, what + " std.err");
            Approx.Equal(r.Number(row, "n_risk"), c.NumberAtRisk(i, k), Tol, what + " n.risk");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Initial_distribution_values_at_chosen_times_and_expected_time_in_state_match_survfit(string @case,
        string file, string? group, string? istate, double horizon)
    {
        var fit = MultiStateAalenJohansen.Fit(Load(file, group, istate));
        var p0 = ReferenceTable.Load("Exposures/ms_p0.csv");
        foreach (var row in p0.Where("case", @case))
        {
            var c = fit.Curves.Single(x => x.Group == p0.Text(row, "group"));
            int k = fit.States.ToList().IndexOf(p0.Text(row, "state"));
            Approx.Equal(p0.Number(row, "p0"), c.InitialProbability[k], Tol, $"{@case} {c.Group} p0 {fit.States[k]}");
        }
        var at = ReferenceTable.Load("Exposures/ms_at.csv");
        var atRows = at.Where("case", @case).ToArray();
        atRows.Should().NotBeEmpty();
        foreach (var row in atRows)
        {
            var c = fit.Curves.Single(x => x.Group == at.Text(row, "group"));
            var v = c.At(at.Number(row, "time"));
            int k = fit.States.ToList().IndexOf(at.Text(row, "state"));
            string what = $"{@case} {c.Group} summary t={v.Time} {fit.States[k]}";
            Approx.Equal(at.Number(row, "pstate"), v.Probability[k], Tol, what + " pstate");
            Approx.Equal(at.Number(row, "std_err"), v.StandardError[k], Tol, what + " std.err");
        }
        var rm = ReferenceTable.Load("Exposures/ms_rmean.csv");
        foreach (var row in rm.Where("case", @case))
        {
            var c = fit.Curves.Single(x => x.Group == rm.Text(row, "group"));
            int k = fit.States.ToList().IndexOf(rm.Text(row, "state"));
            double h = rm.Number(row, "horizon");
            h.Should().Be(horizon);
            Approx.Equal(rm.Number(row, "rmean"), c.ExpectedTimeInState(h)[k], Tol, $"{@case} {c.Group} rmean {fit.States[k]}");
        }
    }

    [Fact]
    public void A_set_of_states_has_the_summed_probability_and_the_standard_error_of_the_summed_influence()
    {
        var fit = MultiStateAalenJohansen.Fit(Load("ms_myeloid", "trt", null),
            new MultiStateOptions(StateSets: [new StateSet("responding or transplanted", ["cr", "sct"])]));
        var r = ReferenceTable.Load("Exposures/ms_sets.csv");
        var rows = r.Where("case", "myeloid").ToArray();
        fit.Curves.Sum(c => c.Time.Count).Should().Be(rows.Length);
        int cr = fit.States.ToList().IndexOf("cr");
        foreach (var row in rows)
        {
            var c = fit.Curves.Single(x => x.Group == r.Text(row, "group"));
            int i = c.Time.ToList().IndexOf(r.Number(row, "time"));
            string what = $"{c.Group} t={c.Time[i]}";
            Approx.Equal(r.Number(row, "p"), c.SetProbability(i, 0), Tol, what + " p(cr or sct)");
            Approx.Equal(r.Number(row, "std_err"), c.SetStandardError(i, 0), Tol, what + " se(cr or sct)");
            Approx.Equal(r.Number(row, "se_cr"), c.StandardError(i, cr), Tol, what + " se(cr), influence = TRUE");
        }
        var sum = rows.Where(x => r.Number(x, "std_err") > 0).ToArray();
        sum.Should().NotBeEmpty("the set's standard error is not trivially 0");
    }

    [Fact]
    public void The_synthetic_file_is_shuffled_so_the_rows_are_sorted_by_the_engine()
    {
        var t = ReferenceTable.Load("Exposures/data/ms_synthetic.csv");
        var ids = t.Rows.Select(r => t.Text(r, "id")).ToArray();
        var starts = t.Rows.Select(r => t.Number(r, "tstart")).ToArray();
        bool sorted = true;
        for (int i = 1; i < ids.Length; i++)
            if (string.CompareOrdinal(ids[i - 1], ids[i]) > 0 || (ids[i - 1] == ids[i] && starts[i - 1] > starts[i])) sorted = false;
        sorted.Should().BeFalse("the test data must exercise the engine's own sorting");
        string.Join(",", starts.Take(3).Select(x => x.ToString(CultureInfo.InvariantCulture))).Should().NotBeEmpty();
    }
}
