using CarTOutcomes.Clinical.Study;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Study;
using ClinicalCohort = CarTOutcomes.Clinical.Model.Cohort;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>The committed study files copied next to the tests.</summary>
internal static class StudyFiles
{
    public static string Base => AppContext.BaseDirectory;

    public static string TargetsPath => Path.Combine(Base, "published", "targets.csv");

    public static string CohortPath => Path.Combine(Base, "cohort");

    public static string ExamplePath => Path.Combine(Base, "example");

    public static string KnownMissesPath => Path.Combine(Base, "docs", "reconstruction-known-misses.txt");

    private static readonly Lazy<IReadOnlyList<PublishedTarget>> LazyTargets = new(() => PublishedTargetsCsv.Load(TargetsPath));
    private static readonly Lazy<ClinicalCohort> LazyCohort = new(() => CohortCsv.Load(CohortPath));

    public static IReadOnlyList<PublishedTarget> Targets => LazyTargets.Value;

    public static ClinicalCohort Cohort => LazyCohort.Value;

    /// <summary>Rows of a published patient table as dictionaries keyed by column name.</summary>
    public static IReadOnlyList<Dictionary<string, string>> PatientTable(string file)
    {
        using var csv = CsvHelper.CsvReader.FromFile(Path.Combine(Base, "published", file), new CsvHelper.CsvReaderOptions());
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, header.Length).ToDictionary(k => header[k], k => csv.GetString(k) ?? ""));
        return rows;
    }
}
