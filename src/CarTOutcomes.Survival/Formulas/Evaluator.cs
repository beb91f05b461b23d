namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// Evaluates formula expressions on a <see cref="ModelData"/> as R evaluates them inside <c>model.frame</c>:
/// columns by name; arithmetic <c>+ - * / ^</c> elementwise (logicals count as 0/1); comparisons giving logicals;
/// <c>factor</c>, <c>as.factor</c>, <c>relevel</c>, <c>I</c>, <c>log</c>, <c>log2</c>, <c>log10</c>, <c>log1p</c>,
/// <c>exp</c>, <c>sqrt</c>, <c>abs</c>. NaN results (<c>log(-1)</c>) are missing, as R's <c>is.na(NaN)</c>.
/// </summary>
internal sealed class Evaluator(ModelData data, string formula, bool newData = false)
{
    public Value Evaluate(Expr e) => e switch
    {
        NameExpr n => Column(n),
        NumberExpr x => new NumericValue([x.Value]),
        StringExpr s => new TextValue([s.Value]),
        LogicalExpr b => new LogicalValue([b.Value]),
        ParenExpr p => Evaluate(p.Inner),
        UnaryExpr { Operator: "-" } u => Map(Numeric(Evaluate(u.Operand), u.Operand), v => -v),
        UnaryExpr { Operator: "+" } u => Numeric(Evaluate(u.Operand), u.Operand),
        UnaryExpr { Operator: "!" } u => Not(Logical(Evaluate(u.Operand), u.Operand)),
        BinaryExpr b => Binary(b),
        CallExpr c => Call(c),
        _ => throw new FormulaException(formula, e.Position, $"'{e.Deparse()}' cannot be evaluated."),
    };

    private Value Column(NameExpr n)
    {
        if (data.TryGetColumn(n.Name, out var c))
            return c.Kind switch
            {
                ColumnKind.Numeric => new NumericValue((double[])c.AsNumbers()),
                ColumnKind.Logical => new LogicalValue(c.AsLogicals().ToArray()),
                _ => new TextValue(c.AsTexts().ToArray()),
            };
        var names = data.Names;
        string list = names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + $", ... ({names.Count} columns)";
        throw new FormulaException(formula, n.Position, $"{data.Source} has no column '{n.Name}'. Its columns are: {list}.");
    }

    private Value Binary(BinaryExpr b)
    {
        var l = Evaluate(b.Left);
        var r = Evaluate(b.Right);
        CheckLengths(l, r, b);
        switch (b.Operator)
        {
            case "+": return Zip(Numeric(l, b.Left), Numeric(r, b.Right), (x, y) => x + y);
            case "-": return Zip(Numeric(l, b.Left), Numeric(r, b.Right), (x, y) => x - y);
            case "*": return Zip(Numeric(l, b.Left), Numeric(r, b.Right), (x, y) => x * y);
            case "/": return Zip(Numeric(l, b.Left), Numeric(r, b.Right), (x, y) => x / y);
            case "^": return Zip(Numeric(l, b.Left), Numeric(r, b.Right), Math.Pow);
            case "&" or "&&": return ZipLogical(Logical(l, b.Left), Logical(r, b.Right), (x, y) => x && y);
            case "|" or "||": return ZipLogical(Logical(l, b.Left), Logical(r, b.Right), (x, y) => x || y);
            case "==" or "!=" or "<" or ">" or "<=" or ">=": return Compare(b.Operator, l, r, b);
            case "%in%": return In(l, r, b);
            default: throw new FormulaException(formula, b.Position, $"the operator '{b.Operator}' cannot be used inside a variable.");
        }
    }

    private Value Compare(string op, Value l, Value r, BinaryExpr b)
    {
        int n = Math.Max(l.Length, r.Length);
        var result = new bool?[n];
        bool text = l is TextValue or FactorValue || r is TextValue or FactorValue;
        if (text)
        {
            var lt = Texts(l);
            var rt = Texts(r);
            for (int i = 0; i < n; i++)
            {
                string? x = lt[l.Length == 1 ? 0 : i], y = rt[r.Length == 1 ? 0 : i];
                if (x is null || y is null) continue;
                int c = op is "==" or "!=" ? string.CompareOrdinal(x, y) : RCollation.Instance.Compare(x, y);
                result[i] = Holds(op, c);
            }
            return new LogicalValue(result);
        }
        var ln = Numeric(l, b.Left);
        var rn = Numeric(r, b.Right);
        for (int i = 0; i < n; i++)
        {
            double x = ln.At(i), y = rn.At(i);
            if (double.IsNaN(x) || double.IsNaN(y)) continue;
            result[i] = Holds(op, x.CompareTo(y));
        }
        return new LogicalValue(result);
    }

    private static bool Holds(string op, int c) => op switch
    {
        "==" => c == 0, "!=" => c != 0, "<" => c < 0, ">" => c > 0, "<=" => c <= 0, _ => c >= 0,
    };

    private Value In(Value l, Value r, BinaryExpr b)
    {
        var set = new HashSet<string>(Texts(r).Where(s => s is not null)!, StringComparer.Ordinal);
        return new LogicalValue(Texts(l).Select(s => (bool?)(s is not null && set.Contains(s))).ToArray());
    }

    private Value Call(CallExpr c)
    {
        switch (c.Function)
        {
            case "I":
                One(c);
                return Evaluate(c.Arguments[0].Value);
            case "factor" or "as.factor":
                One(c);
                return Factor(Evaluate(c.Arguments[0].Value), c);
            case "relevel":
                return Relevel(c);
            case "log":
                if (c.Arguments.Count == 2)
                {
                    var bse = Numeric(Evaluate(c.Arguments[1].Value), c.Arguments[1].Value);
                    return Zip(Numeric(Evaluate(c.Arguments[0].Value), c.Arguments[0].Value), bse, (x, y) => Math.Log(x) / Math.Log(y));
                }
                return Unary(c, Math.Log);
            case "log2": return Unary(c, Math.Log2);
            case "log10": return Unary(c, Math.Log10);
            case "log1p": return Unary(c, double.LogP1);
            case "exp": return Unary(c, Math.Exp);
            case "sqrt": return Unary(c, Math.Sqrt);
            case "abs": return Unary(c, Math.Abs);
            case "as.numeric":
                One(c);
                return Numeric(Evaluate(c.Arguments[0].Value), c.Arguments[0].Value);
            case "Surv":
                throw new FormulaException(formula, c.Position, "Surv(...) belongs on the left of '~'.");
            case "strata" or "cluster" or "offset":
                throw new FormulaException(formula, c.Position, $"{c.Function}() must be a term of its own on the right of '~', not inside another expression.");
            default:
                throw new FormulaException(formula, c.Position,
                    $"the function '{c.Function}' is not supported here. Supported: factor, as.factor, relevel, I, log, log2, log10, log1p, exp, sqrt, abs, as.numeric.");
        }
    }

    private void One(CallExpr c)
    {
        if (c.Arguments.Count != 1 || c.Arguments[0].Name is not null)
            throw new FormulaException(formula, c.Position, $"{c.Function}() takes one argument.");
    }

    private Value Unary(CallExpr c, Func<double, double> f)
    {
        One(c);
        return Map(Numeric(Evaluate(c.Arguments[0].Value), c.Arguments[0].Value), f);
    }

    /// <summary>R <c>factor(x)</c>: levels are the sorted distinct values (numbers numerically, text by <see cref="RCollation"/>, FALSE before TRUE).</summary>
    private FactorValue Factor(Value v, Expr at)
    {
        switch (v)
        {
            case FactorValue f: return f;
            case NumericValue nv:
            {
                var distinct = nv.Values.Where(x => !double.IsNaN(x)).Distinct().Order().ToArray();
                var labels = distinct.Select(RSyntax.FormatNumber).ToArray();
                var index = new Dictionary<double, int>();
                for (int i = 0; i < distinct.Length; i++) index[distinct[i]] = i;
                return new FactorValue(nv.Values.Select(x => double.IsNaN(x) ? -1 : index[x]).ToArray(), labels);
            }
            case LogicalValue lv:
            {
                string[] levels = lv.Values.Any(b => b == false)
                    ? lv.Values.Any(b => b == true) ? ["FALSE", "TRUE"] : ["FALSE"]
                    : lv.Values.Any(b => b == true) ? ["TRUE"] : [];
                return new FactorValue(lv.Values.Select(b => b is null ? -1 : Array.IndexOf(levels, b.Value ? "TRUE" : "FALSE")).ToArray(), levels);
            }
            case TextValue tv:
            {
                var levels = tv.Values.Where(s => s is not null).Distinct(StringComparer.Ordinal).Order(RCollation.Instance).ToArray()!;
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < levels.Length; i++) index[levels[i]!] = i;
                return new FactorValue(tv.Values.Select(s => s is null ? -1 : index[s]).ToArray(), levels!);
            }
            default: throw new FormulaException(formula, at.Position, "this value cannot be made a factor.");
        }
    }

    /// <summary>R <c>relevel(f, ref = "B")</c>: the reference level moves first, the others keep their order.</summary>
    private FactorValue Relevel(CallExpr c)
    {
        if (c.Arguments.Count != 2)
            throw new FormulaException(formula, c.Position, "relevel() takes a factor and ref = \"level\".");
        var f = Factor(Evaluate(c.Arguments[0].Value), c.Arguments[0].Value);
        var refArg = c.Arguments[1];
        if (refArg.Name is not null and not "ref")
            throw new FormulaException(formula, refArg.Value.Position, $"relevel() has no argument '{refArg.Name}'; use ref = \"level\".");
        string level = refArg.Value switch
        {
            StringExpr s => s.Value,
            NumberExpr n => RSyntax.FormatNumber(n.Value),
            _ => throw new FormulaException(formula, refArg.Value.Position, "ref must be a level's name in quotes."),
        };
        int k = Array.IndexOf(f.Levels, level);
        // New data are coded by level name with the fitted levels; their own level order does not matter.
        if (k < 0 && newData) return f;
        if (k < 0)
            throw new FormulaException(formula, refArg.Value.Position,
                $"relevel: '{level}' is not a level of {c.Arguments[0].Value.Deparse()}; its levels are {string.Join(", ", f.Levels.Select(l => "'" + l + "'"))}.");
        var order = new[] { k }.Concat(Enumerable.Range(0, f.Levels.Length).Where(i => i != k)).ToArray();
        var newCode = new int[f.Levels.Length];
        for (int i = 0; i < order.Length; i++) newCode[order[i]] = i;
        return new FactorValue(f.Codes.Select(x => x < 0 ? -1 : newCode[x]).ToArray(), order.Select(i => f.Levels[i]).ToArray());
    }

    private NumericValue Numeric(Value v, Expr at) => v switch
    {
        NumericValue n => n,
        LogicalValue l => new NumericValue(l.Values.Select(b => b is null ? double.NaN : b.Value ? 1.0 : 0.0).ToArray()),
        _ => throw new FormulaException(formula, at.Position, $"'{at.Deparse()}' holds text (or is a factor); arithmetic needs numbers."),
    };

    private LogicalValue Logical(Value v, Expr at) => v switch
    {
        LogicalValue l => l,
        NumericValue n => new LogicalValue(n.Values.Select(x => double.IsNaN(x) ? (bool?)null : x != 0).ToArray()),
        _ => throw new FormulaException(formula, at.Position, $"'{at.Deparse()}' is not logical."),
    };

    private static string?[] Texts(Value v) => v switch
    {
        TextValue t => t.Values,
        FactorValue f => f.Codes.Select(c => c < 0 ? null : f.Levels[c]).ToArray(),
        NumericValue n => n.Values.Select(x => double.IsNaN(x) ? null : RSyntax.FormatNumber(x)).ToArray(),
        LogicalValue l => l.Values.Select(b => b is null ? null : b.Value ? "TRUE" : "FALSE").ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private void CheckLengths(Value l, Value r, BinaryExpr b)
    {
        if (l.Length != r.Length && l.Length != 1 && r.Length != 1)
            throw new FormulaException(formula, b.Position, $"the two sides of '{b.Operator}' have {l.Length} and {r.Length} values.");
    }

    private static NumericValue Map(NumericValue v, Func<double, double> f) => new(v.Values.Select(f).ToArray());

    private static NumericValue Zip(NumericValue a, NumericValue b, Func<double, double, double> f)
    {
        int n = Math.Max(a.Length, b.Length);
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = f(a.At(i), b.At(i));
        return new NumericValue(r);
    }

    private static LogicalValue ZipLogical(LogicalValue a, LogicalValue b, Func<bool, bool, bool> f)
    {
        int n = Math.Max(a.Length, b.Length);
        var r = new bool?[n];
        for (int i = 0; i < n; i++)
            r[i] = a.At(i) is bool x && b.At(i) is bool y ? f(x, y) : null;
        return new LogicalValue(r);
    }

    private static LogicalValue Not(LogicalValue v) => new(v.Values.Select(b => b is null ? (bool?)null : !b.Value).ToArray());
}
