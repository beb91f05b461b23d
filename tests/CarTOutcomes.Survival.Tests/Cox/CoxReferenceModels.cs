using System.Globalization;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Tests.Cox;

/// <summary>
/// The models of Reference/Cox/cox_reference.R (R 4.2.2, survival 3.5-3), rebuilt from the input CSVs that script
/// wrote at 17 significant digits. Each entry names the R call it mirrors.
/// </summary>
internal static class CoxReferenceModels
{
    private sealed record Spec(string File, string? Start, string Time, string Status, string[] Covariates,
        Ties Ties, string? Strata = null, string? Cluster = null, string? Weights = null, string? Offset = null);

    private static readonly Dictionary<string, Spec> Specs = new()
    {
        // coxph(Surv(time, status) ~ age + sex + ph_ecog + ph_karno + wt_loss, data = lung2)
        ["lung_efron"] = new("lung.csv", null, "time", "status", ["age", "sex", "ph_ecog", "ph_karno", "wt_loss"], Ties.Efron),
        ["lung_breslow"] = new("lung.csv", null, "time", "status", ["age", "sex", "ph_ecog", "ph_karno", "wt_loss"], Ties.Breslow),
        // coxph(Surv(time, status) ~ trt + karno + age + diagtime + prior + smallcell + adeno + large, data = vet2)
        ["veteran_efron"] = new("veteran.csv", null, "time", "status", ["trt", "karno", "age", "diagtime", "prior", "smallcell", "adeno", "large"], Ties.Efron),
        ["veteran_breslow"] = new("veteran.csv", null, "time", "status", ["trt", "karno", "age", "diagtime", "prior", "smallcell", "adeno", "large"], Ties.Breslow),
        // coxph(Surv(time, status) ~ age + edema + logbili + logalb + logprotime, data = pbc2)
        ["pbc_efron"] = new("pbc.csv", null, "time", "status", ["age", "edema", "logbili", "logalb", "logprotime"], Ties.Efron),
        // coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart2, cluster = id)
        ["heart_efron"] = new("heart.csv", "start", "stop", "event", ["age", "year", "surgery", "transplant"], Ties.Efron, Cluster: "id"),
        ["heart_breslow"] = new("heart.csv", "start", "stop", "event", ["age", "year", "surgery", "transplant"], Ties.Breslow),
        // coxph(Surv(time, status) ~ x1 + x2 + x3 + strata(s), data = syn, cluster = id)
        ["syn_efron"] = new("synthetic.csv", null, "time", "status", ["x1", "x2", "x3"], Ties.Efron, Strata: "s", Cluster: "id"),
        ["syn_breslow"] = new("synthetic.csv", null, "time", "status", ["x1", "x2", "x3"], Ties.Breslow, Strata: "s", Cluster: "id"),
        // coxph(Surv(time, status) ~ x1 + x2 + x3 + offset(off), data = syn, weights = w): robust by R's default (non-integer weights)
        ["syn_wt_off"] = new("synthetic.csv", null, "time", "status", ["x1", "x2", "x3"], Ties.Efron, Weights: "w", Offset: "off"),
        // coxph(Surv(start, time, status) ~ x1 + x2 + x3 + strata(s), data = syn, cluster = id)
        ["syn_cp_efron"] = new("synthetic.csv", "start", "time", "status", ["x1", "x2", "x3"], Ties.Efron, Strata: "s", Cluster: "id"),
        ["syn_cp_breslow"] = new("synthetic.csv", "start", "time", "status", ["x1", "x2", "x3"], Ties.Breslow, Strata: "s", Cluster: "id"),
        // coxph(Surv(time, status) ~ x1 + x2 + x4, data = syn), x4 = x1 + 2 x2
        ["syn_collinear"] = new("synthetic.csv", null, "time", "status", ["x1", "x2", "x4"], Ties.Efron),
        // coxph(Surv(time, status) ~ x + z, data = mono)
        ["monotone"] = new("monotone.csv", null, "time", "status", ["x", "z"], Ties.Efron),
    };

    public static IEnumerable<object[]> Names => Specs.Keys.Select(k => new object[] { k });

    public static CoxResult Fit(string model, double confidenceLevel = 0.95, Ties? ties = null)
    {
        var (data, columns, spec, table) = Load(model);
        var o = new CoxOptions
        {
            Ties = ties ?? spec.Ties,
            ConfidenceLevel = confidenceLevel,
        };
        var rows = data
            .WithStrata(spec.Strata is null ? null : table[spec.Strata])
            .WithCluster(spec.Cluster is null ? null : table[spec.Cluster])
            .WithOffset(spec.Offset is null ? null : Numbers(table, spec.Offset));
        return CoxModel.Fit(rows, columns, spec.Covariates, o);
    }

    public static (SurvivalData Data, IReadOnlyList<IReadOnlyList<double>> Columns) Data(string model)
    {
        var (data, columns, _, _) = Load(model);
        return (data, columns);
    }

    private static (SurvivalData, IReadOnlyList<IReadOnlyList<double>>, Spec, Dictionary<string, string[]>) Load(string model)
    {
        var spec = Specs[model];
        var table = ReadColumns(Path.Combine(AppContext.BaseDirectory, "Reference", "Cox", spec.File));
        var time = Numbers(table, spec.Time);
        var status = Numbers(table, spec.Status).Select(s => s == 1).ToArray();
        var w = spec.Weights is null ? null : Numbers(table, spec.Weights);
        var data = spec.Start is null
            ? SurvivalData.RightCensored(time, status, w)
            : SurvivalData.CountingProcess(Numbers(table, spec.Start), time, status, w);
        var columns = spec.Covariates.Select(c => (IReadOnlyList<double>)Numbers(table, c)).ToArray();
        return (data, columns, spec, table);
    }

    private static double[] Numbers(Dictionary<string, string[]> table, string column)
        => table[column].Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    private static Dictionary<string, string[]> ReadColumns(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        return header.Select((h, j) => (h, j)).ToDictionary(x => x.h, x => rows.Select(r => r[x.j]).ToArray());
    }
}
