using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Parametric;
using CarTOutcomes.Survival.Tests.Support;

namespace CarTOutcomes.Survival.Tests.Parametric;

/// <summary>The models of Reference/Parametric/parametric_reference.R, fitted by the engine.</summary>
public static class ParametricReferenceModels
{
    private sealed record Spec(string Data, string Dist, string[] X, bool Survreg, string? Weights = null, string? Entry = null,
        bool Cure = false, string[]? Z = null, string? Formula = null);

    private static readonly Dictionary<string, Spec> Specs = Build();

    private static Dictionary<string, Spec> Build()
    {
        var s = new Dictionary<string, Spec>();
        foreach (var d in new[] { "exponential", "weibull", "lognormal", "loglogistic" })
        {
            s[$"lung_null_{d}"] = new("lung", d, [], true);
            s[$"lung_cov_{d}"] = new("lung", d, ["age", "sex", "ph_ecog"], true);
            s[$"lung_wt_{d}"] = new("lung", d, ["age", "sex"], true, Weights: "w");
            s[$"veteran_cov_{d}"] = new("veteran", d, ["trt", "karno", "age", "smallcell", "adeno", "large"], true);
            s[$"ovarian_null_{d}"] = new("ovarian", d, [], true);
            s[$"ovarian_cov_{d}"] = new("ovarian", d, ["age", "rx"], true);
        }
        s["lung_formula_weibull"] = new("lung", "weibull", [], true, Formula: "age + factor(sex) + factor(ph_ecog)");
        s["veteran_formula_lognormal"] = new("veteran", "lognormal", [], true, Formula: "karno + factor(trt)");
        s["lung_formula_wt_loglogistic"] = new("lung", "loglogistic", [], true, Weights: "w", Formula: "age + factor(ph_ecog)");
        s["lung_null_weibullph"] = new("lung", "weibullph", [], false);
        s["lung_cov_weibullph"] = new("lung", "weibullph", ["age", "sex"], false);
        s["lung_null_gompertz"] = new("lung", "gompertz", [], false);
        s["lung_cov_gompertz"] = new("lung", "gompertz", ["age", "sex"], false);
        s["veteran_cov_gompertz"] = new("veteran", "gompertz", ["karno"], false);
        s["ovarian_null_gompertz"] = new("ovarian", "gompertz", [], false);
        s["lung_null_gengamma"] = new("lung", "gengamma", [], false);
        s["lung_cov_gengamma"] = new("lung", "gengamma", ["age", "sex"], false);
        s["veteran_null_gengamma"] = new("veteran", "gengamma", [], false);
        s["lung_wt_gengamma"] = new("lung", "gengamma", [], false, Weights: "w");
        s["veteran_entry_weibull"] = new("veteran", "weibull", ["karno"], false, Entry: "entry");
        s["veteran_entry_gompertz"] = new("veteran", "gompertz", [], false, Entry: "entry");
        foreach (var d in new[] { "exponential", "weibull", "lognormal", "loglogistic", "gompertz", "gengamma", "weibullph" })
            s[$"cure_null_{d}"] = new("cure", d, [], false, Cure: true, Z: []);
        s["cure_cov_weibull"] = new("cure", "weibull", ["z"], false, Cure: true, Z: ["x"]);
        s["cure_entry_weibull"] = new("cure", "weibull", ["z"], false, Entry: "entry", Cure: true, Z: ["x"]);
        s["cure_nocure_weibull"] = new("cure", "weibull", [], false);
        s["ovarian_cure_weibull"] = new("ovarian", "weibull", [], false, Cure: true, Z: []);
        return s;
    }

    public static IEnumerable<object[]> Names => Specs.Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> SurvregNames => Specs.Where(kv => kv.Value.Survreg).Select(kv => new object[] { kv.Key });

    public static IEnumerable<object[]> OptimNames => Specs.Where(kv => !kv.Value.Survreg).Select(kv => new object[] { kv.Key });

    public static bool IsSurvreg(string model) => Specs[model].Survreg;

    private static readonly Dictionary<string, ParametricResult> Cache = new();

    /// <summary>A reference data set as an analyst's CSV: every cell as text, typed as R's read.csv types it.</summary>
    public static ModelData ModelDataOf(string dataset)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "Parametric", dataset + ".csv");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var columns = header.Select((_, j) => (IReadOnlyList<string?>)cells.Select(r => (string?)r[j]).ToArray()).ToArray();
        return ModelData.FromText(header, columns, dataset + ".csv");
    }

    /// <summary>The engine's fit of a reference model (cached: fits are deterministic).</summary>
    public static ParametricResult Fit(string model)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(model, out var cached)) return cached;
            var spec = Specs[model];
            var t = ReferenceTable.Load($"Parametric/{spec.Data}.csv");
            var rows = t.Rows;
            var time = rows.Select(r => t.Number(r, "time")).ToArray();
            var ev = rows.Select(r => t.Number(r, "status") == 1).ToArray();
            var w = spec.Weights is null ? null : rows.Select(r => t.Number(r, spec.Weights)).ToArray();
            var data = spec.Entry is null
                ? SurvivalData.RightCensored(time, ev, w)
                : SurvivalData.CountingProcess(rows.Select(r => t.Number(r, spec.Entry)).ToArray(), time, ev, w);
            Covariates Cols(string[] names) => Covariates.Create(names, names.Select(n => (IReadOnlyList<double>)rows.Select(r => t.Number(r, n)).ToArray()).ToArray());
            var (dist, scale) = spec.Dist switch
            {
                "exponential" => (ParametricDistribution.Exponential, (ParametricScale?)null),
                "weibull" => (ParametricDistribution.Weibull, null),
                "weibullph" => (ParametricDistribution.Weibull, ParametricScale.ProportionalHazards),
                "lognormal" => (ParametricDistribution.LogNormal, null),
                "loglogistic" => (ParametricDistribution.LogLogistic, null),
                "gompertz" => (ParametricDistribution.Gompertz, null),
                "gengamma" => (ParametricDistribution.GeneralizedGamma, null),
                _ => throw new ArgumentException(spec.Dist),
            };
            var options = new ParametricOptions(dist) { Scale = scale, Cure = spec.Cure };
            var fit = spec.Formula is null
                ? ParametricModel.Fit(data, Cols(spec.X), options, spec.Z is null ? null : Cols(spec.Z))
                : ParametricModel.Fit("Surv(time, status) ~ " + spec.Formula, ModelDataOf(spec.Data), options, spec.Weights);
            Cache[model] = fit;
            return fit;
        }
    }
}
