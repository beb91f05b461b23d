using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// Simulated annealing over a <see cref="Genome"/> (Kirkpatrick et al. 1983), geometric cooling: stage 1 of the
/// reconstruction. This class is the search loop and the starting genome; the moves are <see cref="StageOneMoves"/>,
/// the objective <see cref="TargetScoring"/>, and what follows the annealing <see cref="Refinement"/>. All of them draw
/// from one <see cref="Random"/>(seed), so the result depends only on the seed and the options.
/// </summary>
internal sealed class AnnealingSearch
{
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

    private const int RestartPoints = 3;

    private readonly Blueprint _bp;
    private readonly PublishedTarget[] _targets;
    private readonly ReconstructionOptions _options;
    private readonly CohortBuilder _builder;
    private readonly Random _rng;
    private readonly TargetScoring _scoring;
    private readonly StageOneMoves _moves;
    private readonly Refinement _refinement;

    /// <param name="bp">The blueprint.</param>
    /// <param name="targets">The followed targets with a formula: the objective.</param>
    /// <param name="options">Seed, budget, temperatures and refinement settings.</param>
    public AnnealingSearch(Blueprint bp, PublishedTarget[] targets, ReconstructionOptions options)
    {
        _bp = bp;
        _targets = targets;
        _options = options;
        _builder = new CohortBuilder(bp);
        _rng = new Random(options.Seed);
        _scoring = new TargetScoring(_builder, targets);
        _moves = new StageOneMoves(bp, _rng, options.StartTemperature);
        _refinement = new Refinement(bp, options, _rng, _moves, _scoring);
    }

    /// <summary>
    /// Anneals from <see cref="Initial"/> for <see cref="ReconstructionOptions.Iterations"/> moves, restarting from the best
    /// genome at each of <see cref="RestartPoints"/> points when the chain has fallen behind it, then refines the best
    /// genome (<see cref="Refinement.Focus"/>, <see cref="Refinement.Polish"/>, <see cref="Refinement.Focus"/>).
    /// </summary>
    public ReconstructionResult Run(IProgress<double>? progress, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = Initial();
        var (cost, _) = _scoring.Score(current);
        var best = current.Copy();
        double bestCost = cost;
        int n = _options.Iterations;
        for (int it = 0; it < n; it++)
        {
            double t = _options.StartTemperature * Math.Pow(_options.EndTemperature / _options.StartTemperature, n <= 1 ? 1 : (double)it / (n - 1));
            var undo = _moves.Propose(current, t);
            if (undo is null) continue;
            var (c, _) = _scoring.Score(current);
            if (c <= cost || _rng.NextDouble() < Math.Exp(-(c - cost) / t))
            {
                cost = c;
                if (c < bestCost)
                {
                    bestCost = c;
                    best = current.Copy();
                }
            }
            else undo();
            if (RestartPoints > 0 && (it + 1) % Math.Max(1, n / (RestartPoints + 1)) == 0 && it + 1 < n && cost > bestCost)
            {
                // Restart from the best genome seen (the temperature keeps falling).
                current = best.Copy();
                cost = bestCost;
            }
            if ((it + 1) % 50 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(AnnealingShare * (it + 1.0) / n);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        bestCost = _refinement.Focus(best, bestCost, cancellationToken);
        if (_refinement.Enabled) progress?.Report(AnnealingShare + 0.05);
        bestCost = _refinement.Polish(best, bestCost, cancellationToken);
        if (_refinement.Enabled) progress?.Report(AnnealingShare + 0.15);
        bestCost = _refinement.Focus(best, bestCost, cancellationToken);
        progress?.Report(1);
        var (finalCost, agreeing) = _scoring.Score(best);
        return new ReconstructionResult(_builder.Build(best), finalCost, agreeing, _targets.Length, _options);
    }

    /// <summary>Share of the progress bar given to the annealing: the refinement takes about a quarter of a default run.</summary>
    private double AnnealingShare => _refinement.Enabled ? 0.75 : 1;

    /// <summary>The starting genome: attributes by <see cref="InitAttribute"/>, then every searched value drawn over its starting span.</summary>
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

    /// <summary>
    /// Fixed values first, then the Table 1 counts dealt to the other patients in seeded random order. The EM site
    /// keeps the scripts' values (and draws nothing, so the other values are drawn as before it existed).
    /// </summary>
    private void InitAttribute(Genome g, Attr a)
    {
        if (a == Attr.EmSite)
        {
            for (int i = 0; i < _bp.Count; i++) g[a, i] = Blueprint.ScriptEmSite(_bp.Patients[i]);
            return;
        }
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
}
