using System.Text;
using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Presentation.Reports;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Text;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Parametric;

namespace CarTOutcomes.Presentation.Study;

/// <summary>
/// Beyond the follow-up: the cohort's overall survival extrapolated with parametric and mixture cure models, as a
/// health-technology appraisal would (NICE DSU TSD 14 and 21): every distribution with and without a cure fraction
/// ranked by AIC and BIC, and the main candidates overlaid on the Kaplan–Meier curve to a 10-year horizon.
/// </summary>
public static class StudyParametricSection
{
    /// <summary>The extrapolation horizon in months (10 years).</summary>
    public const double HorizonMonths = 120;

    /// <summary>The models drawn over the Kaplan–Meier curve (the table has all twelve).</summary>
    public static IReadOnlyList<(ParametricDistribution Distribution, bool Cure)> Drawn { get; } =
    [
        (ParametricDistribution.Exponential, false), (ParametricDistribution.Weibull, false), (ParametricDistribution.LogNormal, false),
        (ParametricDistribution.Weibull, true), (ParametricDistribution.LogNormal, true),
    ];

    /// <summary>The comparison of every distribution with and without cure, fitted to overall survival in months.</summary>
    /// <param name="cohort">The cohort.</param>
    public static ParametricComparisonResult Compare(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return ParametricComparison.Fit(ClinicalEndpoints.OverallSurvival(cohort).ToSurvivalData(StudyConventions.Month));
    }

    /// <summary>The report section: the ranking table, the Weibull cure model's cure fraction, and the figure.</summary>
    /// <param name="cohort">The cohort (for the shipped one: synthetic patients).</param>
    public static ReportSection Build(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        const string title = "Beyond the follow-up: overall survival extrapolated with parametric and cure models";
        var data = ClinicalEndpoints.OverallSurvival(cohort).ToSurvivalData(StudyConventions.Month);
        if (data.EventCount == 0 || data.Count < 3)
        {
            string why = $"Not available: the cohort has {data.Count} patients and {data.EventCount} deaths, too few to fit a parametric model.";
            return new ReportSection(title, "<p>" + SvgWriter.Escape(why) + "</p>\n", why + "\n", []);
        }
        var km = KaplanMeier.Fit(data, new KaplanMeierOptions(ConfidenceTransform.LogLog), "Overall survival");
        var comparison = ParametricComparison.Fit(data);
        var header = new[] { "Model", "k", "log-likelihood", "AIC (rank)", "BIC (rank)", "Cure fraction (95% CI)", "Median, months", "RMST to 10 y, months (95% CI)", "Note" };
        var rows = comparison.Rows.Select(r => Row(r)).ToList();
        var cure = comparison.Rows.FirstOrDefault(r => r.Fit.Distribution == ParametricDistribution.Weibull && r.Fit.IsCure)?.Fit;
        var cf = cure?.CureFraction;
        string lead = $"Overall survival of the {data.Count} patients ({data.EventCount} deaths; last follow-up at {Number.Significant(km.Time[^1], 3)} months) " +
            $"fitted by maximum likelihood with every distribution, with and without a cure fraction, and extrapolated to 10 years. " +
            (cf is null ? "The Weibull mixture cure model could not be fitted. "
                : $"The Weibull mixture cure model estimates a cure fraction of {Pct(cf.Estimate)} (95% CI {Pct(cf.Lower)} to {Pct(cf.Upper)}). ") +
            $"Best by AIC: {Label(comparison.BestByAic)}; by BIC: {Label(comparison.BestByBic)}. " +
            "A model's fit to the observed data says little about its tail: judge the extrapolations by clinical plausibility too (NICE DSU TSD 14, 21).";
        var html = new StringBuilder("<p>").Append(SvgWriter.Escape(lead)).Append("</p>\n");
        Markup.HtmlTable(html, "parametric", header, rows);
        var md = new StringBuilder(lead).Append("\n\n");
        Markup.MarkdownTable(md, header, rows);
        var curves = Drawn.Select(d => comparison.Rows.FirstOrDefault(r => r.Fit.Distribution == d.Distribution && r.Fit.IsCure == d.Cure))
            .OfType<ParametricComparisonRow>().Select(r => new ParametricPlotCurve(Label(r.Fit), r.Fit)).ToList();
        var figure = ParametricPlot.Render(km, curves, new ParametricPlotOptions
        {
            Title = "Overall survival: parametric extrapolation to 10 years", Horizon = HorizonMonths,
            Breaks = [0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120], IdPrefix = "pm-os",
        });
        return new ReportSection(title, html.ToString(), md.ToString(), [figure]);
    }

    private static string Label(ParametricResult f) => Names[f.Distribution] + (f.IsCure ? " + cure" : "");

    private static readonly Dictionary<ParametricDistribution, string> Names = new()
    {
        [ParametricDistribution.Exponential] = "Exponential", [ParametricDistribution.Weibull] = "Weibull",
        [ParametricDistribution.Gompertz] = "Gompertz", [ParametricDistribution.LogNormal] = "Log-normal",
        [ParametricDistribution.LogLogistic] = "Log-logistic", [ParametricDistribution.GeneralizedGamma] = "Generalized gamma",
    };

    private static string Pct(double p) => Number.Fixed(100 * p, 0) + "%";

    private static string[] Row(ParametricComparisonRow r)
    {
        var f = r.Fit;
        var m = f.Median;
        var rm = f.RestrictedMean(HorizonMonths);
        string cure = f.CureFraction is { } c ? $"{Pct(c.Estimate)} ({Pct(c.Lower)} to {Pct(c.Upper)})" : "";
        string note = !f.Converged ? "did not converge" : f.Warnings.Count > 0 ? "cure fraction at a boundary" : "";
        return
        [
            Label(f), f.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Number.Fixed(f.LogLik, 2),
            $"{Number.Fixed(f.Aic, 1)} ({r.AicRank})", $"{Number.Fixed(f.Bic, 1)} ({r.BicRank})", cure,
            double.IsFinite(m.Estimate) ? Number.Fixed(m.Estimate, 1) : "not reached",
            $"{Number.Fixed(rm.Estimate, 1)} ({Number.Fixed(rm.Lower, 1)} to {Number.Fixed(rm.Upper, 1)})", note,
        ];
    }
}
