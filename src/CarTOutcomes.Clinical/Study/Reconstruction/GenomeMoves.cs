namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// Moves on a genome shared by the stage-1 annealing (<see cref="AnnealingSearch"/>) and the continuation
/// (<see cref="ContinuationSearch"/>). Each changes the genome in place and returns the undo, or null when the move is
/// not allowed. Random numbers are drawn from the caller's generator in a fixed order, so a search's output depends only
/// on its seed.
/// </summary>
internal static class GenomeMoves
{
    /// <summary>
    /// The attributes whose counts by group Table 1 fixes (<see cref="Blueprint.Counts"/> not null): both searches
    /// only ever swap them between two patients of a group, never flip them.
    /// </summary>
    public static readonly Attr[] CountedAttributes = Enum.GetValues<Attr>().Where(a => Blueprint.Counts(a) is not null).ToArray();

    /// <summary>
    /// Which of the values <paramref name="values"/> gives change under some of <paramref name="probes"/> moves (each
    /// undone at once): the targets a block of the genome moves, for the focused annealings of both searches.
    /// </summary>
    public static bool[] ChangedBy(Genome g, Func<Genome, double[]> values, Func<Action?> move, int probes)
    {
        var baseline = values(g);
        var changed = new bool[baseline.Length];
        for (int k = 0; k < probes; k++)
        {
            var undo = move();
            if (undo is null) continue;
            var v = values(g);
            undo();
            for (int m = 0; m < v.Length; m++)
                if (!v[m].Equals(baseline[m])) changed[m] = true;
        }
        return changed;
    }

    /// <summary>
    /// One group (progressed or not) drawn with probability proportional to its size (one draw), as the patient
    /// index range [Lo, Hi) of its members.
    /// </summary>
    public static (int Lo, int Hi) DrawGroup(Random rng, Blueprint bp)
    {
        bool progressed = rng.Next(56) < Blueprint.ProgressedCount;
        return progressed ? (0, Blueprint.ProgressedCount) : (Blueprint.ProgressedCount, bp.Count);
    }

    /// <summary>
    /// Two patients of the same group (progressed or not), drawn as: the group with probability proportional to its
    /// size, then each patient uniformly within it. Swaps within a group keep Table 1's counts by group.
    /// </summary>
    public static (int I, int J) SameGroupPair(Random rng, Blueprint bp)
    {
        var (lo, hi) = DrawGroup(rng, bp);
        int i = rng.Next(lo, hi), j = rng.Next(lo, hi);
        return (i, j);
    }

    /// <summary>Exchanges a searched value between two patients of one group (<see cref="SameGroupPair"/>, then <see cref="SwapGene"/>).</summary>
    public static Action? SwapGeneInGroup(Random rng, Blueprint bp, Genome g, Gene gene, Func<Gene, int, GeneRange> range)
    {
        var (i, j) = SameGroupPair(rng, bp);
        return SwapGene(g, gene, i, j, range);
    }

    /// <summary>Exchanges a counted attribute between two patients of one group (<see cref="SameGroupPair"/>, then <see cref="SwapAttribute"/>).</summary>
    public static Action? SwapAttributeInGroup(Random rng, Blueprint bp, Genome g, Attr a)
    {
        var (i, j) = SameGroupPair(rng, bp);
        return SwapAttribute(bp, g, a, i, j);
    }

    /// <summary>
    /// Shifts the survival gene (the day of death or last contact) of several patients of one group by the same number
    /// of days, which moves a stretch of a survival curve. Draws, in this order: the group (<see cref="DrawGroup"/>), a
    /// number of draws k uniform on 2 … <paramref name="maxPatients"/>, k patients of the group with replacement (a
    /// patient drawn twice moves once), and the shift d = round(N(0, 1) · <paramref name="days"/>). Each new value is
    /// clamped to its range. Null when d = 0.
    /// </summary>
    public static Action? ShiftSurvival(Random rng, Blueprint bp, Genome g, int maxPatients, double days, Func<Gene, int, GeneRange> range)
    {
        var (lo, hi) = DrawGroup(rng, bp);
        int k = 2 + rng.Next(maxPatients - 1);
        var chosen = Enumerable.Range(0, k).Select(_ => rng.Next(lo, hi)).Distinct().ToArray();
        double d = Math.Round(Normal(rng) * days);
        if (d == 0) return null;
        var old = chosen.Select(i => g[Gene.Survival, i]).ToArray();
        foreach (int i in chosen) g[Gene.Survival, i] = range(Gene.Survival, i).Clamp(g[Gene.Survival, i] + d);
        return () =>
        {
            for (int m = 0; m < chosen.Length; m++) g[Gene.Survival, chosen[m]] = old[m];
        };
    }

    /// <summary>Exchanges a searched value between patients i and j when each value lies in the other's range.</summary>
    public static Action? SwapGene(Genome g, Gene gene, int i, int j, Func<Gene, int, GeneRange> range)
    {
        double vi = g[gene, i], vj = g[gene, j];
        if (i == j || vi == vj) return null;
        if (range(gene, i).Clamp(vj) != vj || range(gene, j).Clamp(vi) != vi) return null;
        g[gene, i] = vj;
        g[gene, j] = vi;
        return () =>
        {
            g[gene, i] = vi;
            g[gene, j] = vj;
        };
    }

    /// <summary>Exchanges a counted attribute between patients i and j when each value is allowed for the other.</summary>
    public static Action? SwapAttribute(Blueprint bp, Genome g, Attr a, int i, int j)
    {
        int vi = g[a, i], vj = g[a, j];
        if (i == j || vi == vj) return null;
        if (bp.Allowed(a, i) is { } ai && !ai.Contains(vj)) return null;
        if (bp.Allowed(a, j) is { } aj && !aj.Contains(vi)) return null;
        g[a, i] = vj;
        g[a, j] = vi;
        return () =>
        {
            g[a, i] = vi;
            g[a, j] = vj;
        };
    }

    /// <summary>Flips a free flag of patient i (one the published tables do not fix).</summary>
    public static Action? FlipAttribute(Blueprint bp, Genome g, Attr a, int i)
    {
        if (bp.Allowed(a, i) is not null) return null;
        int old = g[a, i];
        g[a, i] = 1 - old;
        return () => g[a, i] = old;
    }

    /// <summary>
    /// One searched value of patient i moved within its range r: with probability <paramref name="redraw"/> a uniform
    /// draw over the range, otherwise a normal step of standard deviation (max − min)·<paramref name="step"/>; clamped
    /// to the range, and one grid step aside when that leaves it where it was. Null when the range is a single value or
    /// the value cannot move; otherwise the action that undoes the move.
    /// </summary>
    public static Action? PerturbGene(Random rng, Genome g, Gene gene, int i, GeneRange r, double step, double redraw)
    {
        if (r.Max <= r.Min) return null;
        double old = g[gene, i];
        double scale = (r.Max - r.Min) * step;
        double proposed = rng.NextDouble() < redraw ? r.Min + rng.NextDouble() * (r.Max - r.Min) : old + Normal(rng) * scale;
        double value = r.Clamp(proposed);
        if (value == old) value = r.Clamp(old + (rng.Next(2) == 0 ? -r.Step : r.Step));
        if (value == old) return null;
        g[gene, i] = value;
        return () => g[gene, i] = old;
    }

    /// <summary>A standard normal draw (Box–Muller transform).</summary>
    public static double Normal(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
