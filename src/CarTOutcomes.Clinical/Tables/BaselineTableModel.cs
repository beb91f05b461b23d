namespace CarTOutcomes.Clinical.Tables;

/// <summary>A column group of a baseline table.</summary>
public sealed class BaselineGroup
{
    internal BaselineGroup(string label, int n)
    {
        Label = label;
        N = n;
    }

    /// <summary>Group label, e.g. "Relapse after CAR T cells".</summary>
    public string Label { get; }

    /// <summary>Number of subjects in the group.</summary>
    public int N { get; }

    /// <summary>The column heading, "label, n = N" (as the paper's Table 1).</summary>
    public string Heading => $"{Label}, n = {N}";
}

/// <summary>The role of a row in a baseline table.</summary>
public enum BaselineRowKind
{
    /// <summary>The first row of a variable: its label, and its summary and P value when it has a single row.</summary>
    Variable,

    /// <summary>One level of a categorical variable (indented).</summary>
    Level,

    /// <summary>The count of missing values of a variable (indented).</summary>
    Missing,
}

/// <summary>One row of a baseline table: a label, one formatted cell per group and, on variable rows, the P value.</summary>
public sealed class BaselineRow
{
    internal BaselineRow(string label, BaselineRowKind kind, IReadOnlyList<string> cells, double? pValue, string pValueText,
        BaselineTest test, string? footnoteMarker)
    {
        Label = label;
        Kind = kind;
        Cells = cells;
        PValue = pValue;
        PValueText = pValueText;
        Test = test;
        FootnoteMarker = footnoteMarker;
    }

    /// <summary>The row label (without indentation; see <see cref="Indent"/>).</summary>
    public string Label { get; }

    /// <summary>Variable, level or missing row.</summary>
    public BaselineRowKind Kind { get; }

    /// <summary>Indentation level: 0 for variable rows, 1 for level and missing rows.</summary>
    public int Indent => Kind == BaselineRowKind.Variable ? 0 : 1;

    /// <summary>Formatted summary per group, in group order ("" on a variable row that heads level rows).</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>The P value of the variable's test on its variable row; null elsewhere, or when no test was requested.</summary>
    public double? PValue { get; }

    /// <summary>The P value as shown (e.g. "0.74", "&lt;0.01"); "" when there is none, "NA" when the test is undefined.</summary>
    public string PValueText { get; }

    /// <summary>The test used for the variable (on every row of the variable).</summary>
    public BaselineTest Test { get; }

    /// <summary>The footnote marker naming the test ("a", "b", …) on variable rows with a test; null otherwise.</summary>
    public string? FootnoteMarker { get; }
}

/// <summary>A footnote of a baseline table.</summary>
public sealed class BaselineFootnote
{
    internal BaselineFootnote(string? marker, string text)
    {
        Marker = marker;
        Text = text;
    }

    /// <summary>The marker referenced from P cells, or null for a general note.</summary>
    public string? Marker { get; }

    /// <summary>The footnote text.</summary>
    public string Text { get; }
}
