using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Formulas;
using CarTOutcomes.Survival.Testing;
using Microsoft.Data.Analysis;

namespace CarTOutcomes.DataFrames;

/// <summary>
/// Model formulas on a <see cref="DataFrame"/> (the data frame of .NET notebooks, <c>DataFrame.LoadCsv</c>): the same
/// calls as on a <see cref="ModelData"/>, e.g. <c>Cox.Fit("Surv(time, status) ~ age + sex + factor(ph.ecog)", df)</c>.
/// </summary>
/// <remarks>
/// Column types map as R's: numeric columns (any primitive number type) are numeric, Boolean columns logical, string
/// and char columns text (factors in a model); a null cell is missing, as is a text cell that is empty or <c>NA</c>
/// and a NaN number. Date and other column types are refused by name.
/// </remarks>
public static class DataFrameExtensions
{
    /// <summary>The data frame as a <see cref="ModelData"/>.</summary>
    /// <param name="frame">The data frame.</param>
    /// <param name="source">A name for messages (e.g. the file it was loaded from).</param>
    public static ModelData ToModelData(this DataFrame frame, string source = "data frame")
    {
        ArgumentNullException.ThrowIfNull(frame);
        return ModelData.Create(frame.Columns.Select(Convert), source);
    }

    private static ModelColumn Convert(DataFrameColumn c)
    {
        long n = c.Length;
        var type = c.DataType;
        if (type == typeof(bool))
            return ModelColumn.Logical(c.Name, Enumerable.Range(0, (int)n).Select(i => (bool?)c[i]).ToArray());
        if (type == typeof(string) || type == typeof(char))
            return ModelColumn.Text(c.Name, Enumerable.Range(0, (int)n).Select(i => c[i]?.ToString() is { } s && s.Length > 0 && s != "NA" ? s : null).ToArray());
        if (type.IsPrimitive || type == typeof(decimal))
            return ModelColumn.Numeric(c.Name, Enumerable.Range(0, (int)n)
                .Select(i => c[i] is { } v ? System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : double.NaN).ToArray());
        throw new ArgumentException($"Column '{c.Name}' has type {type.Name}; model formulas take numbers, booleans and text.", nameof(c));
    }

    extension(Cox)
    {
        /// <summary>Fits a Cox model from a formula on a data frame (R: <c>coxph(formula, data = df)</c>).</summary>
        /// <param name="formula">E.g. <c>Surv(time, status) ~ age + sex + factor(ph.ecog)</c>.</param>
        /// <param name="data">The data frame.</param>
        /// <param name="options">Settings; R's defaults when null.</param>
        /// <param name="weights">Optional name of a column of case weights.</param>
        /// <param name="id">Optional name of a subject-id column.</param>
        public static CoxResult Fit(string formula, DataFrame data, CoxOptions? options = null, string? weights = null, string? id = null) =>
            Cox.Fit(formula, data.ToModelData(), options, weights, id);
    }

    extension(KaplanMeier)
    {
        /// <summary>Kaplan–Meier curves from a formula on a data frame (R: <c>survfit(formula, data = df)</c>).</summary>
        /// <param name="formula">E.g. <c>Surv(time, status) ~ sex</c>.</param>
        /// <param name="data">The data frame.</param>
        /// <param name="options">Variance and confidence limits.</param>
        public static IReadOnlyList<KaplanMeierResult> Fit(string formula, DataFrame data, KaplanMeierOptions? options = null) =>
            KaplanMeier.Fit(formula, data.ToModelData(), options);
    }

    extension(LogRank)
    {
        /// <summary>The G-rho log-rank test from a formula on a data frame (R: <c>survdiff(formula, data = df, rho)</c>).</summary>
        /// <param name="formula">E.g. <c>Surv(time, status) ~ rx + strata(sex)</c>.</param>
        /// <param name="data">The data frame.</param>
        /// <param name="rho">The G-rho exponent.</param>
        public static LogRankResult Test(string formula, DataFrame data, double rho = 0) =>
            LogRank.Test(formula, data.ToModelData(), rho);
    }

    extension(CumulativeIncidence)
    {
        /// <summary>Cumulative incidence curves from a formula on a data frame.</summary>
        /// <param name="formula">E.g. <c>Surv(time, status) ~ arm</c>, the status a code.</param>
        /// <param name="data">The data frame.</param>
        /// <param name="options">Confidence limits and the test's rho.</param>
        /// <param name="censorCode">The censoring code.</param>
        public static CumulativeIncidenceResult Fit(string formula, DataFrame data, CumulativeIncidenceOptions? options = null, int censorCode = 0) =>
            CumulativeIncidence.Fit(formula, data.ToModelData(), options, censorCode);
    }

    extension(FineGray)
    {
        /// <summary>The Fine–Gray model from a formula on a data frame.</summary>
        /// <param name="formula">E.g. <c>Surv(time, status) ~ age + factor(stage)</c>, the status a code.</param>
        /// <param name="data">The data frame.</param>
        /// <param name="options">Cause of interest and iteration limits.</param>
        /// <param name="censorCode">The censoring code.</param>
        public static FineGrayResult Fit(string formula, DataFrame data, FineGrayOptions? options = null, int censorCode = 0) =>
            FineGray.Fit(formula, data.ToModelData(), options, censorCode);
    }
}
