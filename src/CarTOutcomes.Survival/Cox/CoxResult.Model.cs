using CarTOutcomes.Survival.Formulas;

namespace CarTOutcomes.Survival.Cox;

public sealed partial class CoxResult
{
    private ModelFrame? _model;
    private IReadOnlyList<CoxTermTest>? _termTests;

    /// <summary>The formula, terms, factor levels and rows used, when the model was fitted from a formula; otherwise null.</summary>
    public ModelFrame? Model => _model;

    /// <summary>
    /// The Wald test of each term of the formula: χ² = bᵀV⁻¹b over the term's estimable coefficients (all levels of a
    /// factor together), V the fit's variance (robust when the fit is), df the number of those coefficients (R: e.g.
    /// <c>car::Anova(fit, test = "Wald")</c>, or <c>anova</c>-style tests computed from <c>vcov(fit)</c> and
    /// <c>fit$assign</c>). A term whose coefficients are all collinear has df 0 and NaN statistic. Without a formula,
    /// one test per coefficient. Empty for the null model (<see cref="IsNullModel"/>).
    /// </summary>
    public IReadOnlyList<CoxTermTest> TermTests => _termTests ??= ComputeTermTests();

    /// <summary>Called once, by <see cref="Cox.Fit(Formula, ModelData, CoxOptions?, string?, string?, CancellationToken)"/>.</summary>
    internal void AttachModel(ModelFrame frame)
    {
        if (_model is not null) throw new InvalidOperationException("The model is already attached.");
        _model = frame;
    }

    private IReadOnlyList<CoxTermTest> ComputeTermTests()
    {
        int p = _design.P;
        if (p == 0) return [];
        var groups = _model is null
            ? Enumerable.Range(0, p).Select(j => (Label: Names[j], Columns: new[] { j })).ToArray()
            : _model.Formula.Terms.Select((t, k) => (t.Label, Columns: Enumerable.Range(0, p).Where(j => _model.Assign[j] == k).ToArray())).ToArray();
        var tests = new List<CoxTermTest>();
        foreach (var (label, columns) in groups)
        {
            var keep = columns.Where(j => !_singular[j]).ToArray();
            if (keep.Length == 0)
            {
                tests.Add(new CoxTermTest(label, 0, double.NaN, double.NaN));
                continue;
            }
            var sub = new double[keep.Length * keep.Length];
            for (int a = 0; a < keep.Length; a++)
                for (int b = 0; b < keep.Length; b++) sub[a * keep.Length + b] = _var[keep[a] * p + keep[b]];
            var beta = keep.Select(j => _beta[j]).ToArray();
            double chisq = GeneralizedCholesky.Quadratic(sub, keep.Length, beta, Options.CholeskyTolerance);
            tests.Add(new CoxTermTest(label, keep.Length, chisq, CoxTest.ChiSquareUpper(chisq, keep.Length)));
        }
        return tests;
    }

    /// <summary>
    /// Predicted survival for each row of <paramref name="newData"/>, its factors given by level name (R:
    /// <c>survfit(fit, newdata = data.frame(age = 60, sex = "female"))</c>); coded with the fit's levels. See
    /// <see cref="PredictSurvival(IReadOnlyList{double}, double, double)"/> for the estimator.
    /// </summary>
    /// <param name="newData">One row per subject, holding every model variable.</param>
    /// <param name="confidenceLevel">Level of the pointwise limits.</param>
    /// <returns>For each row of <paramref name="newData"/>, the curves (one per stratum).</returns>
    /// <exception cref="InvalidOperationException">The model was not fitted from a formula.</exception>
    public IReadOnlyList<IReadOnlyList<CoxSurvivalCurve>> PredictSurvival(ModelData newData, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(newData);
        var model = _model ?? throw new InvalidOperationException("This model was fitted from covariate columns; give the covariate values instead.");
        var rows = model.Encode(newData);
        var offsets = model.EncodeOffset(newData);
        return rows.Select((x, i) => PredictSurvival(x, confidenceLevel, offsets[i])).ToArray();
    }
}

/// <summary>The Wald test of one term of a Cox model (all its coefficients together).</summary>
[Microsoft.DotNet.Interactive.Formatting.TypeFormatterSource(Microsoft.DotNet.Interactive.Formatting.NotebookFormatter.Source)]
public sealed class CoxTermTest
{
    internal CoxTermTest(string term, int df, double chiSquare, double pValue)
    {
        Term = term; DegreesOfFreedom = df; ChiSquare = chiSquare; PValue = pValue;
    }

    /// <summary>The term's label (<c>factor(ph.ecog)</c>, <c>age:sex</c>).</summary>
    public string Term { get; }

    /// <summary>Number of estimable coefficients of the term.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>bᵀV⁻¹b over the term's coefficients.</summary>
    public double ChiSquare { get; }

    /// <summary>P(χ²_df ≥ <see cref="ChiSquare"/>).</summary>
    public double PValue { get; }
}
