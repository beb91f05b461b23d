using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>Simulated annealing over a <see cref="Genome"/> (Kirkpatrick et al. 1983), geometric cooling.</summary>
internal sealed class AnnealingSearch
{
    private static readonly Attr[] Swapped = Enum.GetValues<Attr>().Where(a => Blueprint.Counts(a) is not null).ToArray();
    private static readonly Attr[] Flipped = [Attr.Flu, Attr.LdhHigh, Attr.PlateletsLow, Attr.Dead];
    /// <summary>
    /// The genes stage 1 searches, in the order its random draws visit them. Written out, not taken from the enum: the
    /// continuation's genes (<see cref="Gene.Lead"/>, <see cref="Gene.Spacing"/>) stay 0 here, so that
    /// <c>reconstruct --seed 4</c> draws the same numbers and regenerates the shipped cohort byte for byte.
    /// </summary>
    internal static readonly Gene[] Genes =
    [
        Gene.Age, Gene.PriorLines, Gene.ProgressionDay, Gene.Survival, Gene.Gap, Gene.Remission, Gene.AlloGap, Gene.Blasts,
        Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay,
    ];

    private readonly Blueprint _bp;
    private readonly PublishedTarget[] _targets;
    private readonly ReconstructionOptions _options;
    private readonly CohortBuilder _builder;
    private readonly Random _rng;
    private readonly double[] _weights;

    public AnnealingSearch(Blueprint bp, PublishedTarget[] targets, ReconstructionOptions options)
    {
        _bp = bp;
        _targets = targets;
        _options = options;
        _builder = new CohortBuilder(bp);
        _rng = new Random(options.Seed);
        _weights = targets.Select(Weight).ToArray();
    }

    public ReconstructionResult Run(IProgress<double>? progress, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = Initial();
        var (cost, _) = Score(current);
        var best = Copy(current);
        double bestCost = cost;
        int n = _options.Iterations;
        for (int it = 0; it < n; it++)
        {
            double t = _options.StartTemperature * Math.Pow(_options.EndTemperature / _options.StartTemperature, n <= 1 ? 1 : (double)it / (n - 1));
            var undo = Propose(current, t);
            if (undo is null) continue;
            var (c, _) = Score(current);
            if (c <= cost || _rng.NextDouble() < Math.Exp(-(c - cost) / t))
            {
                cost = c;
                if (c < bestCost)
                {
                    bestCost = c;
                    best = Copy(current);
                }
            }
            else undo();
            if (RestartPoints > 0 && (it + 1) % Math.Max(1, n / (RestartPoints + 1)) == 0 && it + 1 < n && cost > bestCost)
            {
                // Restart from the best genome seen (the temperature keeps falling).
                current = Copy(best);
                cost = bestCost;
            }
            if ((it + 1) % 50 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(AnnealingShare * (it + 1.0) / n);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        bestCost = Focus(best, bestCost, cancellationToken);
        if (Refining) progress?.Report(AnnealingShare + 0.05);
        bestCost = Polish(best, bestCost, cancellationToken);
        if (Refining) progress?.Report(AnnealingShare + 0.15);
        bestCost = Focus(best, bestCost, cancellationToken);
        progress?.Report(1);
        var (finalCost, agreeing) = Score(best);
        return new ReconstructionResult(_builder.Build(best), finalCost, agreeing, _targets.Length, _options);
    }

    /// <summary>
    /// Coordinate descent after the annealing: for every searched value of every patient, tries steps of ±1, ±5 and
    /// ±20 units (and ±50, ±100 days on the event-time genes) and keeps the best strict improvement; for every
    /// progressed patient also tries moving the progression day by k days and the survival after the last event by
    /// −k (the death day stays, the time from progression to death changes); repeats up to
    /// <see cref="ReconstructionOptions.PolishSweeps"/> sweeps; each sweep ends with the exhaustive exchanges of
    /// <see cref="PolishExchanges"/>. Deterministic (fixed order, no random numbers).
    /// </summary>
    private double Polish(Genome g, double cost, CancellationToken cancellationToken)
    {
        // Small budgets (tests, quick looks) skip the polish: a sweep costs about 20 000 evaluations.
        if (!Refining) return cost;
        for (int sweep = 0; sweep < _options.PolishSweeps; sweep++)
        {
            bool improved = false;
            foreach (var gene in Genes)
                for (int i = 0; i < _bp.Count; i++, cancellationToken.ThrowIfCancellationRequested())
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
        foreach (var a in Swapped)
            for (int grp = 0; grp < 2; grp++)
                foreach (var (i, j) in Pairs(grp == 0))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    improved |= TryKeep(g, ref cost, SwapAttribute(g, a, i, j));
                }
        foreach (var gene in ExchangedGenes)
            for (int grp = 0; grp < 2; grp++)
                foreach (var (i, j) in Pairs(grp == 0))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    improved |= TryKeep(g, ref cost, SwapGene(g, gene, i, j));
                }
        foreach (var a in Flipped)
            for (int i = 0; i < _bp.Count; i++)
                improved |= TryKeep(g, ref cost, FlipAttribute(g, a, i));
        return improved;
    }

    /// <summary>Every pair i &lt; j of patients of one group, in index order.</summary>
    private IEnumerable<(int I, int J)> Pairs(bool progressed)
    {
        int lo = progressed ? 0 : Blueprint.ProgressedCount, hi = progressed ? Blueprint.ProgressedCount : _bp.Count;
        for (int i = lo; i < hi; i++)
            for (int j = i + 1; j < hi; j++)
                yield return (i, j);
    }

    /// <summary>Scores an applied move; keeps it on a strict improvement, otherwise undoes it.</summary>
    private bool TryKeep(Genome g, ref double cost, Action? undo)
    {
        if (undo is null) return false;
        double c = Score(g).Cost;
        if (c < cost - 1e-12)
        {
            cost = c;
            return true;
        }
        undo();
        return false;
    }

    /// <summary>Searched values whose exchange between two patients is meaningful (same range for everyone in a group).</summary>
    private static readonly Gene[] ExchangedGenes =
        [Gene.Age, Gene.PriorLines, Gene.Blasts, Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay, Gene.Survival, Gene.ProgressionDay];

    /// <summary>Tries each step (applied to one or more genes of patient i, in units of each gene's step) and keeps the best strict improvement.</summary>
    private bool PolishOne(Genome g, ref double cost, int i, int[] steps, Func<int, (Gene Gene, int Units)[]> change)
    {
        var genes = change(1);
        var old = genes.Select(x => g[x.Gene, i]).ToArray();
        if (genes.Any(x => _bp.Range(x.Gene, i) is var r && r.Max <= r.Min)) return false;
        double[]? bestValues = null;
        double bestCost = cost;
        foreach (int k in steps)
        {
            var parts = change(k);
            var values = new double[parts.Length];
            for (int m = 0; m < parts.Length; m++)
            {
                var r = _bp.Range(parts[m].Gene, i);
                values[m] = r.Clamp(old[m] + parts[m].Units * r.Step);
            }
            if (values.SequenceEqual(old)) continue;
            for (int m = 0; m < parts.Length; m++) g[parts[m].Gene, i] = values[m];
            double c = Score(g).Cost;
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

    private const int PolishMinimumIterations = 1000;

    /// <summary>The refinement runs when asked for and the budget is at least <see cref="PolishMinimumIterations"/> moves.</summary>
    private bool Refining => _options.Refine && _options.Iterations >= PolishMinimumIterations;

    /// <summary>Share of the progress bar given to the annealing: the refinement takes about a quarter of a default run.</summary>
    private double AnnealingShare => Refining ? 0.75 : 1;
    private const int RestartPoints = 3;
    private static readonly int[] PolishSteps = [-20, -5, -1, 1, 5, 20];
    private static readonly int[] TimePolishSteps = [-100, -50, -20, -5, -1, 1, 5, 20, 50, 100];

    /// <summary>
    /// Weight of a target in the objective. Kaplan–Meier, cumulative-incidence and follow-up estimates (the
    /// headline outcome numbers) count <see cref="SurvivalWeight"/> times: a miss there moves many other numbers
    /// only weakly, so with equal weights the search trades it for small Cox misses.
    /// </summary>
    internal static double Weight(PublishedTarget t) =>
        t.Statistic.StartsWith("km_", StringComparison.Ordinal) || t.Statistic.StartsWith("cif_", StringComparison.Ordinal)
        || t.Id.Contains("followup", StringComparison.Ordinal) ? SurvivalWeight : 1;

    private const double SurvivalWeight = 6;

    // ---- focused phases: annealing restricted to one block of the genome, scored on the targets it moves ----

    /// <summary>A block of the genome: one counted attribute (swapped within groups), one free flag, or one non-time gene.</summary>
    private sealed record Block(string Name, Func<Genome, double, Action?> Move);

    private IEnumerable<Block> Blocks()
    {
        foreach (var a in Swapped) yield return new(a.ToString(), (g, _) => SwapAttribute(g, a, SameGroupPair()));
        foreach (var a in Flipped) yield return new(a.ToString(), (g, _) => FlipAttribute(g, a, _rng.Next(_bp.Count)));
        foreach (var gene in FocusGenes)
            yield return new(gene.ToString(), (g, t) => _rng.NextDouble() < 0.5 ? SwapGene(g, gene, SameGroupPair()) : MoveGene(g, gene, t));
    }

    private Action? SwapAttribute(Genome g, Attr a, (int I, int J) p) => SwapAttribute(g, a, p.I, p.J);

    private Action? SwapGene(Genome g, Gene gene, (int I, int J) p) => SwapGene(g, gene, p.I, p.J);

    private const double FocusStartTemperature = 0.5;
    private const double FocusEndTemperature = 0.01;
    private const int DependencyProbes = 30;

    /// <summary>Genes whose values move few targets (event-time genes move almost all of them and stay with the global search).</summary>
    private static readonly Gene[] FocusGenes =
        [Gene.Age, Gene.PriorLines, Gene.Blasts, Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay];

    /// <summary>
    /// For each block in turn: finds the targets that the block's moves change (by probing a few random moves), runs a
    /// short low-temperature annealing of that block's moves alone scored on those targets only (an evaluation of a
    /// few targets is many times cheaper than of all of them), and keeps the block's best state only if the full
    /// objective improves (so a dependency the probes missed can never make the result worse). Deterministic given the
    /// seed.
    /// </summary>
    private double Focus(Genome g, double cost, CancellationToken cancellationToken)
    {
        if (!Refining || _options.RefinementMoves == 0) return cost;
        foreach (var block in Blocks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deps = Dependents(g, block);
            if (deps.Length == 0) continue;
            var start = Copy(g);
            double sub = Score(g, deps).Cost;
            double bestSub = sub;
            var best = Copy(g);
            for (int m = 0; m < _options.RefinementMoves; m++)
            {
                if (m % 50 == 0) cancellationToken.ThrowIfCancellationRequested();
                double t = FocusStartTemperature * Math.Pow(FocusEndTemperature / FocusStartTemperature, (double)m / _options.RefinementMoves);
                var undo = block.Move(g, t);
                if (undo is null) continue;
                double c = Score(g, deps).Cost;
                if (c <= sub || _rng.NextDouble() < Math.Exp(-(c - sub) / t))
                {
                    sub = c;
                    if (c < bestSub - 1e-12)
                    {
                        bestSub = c;
                        best = Copy(g);
                    }
                }
                else undo();
            }
            double full = Score(best).Cost;
            if (full < cost - 1e-12)
            {
                CopyInto(best, g);
                cost = full;
            }
            else CopyInto(start, g);
        }
        return cost;
    }

    /// <summary>Indices of the targets whose value changes under some of <see cref="DependencyProbes"/> random moves of the block.</summary>
    private int[] Dependents(Genome g, Block block)
    {
        var baseline = Values(g);
        var changed = new bool[_targets.Length];
        for (int k = 0; k < DependencyProbes; k++)
        {
            var undo = block.Move(g, FocusStartTemperature);
            if (undo is null) continue;
            var v = Values(g);
            undo();
            for (int m = 0; m < v.Length; m++)
                if (!v[m].Equals(baseline[m])) changed[m] = true;
        }
        return Enumerable.Range(0, _targets.Length).Where(m => changed[m]).ToArray();
    }

    private double[] Values(Genome g)
    {
        try
        {
            return TargetRegistry.Evaluate(_builder.Build(g), _targets).Select(e => e.Reproduced ?? double.NaN).ToArray();
        }
        catch (CohortValidationException)
        {
            return new double[_targets.Length];
        }
    }

    private (double Cost, int Agreeing) Score(Genome g) => Score(g, null);

    /// <summary>Σ w · log(1 + miss) and the number agreeing, over the targets with the given indices (all when null).</summary>
    private (double Cost, int Agreeing) Score(Genome g, int[]? subset)
    {
        Cohort cohort;
        try
        {
            cohort = _builder.Build(g);
        }
        catch (CohortValidationException)
        {
            return (double.PositiveInfinity, 0);
        }
        var targets = subset is null ? _targets : subset.Select(k => _targets[k]).ToArray();
        var evaluations = TargetRegistry.Evaluate(cohort, targets);
        double cost = 0;
        int agree = 0;
        for (int m = 0; m < evaluations.Count; m++)
        {
            var e = evaluations[m];
            double miss = e.Reproduced is double v ? TargetEvaluation.Miss(e.Target, v) : 100;
            if (miss == 0) agree++;
            cost += _weights[subset?[m] ?? m] * Math.Log(1 + miss);
        }
        return (cost, agree);
    }

    private Genome Initial()
    {
        var g = new Genome(_bp.Count);
        foreach (var a in Enum.GetValues<Attr>()) InitAttribute(g, a);
        for (int i = 0; i < _bp.Count; i++)
            foreach (var gene in Genes)
            {
                var r = _bp.Range(gene, i);
                g[gene, i] = r.Clamp(r.Min + _rng.NextDouble() * InitialSpan(gene, i, r));
            }
        return g;
    }

    /// <summary>Starting values favour short times for patients who die and early relapse, as the published medians do.</summary>
    private double InitialSpan(Gene gene, int i, GeneRange r) => gene switch
    {
        Gene.Survival when _bp.Patients[i].Status == VitalStatus.Dead && IsScriptedDeath(i) => Math.Min(r.Max - r.Min, 300),
        Gene.ProgressionDay => Math.Min(r.Max - r.Min, 250),
        Gene.Remission => Math.Min(r.Max - r.Min, 200),
        _ => r.Max - r.Min,
    };

    private bool IsScriptedDeath(int i) => _bp.Patients[i].Progressed || _bp.Patients[i].EarlyDeath;

    /// <summary>Fixed values first, then the Table 1 counts dealt to the other patients in seeded random order.</summary>
    private void InitAttribute(Genome g, Attr a)
    {
        var counts = Blueprint.Counts(a);
        for (int grp = 0; grp < 2; grp++)
        {
            bool progressed = grp == 0;
            var members = Enumerable.Range(0, _bp.Count).Where(i => Blueprint.InGroup(i, progressed)).ToArray();
            if (counts is null)
            {
                foreach (int i in members) g[a, i] = _bp.Allowed(a, i) is { } only ? only[0] : _rng.Next(2);
                continue;
            }
            var left = (int[])(progressed ? counts.Value.Progressed : counts.Value.NonProgressed).Clone();
            var order = members.OrderBy(_ => _rng.Next()).OrderBy(i => _bp.Allowed(a, i)?.Length ?? 99).ToArray();
            foreach (int i in order)
            {
                var allowed = _bp.Allowed(a, i) ?? Enumerable.Range(0, left.Length).ToArray();
                int pick = allowed.Where(v => left[v] > 0).DefaultIfEmpty(allowed[0]).First();
                g[a, i] = pick;
                left[pick]--;
            }
        }
    }

    /// <summary>Applies one random move and returns how to undo it (null when no move was possible).</summary>
    private Action? Propose(Genome g, double temperature)
    {
        double u = _rng.NextDouble();
        if (u < 0.45) return MoveGene(g, temperature);
        if (u < 0.52) return ShiftProgression(g, temperature);
        if (u < 0.57) return ShiftDeaths(g, temperature);
        if (u < 0.62) return SwapGene(g);
        if (u < 0.9) return SwapAttribute(g);
        return FlipAttribute(g);
    }

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
        double d = Math.Round(Normal() * TimeScale(temperature));
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

    /// <summary>Shifts the survival gene of several patients of one group by the same number of days (moves a stretch of a survival curve).</summary>
    private Action? ShiftDeaths(Genome g, double temperature)
    {
        bool progressed = _rng.Next(56) < Blueprint.ProgressedCount;
        int lo = progressed ? 0 : Blueprint.ProgressedCount, hi = progressed ? Blueprint.ProgressedCount : _bp.Count;
        int k = 2 + _rng.Next(5);
        var chosen = Enumerable.Range(0, k).Select(_ => _rng.Next(lo, hi)).Distinct().ToArray();
        double d = Math.Round(Normal() * TimeScale(temperature));
        if (d == 0) return null;
        var old = chosen.Select(i => g[Gene.Survival, i]).ToArray();
        foreach (int i in chosen) g[Gene.Survival, i] = _bp.Range(Gene.Survival, i).Clamp(g[Gene.Survival, i] + d);
        return () =>
        {
            for (int m = 0; m < chosen.Length; m++) g[Gene.Survival, chosen[m]] = old[m];
        };
    }

    /// <summary>Days of a time move: about 150 days at the start, shrinking with the temperature to about 10.</summary>
    private double TimeScale(double temperature) => Math.Max(10, 150 * Math.Sqrt(temperature / _options.StartTemperature));

    /// <summary>Exchanges one searched value between two patients of the same group (when both ranges allow it).</summary>
    private Action? SwapGene(Genome g)
    {
        var gene = Genes[_rng.Next(Genes.Length)];
        var (i, j) = SameGroupPair();
        return SwapGene(g, gene, i, j);
    }

    private Action? SwapGene(Genome g, Gene gene, int i, int j) => GenomeMoves.SwapGene(g, gene, i, j, _bp.Range);

    private (int I, int J) SameGroupPair() => GenomeMoves.SameGroupPair(_rng, _bp);

    private Action? MoveGene(Genome g, double temperature) => MoveGene(g, Genes[_rng.Next(Genes.Length)], temperature);

    private Action? MoveGene(Genome g, Gene gene, double temperature)
    {
        int i = _rng.Next(_bp.Count);
        return GenomeMoves.PerturbGene(_rng, g, gene, i, _bp.Range(gene, i), Math.Max(0.01, 0.15 * Math.Sqrt(temperature / _options.StartTemperature)), 0.1);
    }

    private Action? SwapAttribute(Genome g)
    {
        var a = Swapped[_rng.Next(Swapped.Length)];
        var (i, j) = SameGroupPair();
        return SwapAttribute(g, a, i, j);
    }

    private Action? SwapAttribute(Genome g, Attr a, int i, int j) => GenomeMoves.SwapAttribute(_bp, g, a, i, j);

    private Action? FlipAttribute(Genome g)
    {
        var a = Flipped[_rng.Next(Flipped.Length)];
        int i = _rng.Next(_bp.Count);
        return FlipAttribute(g, a, i);
    }

    private Action? FlipAttribute(Genome g, Attr a, int i) => GenomeMoves.FlipAttribute(_bp, g, a, i);

    private double Normal() => GenomeMoves.Normal(_rng);

    private static void CopyInto(Genome from, Genome to)
    {
        for (int k = 0; k < from.Attrs.Length; k++) Array.Copy(from.Attrs[k], to.Attrs[k], from.Attrs[k].Length);
        for (int k = 0; k < from.Genes.Length; k++) Array.Copy(from.Genes[k], to.Genes[k], from.Genes[k].Length);
    }

    private static Genome Copy(Genome g)
    {
        var c = new Genome(g.Attrs[0].Length);
        for (int k = 0; k < g.Attrs.Length; k++) Array.Copy(g.Attrs[k], c.Attrs[k], g.Attrs[k].Length);
        for (int k = 0; k < g.Genes.Length; k++) Array.Copy(g.Genes[k], c.Genes[k], g.Genes[k].Length);
        return c;
    }
}
