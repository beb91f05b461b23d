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
    /// Two patients of the same group (progressed or not), drawn as: the group with probability proportional to its
    /// size, then each patient uniformly within it. Swaps within a group keep Table 1's counts by group.
    /// </summary>
    public static (int I, int J) SameGroupPair(Random rng, Blueprint bp)
    {
        bool progressed = rng.Next(56) < Blueprint.ProgressedCount;
        int lo = progressed ? 0 : Blueprint.ProgressedCount, hi = progressed ? Blueprint.ProgressedCount : bp.Count;
        int i = rng.Next(lo, hi), j = rng.Next(lo, hi);
        return (i, j);
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
