using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>Settings of the reconstruction search.</summary>
/// <param name="Seed">Seed of <see cref="Random"/>; the same seed and budget give the same cohort.</param>
/// <param name="Iterations">Number of proposed moves (each rebuilds the cohort and re-runs every analysis).</param>
public sealed record ReconstructionOptions(int Seed = 1, int Iterations = 100000)
{
    /// <summary>Starting temperature of the annealing schedule (in objective units).</summary>
    public double StartTemperature { get; init; } = 1.0;

    /// <summary>Final temperature of the annealing schedule.</summary>
    public double EndTemperature { get; init; } = 0.01;

    /// <summary>
    /// Whether the annealing is followed by the refinement: focused block annealing, coordinate and exchange polish,
    /// focused block annealing again (see docs/reconstruction.md). Budgets under 1000 moves (tests, quick looks) skip
    /// it whatever this says.
    /// </summary>
    public bool Refine { get; init; } = true;

    /// <summary>Moves of each block's annealing in a focused phase of the refinement.</summary>
    public int RefinementMoves { get; init; } = 10000;

    /// <summary>Most sweeps of the polish (coordinate steps and exhaustive exchanges); it stops earlier when a sweep improves nothing.</summary>
    public int PolishSweeps { get; init; } = 10;
}

/// <summary>Settings of the continuation search (<see cref="CohortReconstruction.Continue"/>).</summary>
/// <param name="Seed">Seed of the moves; the same start cohort, seed and budget give the same cohort.</param>
/// <param name="Iterations">Number of proposed moves (each rebuilds the cohort and re-runs every analysis).</param>
public sealed record ContinuationOptions(int Seed = 1, int Iterations = 20000)
{
    /// <summary>Starting temperature of the annealing among moves that keep both counts (in cost units).</summary>
    public double StartTemperature { get; init; } = 0.3;

    /// <summary>Final temperature.</summary>
    public double EndTemperature { get; init; } = 0.01;

    /// <summary>
    /// Moves per block: each block draws from its own <see cref="Random"/>(seed · 1 000 003 + block), and a checkpoint is
    /// offered after each, so a resumed run gives the same cohort as an uninterrupted one.
    /// </summary>
    public int BlockSize { get; init; } = 1000;

    /// <summary>Which moves the continuation admits (<see cref="ContinuationAcceptance"/>); never worse by default.</summary>
    public ContinuationAcceptance Acceptance { get; init; } = ContinuationAcceptance.NeverWorse;

    /// <summary>
    /// How many agreeing numbers the chain may fall below the best state seen (threshold accepting on the counts); 0, the
    /// default, keeps <see cref="Acceptance"/>. With a slack the chain never loses an agreeing headline number and never
    /// falls more than this below the best count, and the result is still the best state seen.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int Slack
    {
        get => _slack;
        init => _slack = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Slack), value, "The slack is a count of numbers: 0 or more.");
    }

    private readonly int _slack;

    /// <summary>
    /// Moves of each block's annealing in the focused phase that follows the main moves; 0, the default, skips the
    /// phase. A block is one family of baseline values (a counted attribute, a free flag, a searched value, or the
    /// corticosteroid, tocilizumab or Table 3 model family), annealed alone on the targets it moves, with those targets'
    /// counts free to fall on the way; its best state is kept only when the full score admits it and is better
    /// (docs/reconstruction.md, "The focused phase").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int FocusMoves
    {
        get => _focusMoves;
        init => _focusMoves = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FocusMoves), value, "FocusMoves is a number of moves: 0 or more.");
    }

    private readonly int _focusMoves;

    /// <summary>How many times the focused phase goes through its families (when <see cref="FocusMoves"/> is positive); 1 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int FocusRounds
    {
        get => _focusRounds;
        init => _focusRounds = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(FocusRounds), value, "FocusRounds is a number of rounds: 1 or more.");
    }

    private readonly int _focusRounds = 1;
}

/// <summary>Which moves a continuation admits. Both keep every agreeing headline number; they differ on the others.</summary>
public enum ContinuationAcceptance
{
    /// <summary>
    /// No agreeing headline number stops agreeing and the counts of agreeing numbers (followed and all) never fall: the
    /// result is never worse than the start on any count.
    /// </summary>
    NeverWorse,

    /// <summary>
    /// No agreeing headline number stops agreeing; the other numbers may be traded (Metropolis on the weighted cost), so
    /// the chain can cross a stretch where other numbers stop agreeing to reach one more headline number. The result is
    /// the best state in the order headline count, followed count, total, cost: never fewer headline numbers than the
    /// start, but possibly fewer others (a never-worse continuation afterwards can repair them).
    /// </summary>
    HeadlineFirst,
}

/// <summary>The outcome of a reconstruction.</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class ReconstructionResult
{
    internal ReconstructionResult(Cohort cohort, double objective, int agreeing, int evaluated, ReconstructionOptions options)
    {
        Cohort = cohort;
        Objective = objective;
        Agreeing = agreeing;
        Evaluated = evaluated;
        Options = options;
    }

    internal ReconstructionResult(Cohort cohort, double objective, int agreeing, int evaluated, ContinuationOptions continuation,
        int publishedAgreeing, int headlineAgreeing, int startPublishedAgreeing, int startHeadlineAgreeing)
        : this(cohort, objective, agreeing, evaluated, new ReconstructionOptions(continuation.Seed, continuation.Iterations))
    {
        Continuation = continuation;
        PublishedAgreeing = publishedAgreeing;
        HeadlineAgreeing = headlineAgreeing;
        StartPublishedAgreeing = startPublishedAgreeing;
        StartHeadlineAgreeing = startHeadlineAgreeing;
    }

    /// <summary>The continuation's settings (null for stage 1, <see cref="CohortReconstruction.Run"/>).</summary>
    public ContinuationOptions? Continuation { get; }

    /// <summary>Continuation only: targets with a formula, followed or not, that agree (the count <c>cartoutcomes reproduce</c> gives).</summary>
    public int? PublishedAgreeing { get; }

    /// <summary>Continuation only: headline targets that agree (abstract, Figure 1, Figure 3 captions, Results on outcomes, progression and salvage).</summary>
    public int? HeadlineAgreeing { get; }

    /// <summary>Continuation only: <see cref="PublishedAgreeing"/> of the cohort it started from.</summary>
    public int? StartPublishedAgreeing { get; }

    /// <summary>Continuation only: <see cref="HeadlineAgreeing"/> of the cohort it started from.</summary>
    public int? StartHeadlineAgreeing { get; }

    /// <summary>The synthetic cohort (56 patients).</summary>
    public Cohort Cohort { get; }

    /// <summary>Final objective: the weighted sum over followed targets of log(1 + miss), miss in units of the printed last digit (survival estimates weigh 6, other targets 1).</summary>
    public double Objective { get; }

    /// <summary>Followed, evaluable targets that agree.</summary>
    public int Agreeing { get; }

    /// <summary>Followed targets with a formula (the ones the objective counts).</summary>
    public int Evaluated { get; }

    /// <summary>The options used.</summary>
    public ReconstructionOptions Options { get; }
}

/// <summary>
/// Builds the synthetic study cohort. The structure (who progressed, how, which salvage lines with which responses,
/// transplants, deaths and causes, and every cell of Tables 4 and 5) is scripted so that the published counts hold;
/// attributes whose counts Table 1 gives are assigned by count and only ever swapped between two patients of the same
/// group; the values the paper gives only as summaries (event days, ages, prior lines, steroid values, …) are chosen
/// by simulated annealing with <see cref="Random"/>(seed), minimizing a weighted Σ log(1 + miss) over the followed published
/// targets as computed by <see cref="TargetRegistry"/>. Single-threaded and deterministic.
/// </summary>
public static partial class CohortReconstruction
{
    /// <summary>Runs the search.</summary>
    /// <param name="targets">The published targets (only followed ones with a formula enter the objective).</param>
    /// <param name="options">Seed and budget.</param>
    /// <param name="progress">Receives the fraction done (0..1) from time to time.</param>
    /// <param name="cancellationToken">Checked every 50 moves; cancelling throws <see cref="OperationCanceledException"/>.</param>
    public static ReconstructionResult Run(IReadOnlyList<PublishedTarget> targets, ReconstructionOptions options, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Iterations < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Iterations, "Iterations cannot be negative.");
        if (options.RefinementMoves < 0) throw new ArgumentOutOfRangeException(nameof(options), options.RefinementMoves, "RefinementMoves cannot be negative.");
        if (options.PolishSweeps < 0) throw new ArgumentOutOfRangeException(nameof(options), options.PolishSweeps, "PolishSweeps cannot be negative.");
        var used = targets.Where(t => t.Followed && TargetRegistry.HasFormula(t.Id)).ToArray();
        var search = new AnnealingSearch(new Blueprint(), used, options);
        return search.Run(progress, cancellationToken);
    }

    /// <summary>
    /// The continuation (warm-start) stage: reads the search's values back from <paramref name="start"/> (a cohort that
    /// <see cref="Run"/> or an earlier continuation made; any other cohort is refused with the first row that differs),
    /// then searches on with moves that never lose an agreeing headline number and never lower the count of agreeing
    /// numbers, so the result reproduces at least as many published numbers as the start (docs/reconstruction.md,
    /// "Continuation"). Single-threaded and deterministic given the start, the seed and the budget.
    /// </summary>
    /// <param name="targets">The published targets (every one with a formula is scored; only followed ones enter the cost).</param>
    /// <param name="start">The cohort to continue from.</param>
    /// <param name="options">Seed and budget.</param>
    /// <param name="resume">Text of a checkpoint saved by <paramref name="checkpoint"/> with the same options, or null to start at the beginning.</param>
    /// <param name="checkpoint">Receives the text of a checkpoint after every block of moves (save it to resume later).</param>
    /// <param name="progress">Receives the fraction done (0..1) from time to time.</param>
    /// <param name="cancellationToken">Checked every 50 moves; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InvalidDataException">The start cohort is not one the reconstruction made, or the checkpoint is malformed or for other settings.</exception>
    public static ReconstructionResult Continue(IReadOnlyList<PublishedTarget> targets, Cohort start, ContinuationOptions options, string? resume = null,
        Action<string>? checkpoint = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Iterations < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Iterations, "Iterations cannot be negative.");
        if (!(options.StartTemperature > 0) || !(options.EndTemperature > 0) || options.EndTemperature > options.StartTemperature)
            throw new ArgumentOutOfRangeException(nameof(options), $"{options.StartTemperature} to {options.EndTemperature}", "Temperatures must be positive and fall.");
        if (options.BlockSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BlockSize, "BlockSize must be at least 1.");
        var scored = targets.Where(t => TargetRegistry.HasFormula(t.Id)).ToArray();
        var bp = new Blueprint();
        var search = new ContinuationSearch(bp, scored, options);
        var genome = search.Read(start);
        var state = resume is null ? new ContinuationState(0, genome, genome.Copy()) : ContinuationState.Parse(resume, options, bp.Count, "checkpoint");
        var startScore = search.Score(genome);
        var end = search.Run(state, progress, checkpoint is null ? null : s => checkpoint(s.ToText(options)), cancellationToken);
        var best = search.Score(end.Best);
        int followed = scored.Count(t => t.Followed);
        int followedAgreeing = scored.Where((t, k) => t.Followed && best.Agrees[k]).Count();
        return new ReconstructionResult(search.Build(end.Best), best.Cost, followedAgreeing, followed, options, best.Agreeing, best.HeadlineAgreeing,
            startScore.Agreeing, startScore.HeadlineAgreeing);
    }
}
