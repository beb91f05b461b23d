namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// Stage 1's refinement of the annealing's best genome: <see cref="Focus"/> (annealing restricted to one block of the
/// genome at a time, scored on the targets that block moves) and <see cref="Polish"/> (coordinate descent and an
/// exhaustive exchange pass). Both keep a change only when the full objective improves, so the refinement never makes
/// the result worse; both are deterministic given the seed (Focus draws from the search's generator, Polish draws
/// nothing).
/// </summary>
/// <param name="bp">The blueprint.</param>
/// <param name="options">Budget and refinement settings.</param>
/// <param name="rng">The search's generator (the one the annealing drew from).</param>
/// <param name="moves">Stage 1's moves, drawing from <paramref name="rng"/>.</param>
/// <param name="scoring">The objective.</param>
internal sealed class Refinement(Blueprint bp, ReconstructionOptions options, Random rng, StageOneMoves moves, TargetScoring scoring)
{
    private const int PolishMinimumIterations = 1000;
    private const double FocusStartTemperature = 0.5;
    private const double FocusEndTemperature = 0.01;
    private const int DependencyProbes = 30;
    private static readonly int[] PolishSteps = [-20, -5, -1, 1, 5, 20];
    private static readonly int[] TimePolishSteps = [-100, -50, -20, -5, -1, 1, 5, 20, 50, 100];

    /// <summary>Searched values whose exchange between two patients is meaningful (same range for everyone in a group).</summary>
    private static readonly Gene[] ExchangedGenes =
        [Gene.Age, Gene.PriorLines, Gene.Blasts, Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay, Gene.Survival, Gene.ProgressionDay];

    /// <summary>Genes whose values move few targets (event-time genes move almost all of them and stay with the global search).</summary>
    private static readonly Gene[] FocusGenes =
        [Gene.Age, Gene.PriorLines, Gene.Blasts, Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay];


    /// <summary>The refinement runs when asked for and the budget is at least <see cref="PolishMinimumIterations"/> moves.</summary>
    public bool Enabled => options.Refine && options.Iterations >= PolishMinimumIterations;

    /// <summary>
    /// Coordinate descent after the annealing: for every searched value of every patient, tries steps of ±1, ±5 and
    /// ±20 units (and ±50, ±100 days on the event-time genes) and keeps the best strict improvement; for every
    /// progressed patient also tries moving the progression day by k days and the survival after the last event by
    /// −k (the death day stays, the time from progression to death changes); repeats up to
    /// <see cref="ReconstructionOptions.PolishSweeps"/> sweeps; each sweep ends with the exhaustive exchanges of
    /// <see cref="PolishExchanges"/>. Deterministic (fixed order, no random numbers).
    /// </summary>
    public double Polish(Genome g, double cost, CancellationToken cancellationToken)
    {
        // Small budgets (tests, quick looks) skip the polish: a sweep costs about 20 000 evaluations.
        if (!Enabled) return cost;
        for (int sweep = 0; sweep < options.PolishSweeps; sweep++)
        {
            bool improved = false;
            foreach (var gene in AnnealingSearch.Genes)
                for (int i = 0; i < bp.Count; i++, cancellationToken.ThrowIfCancellationRequested())
                    improved |= PolishOne(g, ref cost, i, IsTimeGene(gene) ? TimePolishSteps : PolishSteps, k => [(gene, k)]);
            for (int i = 0; i < Blueprint.ProgressedCount; i++)
                improved |= PolishOne(g, ref cost, i, TimePolishSteps, k => [(Gene.ProgressionDay, k), (Gene.Survival, -k)]);
            improved |= PolishExchanges(g, ref cost, cancellationToken);
            if (!improved) break;
        }
        return cost;
    }

    /// <summary>
    /// The exchange neighbourhood, searched exhaustively in a fixed order (first improvement kept): every swap of a
    /// counted attribute between two patients of the same group (keeps Table 1's counts), every exchange of a
    /// searched value between two patients of the same group (keeps the group's distribution of that value, so its
    /// median and range, while changing who has it), and every flip of a free flag. Annealing samples these moves at
    /// random; an exhaustive pass finds the single exchanges that put an HR, its CI and its P value into their
    /// printed intervals together.
    /// </summary>
    private bool PolishExchanges(Genome g, ref double cost, CancellationToken cancellationToken)
    {
        bool improved = false;
        foreach (var a in GenomeMoves.CountedAttributes)
            for (int grp = 0; grp < 2; grp++)
                foreach (var (i, j) in Pairs(grp == 0))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    improved |= TryKeep(g, ref cost, GenomeMoves.SwapAttribute(bp, g, a, i, j));
                }
        foreach (var gene in ExchangedGenes)
            for (int grp = 0; grp < 2; grp++)
                foreach (var (i, j) in Pairs(grp == 0))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    improved |= TryKeep(g, ref cost, GenomeMoves.SwapGene(g, gene, i, j, bp.Range));
                }
        foreach (var a in StageOneMoves.Flipped)
            for (int i = 0; i < bp.Count; i++)
                improved |= TryKeep(g, ref cost, GenomeMoves.FlipAttribute(bp, g, a, i));
        return improved;
    }

    /// <summary>Every pair i &lt; j of patients of one group, in index order.</summary>
    private IEnumerable<(int I, int J)> Pairs(bool progressed)
    {
        int lo = progressed ? 0 : Blueprint.ProgressedCount, hi = progressed ? Blueprint.ProgressedCount : bp.Count;
        for (int i = lo; i < hi; i++)
            for (int j = i + 1; j < hi; j++)
                yield return (i, j);
    }

    /// <summary>Scores an applied move; keeps it on a strict improvement, otherwise undoes it.</summary>
    private bool TryKeep(Genome g, ref double cost, Action? undo)
    {
        if (undo is null) return false;
        double c = scoring.Score(g).Cost;
        if (c < cost - 1e-12)
        {
            cost = c;
            return true;
        }
        undo();
        return false;
    }

    /// <summary>Tries each step (applied to one or more genes of patient i, in units of each gene's step) and keeps the best strict improvement.</summary>
    private bool PolishOne(Genome g, ref double cost, int i, int[] steps, Func<int, (Gene Gene, int Units)[]> change)
    {
        var genes = change(1);
        var old = genes.Select(x => g[x.Gene, i]).ToArray();
        if (genes.Any(x => bp.Range(x.Gene, i) is var r && r.Max <= r.Min)) return false;
        double[]? bestValues = null;
        double bestCost = cost;
        foreach (int k in steps)
        {
            var parts = change(k);
            var values = new double[parts.Length];
            for (int m = 0; m < parts.Length; m++)
            {
                var r = bp.Range(parts[m].Gene, i);
                values[m] = r.Clamp(old[m] + parts[m].Units * r.Step);
            }
            if (values.SequenceEqual(old)) continue;
            for (int m = 0; m < parts.Length; m++) g[parts[m].Gene, i] = values[m];
            double c = scoring.Score(g).Cost;
            if (c < bestCost - 1e-12)
            {
                bestCost = c;
                bestValues = values;
            }
        }
        var keep = bestValues ?? old;
        for (int m = 0; m < genes.Length; m++) g[genes[m].Gene, i] = keep[m];
        if (bestValues is null) return false;
        cost = bestCost;
        return true;
    }

    private static bool IsTimeGene(Gene g) => g is Gene.ProgressionDay or Gene.Survival or Gene.Remission or Gene.Gap or Gene.AlloGap;

    // ---- focused phases: annealing restricted to one block of the genome, scored on the targets it moves ----

    /// <summary>A block of the genome: one counted attribute (swapped within groups), one free flag, or one non-time gene.</summary>
    private sealed record Block(string Name, Func<Genome, double, Action?> Move);

    private IEnumerable<Block> Blocks()
    {
        foreach (var a in GenomeMoves.CountedAttributes) yield return new(a.ToString(), (g, _) => moves.SwapAttribute(g, a));
        foreach (var a in StageOneMoves.Flipped) yield return new(a.ToString(), (g, _) => moves.FlipAttribute(g, a));
        foreach (var gene in FocusGenes)
            yield return new(gene.ToString(), (g, t) => rng.NextDouble() < 0.5 ? moves.SwapGene(g, gene) : moves.MoveGene(g, gene, t));
    }

    /// <summary>
    /// For each block in turn: finds the targets that the block's moves change (by probing a few random moves), runs a
    /// short low-temperature annealing of that block's moves alone scored on those targets only (an evaluation of a
    /// few targets is many times cheaper than of all of them), and keeps the block's best state only if the full
    /// objective improves (so a dependency the probes missed can never make the result worse). Deterministic given the
    /// seed.
    /// </summary>
    public double Focus(Genome g, double cost, CancellationToken cancellationToken)
    {
        if (!Enabled || options.RefinementMoves == 0) return cost;
        foreach (var block in Blocks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deps = Dependents(g, block);
            if (deps.Length == 0) continue;
            var start = g.Copy();
            double sub = scoring.Score(g, deps).Cost;
            double bestSub = sub;
            var best = g.Copy();
            for (int m = 0; m < options.RefinementMoves; m++)
            {
                if (m % 50 == 0) cancellationToken.ThrowIfCancellationRequested();
                double t = FocusStartTemperature * Math.Pow(FocusEndTemperature / FocusStartTemperature, (double)m / options.RefinementMoves);
                var undo = block.Move(g, t);
                if (undo is null) continue;
                double c = scoring.Score(g, deps).Cost;
                if (c <= sub || rng.NextDouble() < Math.Exp(-(c - sub) / t))
                {
                    sub = c;
                    if (c < bestSub - 1e-12)
                    {
                        bestSub = c;
                        best = g.Copy();
                    }
                }
                else undo();
            }
            double full = scoring.Score(best).Cost;
            if (full < cost - 1e-12)
            {
                best.CopyTo(g);
                cost = full;
            }
            else start.CopyTo(g);
        }
        return cost;
    }

    /// <summary>Indices of the targets whose value changes under some of <see cref="DependencyProbes"/> random moves of the block.</summary>
    private int[] Dependents(Genome g, Block block)
    {
        var changed = GenomeMoves.ChangedBy(g, scoring.Values, () => block.Move(g, FocusStartTemperature), DependencyProbes);
        return Enumerable.Range(0, scoring.Count).Where(m => changed[m]).ToArray();
    }

}
