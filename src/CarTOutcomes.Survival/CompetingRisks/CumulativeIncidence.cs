using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// Cumulative incidence functions of competing risks with the variance and k-sample test of R's
/// <c>cmprsk::cuminc</c> (Gray 1988; Fortran routines <c>cinc</c> and <c>crstm</c> of cmprsk 2.2).
/// </summary>
public static partial class CumulativeIncidence
{
    /// <summary>One curve per cause for all rows (R: <c>cuminc(ftime, fstatus)</c>); the group is <c>"all"</c>.</summary>
    /// <param name="data">Right-censored competing-risks data (cuminc does not take entry times; see <see cref="AalenJohansen"/>).</param>
    /// <param name="options">Confidence limits; defaults when omitted.</param>
    /// <exception cref="ArgumentException">No cause at all: every row censored and no causes declared (cuminc fails
    /// there too). A declared cause without events gets an empty curve, 0 at every time.</exception>
    public static CumulativeIncidenceResult Fit(CompetingRisksData data, CumulativeIncidenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckNoEntry(data);
        options ??= CumulativeIncidenceOptions.Default;
        var order = SortByTime(data); // one sort serves every cause
        var curves = data.Causes.Select(c => Curve(data, order, "all", c, options)).ToArray();
        return new CumulativeIncidenceResult(options, curves, []);
    }

    /// <summary>
    /// One curve per group and cause, and Gray's test per cause (R: <c>cuminc(ftime, fstatus, group, strata, rho)</c>).
    /// Curves come cause by cause, groups in <paramref name="levels"/> order, else <see cref="GroupLevels.Order"/> order.
    /// </summary>
    /// <param name="data">Right-censored competing-risks data.</param>
    /// <param name="groups">Group label of each row.</param>
    /// <param name="strata">Optional stratum label of each row: Gray's test is then stratified.</param>
    /// <param name="options">Confidence limits and the test's rho.</param>
    /// <param name="levels">Optional explicit group order.</param>
    public static CumulativeIncidenceResult Fit(CompetingRisksData data, IReadOnlyList<string> groups,
        IReadOnlyList<string>? strata = null, CumulativeIncidenceOptions? options = null, IReadOnlyList<string>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        CheckNoEntry(data);
        options ??= CumulativeIncidenceOptions.Default;
        if (groups.Count != data.Count)
            throw new ArgumentException($"There are {groups.Count} group labels for {data.Count} rows.", nameof(groups));
        if (strata is not null && strata.Count != data.Count)
            throw new ArgumentException($"There are {strata.Count} stratum labels for {data.Count} rows.", nameof(strata));
        var byGroup = GroupLevels.Rows(groups, levels);
        var curves = new List<CumulativeIncidenceCurve>();
        var subsets = byGroup.Select(g => data.Subset(g.Rows)).ToArray();
        var orders = subsets.Select(SortByTime).ToArray(); // one sort per group serves every cause
        foreach (int cause in data.Causes)
            for (int g = 0; g < byGroup.Count; g++)
                curves.Add(Curve(subsets[g], orders[g], byGroup[g].Label, cause, options));
        var tests = byGroup.Count < 2
            ? Array.Empty<GrayTestResult>()
            : data.Causes.Select(c => GrayTest.Compute(data, byGroup, strata, c, options.Rho)).ToArray();
        return new CumulativeIncidenceResult(options, curves, tests);
    }

    private static void CheckNoEntry(CompetingRisksData data)
    {
        if (data.HasEntry)
            throw new ArgumentException("cuminc's estimator takes no entry times; use AalenJohansen.Fit for delayed entry.", nameof(data));
        // cmprsk's cuminc stops with "NAs in foreign function call" here; a list of zero curves would pass silently.
        if (data.Causes.Count == 0)
            throw new ArgumentException($"There is no cause to estimate: no row ends in an event (all {data.Count} rows have the censoring code {data.CensorCode}) and no causes were declared. Declare the causes to get incidences of 0.", nameof(data));
    }

    /// <summary>Rows sorted by time; ties keep their input order (the result does not depend on it).</summary>
    internal static int[] SortByTime(CompetingRisksData data) => Estimators.SortOrder.Ascending(data.Time);

    /// <summary>
    /// The estimate and variance of cmprsk's <c>cinc</c>. At each distinct time with r at risk, d1 events of the
    /// cause, d2 of other causes and S(t−) the all-cause Kaplan–Meier: F jumps by S(t−)·d1/r. The variance is the
    /// delta-method estimate of Gray (1988): with S' = S(t−)(r − d1 − d2)/r and the tie factor
    /// c(d) = 1 − (d − 1)/(r − 1), three sums are updated, first for the other causes (only while S' &gt; 0),
    /// a = F/S', b = 1/S', u = S(t−)²·c(d2)·d2/r²: v1 += a²u, v2 += a b u, v3 += b²u;
    /// then for the cause, a = 1 + F/S' (b = 0 when S' = 0), u = S(t−)²·c(d1)·d1/r²;
    /// Var F(t) = v1 + F² v3 − 2 F v2.
    /// </summary>
    private static CumulativeIncidenceCurve Curve(CompetingRisksData data, int[] order, string group, int cause,
        CumulativeIncidenceOptions options)
    {
        var times = new List<double>();
        var est = new List<double>();
        var variance = new List<double>();
        double fk = 1, f = 0, v1 = 0, v2 = 0, v3 = 0;
        int n = order.Length;
        for (int p = 0; p < n;)
        {
            double t = data.Time[order[p]];
            int q = p, nd1 = 0, nd2 = 0;
            for (; q < n && data.Time[order[q]] == t; q++)
            {
                int s = data.Status[order[q]];
                if (s == cause) nd1++;
                else if (s != data.CensorCode) nd2++;
            }
            double rs = n - p;
            int nd = nd1 + nd2;
            if (nd > 0)
            {
                double fkn = fk * (rs - nd) / rs;
                if (nd1 > 0) f += fk * nd1 / rs;
                if (nd2 > 0 && fkn > 0)
                    AddVariance(ref v1, ref v2, ref v3, f / fkn, 1 / fkn, fk * fk * TieFactor(nd2, rs) * nd2 / (rs * rs));
                if (nd1 > 0)
                {
                    double b = fkn > 0 ? 1 / fkn : 0;
                    AddVariance(ref v1, ref v2, ref v3, 1 + b * f, b, fk * fk * TieFactor(nd1, rs) * nd1 / (rs * rs));
                    times.Add(t);
                    est.Add(f);
                    variance.Add(v1 + f * f * v3 - 2 * f * v2);
                }
                fk = fkn;
            }
            p = q;
        }
        double last = n == 0 ? 0 : data.Time[order[n - 1]];
        return new CumulativeIncidenceCurve(group, cause, n, times.ToArray(), est.ToArray(), variance.ToArray(), last, options);
    }

    private static double TieFactor(int d, double r) => d > 1 ? 1 - (d - 1.0) / (r - 1.0) : 1;

    private static void AddVariance(ref double v1, ref double v2, ref double v3, double a, double b, double u)
    {
        v1 += a * a * u;
        v2 += b * a * u;
        v3 += b * b * u;
    }
}
