namespace CarTOutcomes.Clinical.Model;

/// <summary>
/// The study's time axis: every day is counted from the first CAR T infusion (day 0). Months are days divided by
/// <see cref="DaysPerMonth"/> = 365.25 / 12 = 30.4375, the convention of R's <c>survival</c> examples and of most
/// CAR T reports. Every conversion in the library goes through <see cref="ToMonths"/>, so tied days stay tied months.
/// </summary>
public static class StudyTime
{
    /// <summary>Days per month: 365.25 / 12 = 30.4375.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>Converts days to months.</summary>
    public static double ToMonths(double days) => days / DaysPerMonth;

    /// <summary>Converts a duration in days to <paramref name="unit"/>.</summary>
    public static double Convert(double days, TimeUnit unit) => unit == TimeUnit.Months ? ToMonths(days) : days;
}

/// <summary>The unit in which an analysis dataset reports times.</summary>
public enum TimeUnit
{
    /// <summary>Days (the unit of the model).</summary>
    Days,
    /// <summary>Months of 365.25 / 12 days (the unit of the paper's estimates).</summary>
    Months,
}
