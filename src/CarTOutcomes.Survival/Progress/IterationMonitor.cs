namespace CarTOutcomes.Survival.Progress;

/// <summary>
/// Cancellation and progress for an iterative fit: <see cref="Iteration"/> is called once per Newton iteration (or
/// pass over the data); it throws <see cref="OperationCanceledException"/> when cancellation was requested and
/// reports "stage: iteration k of at most m" with fraction k/m. <see cref="Done"/> reports fraction 1.
/// </summary>
internal sealed class IterationMonitor
{
    private readonly CancellationToken _token;
    private readonly IProgress<ProgressReport>? _progress;
    private readonly string _stage;
    private readonly int _maxIterations;

    public IterationMonitor(CancellationToken token, IProgress<ProgressReport>? progress, string stage, int maxIterations)
    {
        _token = token;
        _progress = progress;
        _stage = stage;
        _maxIterations = maxIterations;
    }

    /// <summary>Neither cancellable nor reporting: the monitor of the overloads without a token.</summary>
    public static IterationMonitor None { get; } = new(CancellationToken.None, null, "", 0);

    /// <summary>The same token without progress reports (for inner fits such as profile likelihoods).</summary>
    public IterationMonitor Quiet() => _progress is null ? this : new(_token, null, _stage, _maxIterations);

    /// <summary>The token, for work done outside the iterations (such as sorting the data).</summary>
    public CancellationToken Token => _token;

    /// <summary>Throws if cancellation was requested.</summary>
    public void Check() => _token.ThrowIfCancellationRequested();

    /// <summary>Checks the token, then reports iteration <paramref name="k"/> (1-based).</summary>
    public void Iteration(int k)
    {
        _token.ThrowIfCancellationRequested();
        if (_progress is null) return;
        double fraction = _maxIterations <= 0 ? 1 : Math.Clamp(k / (double)_maxIterations, 0, 1);
        _progress.Report(new ProgressReport(fraction, $"{_stage}: iteration {k} of at most {_maxIterations}"));
    }

    /// <summary>Reports completion after <paramref name="iterations"/> iterations.</summary>
    public void Done(int iterations) =>
        _progress?.Report(new ProgressReport(1, $"{_stage}: done after {iterations} iterations"));
}
