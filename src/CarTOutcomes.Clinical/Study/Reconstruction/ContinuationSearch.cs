using System.Globalization;
using System.Text;
using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// The continuation (warm-start) stage: starts from a cohort that the reconstruction made (read back by
/// <see cref="GenomeReader"/>) and searches on, accepting a move only when no headline number that agrees stops
/// agreeing and the count of agreeing numbers does not fall (<see cref="ContinuationScore.Admits(ContinuationScore, bool[])"/>). Among such moves
/// one that raises the headline count or the total count is always taken; one that keeps both is taken by the
/// Metropolis rule on the weighted cost (simulated annealing on the plateau, Kirkpatrick et al. 1983). The result is
/// the best state seen in the order headline count, total count, cost — never worse than the start, by construction.
/// <para>
/// Determinism: the moves are cut into blocks of <see cref="ContinuationOptions.BlockSize"/>; block b draws from
/// <see cref="Random"/>(seed · 1 000 003 + b). A checkpoint after each block (the current and the best genome and the
/// block number) therefore resumes to the same result as an uninterrupted run.
/// </para>
/// </summary>
internal sealed class ContinuationSearch
{
    /// <summary>
    /// Attributes the continuation flips. Not <see cref="Attr.Dead"/>: the vital status of a non-progressed patient keeps
    /// its stage-1 value (stage 1 flips it; the continuation may move the day of death or last contact only). A free
    /// death flag let seed 1 mark three more long non-progressed survivors dead (44 deaths, not 41), so the OS curve fell
    /// to 0 at 85.3 months and every cure model's cure fraction to 0 (docs/reconstruction.md).
    /// </summary>
    internal static readonly Attr[] Flipped = [Attr.Flu, Attr.LdhHigh, Attr.PlateletsLow];
    private static readonly Gene[] AllGenes = Enum.GetValues<Gene>();

    /// <summary>Genes whose exchange between two patients of a group keeps that group's distribution.</summary>
    private static readonly Gene[] ExchangedGenes =
        [Gene.Age, Gene.PriorLines, Gene.Blasts, Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay, Gene.ProgressionDay];

    private readonly Blueprint _bp;
    private readonly CohortBuilder _builder;
    private readonly PublishedTarget[] _targets;
    private readonly double[] _weights;
    private readonly bool[] _headline;
    private readonly bool[] _followed;
    private readonly ContinuationOptions _options;
    private readonly int[] _leadPatients;
    private readonly TargetScoring _values;
    private Random _rng = new(0);

    /// <param name="bp">The blueprint.</param>
    /// <param name="targets">Every target with a formula (followed or not: the agreeing count is the one <c>reproduce</c> gives).</param>
    /// <param name="options">Seed, budget, temperatures.</param>
    public ContinuationSearch(Blueprint bp, PublishedTarget[] targets, ContinuationOptions options)
    {
        _bp = bp;
        _builder = new CohortBuilder(bp);
        _targets = targets;
        _options = options;
        _headline = targets.Select(ContinuationScore.IsHeadline).ToArray();
        _followed = targets.Select(t => t.Followed).ToArray();
        _weights = targets.Select(t => !t.Followed ? 0 : ContinuationScore.IsHeadline(t) ? HeadlineWeight : TargetScoring.Weight(t)).ToArray();
        _leadPatients = Enumerable.Range(0, bp.Count).Where(i => bp.Range(Gene.Lead, i).Max > 0).ToArray();
        _values = new TargetScoring(_builder, targets);
    }

    /// <summary>Weight of a headline target in the cost (the tie-break among moves that keep both counts).</summary>
    public const double HeadlineWeight = 20;

    public Genome Read(Cohort cohort) => GenomeReader.Read(_bp, _builder, cohort);

    /// <summary>
    /// Step of the survival gene in the continuation: a quarter day. Stage 1 keeps whole days. It was introduced while the
    /// reproduction used the library's month of 365.25 / 12 days, at which no whole day gives the OS median limits 9.11
    /// and 23.34 months; at the paper's month (<see cref="StudyConventions.Month"/>, 365 / 12) they are the whole days 277
    /// and 710. It is kept so that the shipped cohort's quarter days are read back and continued exactly. Only the day
    /// of death or last contact takes quarter days; every other day stays whole.
    /// </summary>
    public const double SurvivalStep = 0.25;

    /// <summary>The blueprint's range, with <see cref="SurvivalRange"/> for the survival gene.</summary>
    private GeneRange Range(Gene gene, int i) => gene == Gene.Survival ? SurvivalRange(_bp, i) : _bp.Range(gene, i);

    /// <summary>
    /// The continuation's range of the survival gene: the blueprint's in steps of <see cref="SurvivalStep"/>, and for a
    /// patient without progression (not one of the two early deaths) from day 20 whatever the script's vital status:
    /// stage 1's blueprint starts a script-alive patient at day 600 even when stage 1 marks it dead, which kept every death
    /// without progression after day 600 (a cluster at days 600–631 in the cohort of c36dc7f). A patient alive at last
    /// contact still needs <see cref="MinimumAliveFollowUp"/> days (<see cref="FollowUpRulesHold"/>).
    /// </summary>
    internal static GeneRange SurvivalRange(Blueprint bp, int i)
    {
        var s = bp.Patients[i];
        var r = bp.Range(Gene.Survival, i) with { Step = SurvivalStep };
        return !s.Progressed && !s.EarlyDeath ? r with { Min = MinimumDeathWithoutProgression } : r;
    }

    /// <summary>Earliest day of death without progression (other than the two early deaths of the scripts).</summary>
    public const double MinimumDeathWithoutProgression = 20;

    /// <summary>Fewest days of follow-up of a patient alive without progression at last contact (the scripts' choice).</summary>
    public const double MinimumAliveFollowUp = 600;

    public Cohort Build(Genome g) => _builder.Build(g);

    /// <summary>Scores a genome: agreement of every target and the weighted cost of the followed ones.</summary>
    public ContinuationScore Score(Genome g) =>
        Weighted(g, null) is var (cost, agrees) ? new(cost, agrees, _headline, _followed)
            : new(double.PositiveInfinity, new bool[_targets.Length], _headline, _followed);

    /// <summary>
    /// Σ w · log(1 + miss) and the agreement of each target, over the targets with the given indices (all when null; the
    /// agreements in the subset's order); null when the genome's cohort fails validation.
    /// </summary>
    private (double Cost, bool[] Agrees)? Weighted(Genome g, int[]? subset)
    {
        Cohort cohort;
        try
        {
            cohort = _builder.Build(g);
        }
        catch (CohortValidationException)
        {
            return null;
        }
        var evaluations = TargetRegistry.Evaluate(cohort, subset is null ? _targets : subset.Select(k => _targets[k]).ToArray());
        var agrees = new bool[evaluations.Count];
        double cost = 0;
        for (int m = 0; m < evaluations.Count; m++)
        {
            var e = evaluations[m];
            int k = subset?[m] ?? m;
            agrees[m] = e.Agrees;
            if (_weights[k] == 0) continue;
            double miss = e.Reproduced is double v ? TargetEvaluation.Miss(e.Target, v) : 100;
            cost += _weights[k] * Math.Log(1 + miss);
        }
        return (cost, agrees);
    }

    /// <summary>
    /// Runs blocks <paramref name="state"/>.Block … until the budget is spent; after each block <paramref name="checkpoint"/>
    /// receives the state (the caller may save it and resume from it later).
    /// </summary>
    public ContinuationState Run(ContinuationState state, IProgress<double>? progress, Action<ContinuationState>? checkpoint, CancellationToken cancellationToken)
    {
        int size = _options.BlockSize;
        int mainBlocks = (_options.Iterations + size - 1) / size;
        var families = _options.FocusMoves > 0 ? FocusBlocks() : [];
        var focus = Enumerable.Repeat(families, _options.FocusRounds).SelectMany(f => f).ToArray();
        int blocks = mainBlocks + focus.Length;
        var current = state.Current.Copy();
        var best = state.Best.Copy();
        var cur = Score(current);
        var bestScore = Score(best);
        for (int b = state.Block; b < blocks; b++)
        {
            _rng = new Random(unchecked(_options.Seed * 1000003 + b));
            if (b >= mainBlocks)
            {
                // The focused phase: one family at a time, from the best state; the chain goes on from the result.
                progress?.Report((double)b / blocks);
                bestScore = Focus(best, bestScore, focus[b - mainBlocks], cancellationToken);
                current = best.Copy();
                cur = bestScore;
                checkpoint?.Invoke(new ContinuationState(b + 1, current.Copy(), best.Copy()) { Status = Status(bestScore) });
                continue;
            }
            int moves = Math.Min(size, _options.Iterations - b * size);
            for (int m = 0; m < moves; m++)
            {
                int it = b * size + m;
                if (m % 50 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report((double)it / _options.Iterations * mainBlocks / blocks);
                }
                double t = _options.StartTemperature * Math.Pow(_options.EndTemperature / _options.StartTemperature,
                    _options.Iterations <= 1 ? 1 : (double)it / (_options.Iterations - 1));
                var undo = Propose(current, t);
                if (undo is null) continue;
                if (!FollowUpRulesHold(current))
                {
                    // The OS curve would end in a death (at 0), or a patient alive without progression would be followed
                    // less than MinimumAliveFollowUp days: refused before scoring.
                    undo();
                    continue;
                }
                var c = Score(current);
                if (Accept(cur, c, bestScore, t))
                {
                    cur = c;
                    if (c.CompareTo(bestScore) > 0)
                    {
                        bestScore = c;
                        best = current.Copy();
                    }
                }
                else undo();
            }
            var next = new ContinuationState(b + 1, current.Copy(), best.Copy()) { Status = Status(bestScore) };
            checkpoint?.Invoke(next);
        }
        progress?.Report(1);
        return new ContinuationState(blocks, current, best) { Status = Status(bestScore) };
    }

    private static string Status(ContinuationScore s) =>
        string.Create(CultureInfo.InvariantCulture, $"best: {s.Agreeing} agree ({s.FollowedAgreeing} followed), {s.HeadlineAgreeing} headline, cost {s.Cost:F3}");

    /// <summary>
    /// The acceptance rule: admissible (<see cref="ContinuationScore.Admits(ContinuationScore, bool[], ContinuationAcceptance)"/>),
    /// then more headline numbers agreeing always (under <see cref="ContinuationAcceptance.NeverWorse"/> also more followed
    /// numbers), otherwise Metropolis on the cost.
    /// </summary>
    private bool Accept(ContinuationScore cur, ContinuationScore c, ContinuationScore best, double t)
    {
        bool slack = _options.Slack > 0;
        // Threshold accepting (Dueck & Scheuer 1990) on the counts: with a slack the chain may fall up to Slack numbers
        // below the best state seen, never below, and never loses an agreeing headline number.
        if (!cur.Admits(c, _headline, slack ? ContinuationAcceptance.HeadlineFirst : _options.Acceptance)) return false;
        if (slack && (c.Agreeing < best.Agreeing - _options.Slack || c.FollowedAgreeing < best.FollowedAgreeing - _options.Slack)) return false;
        if (c.HeadlineAgreeing > cur.HeadlineAgreeing) return true;
        if ((slack || _options.Acceptance == ContinuationAcceptance.NeverWorse) && c.FollowedAgreeing > cur.FollowedAgreeing) return true;
        return c.Cost <= cur.Cost || _rng.NextDouble() < Math.Exp(-(c.Cost - cur.Cost) / t);
    }

    // ---- the focused phase ----

    private const double FocusStartTemperature = 0.5;
    private const double FocusEndTemperature = 0.01;
    private const int DependencyProbes = 30;

    /// <summary>A family of baseline values moved together in the focused phase.</summary>
    internal sealed record FocusBlock(string Name, Func<Genome, double, Action?> Move);

    /// <summary>
    /// The families of the focused phase, in a fixed order: each counted attribute (exchanged within a group, so Table 1's
    /// counts hold), each free flag (<see cref="Flipped"/>), each searched value that is not a time (exchanged within a
    /// group, or stepped), and three families that enter the same models together: the corticosteroids (who received
    /// them, start day, duration and dose: Table 1 and Table 2), tocilizumab (who and the start day) and Table 3's
    /// multivariable model (bridging and the marrow blasts at relapse).
    /// </summary>
    internal FocusBlock[] FocusBlocks()
    {
        var blocks = new List<FocusBlock>();
        foreach (var a in GenomeMoves.CountedAttributes) blocks.Add(new(a.ToString(), (g, _) => SwapAttribute(g, a)));
        foreach (var a in Flipped) blocks.Add(new(a.ToString(), (g, _) => FlipAttribute(g, a, _rng.Next(_bp.Count))));
        foreach (var gene in FocusGenes) blocks.Add(new(gene.ToString(), (g, t) => MoveValue(g, gene, t)));
        blocks.Add(new("Steroid family", (g, t) => _rng.Next(4) switch
        {
            0 => SwapAttribute(g, Attr.Steroid),
            1 => MoveValue(g, Gene.SteroidDay, t),
            2 => MoveValue(g, Gene.SteroidDuration, t),
            _ => MoveValue(g, Gene.SteroidDose, t),
        }));
        blocks.Add(new("Tocilizumab family", (g, t) => _rng.Next(2) == 0 ? SwapAttribute(g, Attr.Toci) : MoveValue(g, Gene.TociDay, t)));
        blocks.Add(new("Table 3 model", (g, t) => _rng.Next(2) == 0 ? SwapAttribute(g, Attr.Bridging) : MoveValue(g, Gene.Blasts, t)));
        if (_leadPatients.Length > 0) blocks.Add(new("Salvage leads", MoveLeadKeepingEnd));
        return [.. blocks];
    }

    /// <summary>Searched values that are not times (a time moves nearly every target and stays with the main moves).</summary>
    private static readonly Gene[] FocusGenes =
        [Gene.Age, Gene.PriorLines, Gene.Blasts, Gene.SteroidDay, Gene.SteroidDuration, Gene.SteroidDose, Gene.TociDay];

    /// <summary>Half the time an exchange of the value between two patients of a group, otherwise a step of one patient's value.</summary>
    private Action? MoveValue(Genome g, Gene gene, double t) =>
        _rng.Next(2) == 0 ? SwapGene(g, gene) : MoveGene(g, gene, _rng.Next(_bp.Count), t);

    /// <summary>
    /// One family of the focused phase, from <paramref name="best"/> (changed in place): finds the targets the family's
    /// moves change (<see cref="DependencyProbes"/> probes), anneals the family's moves alone on the weighted cost of
    /// those targets (Metropolis from <see cref="FocusStartTemperature"/> to <see cref="FocusEndTemperature"/>; their
    /// counts may fall on the way, which the main moves never allow), and keeps a state the family reaches only when the
    /// full score admits it from the start (<see cref="ContinuationScore.Admits(ContinuationScore, bool[])"/>: no
    /// headline number lost, no count falling) and is better (<see cref="ContinuationScore.CompareTo"/>). A state is
    /// scored in full when it agrees on more of the family's targets than the best so far, or on as many at a lower
    /// cost. Never worse than its start, by construction.
    /// </summary>
    private ContinuationScore Focus(Genome best, ContinuationScore bestScore, FocusBlock block, CancellationToken cancellationToken)
    {
        var start = bestScore;
        var deps = Dependents(best, block);
        if (deps.Length == 0) return bestScore;
        var g = best.Copy();
        var sub = ScoreSubset(g, deps);
        var bestSub = sub;
        int moves = _options.FocusMoves;
        for (int m = 0; m < moves; m++)
        {
            if (m % 50 == 0) cancellationToken.ThrowIfCancellationRequested();
            double t = FocusStartTemperature * Math.Pow(FocusEndTemperature / FocusStartTemperature, moves <= 1 ? 1 : (double)m / (moves - 1));
            var undo = block.Move(g, t);
            if (undo is null) continue;
            if (!FollowUpRulesHold(g))
            {
                undo();
                continue;
            }
            var c = ScoreSubset(g, deps);
            if (!(c.Cost <= sub.Cost || _rng.NextDouble() < Math.Exp(-(c.Cost - sub.Cost) / t)))
            {
                undo();
                continue;
            }
            sub = c;
            if (c.Headline < bestSub.Headline || (c.Headline == bestSub.Headline && (c.Agreeing < bestSub.Agreeing
                || (c.Agreeing == bestSub.Agreeing && c.Cost >= bestSub.Cost)))) continue;
            var full = Score(g);
            if (!start.Admits(full, _headline) || full.CompareTo(bestScore) <= 0) continue;
            bestScore = full;
            bestSub = c;
            g.CopyTo(best);
        }
        return bestScore;
    }

    /// <summary>Indices of the targets whose reproduced value changes under some of <see cref="DependencyProbes"/> moves of the family.</summary>
    private int[] Dependents(Genome g, FocusBlock block)
    {
        var changed = GenomeMoves.ChangedBy(g, _values.Values, () => block.Move(g, FocusStartTemperature), DependencyProbes);
        return Enumerable.Range(0, _targets.Length).Where(m => changed[m] && _followed[m]).ToArray();
    }

    /// <summary>The weighted cost, the agreeing count and the agreeing headline count over the targets with the given indices.</summary>
    private (double Cost, int Agreeing, int Headline) ScoreSubset(Genome g, int[] subset)
    {
        if (Weighted(g, subset) is not var (cost, agrees)) return (double.PositiveInfinity, 0, 0);
        int agree = 0, headline = 0;
        for (int m = 0; m < subset.Length; m++)
        {
            if (!agrees[m]) continue;
            agree++;
            if (_headline[subset[m]]) headline++;
        }
        return (cost, agree, headline);
    }

    // ---- moves ----

    /// <summary>Applies one random move and returns how to undo it (null when no move was possible).</summary>
    private Action? Propose(Genome g, double t)
    {
        double u = _rng.NextDouble();
        if (u < 0.25) return MoveGene(g, AllGenes[_rng.Next(AllGenes.Length)], _rng.Next(_bp.Count), t);
        if (u < 0.35) return MoveLead(g, t);
        if (u < 0.45) return ShiftProgression(g, t);
        if (u < 0.55) return PlaceEnd(g);
        if (u < 0.60) return ExchangeEnds(g);
        if (u < 0.65) return ShiftEnds(g, t);
        if (u < 0.75) return SwapGene(g, ExchangedGenes[_rng.Next(ExchangedGenes.Length)]);
        if (u < 0.95) return SwapAttribute(g, GenomeMoves.CountedAttributes[_rng.Next(GenomeMoves.CountedAttributes.Length)]);
        return FlipAttribute(g, Flipped[_rng.Next(Flipped.Length)], _rng.Next(_bp.Count));
    }

    /// <summary>
    /// The targeted family of the salvage hazard ratios: the untreated time from progression to the first salvage line
    /// (<see cref="Gene.Lead"/>) or the spacing of the unprinted lines before a printed day (<see cref="Gene.Spacing"/>),
    /// of a patient whose first line's day is not printed. Half the moves draw a short lead (3–30 days), as the
    /// Results' salvage HR suggests; the others take a Gaussian step.
    /// </summary>
    private Action? MoveLead(Genome g, double t)
    {
        if (_leadPatients.Length == 0) return null;
        return MoveLeadOf(g, _leadPatients[_rng.Next(_leadPatients.Length)], t);
    }

    private Action? MoveLeadOf(Genome g, int i, double t)
    {
        var gene = Range(Gene.Spacing, i).Max > 0 && _rng.Next(3) == 0 ? Gene.Spacing : Gene.Lead;
        if (gene == Gene.Lead && _rng.Next(2) == 0)
        {
            double old = g[gene, i];
            double v = Range(gene, i).Clamp(Blueprint.MinimumLead + _rng.Next(28));
            if (v == old) return null;
            g[gene, i] = v;
            return () => g[gene, i] = old;
        }
        return MoveGene(g, gene, i, t);
    }

    /// <summary>
    /// <see cref="MoveLead"/> with the day of death or last contact kept where it was when the survival range allows it
    /// (the survival value counts from the last scripted event, which a lead can move): the untreated time before salvage
    /// changes, the survival curves do not. The focused phase's salvage-lead family uses it.
    /// </summary>
    private Action? MoveLeadKeepingEnd(Genome g, double t)
    {
        if (_leadPatients.Length == 0) return null;
        int i = _leadPatients[_rng.Next(_leadPatients.Length)];
        double oldS = g[Gene.Survival, i], end = EndDay(g, i);
        var undo = MoveLeadOf(g, i, t);
        if (undo is null) return null;
        g[Gene.Survival, i] = Range(Gene.Survival, i).Clamp(end - _builder.FollowUpBase(g, i));
        return () =>
        {
            undo();
            g[Gene.Survival, i] = oldS;
        };
    }

    // smaller steps and fewer redraws than stage 1's: the continuation refines a cohort that already agrees widely
    private Action? MoveGene(Genome g, Gene gene, int i, double t) =>
        GenomeMoves.PerturbGene(_rng, g, gene, i, Range(gene, i), Math.Max(0.005, 0.1 * Math.Sqrt(t / _options.StartTemperature)), 0.05);

    /// <summary>Progression day by d and survival after the last event by −d (the day of death stays).</summary>
    private Action? ShiftProgression(Genome g, double t)
    {
        int i = _rng.Next(Blueprint.ProgressedCount);
        var rp = Range(Gene.ProgressionDay, i);
        if (rp.Max <= rp.Min) return null;
        double oldP = g[Gene.ProgressionDay, i], oldS = g[Gene.Survival, i];
        double end = _builder.FollowUpBase(g, i) + oldS;
        double d = Math.Round(Normal() * TimeScale(t));
        if (d == 0) d = _rng.Next(2) == 0 ? -1 : 1;
        g[Gene.ProgressionDay, i] = rp.Clamp(oldP + d);
        // Keep the follow-up end where it was when the survival range allows it.
        g[Gene.Survival, i] = Range(Gene.Survival, i).Clamp(end - _builder.FollowUpBase(g, i));
        if (g[Gene.ProgressionDay, i] == oldP)
        {
            g[Gene.Survival, i] = oldS;
            return null;
        }
        return () =>
        {
            g[Gene.ProgressionDay, i] = oldP;
            g[Gene.Survival, i] = oldS;
        };
    }

    /// <summary>
    /// Whether the longest overall-survival follow-up ends in a censoring, with no death on that day: then the Kaplan–Meier
    /// OS curve ends on its plateau instead of at 0 (a CAR T cohort has long-term survivors; a last death would take
    /// every cure model's cure fraction to 0). The continuation refuses every move to a state where this fails, so its
    /// result ends censored whenever its start does.
    /// </summary>
    internal bool FollowUpRulesHold(Genome g) => LastOsTimeCensored(g) && AliveFollowUpsLongEnough(g);

    /// <summary>Whether every patient alive without progression at last contact is followed at least <see cref="MinimumAliveFollowUp"/> days.</summary>
    internal bool AliveFollowUpsLongEnough(Genome g)
    {
        for (int i = 0; i < _bp.Count; i++)
            if (!_bp.Patients[i].Progressed && !_bp.Patients[i].EarlyDeath && Status(g, i) == 0 && EndDay(g, i) < MinimumAliveFollowUp) return false;
        return true;
    }

    internal bool LastOsTimeCensored(Genome g)
    {
        double last = double.NegativeInfinity;
        bool death = false, censored = false;
        for (int i = 0; i < _bp.Count; i++)
        {
            double e = EndDay(g, i);
            if (e > last)
            {
                last = e;
                death = censored = false;
            }
            if (e == last)
            {
                if (Status(g, i) == 1) death = true;
                else censored = true;
            }
        }
        return censored && !death;
    }

    /// <summary>Day the follow-up of patient i ends (death or last contact) under the genome.</summary>
    private double EndDay(Genome g, int i)
    {
        double b = _builder.FollowUpBase(g, i);
        return _bp.Patients[i].Progressed ? b + g[Gene.Survival, i] : Math.Max(g[Gene.Survival, i], b);
    }

    /// <summary>Sets the survival gene of patient i so that its follow-up ends on <paramref name="day"/>; null when its range does not allow it.</summary>
    private Action? SetEnd(Genome g, int i, double day)
    {
        double old = g[Gene.Survival, i];
        double v = _bp.Patients[i].Progressed ? day - _builder.FollowUpBase(g, i) : day;
        var r = Range(Gene.Survival, i);
        if (r.Clamp(v) != v || v == old) return null;
        if (!_bp.Patients[i].Progressed && v < _builder.FollowUpBase(g, i)) return null;
        g[Gene.Survival, i] = v;
        return () => g[Gene.Survival, i] = old;
    }

    /// <summary>
    /// Kaplan–Meier step placement: moves the death or last contact of one patient to just before, on, or just after the
    /// death or last contact of another (−1, −¼, 0, +¼ or +1 day). A median, its log-transformed limits and a landmark estimate
    /// change only when an event crosses another or a landmark, so the move changes the order of two events, which is
    /// what they depend on, without the large jumps of a Gaussian step.
    /// </summary>
    private Action? PlaceEnd(Genome g)
    {
        int i = _rng.Next(_bp.Count), j = _rng.Next(_bp.Count);
        if (i == j) return null;
        return SetEnd(g, i, EndDay(g, j) + PlaceOffsets[_rng.Next(PlaceOffsets.Length)]);
    }

    private static readonly double[] PlaceOffsets = [-1, -SurvivalStep, 0, SurvivalStep, 1];

    /// <summary>
    /// Exchanges the follow-up ends of two patients with the same vital status: the overall survival curve stays
    /// exactly as it is while who dies when changes (the Cox models, the progression subgroups and the salvage curves move).
    /// </summary>
    private Action? ExchangeEnds(Genome g)
    {
        int i = _rng.Next(_bp.Count), j = _rng.Next(_bp.Count);
        if (i == j) return null;
        double ei = EndDay(g, i), ej = EndDay(g, j);
        if (ei == ej || Status(g, i) != Status(g, j)) return null;
        var undoI = SetEnd(g, i, ej);
        if (undoI is null) return null;
        var undoJ = SetEnd(g, j, ei);
        if (undoJ is null)
        {
            undoI();
            return null;
        }
        return () =>
        {
            undoJ();
            undoI();
        };
    }

    private int Status(Genome g, int i) => _bp.Patients[i].Progressed || _bp.Patients[i].EarlyDeath
        ? (_bp.Patients[i].Status == VitalStatus.Dead ? 1 : 0)
        : g[Attr.Dead, i];

    /// <summary>Shifts the follow-up end of 2–4 patients of one group by the same number of days (a stretch of a curve).</summary>
    private Action? ShiftEnds(Genome g, double t) => GenomeMoves.ShiftSurvival(_rng, _bp, g, 4, TimeScale(t), Range);

    /// <summary>Days of a time move: about 60 days at the start temperature, shrinking to about 5.</summary>
    private double TimeScale(double t) => Math.Max(5, 60 * Math.Sqrt(t / _options.StartTemperature));

    private Action? SwapGene(Genome g, Gene gene) => GenomeMoves.SwapGeneInGroup(_rng, _bp, g, gene, Range);

    private Action? SwapAttribute(Genome g, Attr a) => GenomeMoves.SwapAttributeInGroup(_rng, _bp, g, a);

    private Action? FlipAttribute(Genome g, Attr a, int i) => GenomeMoves.FlipAttribute(_bp, g, a, i);

    private double Normal() => GenomeMoves.Normal(_rng);
}

/// <summary>
/// Where a continuation stands: the next block to run, the current genome of the chain and the best genome seen. Saved
/// after every block as a checkpoint (<see cref="ToText"/>) and read back by <see cref="Parse"/>.
/// </summary>
internal sealed record ContinuationState(int Block, Genome Current, Genome Best)
{
    /// <summary>A line on the best state's counts (written into the checkpoint as a comment; not read back).</summary>
    public string? Status { get; init; }

    private const string Header = "# cartoutcomes reconstruct --continue-from checkpoint v1";

    /// <summary>The state as text: a header, the settings it belongs to, the block, then one line per attribute and gene of each genome (round-trip doubles).</summary>
    public string ToText(ContinuationOptions options)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Header);
        if (Status is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"# {Status}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"settings {Settings(options)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"block {Block}");
        Write(sb, "current", Current);
        Write(sb, "best", Best);
        return sb.ToString();
    }

    private static string Settings(ContinuationOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"seed={o.Seed} iterations={o.Iterations} start={o.StartTemperature:R} end={o.EndTemperature:R} block={o.BlockSize}")
        // the default acceptance adds nothing, so checkpoints written before the option existed still resume
        + (o.Acceptance == ContinuationAcceptance.NeverWorse ? "" : $" acceptance={o.Acceptance}")
        + (o.Slack == 0 ? "" : $" slack={o.Slack}")
        + (o.FocusMoves == 0 ? "" : $" focus={o.FocusMoves}")
        + (o.FocusMoves == 0 || o.FocusRounds == 1 ? "" : $" rounds={o.FocusRounds}");

    private static void Write(StringBuilder sb, string name, Genome g)
    {
        foreach (var a in Enum.GetValues<Attr>())
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name} attr {a} {string.Join(' ', g.Attrs[(int)a])}");
        foreach (var gene in Enum.GetValues<Gene>())
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name} gene {gene} {string.Join(' ', g.Genes[(int)gene].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
    }

    /// <summary>Reads a checkpoint written by <see cref="ToText"/> for the same settings; a clear error otherwise.</summary>
    public static ContinuationState Parse(string text, ContinuationOptions options, int count, string source)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where((l, k) => l.Length > 0 && (k == 0 || !l.StartsWith('#'))).ToArray();
        if (lines.Length < 3 || lines[0] != Header) throw new InvalidDataException($"{source}: not a continuation checkpoint (line 1 should be \"{Header}\").");
        if (lines[1] != $"settings {Settings(options)}")
            throw new InvalidDataException($"{source}: the checkpoint was made with other settings ({lines[1]}); this run has settings {Settings(options)}.");
        if (!lines[2].StartsWith("block ", StringComparison.Ordinal) || !int.TryParse(lines[2].AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int block))
            throw new InvalidDataException($"{source}, line 3: expected \"block N\", found \"{lines[2]}\".");
        var genomes = new Dictionary<string, Genome> { ["current"] = new Genome(count), ["best"] = new Genome(count) };
        int expected = 2 * (Enum.GetValues<Attr>().Length + Enum.GetValues<Gene>().Length);
        if (lines.Length != 3 + expected) throw new InvalidDataException($"{source}: expected {3 + expected} lines, found {lines.Length} (truncated?).");
        for (int k = 3; k < lines.Length; k++)
        {
            var f = lines[k].Split(' ');
            if (f.Length != 3 + count || !genomes.TryGetValue(f[0], out var g))
                throw new InvalidDataException($"{source}, line {k + 1}: expected \"current|best attr|gene NAME\" and {count} values.");
            for (int i = 0; i < count; i++)
            {
                string v = f[3 + i];
                if (f[1] == "attr" && Enum.TryParse<Attr>(f[2], out var a) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int x)) g[a, i] = x;
                else if (f[1] == "gene" && Enum.TryParse<Gene>(f[2], out var gene) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) g[gene, i] = d;
                else throw new InvalidDataException($"{source}, line {k + 1}, value {i + 1}: \"{v}\" is not a value of {f[1]} {f[2]}.");
            }
        }
        return new ContinuationState(block, genomes["current"], genomes["best"]);
    }
}
