namespace CarTOutcomes.Clinical.Tables;

/// <summary>The test that compares the groups on one baseline variable; chosen explicitly per variable and named in a footnote.</summary>
public enum BaselineTest
{
    /// <summary>No test; the P cell is left empty.</summary>
    None,

    /// <summary>Wilcoxon rank-sum (Mann–Whitney) test, two groups (R: <c>wilcox.test(x, y)</c>, exact when both n &lt; 50 without ties).</summary>
    WilcoxonRankSum,

    /// <summary>Kruskal–Wallis rank-sum test, two or more groups (R: <c>kruskal.test</c>).</summary>
    KruskalWallis,

    /// <summary>Fisher's exact test, two-sided, 2×2 or larger (R: <c>fisher.test</c>).</summary>
    FisherExact,

    /// <summary>Pearson's chi-square test without continuity correction (R: <c>chisq.test(x, correct = FALSE)</c>).</summary>
    ChiSquare,

    /// <summary>Pearson's chi-square test with Yates' continuity correction for 2×2 tables (R: <c>chisq.test(x)</c>, <c>correct = TRUE</c>).</summary>
    ChiSquareYates,
}
