using System.Globalization;
using CarTOutcomes.Clinical.Study;
using CarTOutcomes.Presentation.Tables;

namespace CarTOutcomes.Presentation.Study;

/// <summary>
/// The study's Tables 1–3 in publication layout, each cell reproduced from the cohort beside the value the paper
/// prints: one row per printed row, and for each printed column a "Reproduced" and a "Published" column. Cells are
/// composed as the paper prints them ("28 (73.7%)", "42.5 (23–74)", "0.91 (0.83–1.00)"); reproduced numbers are
/// rounded to the paper's printed digits so that the two read alike, and a reproduced cell that differs from the
/// published one at that precision is marked with an asterisk.
/// </summary>
public static class PublishedTables
{
    /// <summary>Tables 1, 2 and 3 from the evaluated targets (those whose source starts with "Table 1/2/3").</summary>
    /// <param name="results">The evaluated targets.</param>
    public static IReadOnlyList<(string Name, PublicationTable Table)> Build(IReadOnlyList<TargetEvaluation> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return
        [
            ("table-1-published", Table(results, "Table 1", "Table 1. Characteristics by progression after CAR T (reproduced beside published)", Table1Column)),
            ("table-2-published", Table(results, "Table 2", "Table 2. Cause-specific hazard of R/R disease, univariate (reproduced beside published)", HrColumn)),
            ("table-3-published", Table(results, "Table 3", "Table 3. Overall survival after progression (reproduced beside published)", HrColumn)),
        ];
    }

    private static string? Table1Column(TargetEvaluation r) =>
        r.Target.Statistic == "p_value" ? "P" :
        r.Target.Population.StartsWith("nonprogressed", StringComparison.Ordinal) ? "No relapse" :
        r.Target.Population.StartsWith("progressed", StringComparison.Ordinal) ? "Relapse" : null;

    private static string? HrColumn(TargetEvaluation r)
    {
        string model = r.Target.Id.StartsWith("t3_mv_", StringComparison.Ordinal) ? "Multivariable " :
                       r.Target.Id.StartsWith("t3_uni_", StringComparison.Ordinal) ? "Univariate " : "";
        return r.Target.Statistic switch
        {
            "p_value" => model + "P",
            "hr" or "hr_lower" or "hr_upper" => model + "HR (95% CI)",
            _ => null,
        };
    }

    private static PublicationTable Table(IReadOnlyList<TargetEvaluation> results, string family, string title, Func<TargetEvaluation, string?> column)
    {
        var mine = results.Where(r => r.Target.Source.StartsWith(family + " row", StringComparison.Ordinal) && column(r) is not null).ToArray();
        var keys = mine.Select(r => column(r)!).Distinct().ToArray();
        // Columns in reading order: Relapse, No relapse, P; or HR then P (univariate before multivariable).
        keys = keys.OrderBy(k => k.StartsWith("Multivariable", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(k => k.EndsWith('P') ? 1 : 0).ThenBy(k => k == "No relapse" ? 1 : 0).ToArray();
        var columns = keys.SelectMany(k => new[] { new TableColumn("Reproduced", k), new TableColumn("Published", k) }).ToArray();
        var rows = new List<TableRow>();
        List<TableCell> Cells(IEnumerable<TargetEvaluation> row)
        {
            var cells = new List<TableCell>();
            foreach (var k in keys)
            {
                var set = row.Where(r => column(r) == k).ToArray();
                if (set.Length == 0) { cells.Add(TableCell.Empty); cells.Add(TableCell.Empty); continue; }
                bool differs = set.Any(r => !r.Agrees);
                cells.Add(TableCell.Text(Compose(set, reproduced: true) + (differs ? " *" : "")));
                cells.Add(TableCell.Text(Compose(set, reproduced: false)));
            }
            return cells;
        }
        foreach (var row in mine.GroupBy(r => r.Target.Source))
        {
            // A printed row may hold several levels (Table 1's "Bridging therapy: intensive, nonintensive, none"):
            // the targets' ids name them (t1_bridging_intensive_relapse_n); the P (t1_bridging_p) goes on the label row.
            bool levelled = family == "Table 1";
            var stems = row.GroupBy(r => levelled ? Stem(r.Target.Id) : "").ToArray();
            var pStem = row.Where(r => r.Target.Statistic == "p_value").Select(r => levelled ? Stem(r.Target.Id) : "").FirstOrDefault();
            var main = stems.Where(g => g.Key == pStem || stems.Length == 1).SelectMany(g => g).ToArray();
            var levels = stems.Where(g => !(g.Key == pStem || stems.Length == 1)).ToArray();
            // A printed row that lists its levels in its label ("Bridging therapy(%) Intensive therapy …") shows the
            // variable alone, its levels beneath.
            string label = RowLabel(row.Key);
            if (levels.Length > 0 && label.IndexOf("(%)", StringComparison.Ordinal) is > 0 and var cut) label = label[..cut].TrimEnd('*', ' ');
            rows.Add(new TableRow(row.Key, label, TableRowKind.Label, main.Length > 0 ? Cells(main) : Cells([])));
            foreach (var level in levels)
                rows.Add(new TableRow(row.Key + "/" + level.Key, LevelLabel(level.First().Target.Description), TableRowKind.Level, Cells(level)));
        }
        return new PublicationTable(title, "Characteristic", columns, rows,
            ["Reproduced values are rounded to the digits the paper prints. * differs from the published value at that precision (or cannot be computed: —).",
             "SYNTHETIC DATA: the reproduced values come from a synthetic reconstruction of the cohort, not the study's patients."]);
    }

    /// <summary>A cell as the paper prints it, from the targets of one row and column.</summary>
    private static string Compose(IReadOnlyList<TargetEvaluation> set, bool reproduced)
    {
        string V(string statistic)
        {
            var r = set.FirstOrDefault(x => x.Target.Statistic == statistic);
            if (r is null) return "";
            var t = r.Target;
            if (!reproduced)
            {
                string rel = t.Relation switch
                {
                    TargetRelation.Less => "<",
                    TargetRelation.Greater => ">",
                    TargetRelation.LessOrEqual => "≤",
                    TargetRelation.GreaterOrEqual => "≥",
                    _ => "",
                };
                return rel + t.Value.ToString("F" + t.Precision, CultureInfo.InvariantCulture);
            }
            return r.Reproduced is double v && double.IsFinite(v)
                ? Math.Round(v, t.Precision, MidpointRounding.ToEven).ToString("F" + t.Precision, CultureInfo.InvariantCulture)
                : "—";
        }
        bool Has(string s) => set.Any(x => x.Target.Statistic == s);
        if (Has("count") && Has("percent")) return $"{V("count")} ({V("percent")}%)";
        if (Has("median") && Has("range_min")) return $"{V("median")} ({V("range_min")}–{V("range_max")})";
        if (Has("hr")) return Has("hr_lower") ? $"{V("hr")} ({V("hr_lower")}–{V("hr_upper")})" : V("hr");
        return string.Join(", ", set.Select(x => V(x.Target.Statistic)).Where(s => s.Length > 0).Distinct());
    }

    /// <summary>The id without its group and statistic: t1_bridging_intensive_relapse_n → t1_bridging_intensive; t1_bridging_p → t1_bridging.</summary>
    private static string Stem(string id) =>
        System.Text.RegularExpressions.Regex.Replace(id, "(_(relapse|norelapse)_[a-z]+|_p)$", "");

    /// <summary>"Intensive bridging therapy, progressed (count)" → "Intensive bridging therapy".</summary>
    private static string LevelLabel(string description)
    {
        int i = description.IndexOf(", ", StringComparison.Ordinal);
        return i > 0 ? description[..i] : description;
    }

    // 'Table 3 row "Age (>40 vs ≤40 y)"' → 'Age (>40 vs ≤40 y)'
    private static string RowLabel(string source)
    {
        int a = source.IndexOf('"'), b = source.LastIndexOf('"');
        return a >= 0 && b > a ? source[(a + 1)..b] : source;
    }
}
