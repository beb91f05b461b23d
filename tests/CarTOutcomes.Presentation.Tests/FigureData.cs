using CarTOutcomes.Presentation.Figures;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Estimators;
using CarTOutcomes.Survival.Testing;

namespace CarTOutcomes.Presentation.Tests;

/// <summary>Inputs of the figure tests: R's <c>aml</c> data (survival package) and small illustrative step, forest, swimmer and paired data.</summary>
internal static class FigureData
{
    // R: survival::aml, time in weeks; status 0 = censored. Group x: Maintained / Nonmaintained.
    private static readonly (double Time, bool Event, string Group)[] Aml =
    [
        (9, true, "Maintained"), (13, true, "Maintained"), (13, false, "Maintained"), (18, true, "Maintained"),
        (23, true, "Maintained"), (28, false, "Maintained"), (31, true, "Maintained"), (34, true, "Maintained"),
        (45, false, "Maintained"), (48, true, "Maintained"), (161, false, "Maintained"),
        (5, true, "Nonmaintained"), (5, true, "Nonmaintained"), (8, true, "Nonmaintained"), (8, true, "Nonmaintained"),
        (12, true, "Nonmaintained"), (16, false, "Nonmaintained"), (23, true, "Nonmaintained"), (27, true, "Nonmaintained"),
        (30, true, "Nonmaintained"), (33, true, "Nonmaintained"), (43, true, "Nonmaintained"), (45, true, "Nonmaintained"),
    ];

    private static SurvivalData AmlData => SurvivalData.RightCensored(Aml.Select(r => r.Time).ToArray(), Aml.Select(r => r.Event).ToArray());

    public static IReadOnlyList<KaplanMeierResult> AmlCurves() => KaplanMeier.Fit(AmlData, Aml.Select(r => r.Group).ToArray());

    public static LogRankResult AmlLogRank() => LogRank.Test(AmlData, Aml.Select(r => r.Group).ToArray());

    public static KaplanMeierPlotOptions AmlOptions => new()
    {
        Title = "AML: maintenance chemotherapy",
        XLabel = "Time (weeks)",
        ShowMedian = true,
    };

    /// <summary>Two competing causes with at-risk counts listed at every event and censoring time.</summary>
    public static IReadOnlyList<IncidenceCurve> Incidence() =>
    [
        new("Relapse", [2, 3, 5, 6, 9, 12], [0.1, 0.2, 0.2, 0.3125, 0.3125, 0.4844],
            [0.02, 0.06, 0.06, 0.12, 0.12, 0.24], [0.3, 0.42, 0.42, 0.52, 0.52, 0.7], [10, 9, 8, 7, 6, 4], [5, 9]),
        new("Death without relapse", [2, 3, 5, 6, 9, 12], [0, 0, 0.1, 0.1, 0.1, 0.1],
            [0, 0, 0.01, 0.01, 0.01, 0.01], [0, 0, 0.35, 0.35, 0.35, 0.35], [10, 9, 8, 7, 6, 4], [5, 9]),
    ];

    /// <summary>Illustrative hazard ratios in the layout of a univariate / multivariable table.</summary>
    public static (ForestPanel Uni, ForestPanel Multi) Forest() =>
    (
        new("Univariate",
        [
            new("Age >= 18 years", 1.42, 0.71, 2.84, 0.32),
            new("High disease burden", 2.65, 1.31, 5.36, 0.0068),
            new("Prior transplant", 0.81, 0.38, 1.73, 0.59),
            new("CD19-negative relapse", 3.9, 1.6, 9.5, 0.0003),
        ]),
        new("Multivariable",
        [
            new("High disease burden", 2.2, 1.05, 4.61, 0.037),
            new("CD19-negative relapse", 3.1, 1.2, double.PositiveInfinity, 0.019),
        ])
    );

    public static IReadOnlyList<SwimmerLane> Lanes() =>
    [
        new("P01", [new(0, 60, "CAR T"), new(95, 150, "Chemotherapy"), new(160, 300, "Transplant")],
            [new(28, "Response"), new(90, "Progression"), new(160, "Transplant")], Ongoing: true),
        new("P02", [new(0, 45, "CAR T"), new(70, 120, "Blinatumomab")],
            [new(28, "Response"), new(65, "Progression"), new(180, "Death")]),
        new("P03", [new(0, 30, "CAR T"), new(40, 80, "CAR T")], [new(35, "Progression"), new(110, "Response")], Ongoing: true),
    ];

    public static IReadOnlyList<PairedObservation> Pairs() =>
    [
        new("P01", 120000, 8000), new("P02", 45000, 60000), new("P03", 3000, 900), new("P04", 250000, 15000),
        new("P05", 18000, double.NaN),
    ];
}
