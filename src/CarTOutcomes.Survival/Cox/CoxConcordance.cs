using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// indexed by the rank of their linear predictor: O(n log n). Beside the tree, the weight at each rank is kept
    /// exactly, so a failure's ties on the linear predictor cost one look-up instead of a second prefix query.
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
        var (rank, distinct) = RadixOrder.DenseRanks(lp);
        int m = distinct - 1;
        var one = default(TTree);
        one.Create(m + 1);
        var total = new Sums();
        for (int s = 0; s + 1 < d.StratumBounds.Length; s++)
        {
            if (s > 0)
            {
                // empty the tree of the previous stratum's rows only: O(rows · log n) per stratum rather than O(n),
                // which made many small strata quadratic. Nodes are set to zero, not decremented, so nothing is left over.
                for (int k = d.StratumBounds[s - 1]; k < d.StratumBounds[s]; k++) one.Zero(rank[k]);
                one.ResetTotal();
            }
            var part = Sweep(ref one, d, rank, d.StratumBounds[s], d.StratumBounds[s + 1]);
            total = new Sums(total.Concordant + part.Concordant, total.Discordant + part.Discordant,
                total.TiedRisk + part.TiedRisk, total.TiedTime + part.TiedTime);
        }
        return new CoxConcordance(total.Concordant, total.Discordant, total.TiedRisk, total.TiedTime);
    }

    /// <summary>How many rows ahead the sweep asks for a row's counts (8, 16 and 32 measured alike: 15–25% off the sweep).</summary>
    private const int PrefetchRows = 16;

    private readonly record struct Sums(double Concordant, double Discordant, double TiedRisk, double TiedTime);

    /// <summary>
    /// Sweeps rows [from, end) of one stratum (sorted by descending stop time, from a time boundary), with the tree
    /// holding the rows at risk before <paramref name="from"/>.
    /// </summary>
    private static Sums Sweep<TTree>(ref TTree tree, CoxDesign d, int[] rank, int from, int end) where TTree : struct, ITree
    {
        double conc = 0, disc = 0, tiedX = 0, tiedY = 0;
        int ps = from, pr = from;
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
                if (ps + PrefetchRows < end) tree.Prefetch(rank[ps + PrefetchRows]); // every row passes here once, in order
                if (!d.Event[ps]) tree.Add(rank[ps], d.WeightAt(ps));
            }
            double deadW = 0, deadW2 = 0;
            for (int i = first; i < ps; i++)
            {
                if (!d.Event[i]) continue;
                double w = d.WeightAt(i);
                double below = tree.Prefix(rank[i] - 1), same = tree.At(rank[i]);
                conc += w * below;
                tiedX += w * same;
                disc += w * (tree.Total - below - same);
                deadW += w; deadW2 += w * w;
            }
            tiedY += (deadW * deadW - deadW2) / 2;
            for (int i = first; i < ps; i++)
                if (d.Event[i]) tree.Add(rank[i], d.WeightAt(i));
        }
        return new Sums(conc, disc, tiedX, tiedY);
    }

    /// <summary>A binary indexed tree of weights by rank (a struct, so that the sweep is compiled for each kind).</summary>
    internal interface ITree
    {
        double Total { get; }
        void Create(int n);
        /// <summary>Sets to zero every node that an addition at rank r touches.</summary>
        void Zero(int r);
        void ResetTotal();
        void Add(int r, double w);
        /// <summary>Sum of weights with rank ≤ r.</summary>
        double Prefix(int r);
        /// <summary>Sum of weights with rank r.</summary>
        double At(int r);
        /// <summary>A hint that rank r will be read or written soon (nothing where there is no prefetch instruction).</summary>
        void Prefetch(int r);
    }

    /// <summary>Weights as doubles.</summary>
    private struct WeightTree : ITree
    {
        private double[] _tree, _at;

        public double Total { get; private set; }

        public void Create(int n) => (_tree, _at) = (new double[n + 1], new double[n]);

        public readonly void Zero(int r)
        {
            _at[r] = 0;
            for (int i = r + 1; i < _tree.Length; i += i & -i) _tree[i] = 0;
        }

        public void ResetTotal() => Total = 0;

        public void Add(int r, double w)
        {
            Total += w;
            _at[r] += w;
            for (int i = r + 1; i < _tree.Length; i += i & -i) _tree[i] += w;
        }

        public readonly double Prefix(int r)
        {
            double s = 0;
            for (int i = r + 1; i > 0; i -= i & -i) s += _tree[i];
            return s;
        }

        public readonly double At(int r) => _at[r];

        public readonly void Prefetch(int r) { }
    }

    /// <summary>
    /// Unit weights as 32-bit counts (w is ±1) in a 16-ary tree: level 0 holds the count at each rank, level L the count
    /// of each run of 16^L ranks, up to a top level of at most 16 entries. The ranks ≤ r are, at level 0, those of r's
    /// group of 16 up to r, and at each level above, the whole runs before r's run within its group of 16: a prefix sum
    /// is one masked sum of 16 adjacent counts (a cache line) per level, five levels at 10^6 ranks, and an addition one
    /// increment per level. Only level 0 (4 bytes a rank) is larger than the cache. A binary tree over ranks touched a
    /// cache line per level (twenty at 10^6 ranks); a Fenwick tree over blocks of 32 ranks, fifteen lines in cache.
    /// </summary>
    internal struct CountTree : ITree
    {
        private const int Shift = 4, Fan = 1 << Shift;
        private int[][] _levels;
        private long _total;

        public readonly double Total => _total;

        public void Create(int n)
        {
            var levels = new List<int[]>();
            int size = Math.Max(n, 1);
            while (true)
            {
                levels.Add(new int[(size + Fan - 1) / Fan * Fan]); // whole groups of 16: a group is read with two vectors
                if (size <= Fan) break;
                size = (size + Fan - 1) / Fan;
            }
            _levels = [.. levels];
        }

        public readonly void Zero(int r)
        {
            foreach (var level in _levels)
            {
                level[r] = 0;
                r >>= Shift;
            }
        }

        public void ResetTotal() => _total = 0;

        public void Add(int r, double w)
        {
            int c = (int)w;
            _total += c;
            foreach (var level in _levels)
            {
                level[r] += c;
                r >>= Shift;
            }
        }

        public readonly double Prefix(int r)
        {
            if (r < 0) return 0;
            long s = GroupSum(_levels[0], r, (r & (Fan - 1)) + 1); // r's group up to r
            for (int l = 1; l < _levels.Length; l++)
            {
                r >>= Shift;
                s += GroupSum(_levels[l], r, r & (Fan - 1)); // the whole runs before r's run
            }
            return s;
        }

        /// <summary>The first <paramref name="count"/> entries of the group of 16 that holds index i (whole numbers: any order is exact).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int GroupSum(int[] level, int i, int count)
        {
            ref int g = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(level), i & ~(Fan - 1));
            var k = Vector256.Create(count);
            var low = Vector256.LoadUnsafe(ref g) & Vector256.LessThan(LanesLow, k);
            var high = Vector256.LoadUnsafe(ref g, 8) & Vector256.LessThan(LanesHigh, k);
            return Vector256.Sum(low + high);
        }

        private static readonly Vector256<int> LanesLow = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        private static readonly Vector256<int> LanesHigh = Vector256.Create(8, 9, 10, 11, 12, 13, 14, 15);

        public readonly double At(int r) => _levels[0][r];

        /// <summary>
        /// Asks for the cache lines of rank r's group at level 0 (16 counts, on one or two lines) ahead of use: ranks
        /// come in random order, so without it nearly every addition and query waits on memory. A hint only.
        /// </summary>
        public readonly void Prefetch(int r)
        {
            ref int first = ref _levels[0][r & ~(Fan - 1)];
            CacheHint.Prefetch(ref first);
            CacheHint.Prefetch(ref Unsafe.Add(ref first, Fan - 1));
        }
    }
}
