using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Survival.Comparisons;
using CarTOutcomes.Survival.Cox;
using H = CarTOutcomes.Clinical.Model.PatientHistory;

namespace CarTOutcomes.Clinical.Study;

/// <summary>
/// Maps each published target id to the computation, by this library, that reproduces it from a cohort, or to the
/// reason why it cannot be computed. The formulas are grouped by family in the partial files
/// <c>TargetRegistry.*.cs</c>.
/// </summary>
public static partial class TargetRegistry
{
    private static readonly Dictionary<string, Func<StudyView, double>> Formulas = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> Unevaluable = new(StringComparer.Ordinal);

    static TargetRegistry()
    {
        RegisterCounts();
        RegisterSurvival();
        RegisterTable1();
        RegisterTables23();
        RegisterSalvage();
        RegisterReinfusion();
        RegisterUnevaluable();
    }

    /// <summary>Ids of every target with a formula.</summary>
    public static IReadOnlyCollection<string> EvaluableIds => Formulas.Keys;

    /// <summary>True when the registry has a formula for the target id.</summary>
    /// <param name="id">A target id.</param>
    public static bool HasFormula(string id) => Formulas.ContainsKey(id);

    /// <summary>Evaluates every target on the cohort; targets without a formula are reported as not evaluable with the reason.</summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="targets">The published targets.</param>
    public static IReadOnlyList<TargetEvaluation> Evaluate(Cohort cohort, IReadOnlyList<PublishedTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(targets);
        var view = new StudyView(cohort);
        return targets.Select(t => Evaluate(view, t)).ToArray();
    }

    private static TargetEvaluation Evaluate(StudyView view, PublishedTarget t)
    {
        if (!Formulas.TryGetValue(t.Id, out var f))
            return new(t, null, TargetStatus.NotEvaluable, Unevaluable.GetValueOrDefault(t.Id) ?? "no formula: the paper's definition of this number is not expressible with the cohort model");
        double v;
        try
        {
            v = f(view);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or ArithmeticException)
        {
            return new(t, null, TargetStatus.NotEvaluable, $"the analysis failed on this cohort: {e.Message}");
        }
        if (double.IsNaN(v)) return new(t, v, TargetStatus.NotEvaluable, "the analysis is undefined on this cohort (NaN, e.g. an empty group or a median not reached)");
        return new(t, v, TargetEvaluation.AgreesWith(t, v) ? TargetStatus.Agrees : TargetStatus.Disagrees, null);
    }

    private static void Add(string id, Func<StudyView, double> f) => Formulas.Add(id, f);

    private static void Add(IEnumerable<string> ids, Func<StudyView, double> f)
    {
        foreach (var id in ids) Formulas.Add(id, f);
    }

    private static void No(string reason, params string[] ids)
    {
        foreach (var id in ids) Unevaluable.Add(id, reason);
    }

    // ---- small helpers shared by the families ----
    private static double Count(IEnumerable<H> pop, Func<H, bool> p) => pop.Count(p);

    private static double Pct(IReadOnlyList<H> pop, Func<H, bool> p) => pop.Count == 0 ? double.NaN : 100.0 * pop.Count(p) / pop.Count;

    private static double B(bool b) => b ? 1 : 0;

    private static double Months(double days) => StudyTime.Convert(days, StudyConventions.Month);

    private static double Median(IEnumerable<double> xs)
    {
        var s = xs.Where(x => !double.IsNaN(x)).OrderBy(x => x).ToArray();
        return s.Length == 0 ? double.NaN : Descriptive.Quantile(s, 0.5);
    }

    private static double Min(IEnumerable<double> xs) => xs.DefaultIfEmpty(double.NaN).Min();

    private static double Max(IEnumerable<double> xs) => xs.DefaultIfEmpty(double.NaN).Max();

    /// <summary>Registers median, min and max of one variable under ids prefix_median, prefix_min, prefix_max.</summary>
    private static void Mmm(string prefix, Func<StudyView, IEnumerable<double>> values)
    {
        Add(prefix + "_median", v => Median(values(v)));
        Add(prefix + "_min", v => Min(values(v)));
        Add(prefix + "_max", v => Max(values(v)));
    }

    /// <summary>Registers HR, CI limits and P of a Cox coefficient under prefix_hr, _hr_lower, _hr_upper, _p.</summary>
    private static void Hr(string prefix, Func<StudyView, CoxCoefficient> c)
    {
        Add(prefix + "_hr", v => c(v).HazardRatio);
        Add(prefix + "_hr_lower", v => c(v).Lower);
        Add(prefix + "_hr_upper", v => c(v).Upper);
        Add(prefix + "_p", v => c(v).PValue);
    }

    private static ResponseCategory? FirstResponse(H h) => h.FirstInfusionResponse?.Category;

    private static bool IsCr(ResponseCategory? c) => c is { } x && x.IsCompleteRemission();

    private static Progression P1(H h) => h.FirstProgression!;
}
