namespace CarTOutcomes.Survival.Progress;

/// <summary>
/// How far a long operation has got, for <see cref="IProgress{T}"/>: the fraction of the work done and the stage it
/// is in. Shared by every long operation of the library (loading large files, resampling, large fits), so that one
/// progress display serves them all.
/// </summary>
public sealed class ProgressReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="fraction">Fraction of the work done, in [0, 1].</param>
    /// <param name="stage">What is being done, in a few words (e.g. <c>"reading data.csv"</c>).</param>
    public ProgressReport(double fraction, string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (!(fraction >= 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction done must lie in [0, 1].");
        Fraction = fraction;
        Stage = stage;
    }

    /// <summary>Fraction of the work done, in [0, 1].</summary>
    public double Fraction { get; }

    /// <summary>What is being done.</summary>
    public string Stage { get; }

    /// <summary>The report as text, e.g. <c>reading data.csv: 42%</c>.</summary>
    public override string ToString() => $"{Stage}: {Math.Floor(Fraction * 100):0}%";
}
