using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.CompetingRisks;

/// <summary>
/// survival 3.5-3 <c>survfit(Surv([entry,] time, factor(status)) ~ 1, id = seq_len(n))</c>: <c>pstate</c> and the
/// infinitesimal-jackknife <c>std.err</c> to 1e-6 relative (Reference/CompetingRisks/aj_survfit.csv).
/// </summary>
public class AalenJohansenTests
{
    [Theory]
    [InlineData("bmt")]
    [InlineData("ties")]
    [InlineData("ties_entry")]
    [InlineData("bmt_entry")]
    public void Matches_survfit(string label)
    {
        string name = label.Split('_')[0];
        var data = CompetingRisksInputs.Data(name, withEntry: label == "ties_entry");
        if (label == "bmt_entry")
        {
            var time = data.Time.ToArray();
            data = CompetingRisksData.Create(time, data.Status.ToArray(), entry: CompetingRisksInputs.BmtEntry(time));
        }
        var fit = AalenJohansen.Fit(data);
        var reference = ReferenceTable.Load("CompetingRisks/aj_survfit.csv");
        var states = new[] { "(s0)" }.Concat(fit.Causes.Select(c => c.ToString())).ToArray();
        for (int s = 0; s < states.Length; s++)
        {
            var rows = reference.Where("case", label).Where(r => reference.Text(r, "state") == states[s]).ToList();
            rows.Should().HaveCount(fit.Time.Count, $"{label} state {states[s]}");
            var p = s == 0 ? fit.EventFree : fit.CumulativeIncidence(fit.Causes[s - 1]);
            var se = s == 0 ? fit.EventFreeStandardError : fit.StandardError(fit.Causes[s - 1]);
            for (int i = 0; i < rows.Count; i++)
            {
                string what = $"{label} {states[s]} t={fit.Time[i]}";
                Approx.Equal(reference.Number(rows[i], "time"), fit.Time[i], 1e-12, what + " time");
                Approx.Equal(reference.Number(rows[i], "n_risk"), fit.NumberAtRisk[i], 1e-12, what + " n.risk");
                Approx.Equal(reference.Number(rows[i], "pstate"), p[i], 1e-6, what + " pstate");
                Approx.Equal(reference.Number(rows[i], "std_err"), se[i], 1e-6, what + " std.err");
            }
        }
    }

    [Fact]
    public void Without_entry_equals_cuminc_estimates()
    {
        var d = CompetingRisksInputs.Data("ties");
        var aj = AalenJohansen.Fit(d);
        var ci = CumulativeIncidence.Fit(d);
        foreach (var cause in aj.Causes)
            for (int i = 0; i < aj.Time.Count; i++)
                Approx.Equal(ci.Curve("all", cause).At(aj.Time[i]).Estimate, aj.CumulativeIncidence(cause)[i], 1e-12, "cif");
    }
}
