using System.Globalization;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.CompetingRisks;

/// <summary>Reads the input data sets that cr_reference.R wrote (Reference/CompetingRisks/input_*.csv).</summary>
internal static class CompetingRisksInputs
{
    /// <summary>"sim" is the cuminc example; the crr example is "sim_crr".</summary>
    public static ReferenceTable Table(string name) =>
        ReferenceTable.Load($"CompetingRisks/input_{(name == "sim" ? "sim_cuminc" : name)}.csv");

    public static CompetingRisksData Data(string name, bool withEntry = false)
    {
        var t = Table(name);
        var time = t.Rows.Select(r => t.Number(r, "time")).ToArray();
        var status = t.Rows.Select(r => (int)t.Number(r, "status")).ToArray();
        var entry = withEntry ? t.Rows.Select(r => t.Number(r, "entry")).ToArray() : null;
        return CompetingRisksData.Create(time, status, entry: entry);
    }

    public static string[] Column(string name, string column)
    {
        var t = Table(name);
        return t.Rows.Select(r => t.Text(r, column)).ToArray();
    }

    public static double[] Numbers(string name, string column)
    {
        var t = Table(name);
        return t.Rows.Select(r => t.Number(r, column)).ToArray();
    }

    /// <summary>The bmt entry times of cr_reference.R: floor(time · frac(i · 0.618034) · 0.5), i = 1..n.</summary>
    public static double[] BmtEntry(IReadOnlyList<double> time) =>
        time.Select((t, i) => Math.Floor(t * ((i + 1) * 0.618034 % 1) * 0.5)).ToArray();

    public static string Invariant(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
