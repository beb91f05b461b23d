using System.Globalization;
using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// One value of a baseline assignment: a patient's value of one baseline column of the cohort files. An assignment is
/// the constructive layer for the families of targets that depend on baseline values only, with every event time held
/// (e.g. <c>docs/family-feasibility.R</c>: prior lines, corticosteroids, age, sex, platelets):
/// <see cref="CohortReconstruction.ApplyAssignments"/> puts it into a cohort the reconstruction made, and a continuation
/// searches on from there.
/// </summary>
/// <param name="PatientId">A patient of the reconstruction (MSK7 … MSK56, SYN01 … SYN37).</param>
/// <param name="Variable">The column, as in the cohort files: one of <see cref="BaselineAssignment.Variables"/>.</param>
/// <param name="Value">The value as the cohort files write it (<c>male</c>/<c>female</c>, <c>yes</c>/<c>no</c>, a number;
/// empty for a corticosteroid column: no corticosteroid after the first infusion; <c>bm</c> or <c>bm;em</c> for the
/// site of the first progression).</param>
public sealed record BaselineAssignment(string PatientId, string Variable, string Value)
{
    /// <summary>
    /// The categorical columns and their values as the cohort files write them, in the order of the reconstruction's
    /// codes (value k is code k). <c>ph_status</c> and <c>ph_subtype</c> are read together (negative; positive p190 or p210).
    /// </summary>
    internal static IReadOnlyDictionary<string, (Attr Attr, string[] Levels)> Categories { get; } = new Dictionary<string, (Attr, string[])>(StringComparer.Ordinal)
    {
        ["sex"] = (Attr.Male, ["female", "male"]),
        ["platelets_low"] = (Attr.PlateletsLow, ["no", "yes"]),
        ["prior_blinatumomab"] = (Attr.PriorBlin, ["no", "yes"]),
        ["prior_inotuzumab"] = (Attr.PriorIno, ["no", "yes"]),
        ["prior_hsct"] = (Attr.PriorHsct, ["no", "yes"]),
        ["bridging"] = (Attr.Bridging, ["none", "nonintensive", "intensive"]),
        ["disease_burden"] = (Attr.Burden, ["morphologic", "mrd", "no_evidence"]),
        // progressions.csv, first progression: marrow only, or marrow and extramedullary (where the scripts leave it open)
        ["site"] = (Attr.EmSite, ["bm", "bm;em"]),
    };

    /// <summary>The columns an assignment may set.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        "age_years", "prior_lines", "marrow_blast_percent", "corticosteroid_start_day", "corticosteroid_duration_days", "corticosteroid_dose_intensity",
        "ph_status", "ph_subtype", .. Categories.Keys,
    ];
}

/// <summary>An assignment row the reconstruction's model cannot take; the message names the patient, the column, the value and what the model allows.</summary>
public sealed class BaselineAssignmentException(int index, string message) : ReconstructionRowException(index, message);

public static partial class CohortReconstruction
{
    private static readonly string[] SteroidColumns = ["corticosteroid_start_day", "corticosteroid_duration_days", "corticosteroid_dose_intensity"];

    /// <summary>
    /// Puts a baseline assignment into a cohort that the reconstruction made: reads the search's values back from
    /// <paramref name="start"/> (as <see cref="Continue"/> does), sets each listed value, and builds the cohort again.
    /// Event times do not move. Sex and corticosteroid exposure are counted by Table 1 in each group (progressed or
    /// not): the assignment must keep those counts, as an exchange between two patients of a group does; so must the site
    /// of the first progression (marrow and EM exchanged, for the Results' count of EM disease). A patient who
    /// starts receiving a corticosteroid needs all three corticosteroid columns; one who stops has all three empty.
    /// </summary>
    /// <param name="start">A cohort the reconstruction made.</param>
    /// <param name="assignment">The rows; each patient and column at most once.</param>
    /// <exception cref="InvalidDataException">The start cohort is not one the reconstruction made.</exception>
    /// <exception cref="BaselineAssignmentException">A row names an unknown patient or column, repeats a patient and
    /// column, gives a value outside the model's range for that patient (the range is named), leaves a patient's
    /// corticosteroid half set, or the rows change a count that Table 1 fixes.</exception>
    public static Cohort ApplyAssignments(Cohort start, IReadOnlyList<BaselineAssignment> assignment)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(assignment);
        var (bp, builder, g, index) = Editable(start);
        int emStart = ProgressedCount(g, Attr.EmSite);
        var seen = new HashSet<(string, string)>();
        // Per patient: the row of each corticosteroid column given (to check the three are set together).
        var steroidRows = new Dictionary<int, Dictionary<string, (int Row, bool Empty)>>();
        var phRows = new Dictionary<int, Dictionary<string, (int Row, string Value)>>();
        var lastRow = new Dictionary<Attr, int>();
        for (int k = 0; k < assignment.Count; k++)
        {
            var row = assignment[k];
            if (!index.TryGetValue(row.PatientId, out int i)) throw new BaselineAssignmentException(k, $"patient '{row.PatientId}' is not one of the reconstruction's 56 patients.");
            if (!BaselineAssignment.Variables.Contains(row.Variable))
                throw new BaselineAssignmentException(k, $"column '{row.Variable}' cannot be assigned; expected one of {string.Join(", ", BaselineAssignment.Variables)}.");
            if (!seen.Add((row.PatientId, row.Variable))) throw new BaselineAssignmentException(k, $"patient '{row.PatientId}', column '{row.Variable}' is listed twice.");
            switch (row.Variable)
            {
                case "age_years":
                    SetGene(g, bp, Gene.Age, i, k, row);
                    break;
                case "prior_lines":
                    SetGene(g, bp, Gene.PriorLines, i, k, row);
                    break;
                case "marrow_blast_percent":
                    var script = bp.Patients[i];
                    if (!script.Progressed || script.MrdRelapse || (script.Site & ProgressionSite.BoneMarrow) == 0)
                        throw new BaselineAssignmentException(k, $"patient '{row.PatientId}': the marrow blasts at first progression are searched only for a progression " +
                                                                 "in the marrow that is not an MRD relapse; this patient's script has none.");
                    SetGene(g, bp, Gene.Blasts, i, k, row);
                    break;
                case "ph_status" or "ph_subtype":
                    if (!phRows.TryGetValue(i, out var ph)) phRows[i] = ph = new(StringComparer.Ordinal);
                    ph[row.Variable] = (k, row.Value);
                    lastRow[Attr.Ph] = k;
                    break;
                case var c when BaselineAssignment.Categories.TryGetValue(c, out var category):
                    SetLevel(g, bp, category.Attr, i, k, row, category.Levels);
                    lastRow[category.Attr] = k;
                    break;
                default:
                    if (!steroidRows.TryGetValue(i, out var given)) steroidRows[i] = given = new(StringComparer.Ordinal);
                    given[row.Variable] = (k, row.Value.Length == 0);
                    if (row.Value.Length > 0)
                        SetGene(g, bp, row.Variable switch
                        {
                            "corticosteroid_start_day" => Gene.SteroidDay,
                            "corticosteroid_duration_days" => Gene.SteroidDuration,
                            _ => Gene.SteroidDose,
                        }, i, k, row);
                    lastRow[Attr.Steroid] = k;
                    break;
            }
        }
        foreach (var (i, given) in steroidRows)
        {
            int last = given.Values.Max(v => v.Row);
            bool anyEmpty = given.Values.Any(v => v.Empty), allEmpty = given.Values.All(v => v.Empty);
            string id = bp.Patients[i].Id;
            if (anyEmpty && !(allEmpty && given.Count == 3))
                throw new BaselineAssignmentException(last, $"patient '{id}': a corticosteroid is stopped by leaving all three of {string.Join(", ", SteroidColumns)} empty, not some of them.");
            if (!allEmpty && g[Attr.Steroid, i] == 0 && given.Count < 3)
                throw new BaselineAssignmentException(last, $"patient '{id}' received no corticosteroid: giving one needs all three of {string.Join(", ", SteroidColumns)}.");
            int exposed = allEmpty ? 0 : 1;
            if (bp.Allowed(Attr.Steroid, i) is { } allowed && !allowed.Contains(exposed))
                throw new BaselineAssignmentException(last, $"patient '{id}': the scripts fix whether this patient received a corticosteroid.");
            g[Attr.Steroid, i] = exposed;
        }
        foreach (var (i, given) in phRows) SetPh(g, bp, i, given);
        foreach (var (a, row) in lastRow) CheckCounts(g, bp, a, row);
        // The Results count the progressions with EM involvement (13) by site: marrow and EM is exchanged, never added.
        if (lastRow.TryGetValue(Attr.EmSite, out int emRow) && ProgressedCount(g, Attr.EmSite) is var em && em != emStart)
            throw new BaselineAssignmentException(emRow, $"site bm;em: the assignment gives {em} of the {Blueprint.ProgressedCount} progressed patients, the start cohort " +
                                                         $"{emStart}, and the Results' count of extramedullary disease (13) would change (exchange the site between two patients instead).");
        return builder.Build(g);
    }

    /// <summary>Ph status and subtype of one patient: negative (no subtype), or positive with subtype p190 or p210 (codes 0, 1, 2).</summary>
    private static void SetPh(Genome g, Blueprint bp, int i, Dictionary<string, (int Row, string Value)> given)
    {
        string id = bp.Patients[i].Id;
        int last = given.Values.Max(v => v.Row);
        string status = given.TryGetValue("ph_status", out var st) ? st.Value : g[Attr.Ph, i] == 0 ? "negative" : "positive";
        string subtype = given.TryGetValue("ph_subtype", out var sub) ? sub.Value : g[Attr.Ph, i] switch { 1 => "p190", 2 => "p210", _ => "" };
        int v = (status, subtype) switch
        {
            ("negative", "") => 0,
            ("positive", "p190") => 1,
            ("positive", "p210") => 2,
            _ => throw new BaselineAssignmentException(last, $"patient '{id}': ph_status '{status}' with ph_subtype '{subtype}' is not one the model takes " +
                                                             "(negative with no subtype, or positive with p190 or p210)."),
        };
        if (bp.Allowed(Attr.Ph, i) is { } allowed && !allowed.Contains(v))
            throw new BaselineAssignmentException(last, $"patient '{id}': the scripts fix this patient's Ph status (a printed fact of Tables 4 and 5 or of the text).");
        g[Attr.Ph, i] = v;
    }

    private static void SetGene(Genome g, Blueprint bp, Gene gene, int i, int k, BaselineAssignment row)
    {
        var r = bp.Range(gene, i);
        if (!double.TryParse(row.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !OnGrid(r, v))
            throw new BaselineAssignmentException(k, $"patient '{row.PatientId}', {row.Variable} '{row.Value}': the model takes {r.Min.ToString(CultureInfo.InvariantCulture)}.." +
                                                     $"{r.Max.ToString(CultureInfo.InvariantCulture)} in steps of {r.Step.ToString(CultureInfo.InvariantCulture)}.");
        // On the grid: the value the builder writes is the one given, not a rounding of it.
        g[gene, i] = Math.Round((v - r.Min) / r.Step) * r.Step + r.Min;
    }

    private static void SetLevel(Genome g, Blueprint bp, Attr a, int i, int k, BaselineAssignment row, string[] levels)
    {
        int v = Array.IndexOf(levels, row.Value);
        if (v < 0) throw new BaselineAssignmentException(k, $"patient '{row.PatientId}', {row.Variable} '{row.Value}': expected {string.Join(" or ", levels.Select(l => $"'{l}'"))}.");
        if (bp.Allowed(a, i) is { } allowed && !allowed.Contains(v))
            throw new BaselineAssignmentException(k, $"patient '{row.PatientId}', {row.Variable} '{row.Value}': the scripts fix this patient's value (a printed fact of Tables 4 and 5 or of the text).");
        g[a, i] = v;
    }

    private static int ProgressedCount(Genome g, Attr a) => Enumerable.Range(0, Blueprint.ProgressedCount).Count(i => g[a, i] == 1);

    /// <summary>The counts of each value of <paramref name="a"/> in each group must be Table 1's (<see cref="Blueprint.Counts"/>), as exchanges keep them.</summary>
    private static void CheckCounts(Genome g, Blueprint bp, Attr a, int row)
    {
        if (Blueprint.Counts(a) is not { } counts) return;
        foreach (var (group, lo, hi, expected) in new[] { ("progressed", 0, Blueprint.ProgressedCount, counts.Progressed), ("not progressed", Blueprint.ProgressedCount, bp.Count, counts.NonProgressed) })
            for (int v = 0; v < expected.Length; v++)
            {
                int n = Enumerable.Range(lo, hi - lo).Count(i => g[a, i] == v);
                if (n != expected[v])
                    throw new BaselineAssignmentException(row, $"{CountName(a, v)}: the assignment gives {n} of the {hi - lo} {group} patients, Table 1 gives {expected[v]} " +
                                                               "(exchange the value between two patients of the group instead).");
            }
    }

    private static string CountName(Attr a, int v) => a switch
    {
        Attr.Steroid => v == 1 ? "corticosteroid after the first infusion" : "no corticosteroid after the first infusion",
        Attr.Ph => $"ph {(v switch { 0 => "negative", 1 => "positive p190", _ => "positive p210" })}",
        _ => BaselineAssignment.Categories.First(c => c.Value.Attr == a) is var c ? $"{c.Key} {c.Value.Levels[v]}" : a.ToString(),
    };
}
