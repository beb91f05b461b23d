using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study;

/// <summary>
/// Conventions of the published CD19 CAR T study (<c>data/published</c>) that the reproduction follows where the paper
/// does not state them but its numbers fix them.
/// </summary>
public static class StudyConventions
{
    /// <summary>
    /// The paper's month: <see cref="TimeUnit.Months365"/>, 365 / 12 days. Kaplan–Meier medians and their limits fall on
    /// event days, so a month value printed to two decimals is a whole number of days divided by the month. The paper
    /// prints three: the OS median limits 9.11 and 23.34 months and the lower limit 4.14 of the OS-after-progression
    /// median. Only 365 / 12 makes all three whole days (277, 710 and 126); at 365.25 / 12 no whole day gives 9.11 or
    /// 23.34, and 30, 30.4 and 30.44 days each fail at least one (docs/reconstruction.md, "The paper's month").
    /// Every month-valued target, table and figure of the reproduction uses it; the library's default month stays
    /// <see cref="TimeUnit.Months"/>.
    /// </summary>
    public const TimeUnit Month = TimeUnit.Months365;
}
