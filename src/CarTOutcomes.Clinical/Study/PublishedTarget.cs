namespace CarTOutcomes.Clinical.Study;

/// <summary>How a printed number bounds the true value (the <c>relation</c> column of <c>data/published/targets.csv</c>).</summary>
public enum TargetRelation
{
    /// <summary>The value rounded to the printed precision equals the printed number.</summary>
    Equal,

    /// <summary>The value is below the printed number.</summary>
    Less,

    /// <summary>The value is above the printed number.</summary>
    Greater,

    /// <summary>The value is at most the printed number.</summary>
    LessOrEqual,

    /// <summary>The value is at least the printed number.</summary>
    GreaterOrEqual,
}

/// <summary>One number the study paper prints about its cohort (one row of <c>data/published/targets.csv</c>).</summary>
/// <param name="Id">Stable snake_case key, e.g. <c>res_os_median</c>.</param>
/// <param name="Source">Where the number is printed, e.g. <c>Table 2 row "Sex (male vs female)"</c>.</param>
/// <param name="Population">The patients it describes, e.g. <c>progressed38</c>.</param>
/// <param name="Statistic">What it is: <c>count</c>, <c>percent</c>, <c>km_median</c>, <c>hr</c>, …</param>
/// <param name="TimeMonths">Landmark in months for estimates at a time point; null otherwise.</param>
/// <param name="Value">The printed number.</param>
/// <param name="Unit">Unit as recorded (<c>percent</c>, <c>months</c>, …).</param>
/// <param name="Precision">Decimal places as printed.</param>
/// <param name="Relation">How the printed number bounds the value.</param>
/// <param name="Followed">False when the paper contradicts this number elsewhere and the other version is followed.</param>
/// <param name="Description">What the number is, in words.</param>
/// <param name="Notes">Contradictions and ambiguities recorded with the number.</param>
public sealed record PublishedTarget(string Id, string Source, string Population, string Statistic, double? TimeMonths,
    double Value, string Unit, int Precision, TargetRelation Relation, bool Followed, string Description, string Notes);
