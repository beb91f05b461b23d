using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Formulas;

/// <summary>The R reference of issue #13 (Reference/Formulas, made by formulas_reference.R with R 4.2.2, survival 3.5-3, cmprsk 2.2-11).</summary>
internal static class FormulaReference
{
    private static readonly Dictionary<string, ModelData> Cache = new(StringComparer.Ordinal);

    public static ReferenceTable Models { get; } = ReferenceTable.Load("Formulas/models.csv");

    public static IEnumerable<object[]> Ids(string function) =>
        Models.Where("function", function).Select(r => new object[] { Models.Text(r, "id") });

    public static string[] Model(string id) => Models.Where("id", id).Single();

    /// <summary>A data set as an analyst's CSV: every cell as text, typed as R's read.csv types it.</summary>
    public static ModelData Data(string dataset)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(dataset, out var d)) return d;
            var path = Path.Combine(AppContext.BaseDirectory, "Reference", "Formulas", dataset + ".csv");
            var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
            var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
            var cells = lines.Skip(1).Select(l => l.Split(',').Select(c => c.Trim('"')).ToArray()).ToArray();
            var columns = header.Select((_, j) => (IReadOnlyList<string?>)cells.Select(r => (string?)r[j]).ToArray()).ToArray();
            d = ModelData.FromText(header, columns, dataset + ".csv");
            Cache[dataset] = d;
            return d;
        }
    }
}
