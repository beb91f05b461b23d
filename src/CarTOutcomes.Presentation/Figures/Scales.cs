namespace CarTOutcomes.Presentation.Figures;

/// <summary>A data-to-pixel map along one axis.</summary>
public interface IScale
{
    /// <summary>The pixel position of a data value.</summary>
    /// <param name="value">A data value.</param>
    double Map(double value);

    /// <summary>Tick positions in data units, ascending, all inside the domain.</summary>
    IReadOnlyList<double> Breaks { get; }
}

/// <summary>
/// A linear map from a data interval onto a pixel interval, with "nice" tick breaks: multiples of a step chosen
/// from 1, 2, 2.5 or 5 times a power of ten (or from a caller's list, e.g. 3, 6 and 12 months).
/// </summary>
public sealed class LinearScale : IScale
{
    /// <summary>Steps suited to time in months: 1, 2, 3, 6, 12, 24, 36, 48, 60, 120 and powers of ten beyond.</summary>
    public static readonly IReadOnlyList<double> MonthSteps = [1, 2, 3, 6, 12, 24, 36, 48, 60, 120];

    /// <summary>Creates a scale with explicit breaks.</summary>
    /// <param name="domainMin">Data value at the start of the range.</param>
    /// <param name="domainMax">Data value at the end of the range; greater than <paramref name="domainMin"/>.</param>
    /// <param name="rangeStart">Pixel of <paramref name="domainMin"/> (may exceed <paramref name="rangeEnd"/>, as for a y axis).</param>
    /// <param name="rangeEnd">Pixel of <paramref name="domainMax"/>.</param>
    /// <param name="breaks">Tick positions; those outside the domain are dropped.</param>
    public LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd, IEnumerable<double> breaks)
    {
        if (!double.IsFinite(domainMin) || !double.IsFinite(domainMax) || !(domainMax > domainMin))
            throw new ArgumentOutOfRangeException(nameof(domainMax), $"The domain [{domainMin}, {domainMax}] must be finite and non-empty.");
        ArgumentNullException.ThrowIfNull(breaks);
        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        double eps = (domainMax - domainMin) * 1e-9;
        Breaks = breaks.Where(b => b >= domainMin - eps && b <= domainMax + eps).Order().ToArray();
    }

    /// <summary>
    /// A scale whose domain is widened to whole steps around [<paramref name="min"/>, <paramref name="max"/>], with
    /// about <paramref name="target"/> breaks.
    /// </summary>
    /// <param name="min">Smallest data value to show.</param>
    /// <param name="max">Largest data value to show.</param>
    /// <param name="rangeStart">Pixel of the domain start.</param>
    /// <param name="rangeEnd">Pixel of the domain end.</param>
    /// <param name="target">Desired number of intervals between breaks.</param>
    /// <param name="steps">Candidate steps; by default 1, 2, 2.5 and 5 times powers of ten.</param>
    public static LinearScale Nice(double min, double max, double rangeStart, double rangeEnd, int target = 5,
        IReadOnlyList<double>? steps = null)
    {
        if (max <= min) max = min + 1;
        double step = NiceStep((max - min) / Math.Max(1, target), steps);
        double lo = Math.Floor(min / step + 1e-9) * step;
        double hi = Math.Ceiling(max / step - 1e-9) * step;
        return new LinearScale(lo, hi, rangeStart, rangeEnd, BreaksBetween(lo, hi, step));
    }

    /// <summary>
    /// A scale from <paramref name="min"/> to <paramref name="max"/> rounded up to the next break, with the step
    /// (from <paramref name="steps"/>) that gives 4 to 8 intervals and overshoots <paramref name="max"/> least (74 months
    /// end at 84 with a 12-month step, not at 96 with a 24-month one); <see cref="Nice"/> when no step gives 4 to 8.
    /// </summary>
    /// <param name="min">Start of the axis (usually 0).</param>
    /// <param name="max">The last time to show (the last follow-up).</param>
    /// <param name="rangeStart">Pixel of the domain start.</param>
    /// <param name="rangeEnd">Pixel of the domain end.</param>
    /// <param name="steps">Candidate steps; by default 1, 2, 2.5 and 5 times powers of ten.</param>
    public static LinearScale Tight(double min, double max, double rangeStart, double rangeEnd, IReadOnlyList<double>? steps = null)
    {
        if (max <= min) max = min + 1;
        double span = max - min;
        var candidates = new List<double>();
        if (steps is { Count: > 0 })
        {
            // The caller's steps, continued by powers of ten beyond them (1200, 2400 … for long spans).
            candidates.AddRange(steps);
            for (double p = 10; steps.Max() * p / 10 < span; p *= 10) candidates.AddRange(steps.Select(s => s * p));
        }
        else
        {
            for (double p = Math.Pow(10, Math.Floor(Math.Log10(span)) - 2); p <= span; p *= 10)
                foreach (var m in new[] { 1, 2, 2.5, 5 }) candidates.Add(m * p);
        }
        double? best = null;
        double bestEnd = double.PositiveInfinity;
        foreach (var step in candidates.Where(s => s > 0).Distinct().Order())
        {
            double lo = Math.Floor(min / step + 1e-9) * step, hi = Math.Ceiling(max / step - 1e-9) * step;
            int intervals = (int)Math.Round((hi - lo) / step);
            if (intervals < 4 || intervals > 8) continue;
            if (hi < bestEnd - 1e-9) { best = step; bestEnd = hi; }
        }
        if (best is not double b) return Nice(min, max, rangeStart, rangeEnd, 6, steps);
        double start = Math.Floor(min / b + 1e-9) * b;
        return new LinearScale(start, bestEnd, rangeStart, rangeEnd, BreaksBetween(start, bestEnd, b));
    }

    /// <summary>The smallest candidate step at least <paramref name="rough"/>.</summary>
    /// <param name="rough">The desired step.</param>
    /// <param name="steps">Candidate steps; when all are smaller than <paramref name="rough"/>, powers of ten times 1, 2, 5 continue the list.</param>
    public static double NiceStep(double rough, IReadOnlyList<double>? steps = null)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
            throw new ArgumentOutOfRangeException(nameof(rough), rough, "The step must be positive and finite.");
        if (steps is { Count: > 0 })
        {
            foreach (var s in steps.Order()) if (s >= rough * (1 - 1e-9)) return s;
        }
        double p = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * p >= rough * (1 - 1e-9)) return m * p;
        }
        return 10 * p;
    }

    /// <summary>Multiples of <paramref name="step"/> from <paramref name="lo"/> to <paramref name="hi"/>, rounded to kill float noise.</summary>
    /// <param name="lo">First break.</param>
    /// <param name="hi">Last break.</param>
    /// <param name="step">Distance between breaks.</param>
    public static IReadOnlyList<double> BreaksBetween(double lo, double hi, double step)
    {
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        int n = (int)Math.Floor((hi - lo) / step + 1e-9);
        return Enumerable.Range(0, n + 1).Select(i => Math.Round(lo + i * step, 10)).ToArray();
    }

    /// <summary>Data value at the start of the range.</summary>
    public double DomainMin { get; }

    /// <summary>Data value at the end of the range.</summary>
    public double DomainMax { get; }

    /// <summary>Pixel of <see cref="DomainMin"/>.</summary>
    public double RangeStart { get; }

    /// <summary>Pixel of <see cref="DomainMax"/>.</summary>
    public double RangeEnd { get; }

    /// <inheritdoc/>
    public IReadOnlyList<double> Breaks { get; }

    /// <inheritdoc/>
    public double Map(double value) => RangeStart + (value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart);
}

/// <summary>
/// A base-10 logarithmic map (for hazard ratios and expansion peaks), with breaks at 1, 2 and 5 times powers of ten
/// when the domain spans few decades and at powers of ten otherwise.
/// </summary>
public sealed class LogScale : IScale
{
    /// <summary>Creates a log scale whose domain covers [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">Smallest value to show; positive.</param>
    /// <param name="max">Largest value to show; at least <paramref name="min"/>.</param>
    /// <param name="rangeStart">Pixel of the domain start.</param>
    /// <param name="rangeEnd">Pixel of the domain end.</param>
    /// <param name="breaks">Optional explicit breaks; by default chosen from the domain.</param>
    public LogScale(double min, double max, double rangeStart, double rangeEnd, IEnumerable<double>? breaks = null)
    {
        if (!(min > 0) || !double.IsFinite(max) || max < min)
            throw new ArgumentOutOfRangeException(nameof(min), $"A log scale needs 0 < min <= max; got [{min}, {max}].");
        var candidates = breaks?.ToArray() ?? DefaultBreaks(min, max);
        // Widen the domain to the nearest candidates around the data so the outer ticks frame the plot.
        DomainMin = Math.Min(min, candidates.Where(b => b <= min).DefaultIfEmpty(min).Max());
        DomainMax = Math.Max(max, candidates.Where(b => b >= max).DefaultIfEmpty(max).Min());
        if (DomainMax <= DomainMin) { DomainMin /= 2; DomainMax *= 2; }
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        Breaks = candidates.Where(b => b >= DomainMin * (1 - 1e-9) && b <= DomainMax * (1 + 1e-9)).Order().ToArray();
    }

    /// <summary>Lower end of the (widened) domain.</summary>
    public double DomainMin { get; }

    /// <summary>Upper end of the (widened) domain.</summary>
    public double DomainMax { get; }

    /// <summary>Pixel of <see cref="DomainMin"/>.</summary>
    public double RangeStart { get; }

    /// <summary>Pixel of <see cref="DomainMax"/>.</summary>
    public double RangeEnd { get; }

    /// <inheritdoc/>
    public IReadOnlyList<double> Breaks { get; }

    /// <inheritdoc/>
    public double Map(double value)
    {
        if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(value), value, "A log scale maps only positive values.");
        double a = Math.Log10(DomainMin), b = Math.Log10(DomainMax);
        return RangeStart + (Math.Log10(value) - a) / (b - a) * (RangeEnd - RangeStart);
    }

    private static double[] DefaultBreaks(double min, double max)
    {
        int lo = (int)Math.Floor(Math.Log10(min)), hi = (int)Math.Ceiling(Math.Log10(max));
        if (hi == lo) hi++;
        double[] mantissas = hi - lo <= 2 ? [1, 2, 5] : hi - lo <= 4 ? [1, 3] : [1];
        var list = new List<double>();
        for (int e = lo; e <= hi; e++)
            foreach (var m in mantissas) list.Add(Math.Round(m * Math.Pow(10, e), Math.Max(0, -e + 1)));
        return list.Where(v => v <= Math.Pow(10, hi)).ToArray();
    }
}
