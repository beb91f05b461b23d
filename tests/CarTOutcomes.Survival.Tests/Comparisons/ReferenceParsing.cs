using System.Globalization;
using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Comparisons;

/// <summary>Helpers to read the space-separated samples and tables of the comparison reference files.</summary>
internal static class ReferenceParsing
{
    public static double[] Values(string cell) => cell == "NA" ? [] :
        cell.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    public static int[,] Table(string cells, int rows)
    {
        var v = Values(cells).Select(d => (int)d).ToArray();
        int cols = v.Length / rows;
        var t = new int[rows, cols];
        for (int i = 0; i < v.Length; i++) t[i / cols, i % cols] = v[i];
        return t;
    }

    public static Alternative ParseAlternative(string r) => r switch
    {
        "two.sided" => CarTOutcomes.Survival.Comparisons.Alternative.TwoSided,
        "less" => CarTOutcomes.Survival.Comparisons.Alternative.Less,
        "greater" => CarTOutcomes.Survival.Comparisons.Alternative.Greater,
        _ => throw new ArgumentException(r),
    };

    public static WilcoxonMethod Method(string exact) => exact switch
    {
        "NULL" => WilcoxonMethod.Auto,
        "TRUE" => WilcoxonMethod.Exact,
        "FALSE" => WilcoxonMethod.NormalApproximation,
        _ => throw new ArgumentException(exact),
    };

    public static string Where(ReferenceTable t, string[] row) => $"{System.IO.Path.GetFileName(t.Path)} id {row[0]} {t.Text(row, "call")}";
}
