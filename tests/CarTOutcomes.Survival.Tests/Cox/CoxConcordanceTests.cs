using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// <see cref="CoxConcordance"/>'s sweep (a tree of counts by rank, 16-ary for unit weights) counts what the
/// definition of <c>concordancefit</c> counts, pair by pair: a row failing at t against every row of its stratum at risk
/// at t without an event at t, weighted by the product of the case weights. Linear predictors are chosen with many
/// ties and with far more distinct values than one block of the tree holds.
/// </summary>
public class CoxConcordanceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    [InlineData(100_003)]
    public void The_count_tree_gives_every_prefix_sum_of_its_counts(int ranks)
    {
        // random additions and removals, then every prefix against a running sum of the counts (levels: 1 to 5)
        var rng = new Random(ranks);
        var tree = default(CoxConcordance.CountTree);
        tree.Create(ranks);
        var count = new long[ranks];
        for (int k = 0; k < 3 * ranks + 10; k++)
        {
            int r = rng.Next(ranks);
            int c = count[r] > 0 && rng.Next(3) == 0 ? -1 : 1;
            tree.Add(r, c);
            count[r] += c;
        }
        tree.Total.Should().Be(count.Sum());
        tree.Prefix(-1).Should().Be(0);
        long below = 0;
        for (int r = 0; r < ranks; r++)
        {
            below += count[r];
            if (tree.Prefix(r) != below) tree.Prefix(r).Should().Be(below, $"the prefix at rank {r} of {ranks}");
            if (tree.At(r) != count[r]) tree.At(r).Should().Be(count[r], $"the count at rank {r}");
        }
        for (int r = 0; r < ranks; r++) if (count[r] != 0) tree.Zero(r);
        tree.ResetTotal();
        Enumerable.Range(0, ranks).Select(r => tree.Prefix(r)).Should().OnlyContain(v => v == 0, "zeroing every rank added to empties every level");
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    public void The_sweep_counts_the_pairs_of_the_definition(bool weighted, bool strata, bool counting)
    {
        const int n = 1500;
        var rng = new Random(11);
        var stop = new double[n];
        var start = new double[n];
        var status = new bool[n];
        var weight = new double[n];
        var stratum = new string[n];
        for (int i = 0; i < n; i++)
        {
            stop[i] = 1 + rng.Next(400); // ties in time
            start[i] = counting ? rng.Next((int)stop[i]) : 0;
            status[i] = rng.NextDouble() < 0.6;
            weight[i] = weighted ? 0.5 + rng.Next(4) : 1;
            stratum[i] = strata ? (i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c") : "";
        }
        var data = counting ? SurvivalData.CountingProcess(start, stop, status, weighted ? weight : null)
            : SurvivalData.RightCensored(stop, status, weighted ? weight : null);
        if (strata) data = data.WithStrata(stratum);
        var x = new double[][] { Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray() };
        var d = CoxDesign.Create(data, x, ["x"], new CoxOptions());
        // in the design's (sorted) order: a third of the rows on 20 tied values, the rest distinct (about 1000 ranks)
        var lp = Enumerable.Range(0, n).Select(k => k % 3 == 0 ? rng.Next(20) : rng.NextDouble() * 20).ToArray();

        var c = CoxConcordance.Compute(d, lp);

        double conc = 0, disc = 0, tiedX = 0, tiedY = 0;
        for (int i = 0; i < n; i++)
        {
            if (!d.Event[i]) continue;
            double t = d.Stop[i];
            for (int j = 0; j < n; j++)
            {
                if (j == i || d.Stratum[j] != d.Stratum[i]) continue;
                bool atRisk = d.Stop[j] >= t && d.StartAt(j) < t;
                if (!atRisk) continue;
                double w = d.WeightAt(i) * d.WeightAt(j);
                if (d.Stop[j] == t && d.Event[j]) { if (j > i) tiedY += w; continue; } // each tied pair once
                if (lp[i] > lp[j]) conc += w;
                else if (lp[i] < lp[j]) disc += w;
                else tiedX += w;
            }
        }
        c.Concordant.Should().BeApproximately(conc, 1e-9 * conc);
        c.Discordant.Should().BeApproximately(disc, 1e-9 * disc);
        c.TiedRisk.Should().BeApproximately(tiedX, 1e-9 * Math.Max(1, tiedX));
        c.TiedTime.Should().BeApproximately(tiedY, 1e-9 * Math.Max(1, tiedY));
        tiedX.Should().BeGreaterThan(0); // the data do exercise ties of both kinds
        tiedY.Should().BeGreaterThan(0);
    }
}
