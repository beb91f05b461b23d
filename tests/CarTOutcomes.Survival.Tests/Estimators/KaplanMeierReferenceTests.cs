using System.Globalization;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Estimators;

/// <summary>
/// Agreement with R survival 3.5 (<c>survfit</c>, <c>summary.survfit</c>, <c>quantile.survfit</c>, <c>print(rmean=)</c>)
/// to 1e-6 relative. The R calls and version are in Reference/KaplanMeier/km_cases.csv and r_versions.txt; the script
/// km_reference.R beside them wrote every expected value.
/// </summary>
public class KaplanMeierReferenceTests
{
    private const double Tol = 1e-6;
    private static readonly ReferenceTable Cases = ReferenceTable.Load("KaplanMeier/km_cases.csv");

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var r in Cases.Rows) data.Add(Cases.Text(r, "case"));
        return data;
    }

    private static IReadOnlyList<KaplanMeierResult> FitCase(string id)
    {
        var c = Cases.Where("case", id).Single();
        var (data, groups, _) = ReferenceData.Load("KaplanMeier", Cases.Text(c, "dataset"), Cases.Text(c, "time_col"),
            Cases.Text(c, "event_expr"), ReferenceData.OrNull(Cases.Text(c, "entry_col")),
            ReferenceData.OrNull(Cases.Text(c, "weights_col")), ReferenceData.OrNull(Cases.Text(c, "group_col")));
        var transform = Cases.Text(c, "conf_type") switch
        {
            "log" => ConfidenceTransform.Log,
            "log-log" => ConfidenceTransform.LogLog,
            "plain" => ConfidenceTransform.Plain,
            var s => throw new InvalidDataException(s),
        };
        var variance = Cases.Text(c, "robust") switch
        {
            "FALSE" => KaplanMeierVariance.Greenwood,
            "TRUE" => KaplanMeierVariance.InfinitesimalJackknife,
            _ => KaplanMeierVariance.Auto,
        };
        var options = new KaplanMeierOptions(transform, Cases.Number(c, "conf_level"), variance);
        var fits = groups is null ? [KaplanMeier.Fit(data, options)] : KaplanMeier.Fit(data, groups, options);
        fits.Select(f => f.IsRobustVariance).Should().AllBeEquivalentTo(Cases.Text(c, "robust_used") == "TRUE");
        return fits;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Curves_agree_with_survfit(string id)
    {
        var fits = FitCase(id);
        var reference = ReferenceTable.Load("KaplanMeier/km_curves.csv");
        foreach (var fit in fits)
        {
            var rows = reference.Where("case", id).Where(r => reference.Text(r, "group") == fit.Group).ToList();
            rows.Should().NotBeEmpty($"R has group {fit.Group}");
            fit.Time.Count.Should().Be(rows.Count, $"number of times in {id}/{fit.Group}");
            for (int i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                string at = $"{id}/{fit.Group} t={reference.Text(r, "time")}";
                Approx.Equal(reference.Number(r, "time"), fit.Time[i], Tol, $"{at} time");
                Approx.Equal(reference.Number(r, "n_risk"), fit.NumberAtRisk[i], Tol, $"{at} n.risk");
                Approx.Equal(reference.Number(r, "n_event"), fit.NumberOfEvents[i], Tol, $"{at} n.event");
                Approx.Equal(reference.Number(r, "n_censor"), fit.NumberCensored[i], Tol, $"{at} n.censor");
                Approx.Equal(reference.Number(r, "surv"), fit.Survival[i], Tol, $"{at} surv");
                Approx.Equal(reference.Number(r, "std_err"), fit.StandardError[i], Tol, $"{at} std.err");
                Approx.Equal(reference.Number(r, "lower"), fit.Lower[i], Tol, $"{at} lower");
                Approx.Equal(reference.Number(r, "upper"), fit.Upper[i], Tol, $"{at} upper");
                Approx.Equal(reference.Number(r, "cumhaz"), fit.CumulativeHazard[i], Tol, $"{at} cumhaz");
                Approx.Equal(reference.Number(r, "std_chaz"), fit.CumulativeHazardStandardError[i], Tol, $"{at} std.chaz");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Quantiles_and_restricted_means_agree_with_R(string id)
    {
        var fits = FitCase(id);
        var reference = ReferenceTable.Load("KaplanMeier/km_summary.csv");
        foreach (var fit in fits)
        {
            var r = reference.Where("case", id).Single(x => reference.Text(x, "group") == fit.Group);
            string at = $"{id}/{fit.Group}";
            fit.Records.Should().Be((int)reference.Number(r, "records"));
            Approx.Equal(reference.Number(r, "events"), fit.Events, Tol, $"{at} events");
            foreach (var (p, col) in new[] { (0.5, "median"), (0.25, "q25"), (0.75, "q75") })
            {
                var q = fit.Quantile(p);
                Approx.Equal(reference.Number(r, col), q.Estimate, Tol, $"{at} {col}");
                Approx.Equal(reference.Number(r, col + "_lower"), q.Lower, Tol, $"{at} {col} lower");
                Approx.Equal(reference.Number(r, col + "_upper"), q.Upper, Tol, $"{at} {col} upper");
            }
            var rm = fit.RestrictedMean(reference.Number(r, "rmean_tau"));
            Approx.Equal(reference.Number(r, "rmean"), rm.Estimate, Tol, $"{at} rmean");
            Approx.Equal(reference.Number(r, "se_rmean"), rm.StandardError, Tol, $"{at} se(rmean)");
            var common = fit.RestrictedMean(reference.Number(r, "rmean_common_tau"));
            Approx.Equal(reference.Number(r, "rmean_common"), common.Estimate, Tol, $"{at} rmean common");
            Approx.Equal(reference.Number(r, "se_rmean_common"), common.StandardError, Tol, $"{at} se(rmean) common");
        }
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Landmark_estimates_agree_with_summary_times(string id)
    {
        var fits = FitCase(id);
        var c = Cases.Where("case", id).Single();
        var entries = EntriesByGroup(c);
        var reference = ReferenceTable.Load("KaplanMeier/km_landmarks.csv");
        foreach (var fit in fits)
        {
            var rows = reference.Where("case", id).Where(x => reference.Text(x, "group") == fit.Group).ToList();
            rows.Should().NotBeEmpty();
            foreach (var r in rows)
            {
                double t = reference.Number(r, "time");
                var e = fit.At(t);
                string at = $"{id}/{fit.Group} at {t.ToString(CultureInfo.InvariantCulture)}";
                // The one documented difference: R's summary(times=) counts rows that enter after t but before the next
                // curve time; those rows are not under observation at t.
                double next = fit.Time.FirstOrDefault(x => x >= t, double.NaN);
                double lateEntrants = entries is null || double.IsNaN(next) ? 0
                    : entries.Where(x => x.Group == fit.Group && x.Entry > t && x.Entry < next).Sum(x => x.Weight);
                Approx.Equal(reference.Number(r, "n_risk") - lateEntrants, e.NumberAtRisk, Tol, $"{at} n.risk");
                Approx.Equal(reference.Number(r, "surv"), e.Survival, Tol, $"{at} surv");
                Approx.Equal(reference.Number(r, "std_err"), e.StandardError, Tol, $"{at} std.err");
                Approx.Equal(reference.Number(r, "lower"), e.Lower, Tol, $"{at} lower");
                Approx.Equal(reference.Number(r, "upper"), e.Upper, Tol, $"{at} upper");
                Approx.Equal(reference.Number(r, "cumhaz"), e.CumulativeHazard, Tol, $"{at} cumhaz");
                Approx.Equal(reference.Number(r, "std_chaz"), e.CumulativeHazardStandardError, Tol, $"{at} std.chaz");
            }
        }
    }

    private static List<(string Group, double Entry, double Weight)>? EntriesByGroup(string[] c)
    {
        var entryCol = ReferenceData.OrNull(Cases.Text(c, "entry_col"));
        if (entryCol is null) return null;
        var t = ReferenceTable.Load($"KaplanMeier/data/{Cases.Text(c, "dataset")}.csv");
        var groupCol = ReferenceData.OrNull(Cases.Text(c, "group_col"));
        var weightCol = ReferenceData.OrNull(Cases.Text(c, "weights_col"));
        return t.Rows.Select(r => (groupCol is null ? "all" : t.Text(r, groupCol), t.Number(r, entryCol),
            weightCol is null ? 1.0 : t.Number(r, weightCol))).ToList();
    }

    [Theory]
    [InlineData("lung", "time", "status == 2")]
    [InlineData("veteran", "time", "status")]
    [InlineData("aml", "time", "status")]
    [InlineData("synthetic_km", "time", "status")]
    public void Reverse_km_follow_up_agrees_with_R_in_both_conventions(string dataset, string time, string evt)
    {
        var (data, _, _) = ReferenceData.Load("KaplanMeier", dataset, time, evt);
        var reference = ReferenceTable.Load("KaplanMeier/km_followup.csv");
        foreach (var (convention, name) in new[] { (FollowUpConvention.SwappedStatus, "reverse_naive"), (FollowUpConvention.EventsFirst, "reverse_events_first") })
        {
            var r = reference.Where("case", dataset).Single(x => reference.Text(x, "convention") == name);
            var f = FollowUpResult.Estimate(data, convention);
            Approx.Equal(reference.Number(r, "median"), f.Median, Tol, $"{dataset} {name} median");
            Approx.Equal(reference.Number(r, "q25"), f.LowerQuartile, Tol, $"{dataset} {name} q25");
            Approx.Equal(reference.Number(r, "q75"), f.UpperQuartile, Tol, $"{dataset} {name} q75");
        }
    }
}
