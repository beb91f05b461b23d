using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>Simulated annealing over a <see cref="Genome"/> (Kirkpatrick et al. 1983), geometric cooling.</summary>
internal sealed class AnnealingSearch
{
    private static readonly Attr[] Swapped = Enum.GetValues<Attr>().Where(a => Blueprint.Counts(a) is not null).ToArray();
    private static readonly Attr[] Flipped = [Attr.Flu, Attr.LdhHigh, Attr.PlateletsLow, Attr.Dead];
    private static readonly Gene[] Genes = Enum.GetValues<Gene>();

    private readonly Blueprint _bp;
    private readonly PublishedTarget[] _targets;
    private readonly ReconstructionOptions _options;
    private readonly CohortBuilder _builder;
    private readonly Random _rng;

    public AnnealingSearch(Blueprint bp, PublishedTarget[] targets, ReconstructionOptions options)
    {
        _bp = bp;
        _targets = targets;
        _options = options;
        _builder = new CohortBuilder(bp);
        _rng = new Random(options.Seed);
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
            if ((it + 1) % 50 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report((it + 1.0) / n);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        bestCost = Polish(best, bestCost);
        progress?.Report(1);
        var (finalCost, agreeing) = Score(best);
        return new ReconstructionResult(_builder.Build(best), finalCost, agreeing, _targets.Length, _options);
    }

    /// <summary>
    /// Coordinate descent after the annealing: for every searched value of every patient, tries steps of ±1, ±5 and
    /// ±20 units and keeps the best strict improvement; repeats up to <see cref="PolishSweeps"/> sweeps. Deterministic
    /// (fixed order, no random numbers).
    /// </summary>
    private double Polish(Genome g, double cost)
    {
        // Small budgets (tests, quick looks) skip the polish: a sweep costs about 4000 evaluations.
        if (_options.Iterations < PolishMinimumIterations) return cost;
        for (int sweep = 0; sweep < PolishSweeps; sweep++)
        {
            bool improved = false;
            foreach (var gene in Genes)
                for (int i = 0; i < _bp.Count; i++)
                {
                    var r = _bp.Range(gene, i);
                    if (r.Max <= r.Min) continue;
                    double old = g[gene, i], bestValue = old, bestCost = cost;
                    foreach (int k in PolishSteps)
                    {
                        double v = r.Clamp(old + k * r.Step);
                        if (v == old) continue;
                        g[gene, i] = v;
                        double c = Score(g).Cost;
                        if (c < bestCost - 1e-12)
                        {
                            bestCost = c;
                            bestValue = v;
                        }
                    }
                    g[gene, i] = bestValue;
                    if (bestValue != old)
                    {
                        cost = bestCost;
                        improved = true;
                    }
                }
            if (!improved) break;
        }
        return cost;
    }

    private const int PolishSweeps = 3;
    private const int PolishMinimumIterations = 1000;
    private static readonly int[] PolishSteps = [-20, -5, -1, 1, 5, 20];

    private (double Cost, int Agreeing) Score(Genome g)
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
        double cost = 0;
        int agree = 0;
        foreach (var e in TargetRegistry.Evaluate(cohort, _targets))
        {
            double miss = e.Reproduced is double v ? TargetEvaluation.Miss(e.Target, v) : 100;
            if (miss == 0) agree++;
            cost += Math.Log(1 + miss);
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
        if (u < 0.55) return MoveGene(g, temperature);
        if (u < 0.9) return SwapAttribute(g);
        return FlipAttribute(g);
    }

    private Action? MoveGene(Genome g, double temperature)
    {
        var gene = Genes[_rng.Next(Genes.Length)];
        int i = _rng.Next(_bp.Count);
        var r = _bp.Range(gene, i);
        if (r.Max <= r.Min) return null;
        double old = g[gene, i];
        double scale = (r.Max - r.Min) * Math.Max(0.01, 0.15 * Math.Sqrt(temperature / _options.StartTemperature));
        double proposed = _rng.NextDouble() < 0.1 ? r.Min + _rng.NextDouble() * (r.Max - r.Min) : old + Normal() * scale;
        double value = r.Clamp(proposed);
        if (value == old) value = r.Clamp(old + (_rng.Next(2) == 0 ? -r.Step : r.Step));
        if (value == old) return null;
        g[gene, i] = value;
        return () => g[gene, i] = old;
    }

    private Action? SwapAttribute(Genome g)
    {
        var a = Swapped[_rng.Next(Swapped.Length)];
        bool progressed = _rng.Next(56) < Blueprint.ProgressedCount;
        int lo = progressed ? 0 : Blueprint.ProgressedCount, hi = progressed ? Blueprint.ProgressedCount : _bp.Count;
        int i = _rng.Next(lo, hi), j = _rng.Next(lo, hi);
        int vi = g[a, i], vj = g[a, j];
        if (i == j || vi == vj) return null;
        if (_bp.Allowed(a, i) is { } ai && !ai.Contains(vj)) return null;
        if (_bp.Allowed(a, j) is { } aj && !aj.Contains(vi)) return null;
        g[a, i] = vj;
        g[a, j] = vi;
        return () =>
        {
            g[a, i] = vi;
            g[a, j] = vj;
        };
    }

    private Action? FlipAttribute(Genome g)
    {
        var a = Flipped[_rng.Next(Flipped.Length)];
        int i = _rng.Next(_bp.Count);
        if (_bp.Allowed(a, i) is not null) return null;
        int old = g[a, i];
        g[a, i] = 1 - old;
        return () => g[a, i] = old;
    }

    private double Normal()
    {
        // Box–Muller transform.
        double u1 = 1 - _rng.NextDouble(), u2 = _rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static Genome Copy(Genome g)
    {
        var c = new Genome(g.Attrs[0].Length);
        for (int k = 0; k < g.Attrs.Length; k++) Array.Copy(g.Attrs[k], c.Attrs[k], g.Attrs[k].Length);
        for (int k = 0; k < g.Genes.Length; k++) Array.Copy(g.Genes[k], c.Genes[k], g.Genes[k].Length);
        return c;
    }
}
