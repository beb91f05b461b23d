namespace CarTOutcomes.Survival.Comparisons;

/// <summary>The alternative hypothesis of a test (R: <c>alternative =</c>).</summary>
public enum Alternative
{
    /// <summary>Two-sided (R: <c>alternative = "two.sided"</c>, the default).</summary>
    TwoSided,

    /// <summary>The location shift or odds ratio is below the null value (R: <c>alternative = "less"</c>).</summary>
    Less,

    /// <summary>The location shift or odds ratio is above the null value (R: <c>alternative = "greater"</c>).</summary>
    Greater,
}
