namespace CarTOutcomes.Survival.Comparisons;

/// <summary>A confidence interval with its (achieved) level; one-sided intervals have an infinite end.</summary>
public sealed class ConfidenceInterval
{
    internal ConfidenceInterval(double lower, double upper, double level)
    {
        Lower = lower;
        Upper = upper;
        Level = level;
    }

    /// <summary>Lower limit (−∞ or 0 for a one-sided "less" interval, as R reports it).</summary>
    public double Lower { get; }

    /// <summary>Upper limit (+∞ for a one-sided "greater" interval).</summary>
    public double Upper { get; }

    /// <summary>Confidence level of the interval (R: <c>attr(conf.int, "conf.level")</c>), e.g. 0.95.</summary>
    public double Level { get; }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"[{Lower:G6}, {Upper:G6}] ({Level:P0})");
}
