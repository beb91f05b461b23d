namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// A formula that cannot be parsed or evaluated on the data: a syntax error (with the position, shown by a caret under
/// the formula), an unknown variable (with the columns there are), an unknown function, a bad level.
/// </summary>
public sealed class FormulaException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="formula">The formula as written.</param>
    /// <param name="position">0-based character position of the problem, or null when it concerns the formula as a whole.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    public FormulaException(string formula, int? position, string problem)
        : base(Compose(formula, position, problem))
    {
        Formula = formula;
        Position = position;
        Problem = problem;
    }

    /// <summary>The formula as written.</summary>
    public string Formula { get; }

    /// <summary>0-based character position of the problem in <see cref="Formula"/>, when there is one.</summary>
    public int? Position { get; }

    /// <summary>The problem alone, without the formula and caret.</summary>
    public string Problem { get; }

    private static string Compose(string formula, int? position, string problem)
    {
        if (position is not int p) return $"formula \"{formula}\": {problem}";
        p = Math.Clamp(p, 0, formula.Length);
        return $"formula: {problem}\n  {formula}\n  {new string(' ', p)}^";
    }
}
