using CarTOutcomes.Survival.Comparisons;

namespace CarTOutcomes.Clinical.Study;

/// <summary>Whether a target could be computed from a cohort and, if so, whether it agrees.</summary>
public enum TargetStatus
{
    /// <summary>Computed; agrees with the printed number at the printed precision.</summary>
    Agrees,

    /// <summary>Computed; does not agree.</summary>
    Disagrees,

    /// <summary>Not computed (the reason says why): the cohort model has no field for it, or the analysis is undefined.</summary>
    NotEvaluable,
}

/// <summary>A published target next to the value the library computes from a cohort.</summary>
public sealed class TargetEvaluation
{
    internal TargetEvaluation(PublishedTarget target, double? reproduced, TargetStatus status, string? reason)
    {
        Target = target;
        Reproduced = reproduced;
        Status = status;
        Reason = reason;
    }

    /// <summary>The published number.</summary>
    public PublishedTarget Target { get; }

    /// <summary>The value computed from the cohort (unrounded); null when not evaluable.</summary>
    public double? Reproduced { get; }

    /// <summary>Agreement status.</summary>
    public TargetStatus Status { get; }

    /// <summary>Why the target is not evaluable; null otherwise.</summary>
    public string? Reason { get; }

    /// <summary>True when the status is <see cref="TargetStatus.Agrees"/>.</summary>
    public bool Agrees => Status == TargetStatus.Agrees;

    /// <summary>
    /// The agreement rule: for <see cref="TargetRelation.Equal"/> the value rounded to the printed precision (as R's
    /// <c>round</c>) equals the printed number, so an HR printed 0.91 means 0.905 ≤ HR &lt; 0.915 up to R's
    /// round-half-even; other relations check the inequality itself.
    /// </summary>
    /// <param name="target">The published number.</param>
    /// <param name="value">The reproduced value.</param>
    public static bool AgreesWith(PublishedTarget target, double value)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!double.IsFinite(value)) return false;
        return target.Relation switch
        {
            TargetRelation.Less => value < target.Value,
            TargetRelation.Greater => value > target.Value,
            TargetRelation.LessOrEqual => value <= target.Value,
            TargetRelation.GreaterOrEqual => value >= target.Value,
            _ => Math.Abs(Rounding.Round(value, target.Precision) - target.Value) < 0.5 * Math.Pow(10, -target.Precision - 3),
        };
    }

    /// <summary>
    /// How far the value is from agreeing, in units of the printed last digit: 0 when it agrees, otherwise the
    /// distance to the nearest value that would round to the printed number (used by the reconstruction search).
    /// </summary>
    /// <param name="target">The published number.</param>
    /// <param name="value">The reproduced value.</param>
    public static double Miss(PublishedTarget target, double value)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!double.IsFinite(value)) return 100;
        if (AgreesWith(target, value)) return 0;
        double unit = Math.Pow(10, -target.Precision);
        double d = target.Relation switch
        {
            TargetRelation.Less or TargetRelation.LessOrEqual => value - target.Value,
            TargetRelation.Greater or TargetRelation.GreaterOrEqual => target.Value - value,
            _ => Math.Abs(value - target.Value) - 0.5 * unit,
        };
        return Math.Max(d, 0) / unit + 0.01;
    }
}
