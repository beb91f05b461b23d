using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using MathNet.Numerics.Distributions;

namespace CarTOutcomes.Presentation.Tables;

/// <summary>
/// A model term as a reader sees it: a variable label and the coefficients that code it. A factor lists one
/// coefficient per non-reference level (with the level names) and names its reference level, which is shown with
/// "—"; a continuous or binary variable has one coefficient and no levels.
/// </summary>
/// <param name="Label">The variable's label (e.g. "Bridging therapy").</param>
/// <param name="Coefficients">The coefficient names of the term, as the fit names them.</param>
/// <param name="Levels">For a factor, the level shown for each coefficient (same order); null for a single row.</param>
/// <param name="ReferenceLevel">For a factor, the reference level's name (shown first, with "—").</param>
public sealed record RegressionTerm(string Label, IReadOnlyList<string> Coefficients, IReadOnlyList<string>? Levels = null,
    string? ReferenceLevel = null)
{
    /// <summary>True when the term is shown as a label row with levels under it.</summary>
    public bool IsFactor => Levels is not null;
}

/// <summary>
/// Regression tables of hazard ratios in publication layout (R: gtsummary's <c>tbl_regression(exponentiate = TRUE)</c>,
/// merged by <see cref="PublicationTable.Merge"/> as <c>tbl_merge</c>): one row per variable with HR (95% CI) and P;
/// a factor's levels under its label, the reference level marked "—", and the factor's overall P on the label row.
/// N and events head the columns.
/// </summary>
/// <remarks>
/// Without terms every coefficient is one row labelled by <c>labels</c> (or its name). A factor's overall P is the
/// Wald test of all its coefficients, X² = bᵀV⁻¹b on k df (R: <c>aod::wald.test(vcov(fit), coef(fit), Terms = …)</c>,
/// or <c>car::Anova(fit, test.statistic = "Wald")</c>; gtsummary's <c>add_global_p</c> defaults to a likelihood ratio
/// test instead, which needs refitting and is not done here).
/// </remarks>
public static class RegressionTable
{
    /// <summary>
    /// The table of a Cox fit. A fit from a formula groups its rows by the formula's terms: a factor's label, its
    /// reference level (from the model frame's levels, <c>relevel</c> respected) and its other levels under it.
    /// </summary>
    /// <param name="fit">The fit.</param>
    /// <param name="terms">How coefficients group into variables; null for the formula's terms, or one row per coefficient for a fit without a formula.</param>
    /// <param name="labels">Row labels by coefficient name, or by term label (e.g. <c>factor(ph.ecog)</c>) for a formula fit.</param>
    /// <param name="title">The table's title.</param>
    public static PublicationTable From(CoxResult fit, IReadOnlyList<RegressionTerm>? terms = null,
        IReadOnlyDictionary<string, string>? labels = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        terms ??= TermsOf(fit, labels);
        var coefs = fit.Coefficients.Select(c => new Coef(c.Name, c.Estimate, c.HazardRatio, c.Lower, c.Upper, c.PValue)).ToArray();
        string header = $"N = {fit.SubjectCount ?? fit.RowCount}, events = {fit.EventCount}";
        string level = Level(fit.Options.ConfidenceLevel);
        return Build(coefs, fit.Variance, terms, labels, title, header, $"HR ({level}% CI)");
    }

    /// <summary>The table of a Fine–Gray fit: subdistribution hazard ratios.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="terms">How coefficients group into variables; null for one row per coefficient.</param>
    /// <param name="labels">Row labels by coefficient name when <paramref name="terms"/> is null.</param>
    /// <param name="title">The table's title.</param>
    public static PublicationTable From(FineGrayResult fit, IReadOnlyList<RegressionTerm>? terms = null,
        IReadOnlyDictionary<string, string>? labels = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var coefs = fit.Coefficients.Select(c => new Coef(c.Name, c.Coefficient, c.HazardRatio, c.Lower, c.Upper, c.PValue)).ToArray();
        string header = $"N = {fit.Records}, events = {fit.Events}";
        string level = Level(fit.Options.ConfidenceLevel);
        return Build(coefs, fit.Covariance, terms, labels, title, header, $"sHR ({level}% CI)");
    }

    /// <summary>
    /// Univariable fits (one per variable) stacked into one table: each fit's rows with its own N and events kept
    /// in a footnote when they differ (gtsummary's <c>tbl_uvregression</c>).
    /// </summary>
    /// <param name="fits">One table per variable, e.g. from <see cref="From(CoxResult, IReadOnlyList{RegressionTerm}?, IReadOnlyDictionary{string, string}?, string?)"/>.</param>
    /// <param name="title">The table's title.</param>
    public static PublicationTable Stack(IReadOnlyList<PublicationTable> fits, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        if (fits.Count == 0) throw new ArgumentException("There is no table to stack.", nameof(fits));
        var columns = fits[0].Columns;
        var spanners = fits.Select(f => f.Columns[0].Spanner).Distinct().ToArray();
        var rows = fits.SelectMany(f => f.Rows).ToArray();
        var notes = fits.SelectMany(f => f.Footnotes).Distinct().ToList();
        if (spanners.Length > 1)
        {
            // Complete-case N differs between variables: say so rather than print one misleading N.
            columns = columns.Select(c => c with { Spanner = null }).ToArray();
            notes.Insert(0, "N and events per variable: " + string.Join("; ", fits.Select(f =>
                $"{f.Rows[0].Label}: {f.Columns[0].Spanner}")));
        }
        return new PublicationTable(title, fits[0].LabelHeading, columns, rows, notes);
    }

    /// <summary>
    /// The terms of a formula fit (R: <c>fit$assign</c> and <c>fit$xlevels</c>): a one-variable factor term becomes a
    /// factor with its levels named as R names the columns (<c>factor(sex)2</c> → level <c>2</c>) and its reference the
    /// level without a column; any other term with several columns lists the columns under its label. Null without a formula.
    /// </summary>
    private static IReadOnlyList<RegressionTerm>? TermsOf(CoxResult fit, IReadOnlyDictionary<string, string>? labels)
    {
        if (fit.Model is not { } m) return null;
        var terms = new List<RegressionTerm>();
        for (int k = 0; k < m.Formula.Terms.Count; k++)
        {
            var term = m.Formula.Terms[k];
            var names = Enumerable.Range(0, m.Assign.Count).Where(j => m.Assign[j] == k).Select(j => fit.Names[j]).ToArray();
            if (names.Length == 0) continue;
            string label = labels is not null && labels.TryGetValue(term.Label, out var l) ? l : term.Label;
            if (term.Variables.Count == 1 && m.Levels.TryGetValue(term.Variables[0], out var levels)
                && names.All(n => n.StartsWith(term.Variables[0], StringComparison.Ordinal)))
            {
                var shown = names.Select(n => n[term.Variables[0].Length..]).ToArray();
                terms.Add(new RegressionTerm(label, names, shown, levels.FirstOrDefault(x => !shown.Contains(x, StringComparer.Ordinal))));
            }
            else
            {
                terms.Add(names.Length == 1 ? new RegressionTerm(label, names) : new RegressionTerm(label, names, names));
            }
        }
        return terms;
    }

    private sealed record Coef(string Name, double Beta, double Ratio, double Lower, double Upper, double P);

    private static string Level(double level) => (level * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static PublicationTable Build(Coef[] coefs, double[,] variance, IReadOnlyList<RegressionTerm>? terms,
        IReadOnlyDictionary<string, string>? labels, string? title, string header, string ratioHeading)
    {
        var byName = coefs.Select((c, i) => (c, i)).ToDictionary(x => x.c.Name, x => x.i, StringComparer.Ordinal);
        terms ??= coefs.Select(c => new RegressionTerm(labels is not null && labels.TryGetValue(c.Name, out var l) ? l : c.Name, [c.Name])).ToArray();
        var rows = new List<TableRow>();
        foreach (var term in terms)
        {
            foreach (var name in term.Coefficients)
            {
                if (!byName.ContainsKey(name))
                    throw new ArgumentException($"Term '{term.Label}' names the coefficient '{name}', which the fit does not have (it has {string.Join(", ", coefs.Select(c => c.Name))}).", nameof(terms));
            }
            if (!term.IsFactor)
            {
                if (term.Coefficients.Count != 1)
                    throw new ArgumentException($"Term '{term.Label}' has {term.Coefficients.Count} coefficients; give its levels to show it as a factor.", nameof(terms));
                var c = coefs[byName[term.Coefficients[0]]];
                rows.Add(new TableRow(c.Name, term.Label, TableRowKind.Label, [TableCell.Ratio(c.Ratio, c.Lower, c.Upper), TableCell.P(c.P)]));
                continue;
            }
            if (term.Levels!.Count != term.Coefficients.Count)
                throw new ArgumentException($"Term '{term.Label}' has {term.Coefficients.Count} coefficients and {term.Levels.Count} level names.", nameof(terms));
            var idx = term.Coefficients.Select(n => byName[n]).ToArray();
            // The label row carries the factor's overall P when it has more than one coefficient; with one, the
            // level's own P is the test of the term.
            var overall = idx.Length > 1 ? TableCell.P(WaldP(idx, coefs, variance)) : TableCell.Empty;
            rows.Add(new TableRow("term:" + term.Label, term.Label, TableRowKind.Label, [TableCell.Empty, overall]));
            if (term.ReferenceLevel is not null)
                rows.Add(new TableRow($"ref:{term.Label}", term.ReferenceLevel, TableRowKind.Level, [TableCell.Reference, TableCell.Empty]));
            for (int k = 0; k < idx.Length; k++)
            {
                var c = coefs[idx[k]];
                rows.Add(new TableRow(c.Name, term.Levels[k], TableRowKind.Level,
                    [TableCell.Ratio(c.Ratio, c.Lower, c.Upper), TableCell.P(c.P)]));
            }
        }
        var columns = new[] { new TableColumn(ratioHeading, header), new TableColumn("P", header) };
        return new PublicationTable(title, "Characteristic", columns, rows,
            terms.Any(t => t.IsFactor && t.Coefficients.Count > 1) ? ["P on a factor's row: Wald test of all its levels."] : null);
    }

    /// <summary>The Wald test of coefficients <paramref name="idx"/> being all zero: X² = bᵀV⁻¹b on k df.</summary>
    private static double WaldP(int[] idx, Coef[] coefs, double[,] variance)
    {
        int k = idx.Length;
        var v = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) v[i, j] = variance[idx[i], idx[j]];
        var b = idx.Select(i => coefs[i].Beta).ToArray();
        var x = Solve(v, b);
        if (x is null) return double.NaN;
        double chi = b.Zip(x, (bi, xi) => bi * xi).Sum();
        return ChiSquared.CDF(k, chi) is var cdf && chi > 0 ? 1 - cdf : 1;
    }

    /// <summary>Solves V x = b by Gaussian elimination with partial pivoting; null when V is singular.</summary>
    private static double[]? Solve(double[,] v, double[] b)
    {
        int n = b.Length;
        var a = (double[,])v.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int p = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(a[r, c]));
            if (Math.Abs(a[p, c]) < 1e-300) return null;
            if (p != c)
            {
                for (int j = 0; j < n; j++) (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
                (x[c], x[p]) = (x[p], x[c]);
            }
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int j = c; j < n; j++) a[r, j] -= f * a[c, j];
                x[r] -= f * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int j = r + 1; j < n; j++) s -= a[r, j] * x[j];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
