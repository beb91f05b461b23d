namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// The moves of stage 1 (<see cref="AnnealingSearch"/> and its <see cref="Refinement"/>): each changes the genome in
/// place and returns the undo, or null when no move was possible. All draw from the search's one generator, so the
/// order of the calls fixes the result given the seed. Time steps shrink with the temperature.
/// </summary>
internal sealed class StageOneMoves
{
    /// <summary>The free flags stage 1 flips (the published tables do not fix them).</summary>
    public static readonly Attr[] Flipped = [Attr.Flu, Attr.LdhHigh, Attr.PlateletsLow, Attr.Dead];

    private readonly Blueprint _bp;
    private readonly Random _rng;
    private readonly double _startTemperature;

    /// <param name="bp">The blueprint (ranges and fixed values).</param>
    /// <param name="rng">The search's generator.</param>
    /// <param name="startTemperature">The annealing's start temperature: the step sizes scale with √(T / start).</param>
    public StageOneMoves(Blueprint bp, Random rng, double startTemperature)
    {
        _bp = bp;
        _rng = rng;
        _startTemperature = startTemperature;
    }

    /// <summary>Applies one random move and returns how to undo it (null when no move was possible).</summary>
    public Action? Propose(Genome g, double temperature)
    {
        double u = _rng.NextDouble();
        if (u < 0.45) return MoveGene(g, AnnealingSearch.Genes[_rng.Next(AnnealingSearch.Genes.Length)], temperature);
        if (u < 0.52) return ShiftProgression(g, temperature);
        if (u < 0.57) return ShiftDeaths(g, temperature);
        if (u < 0.62) return SwapGene(g, AnnealingSearch.Genes[_rng.Next(AnnealingSearch.Genes.Length)]);
        if (u < 0.9) return SwapAttribute(g, GenomeMoves.CountedAttributes[_rng.Next(GenomeMoves.CountedAttributes.Length)]);
        return FlipAttribute(g, Flipped[_rng.Next(Flipped.Length)]);
    }

    /// <summary>Moves one searched value of a random patient (<see cref="GenomeMoves.PerturbGene"/>; step 15 % of the range at the start temperature, 10 % uniform redraws).</summary>
    public Action? MoveGene(Genome g, Gene gene, double temperature)
    {
        int i = _rng.Next(_bp.Count);
        return GenomeMoves.PerturbGene(_rng, g, gene, i, _bp.Range(gene, i), Math.Max(0.01, 0.15 * Math.Sqrt(temperature / _startTemperature)), 0.1);
    }

    /// <summary>Exchanges one searched value between two patients of the same group (when both ranges allow it).</summary>
    public Action? SwapGene(Genome g, Gene gene) => GenomeMoves.SwapGeneInGroup(_rng, _bp, g, gene, _bp.Range);

    /// <summary>Swaps a counted attribute between two patients of the same group (keeps Table 1's counts).</summary>
    public Action? SwapAttribute(Genome g, Attr a) => GenomeMoves.SwapAttributeInGroup(_rng, _bp, g, a);

    /// <summary>Flips a free flag of a random patient.</summary>
    public Action? FlipAttribute(Genome g, Attr a) => GenomeMoves.FlipAttribute(_bp, g, a, _rng.Next(_bp.Count));

    /// <summary>
    /// Moves a progressed patient's progression day by d and the survival after the last event by −d: the day of
    /// death stays (overall survival is unchanged) while the time from progression to death changes.
    /// </summary>
    private Action? ShiftProgression(Genome g, double temperature)
    {
        int i = _rng.Next(Blueprint.ProgressedCount);
        var rp = _bp.Range(Gene.ProgressionDay, i);
        var rs = _bp.Range(Gene.Survival, i);
        if (rp.Max <= rp.Min || rs.Max <= rs.Min) return null;
        double oldP = g[Gene.ProgressionDay, i], oldS = g[Gene.Survival, i];
        double d = Math.Round(GenomeMoves.Normal(_rng) * TimeScale(temperature));
        double p = rp.Clamp(oldP + d);
        double sv = rs.Clamp(oldS - (p - oldP));
        if (p == oldP && sv == oldS) return null;
        g[Gene.ProgressionDay, i] = p;
        g[Gene.Survival, i] = sv;
        return () =>
        {
            g[Gene.ProgressionDay, i] = oldP;
            g[Gene.Survival, i] = oldS;
        };
    }

    /// <summary>Shifts the survival gene of 2–6 patients of one group by the same number of days (moves a stretch of a survival curve).</summary>
    private Action? ShiftDeaths(Genome g, double temperature) =>
        GenomeMoves.ShiftSurvival(_rng, _bp, g, 6, TimeScale(temperature), _bp.Range);

    /// <summary>Days of a time move: about 150 days at the start, shrinking with the temperature to about 10.</summary>
    private double TimeScale(double temperature) => Math.Max(10, 150 * Math.Sqrt(temperature / _startTemperature));
}
