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
public static class CohortReconstruction
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
}
