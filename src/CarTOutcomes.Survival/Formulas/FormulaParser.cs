using System.Globalization;

namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// Parses R's formula and expression syntax into <see cref="Expr"/> trees by precedence climbing. Precedence, lowest
/// first, as R's <c>?Syntax</c>: <c>~</c>; <c>| ||</c>; <c>&amp; &amp;&amp;</c>; <c>!</c>; comparisons; binary
/// <c>+ -</c>; <c>* /</c>; <c>%any%</c>; <c>:</c>; unary <c>+ -</c>; <c>^</c> (right-associative). So
/// <c>a*b:c</c> is <c>a*(b:c)</c> and <c>-a^2</c> is <c>-(a^2)</c>, as in R.
/// </summary>
internal sealed class FormulaParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _k;

    private FormulaParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    /// <summary>Parses a whole formula or expression; anything left over is a syntax error.</summary>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new FormulaParser(text);
        if (p.Peek.Kind == TokenKind.End) throw new FormulaException(text, 0, "the formula is empty.");
        var e = p.ParseExpr(0);
        if (p.Peek.Kind != TokenKind.End)
            throw new FormulaException(text, p.Peek.Position, $"unexpected '{p.Peek.Text}'.");
        return e;
    }

    private enum TokenKind { Name, Number, String, Op, LParen, RParen, Comma, End }

    private sealed record Token(TokenKind Kind, string Text, int Position);

    private Token Peek => _tokens[_k];

    private Token Next() => _tokens[_k++];

    // Binary operators: precedence and right-associativity.
    private static (int Prec, bool Right)? Binary(string op) => op switch
    {
        "~" => (1, false),
        "|" or "||" => (2, false),
        "&" or "&&" => (3, false),
        "==" or "!=" or "<" or ">" or "<=" or ">=" => (5, false),
        "+" or "-" => (6, false),
        "*" or "/" => (7, false),
        ":" => (9, false),
        "^" => (11, true),
        _ when op.StartsWith('%') => (8, false),
        _ => null,
    };

    private Expr ParseExpr(int minPrec)
    {
        var left = ParseUnary();
        while (true)
        {
            var t = Peek;
            if (t.Kind != TokenKind.Op || Binary(t.Text) is not var (prec, right) || prec < minPrec) return left;
            Next();
            if (Peek.Kind == TokenKind.End)
                throw new FormulaException(_text, t.Position + t.Text.Length, $"'{t.Text}' has nothing on its right.");
            var rhs = ParseExpr(right ? prec : prec + 1);
            left = new BinaryExpr(t.Text, left, rhs, t.Position);
        }
    }

    private Expr ParseUnary()
    {
        var t = Peek;
        if (t.Kind == TokenKind.Op)
        {
            switch (t.Text)
            {
                case "~":
                    Next();
                    return new UnaryExpr("~", ParseExpr(2), t.Position);
                case "!":
                    Next();
                    return new UnaryExpr("!", ParseExpr(5), t.Position);
                case "-" or "+":
                    Next();
                    // Unary minus binds tighter than ':' and looser than '^' (R: -a^2 is -(a^2)).
                    return new UnaryExpr(t.Text, ParseExpr(10), t.Position);
            }
            throw new FormulaException(_text, t.Position, $"unexpected '{t.Text}'.");
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return new NumberExpr(double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture), t.Position);
            case TokenKind.String:
                return new StringExpr(t.Text, t.Position);
            case TokenKind.LParen:
            {
                var inner = ParseExpr(0);
                Expect(TokenKind.RParen, ")", t.Position);
                return new ParenExpr(inner, t.Position);
            }
            case TokenKind.Name:
                if (Peek.Kind == TokenKind.LParen)
                {
                    var open = Next();
                    return new CallExpr(t.Text, ParseArguments(open.Position), t.Position);
                }
                return t.Text switch
                {
                    "TRUE" => new LogicalExpr(true, t.Position),
                    "FALSE" => new LogicalExpr(false, t.Position),
                    _ => new NameExpr(t.Text, t.Position),
                };
            case TokenKind.End:
                throw new FormulaException(_text, t.Position, "the formula ends too early.");
            default:
                throw new FormulaException(_text, t.Position, $"unexpected '{t.Text}'.");
        }
    }

    private List<Argument> ParseArguments(int open)
    {
        var args = new List<Argument>();
        if (Peek.Kind == TokenKind.RParen) { Next(); return args; }
        while (true)
        {
            string? name = null;
            if (Peek.Kind == TokenKind.Name && _tokens[_k + 1] is { Kind: TokenKind.Op, Text: "=" })
            {
                name = Next().Text;
                Next();
            }
            args.Add(new Argument(name, ParseExpr(0)));
            var t = Next();
            if (t.Kind == TokenKind.RParen) return args;
            if (t.Kind != TokenKind.Comma)
                throw new FormulaException(_text, t.Position, t.Kind == TokenKind.End
                    ? $"the '(' at position {open + 1} is not closed."
                    : $"expected ',' or ')' but found '{t.Text}'.");
        }
    }

    private void Expect(TokenKind kind, string text, int openedAt)
    {
        var t = Next();
        if (t.Kind == kind) return;
        throw new FormulaException(_text, t.Position, t.Kind == TokenKind.End
            ? $"the '(' at position {openedAt + 1} is not closed."
            : $"expected '{text}' but found '{t.Text}'.");
    }

    private List<Token> Tokenize(string s)
    {
        var list = new List<Token>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsLetter(c) || (c == '.' && !(i + 1 < s.Length && char.IsDigit(s[i + 1]))))
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '.' || s[i] == '_')) i++;
                list.Add(new Token(TokenKind.Name, s[start..i], start));
                continue;
            }
            if (char.IsDigit(c) || c == '.')
            {
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
                if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
                {
                    int j = i + 1;
                    if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
                    if (j < s.Length && char.IsDigit(s[j]))
                    {
                        i = j;
                        while (i < s.Length && char.IsDigit(s[i])) i++;
                    }
                }
                if (i < s.Length && s[i] == 'L') i++; // R's integer suffix
                string num = s[start..i].TrimEnd('L');
                if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new FormulaException(_text, start, $"'{s[start..i]}' is not a number.");
                list.Add(new Token(TokenKind.Number, num, start));
                continue;
            }
            switch (c)
            {
                case '`':
                {
                    int close = s.IndexOf('`', i + 1);
                    if (close < 0) throw new FormulaException(_text, i, "the backtick-quoted name is not closed.");
                    list.Add(new Token(TokenKind.Name, s[(i + 1)..close], start));
                    i = close + 1;
                    continue;
                }
                case '"' or '\'':
                {
                    var b = new System.Text.StringBuilder();
                    i++;
                    while (i < s.Length && s[i] != c)
                    {
                        if (s[i] == '\\' && i + 1 < s.Length) { i++; b.Append(s[i] switch { 'n' => '\n', 't' => '\t', var x => x }); }
                        else b.Append(s[i]);
                        i++;
                    }
                    if (i >= s.Length) throw new FormulaException(_text, start, "the string is not closed.");
                    i++;
                    list.Add(new Token(TokenKind.String, b.ToString(), start));
                    continue;
                }
                case '(': list.Add(new Token(TokenKind.LParen, "(", i++)); continue;
                case ')': list.Add(new Token(TokenKind.RParen, ")", i++)); continue;
                case ',': list.Add(new Token(TokenKind.Comma, ",", i++)); continue;
                case '%':
                {
                    int close = s.IndexOf('%', i + 1);
                    if (close < 0) throw new FormulaException(_text, i, "the %operator% is not closed.");
                    list.Add(new Token(TokenKind.Op, s[i..(close + 1)], start));
                    i = close + 1;
                    continue;
                }
            }
            string two = i + 1 < s.Length ? s.Substring(i, 2) : "";
            if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
            {
                list.Add(new Token(TokenKind.Op, two, i));
                i += 2;
                continue;
            }
            if ("~+-*/^:<>!&|=".Contains(c))
            {
                list.Add(new Token(TokenKind.Op, c.ToString(), i++));
                continue;
            }
            throw new FormulaException(_text, i, $"unexpected character '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'.");
        }
        list.Add(new Token(TokenKind.End, "end of formula", s.Length));
        return list;
    }
}
