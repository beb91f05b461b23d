using System.Globalization;
using CarTOutcomes.Survival.Comparisons;

namespace CarTOutcomes.Clinical.Tables;

/// <summary>
/// A baseline-characteristics table in the layout of the paper's Table 1 (and R's <c>tableone</c>/<c>gtsummary</c>):
/// one row per variable and level, one column per group, a P column and footnotes naming each test. This is the
/// model only; renderers (text, Markdown, HTML, CSV) live in CarTOutcomes.Presentation.Tables.
/// </summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class BaselineTable
{
    private BaselineTable(string? title, string labelHeading, string pValueHeading, IReadOnlyList<BaselineGroup> groups,
        IReadOnlyList<BaselineRow> rows, IReadOnlyList<BaselineFootnote> footnotes)
    {
        Title = title;
        LabelHeading = labelHeading;
        PValueHeading = pValueHeading;
        Groups = groups;
        Rows = rows;
        Footnotes = footnotes;
    }

    /// <summary>The title, if any.</summary>
    public string? Title { get; }

    /// <summary>Heading of the label column.</summary>
    public string LabelHeading { get; }

    /// <summary>Heading of the P column.</summary>
    public string PValueHeading { get; }

    /// <summary>The groups (columns), in order.</summary>
    public IReadOnlyList<BaselineGroup> Groups { get; }

    /// <summary>The rows, in order.</summary>
    public IReadOnlyList<BaselineRow> Rows { get; }

    /// <summary>Footnotes: first the summary conventions, then one per test used, with its marker.</summary>
    public IReadOnlyList<BaselineFootnote> Footnotes { get; }

    /// <summary>
    /// Builds the table. Missing values are counted per group in an indented "Missing" row (when any are missing) and
    /// excluded from summaries, percentages and tests.
    /// </summary>
    /// <param name="subjects">The subjects, one record each.</param>
    /// <param name="group">The group of a subject (non-null).</param>
    /// <param name="variables">The variables, in row order, each with its test.</param>
    /// <param name="options">Layout options (defaults if null).</param>
    public static BaselineTable Build<TSubject>(IReadOnlyList<TSubject> subjects, Func<TSubject, string> group,
        IReadOnlyList<BaselineVariable<TSubject>> variables, BaselineTableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(variables);
        options ??= new BaselineTableOptions();
        var labels = GroupLabels(subjects, group);
        var order = options.GroupOrder ?? labels.Distinct(StringComparer.Ordinal).ToArray();
        var index = order.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var g = new int[subjects.Count];
        for (int i = 0; i < g.Length; i++)
            if (!index.TryGetValue(labels[i], out g[i]))
                throw new ArgumentException($"Subject {i} has group '{labels[i]}', which is not in GroupOrder [{string.Join(", ", order)}].", nameof(options));
        var groups = order.Select((l, k) => new BaselineGroup(l, g.Count(x => x == k))).ToArray();
        var footnotes = new FootnoteBook();
        var rows = new List<BaselineRow>();
        foreach (var v in variables)
            rows.AddRange(v.Kind == BaselineVariableKind.Continuous
                ? ContinuousRows(subjects, g, groups.Length, v, options, footnotes)
                : CategoricalRows(subjects, g, groups.Length, v, options, footnotes));
        return new BaselineTable(options.Title, options.LabelHeading, options.PValueHeading, groups, rows, footnotes.All());
    }

    private static string[] GroupLabels<TSubject>(IReadOnlyList<TSubject> subjects, Func<TSubject, string> group)
    {
        var labels = new string[subjects.Count];
        for (int i = 0; i < labels.Length; i++)
            labels[i] = group(subjects[i]) ?? throw new ArgumentException($"Subject {i} has no group (null).", nameof(group));
        return labels;
    }

    private static IEnumerable<BaselineRow> ContinuousRows<TSubject>(IReadOnlyList<TSubject> subjects, int[] g, int k,
        BaselineVariable<TSubject> v, BaselineTableOptions o, FootnoteBook notes)
    {
        var values = Enumerable.Range(0, k).Select(_ => new List<double?>()).ToArray();
        for (int i = 0; i < subjects.Count; i++) values[g[i]].Add(v.Number!(subjects[i]));
        var summaries = values.Select(Descriptive.Summarize).ToArray();
        var cells = summaries.Select(s => s.N == 0 ? "—" : $"{Number(s.Median, v.Decimals)} ({Number(s.Min, v.Decimals)}–{Number(s.Max, v.Decimals)})").ToArray();
        double? p = ContinuousP(v, summaries);
        yield return new BaselineRow(v.Label, BaselineRowKind.Variable, cells, p, PText(p, v.Test, o), v.Test, notes.Marker(v.Test));
        if (summaries.Any(s => s.Missing > 0))
            yield return new BaselineRow("Missing", BaselineRowKind.Missing, summaries.Select(s => Count(s.Missing)).ToArray(), null, "", v.Test, null);
    }

    private static double? ContinuousP<TSubject>(BaselineVariable<TSubject> v, ContinuousSummary[] s)
    {
        if (v.Test == BaselineTest.None) return null;
        var present = s.Where(x => x.N > 0).ToArray();
        if (v.Test == BaselineTest.WilcoxonRankSum)
        {
            if (s.Length != 2)
                throw new ArgumentException($"Variable '{v.Label}': the Wilcoxon rank-sum test compares two groups, there are {s.Length}; use Kruskal–Wallis.");
            return present.Length < 2 ? double.NaN : Wilcoxon.RankSum(s[0].Sorted, s[1].Sorted).PValue;
        }
        if (present.Length < 2) return double.NaN;
        var values = present.SelectMany(x => x.Sorted).ToArray();
        var labels = present.SelectMany((x, i) => Enumerable.Repeat(i.ToString(CultureInfo.InvariantCulture), x.N)).ToArray();
        return values.Distinct().Count() < 2 ? double.NaN : KruskalWallis.Test(values, labels).PValue;
    }

    private static IEnumerable<BaselineRow> CategoricalRows<TSubject>(IReadOnlyList<TSubject> subjects, int[] g, int k,
        BaselineVariable<TSubject> v, BaselineTableOptions o, FootnoteBook notes)
    {
        var values = Enumerable.Range(0, k).Select(_ => new List<string?>()).ToArray();
        for (int i = 0; i < subjects.Count; i++) values[g[i]].Add(v.Category!(subjects[i]));
        var counts = new CategoricalSummary[k];
        for (int j = 0; j < k; j++)
        {
            try { counts[j] = Descriptive.Count(values[j], v.Levels); }
            catch (ArgumentException e) { throw new ArgumentException($"Variable '{v.Label}': {e.Message}", e); }
        }
        double? p = CategoricalP(v, counts);
        string pText = PText(p, v.Test, o);
        string? marker = notes.Marker(v.Test);
        if (v.OnlyLevel is not null)
        {
            int li = v.Levels.ToList().IndexOf(v.OnlyLevel);
            yield return new BaselineRow(v.Label, BaselineRowKind.Variable, counts.Select(c => CountPercent(c, li, o)).ToArray(), p, pText, v.Test, marker);
        }
        else
        {
            yield return new BaselineRow(v.Label, BaselineRowKind.Variable, counts.Select(_ => "").ToArray(), p, pText, v.Test, marker);
            for (int li = 0; li < v.Levels.Count; li++)
                yield return new BaselineRow(v.Levels[li], BaselineRowKind.Level, counts.Select(c => CountPercent(c, li, o)).ToArray(), null, "", v.Test, null);
        }
        if (counts.Any(c => c.Missing > 0))
            yield return new BaselineRow("Missing", BaselineRowKind.Missing, counts.Select(c => Count(c.Missing)).ToArray(), null, "", v.Test, null);
    }

    /// <summary>
    /// The test on the levels × groups table of known values. Fisher takes empty rows and columns as they are; for the
    /// chi-square tests empty rows and columns are dropped first (R would return NaN); fewer than 2×2 left gives NaN.
    /// </summary>
    private static double? CategoricalP<TSubject>(BaselineVariable<TSubject> v, CategoricalSummary[] counts)
    {
        if (v.Test == BaselineTest.None) return null;
        var table = new int[v.Levels.Count, counts.Length];
        for (int i = 0; i < v.Levels.Count; i++)
            for (int j = 0; j < counts.Length; j++) table[i, j] = counts[j].Count(i);
        if (v.Test == BaselineTest.FisherExact) return FisherExact.Test(table).PValue;
        var reduced = DropEmpty(table);
        if (reduced.GetLength(0) < 2 || reduced.GetLength(1) < 2) return double.NaN;
        return ChiSquare.Test(reduced, yates: v.Test == BaselineTest.ChiSquareYates).PValue;
    }

    private static int[,] DropEmpty(int[,] t)
    {
        var rows = Enumerable.Range(0, t.GetLength(0)).Where(i => Enumerable.Range(0, t.GetLength(1)).Any(j => t[i, j] > 0)).ToArray();
        var cols = Enumerable.Range(0, t.GetLength(1)).Where(j => rows.Any(i => t[i, j] > 0)).ToArray();
        var r = new int[rows.Length, cols.Length];
        for (int a = 0; a < rows.Length; a++)
            for (int b = 0; b < cols.Length; b++) r[a, b] = t[rows[a], cols[b]];
        return r;
    }

    private static string CountPercent(CategoricalSummary c, int level, BaselineTableOptions o) =>
        c.N == 0 ? "—" : $"{Count(c.Count(level))} ({Rounding.Round(c.Percent(level), o.PercentDigits).ToString("F" + o.PercentDigits, CultureInfo.InvariantCulture)}%)";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A median or range end rounded as R's round(x, decimals), trailing zeros dropped (42.5, 23, 1.37).</summary>
    private static string Number(double x, int decimals) =>
        Rounding.Round(x, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);

    /// <summary>P rounded to the requested digits; below 10^−digits shown as "&lt;0.01"; NaN (test undefined) as "NA".</summary>
    internal static string PText(double? p, BaselineTest test, BaselineTableOptions o)
    {
        if (test == BaselineTest.None || p is null) return "";
        if (double.IsNaN(p.Value)) return "NA";
        double floor = Math.Pow(10, -o.PValueDigits);
        string fmt = "F" + o.PValueDigits;
        return Rounding.Round(p.Value, o.PValueDigits) < floor
            ? "<" + floor.ToString(fmt, CultureInfo.InvariantCulture)
            : Rounding.Round(p.Value, o.PValueDigits).ToString(fmt, CultureInfo.InvariantCulture);
    }

    /// <summary>Assigns markers a, b, … to tests in order of first use and writes their footnotes.</summary>
    private sealed class FootnoteBook
    {
        private readonly List<BaselineTest> _used = [];

        public string? Marker(BaselineTest test)
        {
            if (test == BaselineTest.None) return null;
            if (!_used.Contains(test)) _used.Add(test);
            return ((char)('a' + _used.IndexOf(test))).ToString();
        }

        public IReadOnlyList<BaselineFootnote> All() =>
        [
            new(null, "Continuous variables: median (range); categorical variables: n (%) of subjects with a known value. " +
                      "Missing values are counted in \"Missing\" rows and excluded from summaries, percentages and tests. P values are two-sided."),
            .. _used.Select((t, i) => new BaselineFootnote(((char)('a' + i)).ToString(), Describe(t))),
        ];

        private static string Describe(BaselineTest t) => t switch
        {
            BaselineTest.WilcoxonRankSum => "Wilcoxon rank-sum test (R wilcox.test): exact when both groups have fewer than 50 values and there are no ties, otherwise normal approximation with continuity correction.",
            BaselineTest.KruskalWallis => "Kruskal–Wallis rank-sum test (R kruskal.test).",
            BaselineTest.FisherExact => "Fisher's exact test (R fisher.test).",
            BaselineTest.ChiSquare => "Pearson's chi-square test without continuity correction (R chisq.test, correct = FALSE).",
            BaselineTest.ChiSquareYates => "Pearson's chi-square test with Yates' continuity correction for 2×2 tables (R chisq.test).",
            _ => "",
        };
    }
}
