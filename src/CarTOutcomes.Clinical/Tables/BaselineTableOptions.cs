namespace CarTOutcomes.Clinical.Tables;

/// <summary>Layout choices of a baseline table. All have defaults; the tests are chosen per variable, not here.</summary>
public sealed class BaselineTableOptions
{
    /// <summary>Table title (default none).</summary>
    public string? Title { get; init; }

    /// <summary>Heading of the label column (default "Characteristic").</summary>
    public string LabelHeading { get; init; } = "Characteristic";

    /// <summary>Heading of the P column (default "P").</summary>
    public string PValueHeading { get; init; } = "P";

    /// <summary>Group order; default: order of first appearance among the subjects.</summary>
    public IReadOnlyList<string>? GroupOrder { get; init; }

    /// <summary>Decimal places of P values (default 2, as the paper); smaller values show as "&lt;0.01".</summary>
    public int PValueDigits { get; init; } = 2;

    /// <summary>Decimal places of percentages (default 1), rounded as R's <c>round</c>.</summary>
    public int PercentDigits { get; init; } = 1;
}
