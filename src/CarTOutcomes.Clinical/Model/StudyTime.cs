namespace CarTOutcomes.Clinical.Model;

/// <summary>
/// The study's time axis: every day is counted from the first CAR T infusion (day 0). Months are days divided by the
/// days of a month of the chosen <see cref="TimeUnit"/>: <see cref="DaysPerMonth"/> = 365.25 / 12 = 30.4375 for
/// <see cref="TimeUnit.Months"/> (the convention of R's <c>survival</c> examples and of most CAR T reports, and the
/// library's default), <see cref="DaysPerMonth365"/> = 365 / 12 for <see cref="TimeUnit.Months365"/>. Every conversion in
/// the library goes through <see cref="Convert"/>, so tied days stay tied months.
/// </summary>
public static class StudyTime
{
    /// <summary>Days per month of <see cref="TimeUnit.Months"/>: 365.25 / 12 = 30.4375.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>Days per month of <see cref="TimeUnit.Months365"/>: 365 / 12 = 30.41666….</summary>
    public const double DaysPerMonth365 = 365.0 / 12;

    /// <summary>Converts days to months of 365.25 / 12 days (<see cref="TimeUnit.Months"/>).</summary>
    public static double ToMonths(double days) => days / DaysPerMonth;

    /// <summary>Days in one <paramref name="unit"/> (1 for <see cref="TimeUnit.Days"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined unit.</exception>
    public static double DaysPer(TimeUnit unit) => unit switch
    {
        TimeUnit.Days => 1,
        TimeUnit.Months => DaysPerMonth,
        TimeUnit.Months365 => DaysPerMonth365,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a time unit: use Days, Months or Months365."),
    };

    /// <summary>Converts a duration in days to <paramref name="unit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined unit.</exception>
    public static double Convert(double days, TimeUnit unit) => days / DaysPer(unit); // days / 1 is exactly days

    /// <summary>Whether <paramref name="unit"/> is a month (<see cref="TimeUnit.Months"/> or <see cref="TimeUnit.Months365"/>).</summary>
    public static bool IsMonth(TimeUnit unit) => unit is TimeUnit.Months or TimeUnit.Months365;
}

/// <summary>The unit in which an analysis dataset reports times.</summary>
public enum TimeUnit
{
    /// <summary>Days (the unit of the model).</summary>
    Days,
    /// <summary>Months of 365.25 / 12 = 30.4375 days (the library's default month).</summary>
    Months,
    /// <summary>
    /// Months of 365 / 12 = 30.4167 days (a year of 365 days). The month of the CD19 CAR T study that
    /// <c>data/published</c> transcribes: its two-decimal Kaplan–Meier limits (9.11, 23.34 and 4.14 months) are whole
    /// days only at this length (<see cref="CarTOutcomes.Clinical.Study.StudyConventions.Month"/>).
    /// </summary>
    Months365,
}
