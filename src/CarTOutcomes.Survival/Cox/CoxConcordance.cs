namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Harrell's concordance of a fitted Cox model, as R's <c>coxph(...)$concordance</c> (<c>concordancefit</c> with
/// <c>reverse = TRUE</c>, <c>timewt = "n"</c>): over comparable pairs — a row with an event at t and a row still at
/// risk at t without an event at t, in the same stratum — a pair is concordant when the row that failed has the
/// larger linear predictor. Pairs are weighted by the product of their case weights.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxConcordance
{
    internal CoxConcordance(double concordant, double discordant, double tiedRisk, double tiedTime)
    {
        Concordant = concordant; Discordant = discordant; TiedRisk = tiedRisk; TiedTime = tiedTime;
    }

    /// <summary>Weighted number of concordant pairs (R: <c>concordant</c>).</summary>
    public double Concordant { get; }

    /// <summary>Weighted number of discordant pairs (R: <c>discordant</c>).</summary>
    public double Discordant { get; }

    /// <summary>Comparable pairs with equal linear predictors (R: <c>tied.x</c>).</summary>
    public double TiedRisk { get; }

    /// <summary>Pairs of rows failing at the same time (R: <c>tied.y</c>); not comparable.</summary>
    public double TiedTime { get; }

    /// <summary>(concordant + tied.x / 2) / (concordant + discordant + tied.x) (R: <c>concordance</c>).</summary>
    public double Value => (Concordant + TiedRisk / 2) / (Concordant + Discordant + TiedRisk);

    /// <summary>
    /// Counts the pairs in one sweep per stratum in descending time, keeping the rows at risk in a Fenwick tree
    /// indexed by the rank of their linear predictor: O(n log n).
    /// </summary>
    internal static CoxConcordance Compute(CoxDesign d, double[] lp)
    {
        // Without case weights every count is a whole number below 2^53, exact in a double either way; a tree of 32-bit
        // counts is half the memory of one of doubles (fewer cache misses per query) and gives the same doubles.
        bool unit = d.Weight.AsSpan().IndexOfAnyExcept(1.0) < 0; // true also without weights (an empty array)
        return unit ? Compute<CountTree>(d, lp) : Compute<WeightTree>(d, lp);
    }

    private static CoxConcordance Compute<TTree>(CoxDesign d, double[] lp) where TTree : struct, ITree
    {
        // ranks of the linear predictors (equal values share a rank): one sort
        var idx = RadixOrder.Ascending(lp);
        var rank = new int[d.N];
        int m = 0;
        for (int k = 0; k < idx.Length; k++)
        {
            if (k > 0 && lp[idx[k]] != lp[idx[k - 1]]) m++;
            rank[idx[k]] = m;
        }
        var tree = default(TTree);
        tree.Create(m + 1);
        double conc = 0, disc = 0, tiedX = 0, tiedY = 0;
        for (int s = 0; s + 1 < d.StratumBounds.Length; s++)
        {
            int end = d.StratumBounds[s + 1], ps = d.StratumBounds[s], pr = ps;
            if (s > 0)
            {
                // empty the tree of the previous stratum's rows only: O(rows · log n) per stratum rather than O(n),
                // which made many small strata quadratic. Nodes are set to zero, not decremented, so nothing is left over.
                for (int k = d.StratumBounds[s - 1]; k < ps; k++) tree.Zero(rank[k]);
                tree.ResetTotal();
            }
            while (ps < end)
            {
                double t = d.Stop[ps];
                if (d.CountingProcess)
                    while (pr < end && d.Start[d.ByStart[pr]] >= t)
                    {
                        int i = d.ByStart[pr++];
                        tree.Add(rank[i], -d.WeightAt(i));
                    }
                int first = ps;
                for (; ps < end && d.Stop[ps] == t; ps++)
                {
                    int i = ps;
                    if (!d.Event[i]) tree.Add(rank[i], d.WeightAt(i));
                }
                double deadW = 0, deadW2 = 0;
                for (int k = first; k < ps; k++)
                {
                    int i = k;
                    if (!d.Event[i]) continue;
                    double w = d.WeightAt(i);
                    double below = tree.Prefix(rank[i] - 1), same = tree.Prefix(rank[i]) - below;
                    conc += w * below;
                    tiedX += w * same;
                    disc += w * (tree.Total - below - same);
                    deadW += w; deadW2 += w * w;
                }
                tiedY += (deadW * deadW - deadW2) / 2;
                for (int k = first; k < ps; k++)
                {
                    int i = k;
                    if (d.Event[i]) tree.Add(rank[i], d.WeightAt(i));
                }
            }
        }
        return new CoxConcordance(conc, disc, tiedX, tiedY);
    }

    /// <summary>A binary indexed tree of weights by rank (a struct, so that the sweep is compiled for each kind).</summary>
    private interface ITree
    {
        double Total { get; }
        void Create(int n);
        /// <summary>Sets to zero every node that an addition at rank r touches.</summary>
        void Zero(int r);
        void ResetTotal();
        void Add(int r, double w);
        /// <summary>Sum of weights with rank ≤ r.</summary>
        double Prefix(int r);
    }

    /// <summary>Weights as doubles.</summary>
    private struct WeightTree : ITree
    {
        private double[] _tree;

        public double Total { get; private set; }

        public void Create(int n) => _tree = new double[n + 1];

        public readonly void Zero(int r)
        {
            for (int i = r + 1; i < _tree.Length; i += i & -i) _tree[i] = 0;
        }

        public void ResetTotal() => Total = 0;

        public void Add(int r, double w)
        {
            Total += w;
            for (int i = r + 1; i < _tree.Length; i += i & -i) _tree[i] += w;
        }

        public readonly double Prefix(int r)
        {
            double s = 0;
            for (int i = r + 1; i > 0; i -= i & -i) s += _tree[i];
            return s;
        }
    }

    /// <summary>Unit weights as 32-bit counts (w is ±1).</summary>
    private struct CountTree : ITree
    {
        private int[] _tree;
        private long _total;

        public readonly double Total => _total;

        public void Create(int n) => _tree = new int[n + 1];

        public readonly void Zero(int r)
        {
            for (int i = r + 1; i < _tree.Length; i += i & -i) _tree[i] = 0;
        }

        public void ResetTotal() => _total = 0;

        public void Add(int r, double w)
        {
            int c = (int)w;
            _total += c;
            for (int i = r + 1; i < _tree.Length; i += i & -i) _tree[i] += c;
        }

        public readonly double Prefix(int r)
        {
            long s = 0;
            for (int i = r + 1; i > 0; i -= i & -i) s += _tree[i];
            return s;
        }
    }
}
