namespace CarTOutcomes.Survival.Estimators;

/// <summary>
/// Restricted mean survival time: the area under the survival curve from the curve's origin to a horizon.
/// </summary>
/// <param name="Horizon">The horizon tau.</param>
/// <param name="Estimate">The area under S(t) on [origin, tau].</param>
/// <param name="StandardError">Its standard error (R's <c>se(rmean)</c>).</param>
public sealed record RestrictedMean(double Horizon, double Estimate, double StandardError)
{
    /// <summary>
    /// R <c>survmean</c> (print.survfit.R): rectangles under the step curve from <c>t0</c> to tau, and
    /// Var = Σ_j (area beyond t_j)² · d_j / (n_j (n_j − d_j)) over curve times t_j ≤ tau (0 where n_j = d_j).
    /// </summary>
    internal static RestrictedMean Compute(KaplanMeierResult fit, double tau)
    {
        if (double.IsNaN(tau)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "The horizon must be a number.");
        var time = fit.RawTime;
        var surv = fit.RawSurvival;
        var nRisk = fit.RawRisk;
        var nEvent = fit.RawEvents;
        var tt = new List<double>();
        var ss = new List<double>();
        var hh = new List<double>();
        for (int i = 0; i < time.Length && time[i] <= tau; i++)
        {
            tt.Add(time[i]);
            ss.Add(surv[i]);
            double free = nRisk[i] - nEvent[i];
            hh.Add(free == 0 ? 0 : nEvent[i] / (nRisk[i] * free));
        }
        if (tt.Count == 0) { tt.Add(tau); ss.Add(1); hh.Add(0); }
        else { tt.Add(tau); ss.Add(ss[^1]); hh.Add(0); }

        int n = tt.Count;
        var rect = new double[n];
        double prev = fit.StartTime;
        for (int i = 0; i < n; i++)
        {
            rect[i] = (tt[i] - prev) * (i == 0 ? 1 : ss[i - 1]);
            prev = tt[i];
        }
        double mean = rect.Sum();
        // Pair the area to the right of t_j with hh_j, accumulating from the horizon backwards.
        double tail = 0, variance = 0;
        for (int j = n - 2; j >= 0; j--)
        {
            tail += rect[j + 1];
            variance += tail * tail * hh[j];
        }
        return new RestrictedMean(tau, mean, Math.Sqrt(variance));
    }
}
