namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// How each variable and term of a formula becomes design-matrix columns; fixed when a frame is built so that new
/// data are coded the same way (R keeps <c>xlevels</c> and the contrasts on the fit for the same reason).
/// </summary>
internal sealed class FrameCoding
{
    private readonly Formula _formula;
    private readonly string?[][] _levels;         // per variable: the factor levels, or null for a numeric variable
    private readonly bool[][] _contrast;          // per term, per variable of the term: true = treatment contrasts, false = full indicators

    private FrameCoding(Formula formula, string?[][] levels, bool[][] contrast)
    {
        _formula = formula;
        _levels = levels;
        _contrast = contrast;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> LevelsByVariable =>
        Enumerable.Range(0, _levels.Length).Where(v => _levels[v] is not null)
            .ToDictionary(v => _formula.VariableExprs[v].Deparse(), v => (IReadOnlyList<string>)_levels[v]!.Select(s => s!).ToArray());

    public static FrameCoding Create(Formula formula, Value[] values, int[] rows, string text)
    {
        var levels = new string?[values.Length][];
        for (int v = 0; v < values.Length; v++)
        {
            if (values[v] is NumericValue) continue;
            var f = ModelFrame.ToFactor(values[v]);
            // Levels that occur in the rows used, in the factor's order (R: drop.unused.levels = TRUE).
            var used = new bool[f.Levels.Length];
            foreach (int i in rows) used[f.Codes[i]] = true;
            levels[v] = f.Levels.Where((_, k) => used[k]).ToArray();
            bool inDesign = formula.Terms.Any(t => t.VariableIndices.Contains(v));
            if (!inDesign) continue;
            var expr = formula.VariableExprs[v];
            if (levels[v]!.Length < 2)
                throw new FormulaException(text, expr.Position,
                    $"'{expr.Deparse()}' has {levels[v]!.Length} level{(levels[v]!.Length == 1 ? "" : "s")} in the rows used" +
                    (levels[v]!.Length == 1 ? $" ('{levels[v]![0]}')" : "") + "; a factor needs at least 2 (R: contrasts can be applied only to factors with 2 or more levels).");
            if (levels[v]!.Length > ModelFrame.MaxFactorLevels)
                throw new FormulaException(text, expr.Position,
                    $"'{expr.Deparse()}' has {levels[v]!.Length} levels, more than {ModelFrame.MaxFactorLevels}: is it an identifier? Use cluster() or strata() for grouping columns.");
        }

        // R's TermCode: a factor in term T is coded by contrasts when T without it is the empty term (the intercept is
        // always taken as present) or is contained in an earlier term; otherwise by full indicator coding.
        var terms = formula.Terms;
        var contrast = new bool[terms.Count][];
        for (int t = 0; t < terms.Count; t++)
        {
            var vars = terms[t].VariableIndices;
            contrast[t] = new bool[vars.Count];
            for (int k = 0; k < vars.Count; k++)
            {
                var rest = vars.Where((_, j) => j != k).ToHashSet();
                contrast[t][k] = rest.Count == 0 || Enumerable.Range(0, t).Any(u => rest.IsSubsetOf(terms[u].VariableIndices));
            }
        }
        return new FrameCoding(formula, levels, contrast);
    }

    /// <summary>The design matrix of <paramref name="rows"/>: names, columns (one value per row in <paramref name="rows"/>), assign.</summary>
    public (string[] Names, double[][] Columns, int[] Assign) Design(Value[] values, int[] rows, bool newData = false)
    {
        int n = rows.Length;
        // Per variable: its codes into the coding's levels (factors) or its numbers.
        var codes = new int[values.Length][];
        var numbers = new double[values.Length][];
        for (int v = 0; v < values.Length; v++)
        {
            if (_levels[v] is null)
            {
                if (values[v] is not NumericValue nv)
                    throw new FormulaException(_formula.Text, _formula.VariableExprs[v].Position,
                        $"'{_formula.VariableExprs[v].Deparse()}' was numeric in the fitted data but is not numeric here.");
                // Nothing dropped and no broadcast: the values are the column itself (no copy; never written to).
                numbers[v] = nv.Length == rows.Length && IsIdentity(rows) ? nv.Values : rows.Select(i => nv.At(i)).ToArray();
                continue;
            }
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < _levels[v]!.Length; k++) index[_levels[v]![k]!] = k;
            codes[v] = new int[n];
            for (int r = 0; r < n; r++)
            {
                string label = ModelFrame.Label(values[v], rows[r])!;
                if (!index.TryGetValue(label, out codes[v][r]))
                    throw new FormulaException(_formula.Text, _formula.VariableExprs[v].Position,
                        $"'{label}' is not a level of {_formula.VariableExprs[v].Deparse()}" + (newData ? " in the fitted data" : "") +
                        $"; its levels are {string.Join(", ", _levels[v]!.Select(l => "'" + l + "'"))}.");
            }
        }

        var names = new List<string>();
        var columns = new List<double[]>();
        var assign = new List<int>();
        for (int t = 0; t < _formula.Terms.Count; t++)
        {
            var vars = _formula.Terms[t].VariableIndices;
            // Each variable's column set: (name suffix, value function), first variable varying fastest in the product.
            var sets = vars.Select((v, k) => VariableColumns(v, _contrast[t][k], codes[v], numbers[v], n)).ToArray();
            if (sets.Length == 1)
            {
                // A main effect: its columns as they are.
                foreach (var (name, col) in sets[0])
                {
                    names.Add(name);
                    columns.Add(col);
                    assign.Add(t);
                }
                continue;
            }
            var combos = new List<(string Name, double[] Values)> { ("", Enumerable.Repeat(1.0, n).ToArray()) };
            bool first = true;
            foreach (var set in sets)
            {
                var next = new List<(string, double[])>();
                foreach (var (name, col) in set)
                    foreach (var (prevName, prev) in combos)
                    {
                        var prod = new double[n];
                        for (int r = 0; r < n; r++) prod[r] = prev[r] * col[r];
                        next.Add((first ? name : prevName + ":" + name, prod));
                    }
                // Product order: the earlier variables vary fastest (R's model.matrix).
                combos = next;
                first = false;
            }
            foreach (var (name, col) in combos)
            {
                names.Add(name);
                columns.Add(col);
                assign.Add(t);
            }
        }
        return (names.ToArray(), columns.ToArray(), assign.ToArray());
    }

    private static bool IsIdentity(int[] rows)
    {
        for (int i = 0; i < rows.Length; i++) if (rows[i] != i) return false;
        return true;
    }

    private List<(string Name, double[] Values)> VariableColumns(int v, bool contrast, int[]? codes, double[]? numbers, int n)
    {
        string name = _formula.VariableExprs[v].Deparse();
        if (numbers is not null) return [(name, numbers)];
        var levels = _levels[v]!;
        var list = new List<(string, double[])>();
        for (int k = contrast ? 1 : 0; k < levels.Length; k++)
        {
            var col = new double[n];
            for (int r = 0; r < n; r++) col[r] = codes![r] == k ? 1 : 0;
            list.Add((name + levels[k], col));
        }
        return list;
    }
}
