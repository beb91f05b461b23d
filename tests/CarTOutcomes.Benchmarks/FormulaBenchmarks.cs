using System.Globalization;
using BenchmarkDotNet.Attributes;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Benchmarks;

/// <summary>
/// What a formula costs on top of a Cox fit (issue #13: under 10% at 10^6 rows): the same Efron fit of 10 covariates
/// from columns, and from <c>Surv(time, status) ~ x1 + ... + x10</c> on a <see cref="ModelData"/> (parsing, evaluation,
/// na.omit, the model matrix), plus the frame alone.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class FormulaBenchmarks
{
    private const string Formula = "Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10";
    private SurvivalData _data = null!;
    private Covariates _covariates = null!;
    private ModelData _frame = null!;

    /// <summary>Number of rows.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>The benchmark data set of <see cref="BenchmarkData"/>, as columns and as a data table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (data, x, names) = BenchmarkData.Create(N);
        _data = data;
        _covariates = Covariates.Create(names, x);
        var columns = new List<ModelColumn>
        {
            ModelColumn.Numeric("time", data.Time.ToArray()),
            ModelColumn.Numeric("status", data.Event.ToArray().Select(e => e ? 1.0 : 0.0).ToArray()),
        };
        columns.AddRange(x.Select((c, j) => ModelColumn.Numeric("x" + (j + 1).ToString(CultureInfo.InvariantCulture), c)));
        _frame = ModelData.Create(columns);
    }

    /// <summary>The fit from columns (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public double FromColumns() => Cox.Fit(_data, _covariates).LogLik;

    /// <summary>The same fit from the formula.</summary>
    [Benchmark]
    public double FromFormula() => Cox.Fit(Formula, _frame).LogLik;

    /// <summary>The model frame alone (parse, evaluate, na.omit, model matrix).</summary>
    [Benchmark]
    public int FrameOnly() => ModelFrame.Build(Survival.Formulas.Formula.Parse(Formula), _frame).RowCount;
}
