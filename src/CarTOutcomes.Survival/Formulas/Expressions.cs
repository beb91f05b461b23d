using System.Globalization;
using System.Text;

namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// A node of a parsed formula or expression. <see cref="Deparse"/> writes the node back as R's <c>deparse</c> does,
/// because R names model variables and coefficients by the deparsed text (<c>log(bili)</c>, <c>I(age^2)</c>,
/// <c>relevel(factor(celltype), ref = "squamous")</c>).
/// </summary>
internal abstract record Expr(int Position)
{
    /// <summary>R's deparsed text of the expression.</summary>
    public abstract string Deparse();

    /// <summary>The deparsed text as an argument or operand: parentheses kept as written.</summary>
    public override string ToString() => Deparse();
}

/// <summary>A variable name (R: a symbol).</summary>
internal sealed record NameExpr(string Name, int Position) : Expr(Position)
{
    public override string Deparse() => RSyntax.IsSyntacticName(Name) ? Name : "`" + Name + "`";
}

/// <summary>A numeric literal.</summary>
internal sealed record NumberExpr(double Value, int Position) : Expr(Position)
{
    public override string Deparse() => RSyntax.FormatNumber(Value);
}

/// <summary>A string literal.</summary>
internal sealed record StringExpr(string Value, int Position) : Expr(Position)
{
    public override string Deparse() => RSyntax.Quote(Value);
}

/// <summary>A logical literal, <c>TRUE</c> or <c>FALSE</c>.</summary>
internal sealed record LogicalExpr(bool Value, int Position) : Expr(Position)
{
    public override string Deparse() => Value ? "TRUE" : "FALSE";
}

/// <summary>One argument of a call, optionally named (<c>ref = "B"</c>).</summary>
internal sealed record Argument(string? Name, Expr Value)
{
    public string Deparse() => Name is null ? Value.Deparse() : Name + " = " + Value.Deparse();
}

/// <summary>A function call <c>f(a, b = c)</c>.</summary>
internal sealed record CallExpr(string Function, IReadOnlyList<Argument> Arguments, int Position) : Expr(Position)
{
    public override string Deparse() => Function + "(" + string.Join(", ", Arguments.Select(a => a.Deparse())) + ")";
}

/// <summary>A binary operator.</summary>
internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right, int Position) : Expr(Position)
{
    // R's deparse writes ^, / and : without spaces and the other binary operators with a space either side.
    public override string Deparse() => Operator is "^" or "/" or ":"
        ? Left.Deparse() + Operator + Right.Deparse()
        : Left.Deparse() + " " + Operator + " " + Right.Deparse();
}

/// <summary>A unary operator (<c>-x</c>, <c>!x</c>, <c>~ x</c>).</summary>
internal sealed record UnaryExpr(string Operator, Expr Operand, int Position) : Expr(Position)
{
    public override string Deparse() => Operator == "~" ? "~" + Operand.Deparse() : Operator + Operand.Deparse();
}

/// <summary>An expression in parentheses.</summary>
internal sealed record ParenExpr(Expr Inner, int Position) : Expr(Position)
{
    public override string Deparse() => "(" + Inner.Deparse() + ")";
}

/// <summary>R's lexical rules and number formatting, as far as formulas need them.</summary>
internal static class RSyntax
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN",
        "NA", "NA_integer_", "NA_real_", "NA_character_", "in",
    };

    /// <summary>A name R writes without backticks: letters, digits, '.' and '_', starting with a letter or a '.' not followed by a digit.</summary>
    public static bool IsSyntacticName(string name)
    {
        if (name.Length == 0 || Reserved.Contains(name)) return false;
        char c = name[0];
        if (!(char.IsLetter(c) || c == '.')) return false;
        if (c == '.' && name.Length > 1 && char.IsDigit(name[1])) return false;
        foreach (char ch in name)
            if (!(char.IsLetterOrDigit(ch) || ch == '.' || ch == '_')) return false;
        return true;
    }

    /// <summary>A string literal as R deparses it: double quotes, with \ and " escaped.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\t': b.Append("\\t"); break;
                default: b.Append(c); break;
            }
        }
        return b.Append('"').ToString();
    }

    /// <summary>
    /// A number as R's <c>as.character</c> and <c>deparse</c> write it: up to 15 significant digits, in fixed notation
    /// unless scientific notation is shorter (R's <c>scipen = 0</c> rule: 100000 is "1e+05", 123456 is "123456").
    /// </summary>
    public static string FormatNumber(double x)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "Inf";
        if (double.IsNegativeInfinity(x)) return "-Inf";
        if (x == 0) return "0";
        // The shortest of up to 15 significant digits that reproduces x at 15 digits (R's formatReal with digits = 15).
        string e15 = x.ToString("E14", CultureInfo.InvariantCulture);
        double target = double.Parse(e15, CultureInfo.InvariantCulture);
        int sig = 1;
        for (; sig < 15; sig++)
        {
            double r = double.Parse(x.ToString("E" + (sig - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (r == target) break;
        }
        string sci = x.ToString("E" + (sig - 1), CultureInfo.InvariantCulture);
        // "1.2E+005" -> mantissa "1.2", exponent 5
        int ePos = sci.IndexOf('E');
        string mantissa = sci[..ePos];
        int exponent = int.Parse(sci[(ePos + 1)..], CultureInfo.InvariantCulture);
        string sciText = mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        // Fixed notation with the same significant digits.
        int decimals = Math.Max(0, sig - 1 - exponent);
        string fixedText = Math.Round(x, Math.Min(decimals, 15)).ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (decimals > 15) fixedText = x.ToString("F" + decimals, CultureInfo.InvariantCulture);
        return fixedText.Length <= sciText.Length ? fixedText : sciText;
    }
}
