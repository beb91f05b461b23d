using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// Stage 1's objective: builds the cohort a genome describes, evaluates the published targets on it
/// (<see cref="TargetRegistry"/>) and sums the weighted misses. A genome whose cohort fails validation costs +∞.
/// </summary>
internal sealed class TargetScoring
{
    private const double SurvivalWeight = 6;

    private readonly CohortBuilder _builder;
    private readonly PublishedTarget[] _targets;
    private readonly double[] _weights;

    /// <param name="builder">Builds the cohort of a genome.</param>
    /// <param name="targets">The targets scored, in the order <see cref="Values"/> and subsets index them.</param>
    public TargetScoring(CohortBuilder builder, PublishedTarget[] targets)
    {
        _builder = builder;
        _targets = targets;
        _weights = targets.Select(Weight).ToArray();
    }

    /// <summary>Number of targets scored.</summary>
    public int Count => _targets.Length;

    /// <summary>
    /// Weight of a target in the objective. Kaplan–Meier, cumulative-incidence and follow-up estimates (the
    /// headline outcome numbers) count <see cref="SurvivalWeight"/> times: a miss there moves many other numbers
    /// only weakly, so with equal weights the search trades it for small Cox misses.
    /// </summary>
    internal static double Weight(PublishedTarget t) =>
        t.Statistic.StartsWith("km_", StringComparison.Ordinal) || t.Statistic.StartsWith("cif_", StringComparison.Ordinal)
        || t.Id.Contains("followup", StringComparison.Ordinal) ? SurvivalWeight : 1;

    /// <summary>Σ w · log(1 + miss) and the number agreeing, over all targets.</summary>
    public (double Cost, int Agreeing) Score(Genome g) => Score(g, null);

    /// <summary>Σ w · log(1 + miss) and the number agreeing, over the targets with the given indices (all when null).</summary>
    public (double Cost, int Agreeing) Score(Genome g, int[]? subset)
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

    /// <summary>The reproduced value of every target (NaN where there is none; all 0 when the cohort fails validation).</summary>
    public double[] Values(Genome g)
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
}
