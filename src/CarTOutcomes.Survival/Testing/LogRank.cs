using CarTOutcomes.Survival.Data;
using MathNet.Numerics.LinearAlgebra;

namespace CarTOutcomes.Survival.Testing;

/// <summary>
/// The G-rho family of k-sample tests of Harrington and Fleming (1982), as R's <c>survdiff</c>: rho = 0 is the
/// log-rank test, rho = 1 the Peto–Peto modification of the Gehan–Wilcoxon test.
/// </summary>
public static partial class LogRank
{
    /// <summary>
    /// The most groups compared: the test holds a k × k variance matrix and inverts it (k³ operations), so 2000 groups
    /// take 32 MB and a few seconds; 10^5 groups would need 80 GB. More groups is an <see cref="ArgumentException"/>
    /// that names k, not an out-of-memory failure.
    /// </summary>
    public const int MaxGroups = 2000;

    /// <summary>Compares the survival of the groups, optionally within strata (R: <c>survdiff(Surv(t, e) ~ g + strata(s), rho=)</c>).</summary>
    /// <remarks>
    /// Degenerate inputs behave as in R (docs/edge-cases.md): one group only, or a variance of O − E that is
    /// singular (e.g. every row has its event at one time), is an <see cref="ArgumentException"/>, as survdiff
    /// stops with an error; a group with no events still counts, a group never at risk at an event time (expected 0)
    /// does not count towards the degrees of freedom.
    /// </remarks>
    /// <param name="data">Right-censored, unweighted outcomes (survdiff accepts neither delayed entry nor weights).</param>
    /// <param name="groups">Group label of each row.</param>
    /// <param name="strata">Optional stratum label of each row; when null, the data's own strata (<see cref="SurvivalData.Strata"/>), if any.</param>
    /// <param name="rho">The G-rho exponent: each death time is weighted by S(t−)^rho, S the pooled left-continuous Kaplan–Meier of its stratum.</param>
    /// <param name="levels">Optional explicit order of the groups.</param>
    public static LogRankResult Test(SurvivalData data, IReadOnlyList<string> groups, IReadOnlyList<string>? strata = null,
        double rho = 0, IReadOnlyList<string>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(groups);
        if (data.IsCountingProcess)
            throw new ArgumentException("The log-rank test needs right-censored data; survdiff does not accept (start, stop] data.", nameof(data));
        if (data.IsWeighted)
            throw new ArgumentException("The log-rank test does not take case weights (nor does R's survdiff).", nameof(data));
        if (groups.Count != data.Count)
            throw new ArgumentException($"There are {groups.Count} group labels for {data.Count} rows.", nameof(groups));
        if (strata is not null && strata.Count != data.Count)
            throw new ArgumentException($"There are {strata.Count} stratum labels for {data.Count} rows.", nameof(strata));
        if (!double.IsFinite(rho)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be finite.");
        strata ??= data.Strata;

        var levelOrder = levels ?? GroupLevels.Order(groups);
        var groupIndex = levelOrder.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        int k = levelOrder.Count;
        if (k > MaxGroups)
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The test would compare k = {k} groups: its k × k variance matrix ({(double)k * k * 8 / 1e9:0.#} GB) cannot be held; at most {MaxGroups} groups are compared. The group column seems to hold identifiers or measurements rather than group labels."),
                nameof(groups));
        var g = new int[data.Count];
        for (int i = 0; i < g.Length; i++)
        {
            if (!groupIndex.TryGetValue(groups[i], out g[i]))
                throw new ArgumentException($"Group label '{groups[i]}' at index {i} is not among the levels.", nameof(groups));
        }
        var obs = new double[k];
        var exp = new double[k];
        var n = new int[k];
        foreach (var gi in g) n[gi]++;
        if (n.Count(x => x > 0) < 2)
            throw new ArgumentException("There is only 1 group: the log-rank test compares two or more (R's survdiff stops with the same error).", nameof(groups));
        var v = new double[k, k];
        var strataRows = strata is null
            ? [(Label: "", Rows: (IReadOnlyList<int>)Enumerable.Range(0, data.Count).ToArray())]
            : GroupLevels.Rows(strata);
        foreach (var (_, rows) in strataRows)
            AccumulateStratum(data, g, rows, rho, obs, exp, v);
        return LogRankResult.Create(levelOrder, n, obs, exp, v, rho, strata is not null);
    }

    /// <summary>
    /// One stratum of <c>survdiff2.c</c>: at each death time, with n_j at risk in group j, n in all and d deaths,
    /// O_j += w d_j, E_j += w d n_j / n, V_jl += w² d (n − d) / (n (n − 1)) · n_j (δ_jl − n_l / n), w = S(t−)^rho.
    /// </summary>
    private static void AccumulateStratum(SurvivalData data, int[] g, IReadOnlyList<int> rows, double rho,
        double[] obs, double[] exp, double[,] v)
    {
        int k = obs.Length;
        var time = data.Time;
        var evt = data.Event;
        var order = rows.ToArray();
        var keys = new double[order.Length];
        for (int i = 0; i < order.Length; i++) keys[i] = time[order[i]];
        Array.Sort(keys, order);
        var risk = new double[k];
        foreach (var r in order) risk[g[r]]++;
        double nrisk = order.Length;
        double km = 1; // left-continuous pooled Kaplan–Meier of this stratum
        var deathsByGroup = new double[k];
        for (int p = 0; p < order.Length;)
        {
            double t = time[order[p]];
            int q = p;
            double deaths = 0;
            Array.Clear(deathsByGroup);
            for (; q < order.Length && time[order[q]] == t; q++)
            {
                if (evt[order[q]]) { deaths++; deathsByGroup[g[order[q]]]++; }
            }
            double w = rho == 0 ? 1 : Math.Pow(km, rho);
            if (deaths > 0)
            {
                for (int j = 0; j < k; j++)
                {
                    obs[j] += w * deathsByGroup[j];
                    exp[j] += w * deaths * risk[j] / nrisk;
                }
                if (nrisk > 1)
                {
                    double w2 = w * w;
                    for (int j = 0; j < k; j++)
                    {
                        double tmp = w2 * deaths * risk[j] * (nrisk - deaths) / (nrisk * (nrisk - 1));
                        v[j, j] += tmp;
                        for (int l = 0; l < k; l++) v[j, l] -= tmp * risk[l] / nrisk;
                    }
                }
                km *= (nrisk - deaths) / nrisk;
            }
            for (int r = p; r < q; r++) risk[g[order[r]]]--;
            nrisk -= q - p;
            p = q;
        }
    }
}

/// <summary>One group of a log-rank test.</summary>
/// <param name="Group">Group label.</param>
/// <param name="N">Rows in the group.</param>
/// <param name="Observed">(Weighted) observed events.</param>
/// <param name="Expected">(Weighted) expected events under the null hypothesis.</param>
public sealed record LogRankGroup(string Group, int N, double Observed, double Expected);

/// <summary>The result of a G-rho test (R: a <c>survdiff</c> object).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class LogRankResult
{
    private LogRankResult(IReadOnlyList<LogRankGroup> groups, double[,] variance, double chiSquare, int df, double rho, bool stratified)
    {
        Groups = groups;
        _variance = variance;
        ChiSquare = chiSquare;
        DegreesOfFreedom = Math.Max(df, 0);
        // R: pchisq(chisq, df, lower.tail = FALSE), which is 1 for chisq = 0 on 0 df and NaN on -1 df.
        PValue = df > 0 ? UpperTail(chiSquare, df) : df == 0 ? 1 : double.NaN;
        Rho = rho;
        IsStratified = stratified;
    }

    private readonly double[,] _variance;

    /// <summary>Observed and expected events per group, in level order.</summary>
    public IReadOnlyList<LogRankGroup> Groups { get; }

    /// <summary>The chi-square statistic.</summary>
    public double ChiSquare { get; }

    /// <summary>
    /// Degrees of freedom: groups with expected &gt; 0, minus one; never negative (where no group has expected events
    /// R prints −1 degrees of freedom, this is 0, with <see cref="PValue"/> NaN as R's).
    /// </summary>
    public int DegreesOfFreedom { get; }

    /// <summary>
    /// The upper-tail p-value. As R's survdiff: 1 when the degrees of freedom are 0 (one group only has expected
    /// events: chi-square 0 on 0 df); NaN when no group has expected events (R: <c>p = NA</c> on −1 df).
    /// </summary>
    public double PValue { get; }

    /// <summary>The G-rho exponent used.</summary>
    public double Rho { get; }

    /// <summary>True when the test was stratified.</summary>
    public bool IsStratified { get; }

    /// <summary>Element (i, j) of the variance matrix of O − E (R's <c>var</c>).</summary>
    /// <param name="i">Row group index.</param>
    /// <param name="j">Column group index.</param>
    public double Variance(int i, int j) => _variance[i, j];

    internal static LogRankResult Create(IReadOnlyList<string> levels, int[] n, double[] obs, double[] exp, double[,] v,
        double rho, bool stratified)
    {
        int k = levels.Count;
        var groups = Enumerable.Range(0, k).Select(i => new LogRankGroup(levels[i], n[i], obs[i], exp[i])).ToArray();
        // R survdiff: drop groups with expected 0, then the first remaining one, and solve V⁻¹(O − E).
        var keep = Enumerable.Range(0, k).Where(i => exp[i] > 0).ToArray();
        int df = keep.Length - 1;
        double chi = 0;
        if (keep.Length >= 2)
        {
            var idx = keep.Skip(1).ToArray();
            var m = Matrix<double>.Build.Dense(idx.Length, idx.Length, (a, b) => v[idx[a], idx[b]]);
            var d = Vector<double>.Build.Dense(idx.Length, a => obs[idx[a]] - exp[idx[a]]);
            ThrowIfSingular(m);
            chi = m.Solve(d).DotProduct(d);
        }
        return new LogRankResult(groups, v, chi, df, rho, stratified);
    }

    /// <summary>
    /// R solves V·x = O − E with <c>solve()</c>, which stops when V is singular to machine precision (LAPACK
    /// <c>dgesv</c>: "system is exactly singular", or a reciprocal condition number below .Machine$double.eps).
    /// That happens when no time has both survivors and deaths, e.g. every row dies at one time: the test is
    /// then undefined, and reporting a chi-square would be a number with no meaning.
    /// </summary>
    private static void ThrowIfSingular(Matrix<double> m)
    {
        var singular = m.Svd(computeVectors: false).S;
        double largest = singular.Maximum(), smallest = singular.Minimum();
        if (!(largest > 0) || smallest / largest < 2.220446049250313e-16)
            throw new ArgumentException("The variance of observed minus expected events is singular (no event time has both deaths and " +
                                        "survivors at risk, e.g. every row has its event at one time): the log-rank test is undefined " +
                                        "(R's survdiff stops with 'system is exactly singular').");
    }

    internal static double UpperTail(double chi, int df) =>
        MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2.0);
}
