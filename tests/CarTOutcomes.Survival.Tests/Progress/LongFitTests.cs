using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Progress;
using CarTOutcomes.Survival.Tests.CompetingRisks;
using CarTOutcomes.Survival.Tests.Cox;

namespace CarTOutcomes.Survival.Tests.Progress;

/// <summary>Cancellation and progress of the iterative fits (issue #9): Cox (ordinary and Firth) and Fine–Gray.</summary>
public class LongFitTests
{
    /// <summary>Collects reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool) and can
    /// cancel after a given number of them.</summary>
    private sealed class Recorder(CancellationTokenSource? cancelAfter = null, int after = int.MaxValue) : IProgress<ProgressReport>
    {
        public List<ProgressReport> Reports { get; } = [];

        public void Report(ProgressReport value)
        {
            Reports.Add(value);
            if (Reports.Count >= after) cancelAfter?.Cancel();
        }
    }

    /// <summary>lung (5 covariates), or for Firth's fit the small monotone data set (its profile limits are costly).</summary>
    private static CoxResult FitCox(CancellationToken token, IProgress<ProgressReport>? progress, bool firth = false)
    {
        var (data, columns) = CoxReferenceModels.Data(firth ? "monotone" : "lung_efron");
        string[] names = firth ? ["x", "z"] : ["age", "sex", "ph_ecog", "ph_karno", "wt_loss"];
        return CoxModel.Fit(data, columns, names, new CoxOptions { Firth = firth }, token, progress);
    }

    private static FineGrayResult FitFineGray(CancellationToken token, IProgress<ProgressReport>? progress)
    {
        var names = new[] { "age", "donorage", "fab", "mtx" };
        var columns = names.Select(n => (IReadOnlyList<double>)CompetingRisksInputs.Numbers("bmt", n)).ToArray();
        return FineGray.Fit(CompetingRisksInputs.Data("bmt"), names, columns, null, token, progress);
    }

    [Fact]
    public void A_cancelled_token_stops_the_fits_before_any_work()
    {
        var cancelled = new CancellationToken(true);
        var recorder = new Recorder();
        FluentActions.Invoking(() => FitCox(cancelled, recorder)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => FitCox(cancelled, recorder, firth: true)).Should().Throw<OperationCanceledException>();
        FluentActions.Invoking(() => FitFineGray(cancelled, recorder)).Should().Throw<OperationCanceledException>();
        recorder.Reports.Should().BeEmpty();
    }

    [Fact]
    public void Cancelling_during_the_iterations_stops_at_the_next_iteration()
    {
        using var cox = new CancellationTokenSource();
        var coxRecorder = new Recorder(cox, after: 1);
        FluentActions.Invoking(() => FitCox(cox.Token, coxRecorder)).Should().Throw<OperationCanceledException>();
        coxRecorder.Reports.Should().ContainSingle("the token is checked before iteration 2 reports");

        using var fg = new CancellationTokenSource();
        var fgRecorder = new Recorder(fg, after: 1);
        FluentActions.Invoking(() => FitFineGray(fg.Token, fgRecorder)).Should().Throw<OperationCanceledException>();
        fgRecorder.Reports.Should().ContainSingle();
    }

    [Fact]
    public void Cox_progress_reports_each_iteration_then_done()
    {
        var recorder = new Recorder();
        var fit = FitCox(CancellationToken.None, recorder);
        fit.Iterations.Should().BeGreaterThan(1);
        CheckReports(recorder.Reports, "Cox fit", fit.Iterations, fit.Options.MaxIterations);
        var plain = FitCox(CancellationToken.None, null);
        fit.Estimates.Should().Equal(plain.Estimates, "the token and the reports do not change the fit");
    }

    [Fact]
    public void Firth_progress_counts_the_outer_iterations_only()
    {
        var recorder = new Recorder();
        var fit = FitCox(CancellationToken.None, recorder, firth: true);
        fit.Iterations.Should().BeGreaterThan(1);
        CheckReports(recorder.Reports, "Cox fit", fit.Iterations, 50);
    }

    [Fact]
    public void Fine_Gray_progress_reports_each_iteration_then_done()
    {
        var recorder = new Recorder();
        var fit = FitFineGray(CancellationToken.None, recorder);
        fit.Iterations.Should().BeGreaterThan(1);
        CheckReports(recorder.Reports, "Fine–Gray fit", fit.Iterations, fit.Options.MaxIterations);
        var names = new[] { "age", "donorage", "fab", "mtx" };
        var columns = names.Select(n => (IReadOnlyList<double>)CompetingRisksInputs.Numbers("bmt", n)).ToArray();
        var plain = FineGray.Fit(CompetingRisksInputs.Data("bmt"), names, columns);
        fit.Coefficients.Select(c => c.Coefficient).Should().Equal(plain.Coefficients.Select(c => c.Coefficient));
    }

    private static void CheckReports(List<ProgressReport> reports, string stage, int iterations, int max)
    {
        reports.Should().HaveCount(iterations + 1);
        for (int k = 1; k <= iterations; k++)
        {
            reports[k - 1].Stage.Should().Be($"{stage}: iteration {k} of at most {max}");
            reports[k - 1].Fraction.Should().Be((double)k / max);
        }
        reports[^1].Stage.Should().Be($"{stage}: done after {iterations} iterations");
        reports[^1].Fraction.Should().Be(1);
    }
}
