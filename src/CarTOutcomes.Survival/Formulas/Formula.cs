namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// A parsed model formula in R's language (Chambers &amp; Hastie, <i>Statistical Models in S</i>, ch. 2; R's
/// <c>terms.formula</c>): a survival response <c>Surv(time, status)</c> or <c>Surv(start, stop, status)</c> on the left,
/// terms on the right with <c>+</c>, <c>:</c>, <c>*</c>, <c>-</c>, <c>( )^k</c>, and the specials
/// <c>strata()</c>, <c>cluster()</c> and <c>offset()</c>.
/// </summary>
/// <remarks>
/// <para>As R: variables are ordered by first appearance in the formula; a term's label lists its variables in that
/// order joined by ':' (<c>~ sex + age:sex</c> has the terms <c>sex</c> and <c>sex:age</c>); terms are ordered by their
/// order (main effects, then two-way interactions, ...), and by appearance within an order; a term written twice counts
/// once.</para>
/// <para>Instances are immutable. Parse once and reuse: the parsed formula is kept on every fit made from it.</para>
/// </remarks>
public sealed class Formula
{
    private Formula(string text, Expr? response, IReadOnlyList<Expr> variables, IReadOnlyList<FormulaTerm> terms,
        bool intercept, IReadOnlyList<Expr> strata, Expr? cluster, IReadOnlyList<Expr> offsets)
    {
        Text = text;
        ResponseExpr = response;
        VariableExprs = variables;
        Terms = terms;
        HasIntercept = intercept;
        StrataExprs = strata;
        ClusterExpr = cluster;
        OffsetExprs = offsets;
    }

    /// <summary>The formula as written.</summary>
    public string Text { get; }

    /// <summary>The left side as R deparses it (<c>Surv(time, status)</c>), or null for a one-sided formula.</summary>
    public string? Response => ResponseExpr?.Deparse();

    /// <summary>The model variables (not the specials) in order of first appearance, as R names them (<c>factor(ph.ecog)</c>).</summary>
    public IReadOnlyList<string> Variables => VariableExprs.Select(v => v.Deparse()).ToArray();

    /// <summary>The terms of the right side, in R's order (R: <c>attr(terms(f), "term.labels")</c> without the specials).</summary>
    public IReadOnlyList<FormulaTerm> Terms { get; }

    /// <summary>False when the formula removes the intercept (<c>- 1</c> or <c>+ 0</c>). Cox models ignore it (R's coxph
    /// always codes factors as if an intercept were present).</summary>
    public bool HasIntercept { get; }

    /// <summary>The variables of <c>strata(...)</c> terms, as R names them.</summary>
    public IReadOnlyList<string> Strata => StrataExprs.Select(v => v.Deparse()).ToArray();

    /// <summary>The variable of <c>cluster(...)</c>, or null.</summary>
    public string? Cluster => ClusterExpr?.Deparse();

    /// <summary>The <c>offset(...)</c> expressions, as R names them.</summary>
    public IReadOnlyList<string> Offsets => OffsetExprs.Select(v => v.Deparse()).ToArray();

    /// <summary>The data columns the formula refers to, in order of first appearance (the response's first).</summary>
    public IReadOnlyList<string> ColumnNames
    {
        get
        {
            var names = new List<string>();
            void Walk(Expr? e)
            {
                switch (e)
                {
                    case NameExpr n: if (!names.Contains(n.Name)) names.Add(n.Name); break;
                    case CallExpr c: foreach (var a in c.Arguments) Walk(a.Value); break;
                    case BinaryExpr b: Walk(b.Left); Walk(b.Right); break;
                    case UnaryExpr u: Walk(u.Operand); break;
                    case ParenExpr p: Walk(p.Inner); break;
                }
            }
            Walk(ResponseExpr);
            foreach (var v in VariableExprs) Walk(v);
            foreach (var v in StrataExprs) Walk(v);
            Walk(ClusterExpr);
            foreach (var v in OffsetExprs) Walk(v);
            return names;
        }
    }

    internal Expr? ResponseExpr { get; }
    internal IReadOnlyList<Expr> VariableExprs { get; }
    internal IReadOnlyList<Expr> StrataExprs { get; }
    internal Expr? ClusterExpr { get; }
    internal IReadOnlyList<Expr> OffsetExprs { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Parses a formula (R: <c>as.formula</c> then <c>terms</c>).</summary>
    /// <param name="text">The formula, e.g. <c>Surv(time, status) ~ age + factor(ph.ecog) + strata(sex)</c>.</param>
    /// <exception cref="FormulaException">A syntax error, with its position.</exception>
    public static Formula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = FormulaParser.Parse(text);
        Expr? lhs;
        Expr rhs;
        switch (root)
        {
            case BinaryExpr { Operator: "~" } b: lhs = b.Left; rhs = b.Right; break;
            case UnaryExpr { Operator: "~" } u: lhs = null; rhs = u.Operand; break;
            default: throw new FormulaException(text, 0, "a model formula needs '~' (e.g. Surv(time, status) ~ age).");
        }
        var builder = new TermBuilder(text);
        var expanded = builder.Expand(rhs);
        var terms = expanded.Terms
            .Select((t, i) => (t, i))
            .OrderBy(x => x.t.Count)
            .ThenBy(x => x.i)
            .Select(x => new FormulaTerm(
                string.Join(":", x.t.Order().Select(v => builder.Variables[v].Deparse())),
                x.t.Order().Select(v => builder.Variables[v].Deparse()).ToArray(),
                x.t.Order().ToArray()))
            .ToArray();
        return new Formula(text, lhs, builder.Variables, terms, expanded.Intercept, builder.Strata, builder.Cluster, builder.Offsets);
    }

    /// <summary>Expands the right side into terms: sets of variable indices (R's bit patterns in <c>terms.formula</c>).</summary>
    private sealed class TermBuilder(string text)
    {
        public List<Expr> Variables { get; } = [];
        public List<Expr> Strata { get; } = [];
        public Expr? Cluster { get; private set; }
        public List<Expr> Offsets { get; } = [];

        public sealed record Expansion(List<SortedSet<int>> Terms, bool Intercept);

        public Expansion Expand(Expr e)
        {
            switch (e)
            {
                case ParenExpr p:
                    return Expand(p.Inner);
                case NumberExpr { Value: 1 }:
                    return new([], true);
                case NumberExpr { Value: 0 }:
                    return new([], false);
                case BinaryExpr { Operator: "+" } b:
                {
                    var l = Expand(b.Left);
                    var r = Expand(b.Right);
                    return new(Union(l.Terms, r.Terms), l.Intercept && r.Intercept);
                }
                case BinaryExpr { Operator: "-" } b:
                {
                    var l = Expand(b.Left);
                    if (b.Right is NumberExpr { Value: 1 } or NumberExpr { Value: 0 }) return l with { Intercept = b.Right is NumberExpr { Value: 0 } };
                    var r = Expand(b.Right);
                    return new(l.Terms.Where(t => !r.Terms.Any(u => u.SetEquals(t))).ToList(), l.Intercept);
                }
                case UnaryExpr { Operator: "-", Operand: NumberExpr { Value: 1 } }:
                    return new([], false);
                case BinaryExpr { Operator: ":" } b:
                    return new(Product(Expand(b.Left).Terms, Expand(b.Right).Terms), true);
                case BinaryExpr { Operator: "*" } b:
                {
                    var l = Expand(b.Left).Terms;
                    var r = Expand(b.Right).Terms;
                    return new(Union(Union(l, r), Product(l, r)), true);
                }
                case BinaryExpr { Operator: "^" } b when Expand(b.Left) is var baseTerms:
                {
                    if (b.Right is not NumberExpr { Value: var k } || k < 1 || k != Math.Floor(k))
                        throw new FormulaException(text, b.Right.Position, "the power of a term must be a whole number of at least 1, as in (a + b)^2.");
                    var acc = baseTerms.Terms;
                    for (int i = 1; i < k; i++) acc = Union(acc, Product(acc, baseTerms.Terms));
                    return new(acc, true);
                }
                case BinaryExpr { Operator: "/" } b:
                {
                    // a/b is a + a:b with every variable of a (R's %in% nesting).
                    var l = Expand(b.Left).Terms;
                    var all = new SortedSet<int>(l.SelectMany(t => t));
                    var r = Expand(b.Right).Terms.Select(t => new SortedSet<int>(t.Union(all))).ToList();
                    return new(Union(l, r), true);
                }
                case BinaryExpr { Operator: "~" } or UnaryExpr { Operator: "~" }:
                    throw new FormulaException(text, e.Position, "a formula has one '~'.");
                case CallExpr { Function: "strata" } c:
                    if (c.Arguments.Count == 0) throw new FormulaException(text, c.Position, "strata() needs at least one variable.");
                    foreach (var a in c.Arguments)
                    {
                        if (a.Name is not null) throw new FormulaException(text, a.Value.Position, $"strata() takes variables, not the option '{a.Name}'.");
                        Strata.Add(a.Value);
                    }
                    return new([], true);
                case CallExpr { Function: "cluster" } c:
                    if (c.Arguments.Count != 1) throw new FormulaException(text, c.Position, "cluster() takes exactly one variable.");
                    if (Cluster is not null) throw new FormulaException(text, c.Position, "a formula has at most one cluster() term.");
                    Cluster = c.Arguments[0].Value;
                    return new([], true);
                case CallExpr { Function: "offset" } c:
                    if (c.Arguments.Count != 1) throw new FormulaException(text, c.Position, "offset() takes exactly one expression.");
                    Offsets.Add(c.Arguments[0].Value);
                    return new([], true);
                case BinaryExpr b when b.Operator is "+" or "-" or "*" or "/" or ":" or "^":
                    throw new FormulaException(text, b.Position, $"'{b.Operator}' cannot be used here.");
                case NameExpr or CallExpr or BinaryExpr or UnaryExpr or LogicalExpr or StringExpr or NumberExpr:
                    if (e is NumberExpr or StringExpr or LogicalExpr)
                        throw new FormulaException(text, e.Position, $"'{e.Deparse()}' is not a variable; use I({e.Deparse()}) for a constant.");
                    return new([new SortedSet<int> { Variable(e) }], true);
                default:
                    throw new FormulaException(text, e.Position, $"'{e.Deparse()}' is not a term.");
            }
        }

        private int Variable(Expr e)
        {
            string key = e.Deparse();
            for (int i = 0; i < Variables.Count; i++)
                if (Variables[i].Deparse() == key) return i;
            Variables.Add(e);
            return Variables.Count - 1;
        }

        private static List<SortedSet<int>> Union(List<SortedSet<int>> a, List<SortedSet<int>> b)
        {
            var r = new List<SortedSet<int>>(a);
            foreach (var t in b)
                if (!r.Any(u => u.SetEquals(t))) r.Add(t);
            return r;
        }

        private static List<SortedSet<int>> Product(List<SortedSet<int>> a, List<SortedSet<int>> b)
        {
            var r = new List<SortedSet<int>>();
            foreach (var x in a)
                foreach (var y in b)
                {
                    var t = new SortedSet<int>(x.Union(y));
                    if (!r.Any(u => u.SetEquals(t))) r.Add(t);
                }
            return r;
        }
    }
}

/// <summary>One term of a formula: a main effect (<c>age</c>) or an interaction (<c>age:sex</c>).</summary>
public sealed class FormulaTerm
{
    internal FormulaTerm(string label, IReadOnlyList<string> variables, IReadOnlyList<int> indices)
    {
        Label = label;
        Variables = variables;
        VariableIndices = indices;
    }

    /// <summary>R's term label (<c>sex:age</c>).</summary>
    public string Label { get; }

    /// <summary>The variables of the term, in the formula's variable order.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Positions of the variables in <see cref="Formula.Variables"/>.</summary>
    internal IReadOnlyList<int> VariableIndices { get; }

    /// <inheritdoc/>
    public override string ToString() => Label;
}
