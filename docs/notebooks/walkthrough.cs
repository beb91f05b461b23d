#:project ../../src/CarTOutcomes.Presentation/CarTOutcomes.Presentation.csproj
// A walk-through of CarTOutcomes as a C# file-based app: `dotnet run docs/notebooks/walkthrough.cs [cohort-dir]`.
// The same steps are in walkthrough.ipynb for notebooks. By default it reads data/example, an INVENTED 8-patient
// cohort (not real patients); point it at data/cohort for the synthetic reconstruction of the study.
using System.Globalization;
using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Tables;
using CarTOutcomes.Clinical.TimeDependent;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Presentation.Rendering;
using CarTOutcomes.Presentation.Tables;
using CarTOutcomes.Survival.CompetingRisks;
using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Estimators;

var dir = args.Length > 0 ? args[0] : Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "..", "..", "data", "example");
var cohort = CohortCsv.Load(dir);
Console.WriteLine($"cohort: {cohort.Patients.Count} patients from {Path.GetFullPath(dir)}");

// 1. Endpoints derived from the model, then Kaplan–Meier (R: survfit) with log-log limits.
var os = KaplanMeier.Fit(ClinicalEndpoints.OverallSurvival(cohort).ToSurvivalData(), new KaplanMeierOptions(ConfidenceTransform.LogLog));
Console.WriteLine($"OS: median {F(os.Median.Estimate)} months; at 12 months {F(os.At(12).Survival)} [{F(os.At(12).Lower)}, {F(os.At(12).Upper)}]");
var efs = KaplanMeier.Fit(ClinicalEndpoints.EventFreeSurvival(cohort).ToSurvivalData());
Console.WriteLine($"EFS: median {F(efs.Median.Estimate)} months");
var followUp = ClinicalEndpoints.MedianFollowUp(cohort);
Console.WriteLine($"median follow-up (reverse KM): {F(followUp.Median)} months");

// 2. Cumulative incidence of relapsed/refractory disease with death as a competing risk (R: cmprsk::cuminc).
var rr = ClinicalEndpoints.RelapsedRefractoryIncidence(cohort);
var cif = CumulativeIncidence.Fit(CompetingRisksData.Create(rr.Times(CarTOutcomes.Clinical.Model.TimeUnit.Months), rr.Status, 0));
var rrCurve = cif.Curves.Single(c => c.Cause == 1);
Console.WriteLine($"R/R incidence at 12 months: {F(rrCurve.At(12).Estimate)}");

// 3. Cox model with salvage therapy as a time-dependent covariate, on (start, stop] rows from progression.
var td = ProgressionDatasets.SalvageTimeDependent(cohort);
if (td.EventCount > 0)
{
    var fit = Cox.Fit(td.ToSurvivalData().WithCluster(td.SubjectIds), Covariates.Create(("salvage", td.Covariate("salvage"))));
    var c = fit.Coefficients[0];
    Console.WriteLine($"Cox, salvage (time-dependent): rows {fit.RowCount}, events {fit.EventCount}, HR {F(c.HazardRatio)} [{F(c.Lower)}, {F(c.Upper)}]" +
                      (fit.Warnings.Count > 0 ? $" — {string.Join("; ", fit.Warnings)}" : ""));
}

// 4. A Table 1 in the paper's layout: progressed vs not, Wilcoxon for continuous, Fisher for categorical.
var table = BaselineTable.Build(cohort.Histories, h => h.FirstProgression is null ? "No progression" : "Progression",
[
    BaselineVariable<CarTOutcomes.Clinical.Model.PatientHistory>.Continuous("Age, years", h => h.Patient.AgeYears, BaselineTest.WilcoxonRankSum, 1),
    BaselineVariable<CarTOutcomes.Clinical.Model.PatientHistory>.Categorical("Prior HSCT", h => h.Patient.PriorHsct ? "yes" : "no", ["yes", "no"], BaselineTest.FisherExact, "yes"),
]);
Console.WriteLine(table.ToMarkdown());

// 5. The figure, as SVG (renders inline in notebooks and web pages).
var svg = os.ToSvg();
Console.WriteLine($"OS figure: {svg.ToSvg().Length} characters of SVG");

static string F(double x) => double.IsNaN(x) ? "NA" : x.ToString("0.###", CultureInfo.InvariantCulture);
