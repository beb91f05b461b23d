using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// <see cref="GramLikelihood"/> (right-censored data: the information's second moments summed once per row with the
/// weights κ) gives the log-likelihood, score and information of the row-by-row sweep of R's <c>coxfit6.c</c>
/// (<see cref="RiskSetSweep"/> with <see cref="LikelihoodSink"/>), with ties, strata, case weights and offsets,
/// for Efron and Breslow.
/// </summary>
public class GramLikelihoodTests
{
    [Theory]
    [InlineData(true, false, false, 4)]
    [InlineData(false, false, false, 4)]
    [InlineData(true, true, true, 4)]
    [InlineData(false, true, true, 4)]
    [InlineData(true, false, true, 5)] // odd p: the Gram matrix's last row is summed apart from the 2 × 2 blocks
    [InlineData(false, true, false, 1)]
    public void Agrees_with_the_row_by_row_sweep(bool efron, bool strata, bool offsets, int p)
    {
        const int n = 40_000;
        var rng = new Random(7);
        var x = new double[p][];
        for (int j = 0; j < p; j++) x[j] = new double[n];
        var time = new double[n];
        var status = new bool[n];
        var weight = new double[n];
        var stratum = new string[n];
        var offset = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++) x[j][i] = j == 1 ? rng.Next(2) : rng.NextDouble() * 4 - 1;
            // coarse times: many ties, and one group longer than a segment (4096 rows)
            time[i] = i % 5 == 0 ? 7 : 1 + rng.Next(300);
            status[i] = rng.NextDouble() < 0.6;
            weight[i] = 0.5 + rng.Next(4);
            stratum[i] = i % 3 == 0 ? "s1" : "s2";
            offset[i] = rng.NextDouble() - 0.5;
        }
        var data = SurvivalData.RightCensored(time, status, weight);
        if (strata) data = data.WithStrata(stratum);
        if (offsets) data = data.WithOffset(offset);
        var design = CoxDesign.Create(data, x, Enumerable.Range(0, p).Select(j => $"x{j}").ToArray(), new CoxOptions());
        var beta = new[] { 0.3, -0.2, 0.1, 0.05, -0.15 }[..p];

        var gram = GramLikelihood.Evaluate(design, beta, efron, new double[n]);
        gram.Symmetrize();
        var sweep = new LikelihoodSink(p, efron);
        RiskSetSweep.RunRowByRow(design, design.X, beta, ref sweep);
        sweep.Symmetrize();

        gram.LogLik.Should().BeApproximately(sweep.LogLik, Math.Abs(sweep.LogLik) * 1e-12);
        for (int j = 0; j < p; j++)
        {
            gram.U[j].Should().BeApproximately(sweep.U[j], 1e-9 * (1 + Math.Abs(sweep.U[j])));
            for (int k = 0; k < p; k++)
                gram.Info[j * p + k].Should().BeApproximately(sweep.Info[j * p + k], 1e-10 * Math.Abs(sweep.Info[j * p + j]), $"I[{j},{k}]");
        }
    }
}
