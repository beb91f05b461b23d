using System.Globalization;
using CarTOutcomes.Survival.Data;
using FsCheck;
using FsCheck.Fluent;

namespace CarTOutcomes.Survival.Tests.Properties;

/// <summary>One row of a generated cohort: a follow-up time, whether it ends in an event, and a group (0, 1 or 2).</summary>
public sealed record Row(double Time, bool Event, int Group)
{
    /// <inheritdoc />
    public override string ToString() => $"{Time.ToString(CultureInfo.InvariantCulture)}{(Event ? "" : "+")}/g{Group}";
}

/// <summary>A generated cohort; printed as R would write <c>Surv(time, event)</c>, with the group, when a property fails.</summary>
public sealed record Cohort(Row[] Rows)
{
    public SurvivalData Data(IReadOnlyList<double>? weights = null) =>
        SurvivalData.RightCensored(Rows.Select(r => r.Time).ToArray(), Rows.Select(r => r.Event).ToArray(), weights);

    public string[] Groups(Func<int, string>? label = null) => Rows.Select(r => (label ?? (g => $"g{g}"))(r.Group)).ToArray();

    public Cohort Shuffled(int seed)
    {
        var rows = (Row[])Rows.Clone();
        new Random(seed).Shuffle(rows);
        return new Cohort(rows);
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Rows.Select(r => r.ToString()))}]";
}

/// <summary>
/// FsCheck generators. Times are multiples of 0.5 up to 15, so ties are frequent (ties are where estimators go
/// wrong); about a third of the rows are censored. Failing cohorts shrink by dropping rows.
/// </summary>
public static class CohortArbitraries
{
    public static Arbitrary<Cohort> Cohorts()
    {
        var row = Gen.Choose(1, 30).SelectMany(t => Gen.Choose(0, 2), (t, e) => (t, e))
            .SelectMany(x => Gen.Choose(0, 2), (x, g) => new Row(x.t / 2.0, x.e > 0, g));
        var gen = Gen.NonEmptyListOf(row).Select(rows => new Cohort(rows.ToArray()));
        return Arb.From(gen, Shrink);
    }

    private static IEnumerable<Cohort> Shrink(Cohort c) =>
        c.Rows.Length <= 1
            ? []
            : Enumerable.Range(0, c.Rows.Length).Select(i => new Cohort(c.Rows.Where((_, j) => j != i).ToArray()));
}
