using MathNet.Numerics.Distributions;

namespace CarTOutcomes.Survival.Cox;

public sealed partial class CoxResult
{
    /// <summary>
    /// Predicted survival for a subject with the given covariate values, one curve per stratum (R:
    /// <c>survfit(fit, newdata = data.frame(...))</c>, with R's defaults <c>stype = 2</c>, <c>ctype</c> matching the
    /// ties and <c>conf.type = "log"</c>). Cumulative hazard Λ(t; x₀) = exp(βᵀ(x₀ − x̄)) Σ_{t_k ≤ t} h_k with the
    /// Breslow or Efron increments h_k; S = exp(−Λ); var Λ = r₀²(Σ w̄/D_k² + dᵀVd), d = Σ h_k (x₀ − x̄_k)
    /// (Tsiatis 1981; R <c>agsurv</c>), V the fit's variance (robust when the fit is); limits S·exp(∓z·se).
    /// </summary>
    /// <param name="covariates">One value per covariate, in the order of <see cref="Names"/>.</param>
    /// <param name="confidenceLevel">Level of the pointwise limits (R: <c>conf.int = 0.95</c>).</param>
    /// <param name="offset">The subject's offset, if the model has one.</param>
    public IReadOnlyList<CoxSurvivalCurve> PredictSurvival(IReadOnlyList<double> covariates, double confidenceLevel = 0.95,
        double offset = 0)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        int p = _design.P;
        if (covariates.Count != p)
            throw new ArgumentException($"There are {covariates.Count} covariate values for {p} covariates.", nameof(covariates));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        var x0 = new double[p];
        double eta = offset;
        for (int j = 0; j < p; j++)
        {
            x0[j] = covariates[j] - _design.Center[j];
            eta += _beta[j] * x0[j];
        }
        double r0 = Math.Exp(eta), z = Normal.InvCDF(0, 1, 1 - (1 - confidenceLevel) / 2);
        var entries = Residuals().Entries;
        var curves = new List<CoxSurvivalCurve>();
        for (int s = 0; s < _design.StratumLabels.Count; s++)
        {
            var ev = entries.Where(e => e.Stratum == s).ToArray();
            var points = new List<CoxSurvivalPoint>();
            double ch = 0, cv = 0;
            var cxh = new double[p];
            int k = 0;
            foreach (var (t, nRisk, nEvent) in RiskCounts(s))
            {
                if (k < ev.Length && ev[k].Time == t)
                {
                    ch += ev[k].DH; cv += ev[k].DV;
                    for (int j = 0; j < p; j++) cxh[j] += ev[k].DXH[j];
                    k++;
                }
                double quad = 0;
                for (int a = 0; a < p; a++)
                    for (int b = 0; b < p; b++)
                        quad += (x0[a] * ch - cxh[a]) * _var[a * p + b] * (x0[b] * ch - cxh[b]);
                double cum = r0 * ch, se = r0 * Math.Sqrt(cv + quad), surv = Math.Exp(-cum);
                points.Add(new CoxSurvivalPoint(t, nRisk, nEvent, cum, surv, se,
                    surv * Math.Exp(-z * se), Math.Min(1, surv * Math.Exp(z * se))));
            }
            curves.Add(new CoxSurvivalCurve(_design.StratumLabels[s], points));
        }
        return curves;
    }

    /// <summary>
    /// Distinct stop times of stratum s, ascending, with the weighted number at risk (start &lt; t ≤ stop) and of events
    /// (R <c>agsurv</c>: <c>n.risk</c> and <c>n.event</c>).
    /// </summary>
    private IEnumerable<(double Time, double AtRisk, double Events)> RiskCounts(int s)
    {
        var d = _design;
        var rows = Enumerable.Range(0, d.N).Where(i => d.Stratum[i] == s).ToArray();
        var byStop = rows.OrderBy(i => d.Stop[i]).ToArray();
        var byStart = rows.OrderBy(i => d.StartAt(i)).ToArray();
        double notLeft = rows.Sum(i => d.WeightAt(i));                         // rows with stop ≥ t
        double notEntered = d.CountingProcess ? notLeft : 0;                 // rows with start ≥ t
        int a = 0, b = 0;
        while (a < byStop.Length)
        {
            double t = d.Stop[byStop[a]];
            while (b < byStart.Length && d.StartAt(byStart[b]) < t) notEntered -= d.WeightAt(byStart[b++]);
            double atRisk = notLeft - (d.CountingProcess ? notEntered : 0), events = 0;
            for (; a < byStop.Length && d.Stop[byStop[a]] == t; a++)
            {
                int i = byStop[a];
                notLeft -= d.WeightAt(i);
                if (d.Event[i]) events += d.WeightAt(i);
            }
            yield return (t, atRisk, events);
        }
    }
}

/// <summary>A predicted survival curve of one stratum (R: a <c>survfit.coxph</c> curve).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxSurvivalCurve
{
    internal CoxSurvivalCurve(string stratum, IReadOnlyList<CoxSurvivalPoint> points)
    {
        Stratum = stratum; Points = points;
    }

    /// <summary>The stratum label ("" without strata).</summary>
    public string Stratum { get; }

    /// <summary>One point per distinct follow-up time of the stratum, ascending.</summary>
    public IReadOnlyList<CoxSurvivalPoint> Points { get; }
}

/// <summary>One time of a <see cref="CoxSurvivalCurve"/>.</summary>
public sealed class CoxSurvivalPoint
{
    internal CoxSurvivalPoint(double time, double atRisk, double events, double cumulativeHazard, double survival,
        double standardError, double lower, double upper)
    {
        Time = time; AtRisk = atRisk; Events = events; CumulativeHazard = cumulativeHazard; Survival = survival;
        StandardError = standardError; Lower = lower; Upper = upper;
    }

    /// <summary>The time (R: <c>time</c>).</summary>
    public double Time { get; }

    /// <summary>Weighted number at risk (R: <c>n.risk</c>).</summary>
    public double AtRisk { get; }

    /// <summary>Weighted number of events (R: <c>n.event</c>).</summary>
    public double Events { get; }

    /// <summary>Predicted cumulative hazard (R: <c>cumhaz</c>).</summary>
    public double CumulativeHazard { get; }

    /// <summary>Predicted survival exp(−Λ) (R: <c>surv</c>).</summary>
    public double Survival { get; }

    /// <summary>Standard error of the cumulative hazard (R: <c>std.err</c>).</summary>
    public double StandardError { get; }

    /// <summary>Lower confidence limit of survival (R: <c>lower</c>).</summary>
    public double Lower { get; }

    /// <summary>Upper confidence limit of survival, at most 1 (R: <c>upper</c>).</summary>
    public double Upper { get; }
}
