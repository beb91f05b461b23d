using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Formulas;

/// <summary>How the status of <c>Surv(time, status)</c> was read.</summary>
public enum StatusCoding
{
    /// <summary>0 = censored, 1 = event (R's usual coding).</summary>
    ZeroOne,
    /// <summary>1 = censored, 2 = event: R's rule when the largest status is 2 (e.g. <c>survival::lung</c>).</summary>
    OneTwo,
    /// <summary>FALSE = censored, TRUE = event (a logical column or an expression such as <c>status == 2</c>).</summary>
    Logical,
}

/// <summary>
/// A formula evaluated on data: R's <c>model.frame</c> and <c>model.matrix</c> in one. Holds the survival response,
/// the design matrix with R's column names (treatment contrasts, first level the reference), which term each column
/// belongs to (R: <c>assign</c>), strata, cluster and offset, and the rows used after rows with a missing value in any
/// variable the formula uses were removed (R: <c>na.omit</c>). Immutable.
/// </summary>
/// <remarks>
/// <para><b>Coding</b> (R's <c>model.matrix</c>, Chambers &amp; Hastie ch. 2, R's <c>TermCode</c> in
/// <c>src/library/stats/src/model.c</c>): numeric variables enter as they are; factors (text columns,
/// <c>factor()</c>, logicals) are coded within each term by treatment contrasts when the term with the factor removed
/// is contained in an earlier term (the empty term, the intercept, always is: so a main effect gets contrasts), and by
/// full indicator coding otherwise (<c>~ age:sex</c> alone gives <c>age:sexfemale</c> and <c>age:sexmale</c>). Cox
/// models have no intercept column but are coded as if one were there (R's <c>coxph</c>). The columns of an
/// interaction are the products of its variables' columns, the first variable varying fastest, named by joining the
/// column names with ':'.</para>
/// <para><b>Levels</b>: numbers sorted numerically and written as R's <c>as.character</c>; text sorted as R sorts it
/// in a UTF-8 locale (see docs/formulas.md); FALSE before TRUE. Levels that occur only in dropped rows are removed
/// (R's coxph uses <c>drop.unused.levels = TRUE</c>).</para>
/// <para><b>Missing values</b>: a row with a missing value in the response, a model variable, a stratum, the cluster,
/// the offset, the weight or (for a Cox model) the subject id is dropped and counted in <see cref="DroppedRowCount"/>.</para>
/// </remarks>
public sealed class ModelFrame
{
    /// <summary>Factors with more levels than this are refused: they are likely identifiers.</summary>
    public const int MaxFactorLevels = 50;

    private ModelFrame() { }

    /// <summary>The formula.</summary>
    public Formula Formula { get; private init; } = null!;

    /// <summary>The survival response of the rows used, or null for a one-sided formula.</summary>
    public SurvivalData? Response { get; private init; }

    /// <summary>How the status column was read.</summary>
    public StatusCoding? StatusCoding { get; private init; }

    /// <summary>The raw status values of the rows used (before recoding), for competing-risks models.</summary>
    public IReadOnlyList<double>? RawStatus { get; private init; }

    /// <summary>Design matrix column names, exactly as R names them (<c>factor(ph.ecog)1</c>, <c>age:sexmale</c>).</summary>
    public IReadOnlyList<string> ColumnNames { get; private init; } = [];

    /// <summary>The design matrix by column: one array of <see cref="RowCount"/> values per name.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Columns => DesignColumns;

    internal double[][] DesignColumns { get; private init; } = [];

    /// <summary>For each column, the index of its term in <see cref="Formula"/>.<see cref="Formula.Terms"/> (R: <c>assign</c>, 0-based).</summary>
    public IReadOnlyList<int> Assign { get; private init; } = [];

    /// <summary>Stratum label of each row used (R: <c>strata(a, b)</c> gives <c>a=1, b=0</c>), or null without strata.</summary>
    public IReadOnlyList<string>? Strata { get; private init; }

    /// <summary>Stratum labels in R's level order (the first variable varying slowest), only those that occur.</summary>
    public IReadOnlyList<string>? StrataLevels { get; private init; }

    /// <summary>Cluster label of each row used, or null.</summary>
    public IReadOnlyList<string>? Cluster { get; private init; }

    /// <summary>The offset of each row used (the sum of the offset() terms), or null.</summary>
    public IReadOnlyList<double>? Offset { get; private init; }

    /// <summary>The rows of the data used (0-based), in order.</summary>
    public IReadOnlyList<int> RowsUsed { get; private init; } = [];

    /// <summary>Number of rows used.</summary>
    public int RowCount => RowsUsed.Count;

    /// <summary>Number of rows dropped for a missing value (R: <c>length(fit$na.action)</c>).</summary>
    public int DroppedRowCount { get; private init; }

    /// <summary>The factor variables and their levels, in the order of <see cref="Formula.Variables"/>, for coding new data.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Levels { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();

    internal FrameCoding? Coding { get; private init; }

    /// <summary>For a frame built with <see cref="BuildGroups"/>: the group of each row used, named as R's
    /// <c>names(fit$strata)</c> (<c>sex=1, ph.ecog=0</c>; <c>all</c> for <c>~ 1</c>); otherwise null.</summary>
    public IReadOnlyList<string>? Groups { get; private init; }

    /// <summary>The groups in R's order (the first variable varying slowest), only those that occur.</summary>
    public IReadOnlyList<string>? GroupLevels { get; private init; }

    /// <summary>The subject id of each row used, for a frame built with an id column (R: <c>id =</c>); otherwise null.</summary>
    public IReadOnlyList<string>? Ids { get; private init; }

    /// <summary>Evaluates <paramref name="formula"/> on <paramref name="data"/>.</summary>
    /// <param name="formula">The formula.</param>
    /// <param name="data">The data; every variable the formula uses must be a column.</param>
    /// <param name="weights">Optional name of a column of case weights (R: <c>weights = w</c>); rows with a missing weight are dropped.</param>
    /// <param name="requireResponse">When true, a formula without a left side is an error.</param>
    /// <exception cref="FormulaException">An unknown variable or function, a bad level, a factor with one level or
    /// too many, a status that is not 0/1, 1/2 or logical.</exception>
    public static ModelFrame Build(Formula formula, ModelData data, string? weights = null, bool requireResponse = true)
        => Build(formula, data, weights, requireResponse, competing: false);

    /// <summary>
    /// Evaluates a formula whose right side defines groups, not a design matrix (R: <c>survfit(Surv(time, status) ~ sex + ph.ecog)</c>,
    /// <c>survdiff</c>): every model variable, and every <c>strata()</c> term, is a grouping variable; see <see cref="Groups"/>.
    /// </summary>
    /// <param name="formula">The formula; <c>~ 1</c> is one group, <c>all</c>.</param>
    /// <param name="data">The data.</param>
    /// <param name="weights">Optional name of a column of case weights.</param>
    /// <param name="strataAreGroups">True (survfit): <c>strata()</c> terms also define groups; false (survdiff): they stratify.</param>
    /// <param name="id">
    /// Optional name of a subject-id column (R: <c>survfit(..., id = id)</c>): part of the model frame, as in R, so a
    /// row with a missing id is dropped with the other rows missing a value (R: <c>na.omit</c>). The ids of the rows
    /// used are <see cref="Ids"/>.
    /// </param>
    public static ModelFrame BuildGroups(Formula formula, ModelData data, string? weights = null, bool strataAreGroups = true,
        string? id = null) =>
        Build(formula, data, weights, requireResponse: true, competing: false, groups: true, strataAreGroups: strataAreGroups, id: id);

    // id: the subject-id column of coxph's id = argument, part of R's model frame: a row missing it is dropped.
    internal static ModelFrame Build(Formula formula, ModelData data, string? weights, bool requireResponse, bool competing,
        bool groups = false, bool strataAreGroups = true, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(data);
        string text = formula.Text;
        var ev = new Evaluator(data, text);
        int n = data.RowCount;
        var missing = new bool[n];

        // Response.
        ResponseValues? resp = null;
        if (formula.ResponseExpr is { } lhs) resp = ResponseValues.Evaluate(lhs, ev, text, n, competing);
        else if (requireResponse) throw new FormulaException(text, 0, "the formula needs a response on the left, e.g. Surv(time, status) ~ age.");
        resp?.MarkMissing(missing);

        // Variables.
        var values = formula.VariableExprs.Select(e => Check(ev.Evaluate(e), e, n, text)).ToArray();
        foreach (var v in values) Mark(v, missing);
        var strata = formula.StrataExprs.Select(e => Check(ev.Evaluate(e), e, n, text)).ToArray();
        foreach (var v in strata) Mark(v, missing);
        var cluster = formula.ClusterExpr is { } ce ? Check(ev.Evaluate(ce), ce, n, text) : null;
        if (cluster is not null) Mark(cluster, missing);
        var offsets = formula.OffsetExprs.Select(e => Check(ev.Evaluate(e), e, n, text)).ToArray();
        foreach (var v in offsets) Mark(v, missing);
        double[]? w = null;
        if (weights is not null)
        {
            if (!data.TryGetColumn(weights, out var wc) || wc.Kind == ColumnKind.Text)
                throw new FormulaException(text, null, $"the weights column '{weights}' is not a numeric column of {data.Source}.");
            w = wc.AsNumbers().ToArray();
            for (int i = 0; i < n; i++) if (double.IsNaN(w[i])) missing[i] = true;
        }
        IReadOnlyList<string?>? idLabels = null;
        if (id is not null)
        {
            if (!data.TryGetColumn(id, out var idColumn))
                throw new FormulaException(text, null, $"{data.Source} has no id column '{id}'.");
            idLabels = idColumn.AsTexts();
            for (int i = 0; i < n; i++) if (idLabels[i] is null) missing[i] = true;
        }

        var rows = Enumerable.Range(0, n).Where(i => !missing[i]).ToArray();
        if (rows.Length == 0)
            throw new FormulaException(text, null, $"no row of {data.Source} has a value for every variable the formula uses ({n} rows, all with a missing value).");

        FrameCoding? coding = null;
        string[] names = [];
        double[][] columns = [];
        int[] assign = [];
        IReadOnlyList<string>? groupLabels = null, groupLevels = null;
        if (groups)
        {
            var interactions = formula.Terms.FirstOrDefault(t => t.Variables.Count > 1);
            if (interactions is not null)
                throw new FormulaException(text, null, $"the term '{interactions.Label}' is an interaction; curves and the log-rank test take grouping variables joined by '+'.");
            var byName = formula.VariableExprs.Select(e => e.Deparse()).Zip(values).ToList();
            if (strataAreGroups) byName.AddRange(formula.StrataExprs.Select(e => "strata(" + e.Deparse() + ")").Zip(strata));
            if (byName.Count == 0)
            {
                groupLabels = rows.Select(_ => "all").ToArray();
                groupLevels = ["all"];
            }
            else (groupLabels, groupLevels) = CombinedLabels(byName.Select(x => x.First).ToArray(), byName.Select(x => x.Second).ToArray(), rows, nameEach: true);
        }
        else
        {
            coding = FrameCoding.Create(formula, values, rows, text);
            (names, columns, assign) = coding.Design(values, rows);
        }

        IReadOnlyList<string>? strataLabels = null, strataLevels = null;
        if (strata.Length > 0 && !(groups && strataAreGroups))
        {
            // R's strata(): "a=1, b=0", or bare levels joined by ", " when every variable is text or a factor (shortlabel).
            bool shortLabel = strata.All(v => v is TextValue or FactorValue);
            (strataLabels, strataLevels) = CombinedLabels(formula.StrataExprs.Select(e => e.Deparse()).ToArray(), strata, rows, !shortLabel);
        }

        return new ModelFrame
        {
            Formula = formula,
            Response = resp?.ToData(rows, w),
            StatusCoding = resp?.Coding,
            RawStatus = resp is null ? null : rows.Select(i => resp.RawStatus[i]).ToArray(),
            ColumnNames = names,
            DesignColumns = columns,
            Assign = assign,
            Strata = strataLabels,
            StrataLevels = strataLevels,
            Cluster = cluster is null ? null : rows.Select(i => Label(cluster, i)!).ToArray(),
            Offset = offsets.Length == 0 ? null : rows.Select(i => offsets.Sum(o => ((NumericValue)Numeric(o, formula, text)).At(i))).ToArray(),
            RowsUsed = rows,
            DroppedRowCount = n - rows.Length,
            Levels = coding?.LevelsByVariable ?? new Dictionary<string, IReadOnlyList<string>>(),
            Coding = coding,
            Groups = groupLabels,
            GroupLevels = groupLevels,
            Ids = idLabels is null ? null : rows.Select(i => idLabels[i]!).ToArray(),
        };
    }

    /// <summary>
    /// The design matrix rows of new data coded as this frame codes its data (R: <c>model.matrix</c> with the fit's
    /// <c>xlevels</c>): factor values are given by level name and must be levels the fit saw.
    /// </summary>
    /// <param name="newData">One row per subject; must hold every model variable (not the response).</param>
    /// <returns>One array of <see cref="ColumnNames"/>.Count values per row of <paramref name="newData"/>, and the offsets.</returns>
    public IReadOnlyList<double[]> Encode(ModelData newData)
    {
        ArgumentNullException.ThrowIfNull(newData);
        var ev = new Evaluator(newData, Formula.Text, newData: true);
        int n = newData.RowCount;
        var values = Formula.VariableExprs.Select(e => Check(ev.Evaluate(e), e, n, Formula.Text)).ToArray();
        var rows = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < n; i++)
            for (int v = 0; v < values.Length; v++)
                if (values[v].IsMissing(i))
                    throw new FormulaException(Formula.Text, null, $"newdata row {i + 1}: '{Formula.VariableExprs[v].Deparse()}' is missing.");
        var coding = Coding ?? throw new InvalidOperationException("This frame defines groups, not a design matrix.");
        var (_, columns, _) = coding.Design(values, rows, newData: true);
        return rows.Select(i => columns.Select(c => c[i]).ToArray()).ToArray();
    }

    /// <summary>The offsets of new data (0 without offset terms).</summary>
    public IReadOnlyList<double> EncodeOffset(ModelData newData)
    {
        ArgumentNullException.ThrowIfNull(newData);
        if (Formula.OffsetExprs.Count == 0) return new double[newData.RowCount];
        var ev = new Evaluator(newData, Formula.Text, newData: true);
        var offs = Formula.OffsetExprs.Select(e => (NumericValue)Numeric(ev.Evaluate(e), Formula, Formula.Text)).ToArray();
        return Enumerable.Range(0, newData.RowCount).Select(i => offs.Sum(o => o.At(i))).ToArray();
    }

    private static Value Numeric(Value v, Formula f, string text) => v switch
    {
        NumericValue => v,
        LogicalValue l => new NumericValue(l.Values.Select(b => b is null ? double.NaN : b.Value ? 1.0 : 0.0).ToArray()),
        _ => throw new FormulaException(text, null, "an offset must be numeric."),
    };

    private static Value Check(Value v, Expr e, int n, string text)
    {
        if (v.Length != n && v.Length != 1)
            throw new FormulaException(text, e.Position, $"'{e.Deparse()}' has {v.Length} values for {n} rows.");
        if (v.Length == 1 && n != 1)
            throw new FormulaException(text, e.Position, $"'{e.Deparse()}' is a constant, not a variable.");
        if (v is NumericValue num)
            for (int i = 0; i < n; i++)
                if (double.IsInfinity(num.At(i)))
                    throw new FormulaException(text, e.Position, $"'{e.Deparse()}' is infinite in data row {i + 1}.");
        return v;
    }

    private static void Mark(Value v, bool[] missing)
    {
        for (int i = 0; i < missing.Length; i++) if (v.IsMissing(i)) missing[i] = true;
    }

    internal static string? Label(Value v, int i) => v switch
    {
        NumericValue n => n.IsMissing(i) ? null : RSyntax.FormatNumber(n.At(i)),
        LogicalValue l => l.At(i) is bool b ? (b ? "TRUE" : "FALSE") : null,
        TextValue t => t.At(i),
        FactorValue f => f.Codes[i] < 0 ? null : f.Levels[f.Codes[i]],
        _ => null,
    };

    /// <summary>Labels of combined grouping variables, as R's <c>strata(a, b)</c>: <c>a=1, b=0</c> (or bare levels joined
    /// by ", " when <paramref name="nameEach"/> is false); levels ordered with the first variable varying slowest, each
    /// variable in its factor order; only combinations that occur.</summary>
    private static (IReadOnlyList<string>, IReadOnlyList<string>) CombinedLabels(string[] names, Value[] variables, int[] rows, bool nameEach)
    {
        var factors = variables.Select(ToFactor).ToArray();
        var labels = new string[rows.Length];
        var keys = new (int[] Key, string Label)[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            int i = rows[k];
            var key = factors.Select(f => f.Codes[i]).ToArray();
            string label = string.Join(", ", factors.Select((f, j) => (nameEach ? names[j] + "=" : "") + f.Levels[f.Codes[i]]));
            labels[k] = label;
            keys[k] = (key, label);
        }
        var levels = keys.DistinctBy(x => x.Label).OrderBy(x => x.Key, new LexComparer()).Select(x => x.Label).ToArray();
        return (labels, levels);
    }

    internal static FactorValue ToFactor(Value v)
    {
        if (v is FactorValue f) return f;
        var labels = Enumerable.Range(0, v.Length).Select(i => Label(v, i)).ToArray();
        IEnumerable<string> distinct = labels.Where(s => s is not null).Distinct(StringComparer.Ordinal)!;
        string[] levels = v switch
        {
            NumericValue nv => nv.Values.Where(x => !double.IsNaN(x)).Distinct().Order().Select(RSyntax.FormatNumber).ToArray(),
            LogicalValue => distinct.OrderBy(s => s == "TRUE" ? 1 : 0).ToArray(),
            _ => distinct.Order(RCollation.Instance).ToArray(),
        };
        var index = levels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k, StringComparer.Ordinal);
        return new FactorValue(labels.Select(s => s is null ? -1 : index[s]).ToArray(), levels);
    }

    private sealed class LexComparer : IComparer<int[]>
    {
        public int Compare(int[]? x, int[]? y)
        {
            for (int j = 0; j < x!.Length; j++)
            {
                int c = x[j].CompareTo(y![j]);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}
