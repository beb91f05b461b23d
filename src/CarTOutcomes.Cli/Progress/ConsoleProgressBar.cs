using System.Globalization;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.Cli.Progress;

/// <summary>
/// A one-line progress bar, <c>reading big.csv [#######-------]  50%</c>, redrawn in place with a carriage return.
/// It is only ever given standard error when standard error is a terminal (never a file or a pipe), so it can
/// neither mix into <c>--json</c> output on standard output nor fill a log with carriage returns.
/// </summary>
internal sealed class ConsoleProgressBar(TextWriter terminal, int barWidth = ConsoleProgressBar.DefaultWidth)
    : IProgress<ProgressReport>, IDisposable
{
    public const int DefaultWidth = 30;

    private readonly Lock _gate = new();
    private int _lastPercent = -1;
    private string _lastStage = "";
    private int _lastLength;
    private bool _disposed;

    /// <summary>Redraws the line when the whole percentage or the stage changed.</summary>
    public void Report(ProgressReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            int percent = Percent(value.Fraction);
            if (_disposed || (percent == _lastPercent && value.Stage == _lastStage)) return;
            var line = Render(value, barWidth);
            // Pad with spaces when the new line is shorter, so no characters of the old one are left behind.
            terminal.Write("\r" + line + new string(' ', Math.Max(0, _lastLength - line.Length)));
            terminal.Flush();
            _lastPercent = percent;
            _lastStage = value.Stage;
            _lastLength = line.Length;
        }
    }

    /// <summary>Erases the bar, leaving the cursor at the start of an empty line for what is printed next.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_lastLength == 0) return;
            terminal.Write("\r" + new string(' ', _lastLength) + "\r");
            terminal.Flush();
        }
    }

    /// <summary>The text of the bar: stage, <paramref name="width"/> cells of '#' (done) and '-' (to do), percentage.</summary>
    public static string Render(ProgressReport report, int width)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        int done = (int)Math.Floor(report.Fraction * width);
        return string.Create(CultureInfo.InvariantCulture,
            $"{report.Stage} [{new string('#', done)}{new string('-', width - done)}] {Percent(report.Fraction),3}%");
    }

    private static int Percent(double fraction) => (int)Math.Floor(fraction * 100);
}
