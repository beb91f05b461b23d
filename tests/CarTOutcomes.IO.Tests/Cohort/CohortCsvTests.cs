using CarTOutcomes.Clinical.Endpoints;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Tabular;
using ClinicalCohort = CarTOutcomes.Clinical.Model.Cohort;

namespace CarTOutcomes.IO.Tests.Cohort;

public class CohortCsvTests
{
    private static void AssertSame(ClinicalCohort expected, ClinicalCohort actual)
    {
        actual.Patients.Should().Equal(expected.Patients);
        actual.Infusions.Should().Equal(expected.Infusions);
        actual.Responses.Should().Equal(expected.Responses);
        actual.Progressions.Should().Equal(expected.Progressions);
        actual.SalvageLines.Should().Equal(expected.SalvageLines);
        actual.Transplants.Should().Equal(expected.Transplants);
        actual.FollowUps.Should().Equal(expected.FollowUps);
        actual.AdverseEvents.Should().Equal(expected.AdverseEvents);
        actual.DonorLymphocyteInfusions.Should().Equal(expected.DonorLymphocyteInfusions);
    }

    [Fact]
    public void A_cohort_written_and_read_back_is_identical()
    {
        using var dir = new TempDir();
        var cohort = SmallCohort.Create();
        CohortCsv.Write(cohort, dir.Path);
        AssertSame(cohort, CohortCsv.Load(dir.Path));
    }

    [Fact]
    public void The_example_survives_a_round_trip_and_a_second_write_is_byte_identical()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var example = CohortCsv.Load(TempDir.ExamplePath);
        CohortCsv.Write(example, a.Path);
        var again = CohortCsv.Load(a.Path);
        AssertSame(example, again);
        CohortCsv.Write(again, b.Path);
        foreach (var f in CohortCsvSchema.Columns.Keys)
            File.ReadAllText(b.File(f)).Should().Be(File.ReadAllText(a.File(f)), f);
    }

    [Fact]
    public void The_example_loads_and_its_endpoints_follow_its_README()
    {
        var c = CohortCsv.Load(TempDir.ExamplePath);
        c.Patients.Should().HaveCount(8);
        c.Infusions.Should().Contain(i => i.PatientId == "E01" && i.Number == 2 && i.Day == 166);
        c.Infusions.Single(i => i.PatientId == "E06").Lymphodepletion.Should().Be("Flu/Cy, reduced");
        c.Progressions.Single(p => p.PatientId == "E01" && p.Number == 2).Site.Should().Be(ProgressionSite.BoneMarrow | ProgressionSite.Cns);
        c.Patients.Single(p => p.Id == "E07").LdhHigh.Should().BeNull();
        // Deaths: E01, E04, E05, E08.
        ClinicalEndpoints.OverallSurvival(c).EventCount.Should().Be(4);
        // R/R incidence: E01 165, E03 28, E05 400, E06 120, E08 200 (1); E04 died first (2); E02, E07 censored.
        ClinicalEndpoints.RelapsedRefractoryIncidence(c).Status.Should().Equal(1, 0, 1, 2, 1, 1, 0, 1);
        // E05 died the day of its relapse.
        ClinicalEndpoints.SurvivalAfterProgression(c).Days.Should().Equal(362 - 165, 700 - 28, 0, 260 - 120, 480 - 200);
        // First salvage CR: E01 d245 (relapse d330), E03 d70 (alive d700), E06 d245 (alive d260), E08 d250 (relapse d420).
        ClinicalEndpoints.EventFreeSurvivalAfterSalvageCr(c).Days.Should().Equal(85, 630, 15, 170);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_file_row_column_and_value()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("infusions.csv", "E03,1,0,morphologic", "E03,1,zero,morphologic");
        dir.Edit("patients.csv", "E05,29,male", "E05,29,man");
        dir.Edit("responses.csv", "E07,1,28,cr_mrd_neg", "E07,1,28,cr_mrd_negative");
        dir.Edit("followup.csv", "cause_of_death", "cause_of_death,favourite_colour");
        var r = CohortCsv.Read(dir.Path);
        r.IsValid.Should().BeFalse();
        r.Cohort.Should().BeNull();
        r.Issues.Should().Contain(new DataIssue("infusions.csv", 4, 5, "day", "zero", "not a day number nor an ISO date (yyyy-MM-dd)"));
        r.Issues.Should().Contain(i => i.File == "patients.csv" && i.Row == 5 && i.Column == "sex" && i.Value == "man" && i.Message.Contains("female, male"));
        r.Issues.Should().Contain(i => i.File == "responses.csv" && i.Row == 8 && i.Column == "response" && i.Value == "cr_mrd_negative");
        r.Issues.Should().Contain(i => i.File == "followup.csv" && i.Row == 0 && i.Column == "favourite_colour" && i.Message.StartsWith("unknown column"));
        r.Issues.Should().Contain(i => i.File == "followup.csv" && i.Row == 1 && i.Message.Contains("fields but the header has"));
        var act = () => CohortCsv.Load(dir.Path);
        act.Should().Throw<DataValidationException>().WithMessage("*infusions.csv: row 4 (line 5), column 'day': value \"zero\"*");
    }

    [Fact]
    public void Bad_values_of_the_new_columns_and_files_are_located()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("patients.csv", "E03,45,male,positive,p210,high,4,no,no,no,mpal", "E03,45,male,positive,p210,high,4,no,no,no,aml");
        dir.Edit("progressions.csv", "E06,1,120,relapse,bm,positive,b_lymphoid", "E06,1,120,relapse,bm;spleen,positive,lymphoid");
        dir.Edit("salvage.csv", "E06,2,170,blinatumomab,blinatumomab,mrd", "E06,2,170,blinatumomab,blinatumomab,");
        dir.Edit("followup.csv", "E07,900,alive,no", "E07,900,alive,perhaps");
        dir.Edit("infusions.csv", "E01,2,166,morphologic,none,Cy 1.5 g/m2,3000000,13353,1,0,,,,,,,1,2,,", "E01,2,166,morphologic,none,Cy 1.5 g/m2,3000000,13353,1,0,,,,,,,,2,,");
        dir.Edit("adverse_events.csv", "E03,sos,130,after_transplant,4,", "E03,veno_occlusive,130,after_transplant,four,");
        File.AppendAllText(dir.File("dli.csv"), "E05,soon\n");
        var issues = CohortCsv.Read(dir.Path).Issues;
        issues.Should().Contain(i => i.File == "patients.csv" && i.Row == 3 && i.Column == "diagnosis" && i.Value == "aml" && i.Message == "allowed values: b_all, mpal");
        issues.Should().Contain(i => i.File == "progressions.csv" && i.Row == 5 && i.Column == "site" && i.Value == "bm;spleen" && i.Message.Contains("bone, lymph_node"));
        issues.Should().Contain(i => i.File == "progressions.csv" && i.Row == 5 && i.Column == "lineage" && i.Value == "lymphoid");
        issues.Should().Contain(i => i.File == "salvage.csv" && i.Row == 6 && i.Column == "disease_status" && i.Message == "a value is required");
        issues.Should().Contain(i => i.File == "followup.csv" && i.Row == 7 && i.Column == "lost_to_follow_up" && i.Value == "perhaps");
        issues.Should().Contain(i => i.File == "infusions.csv" && i.Row == 2 && i.Column == "crs_onset_days" && i.Message == "crs duration is given without an onset");
        issues.Should().Contain(i => i.File == "adverse_events.csv" && i.Row == 5 && i.Column == "kind" && i.Value == "veno_occlusive" && i.Message.Contains("sos"));
        issues.Should().Contain(i => i.File == "adverse_events.csv" && i.Row == 5 && i.Column == "grade" && i.Value == "four" && i.Message == "not a whole number");
        issues.Should().Contain(i => i.File == "dli.csv" && i.Row == 2 && i.Column == "day" && i.Value == "soon");
        issues.Should().HaveCount(9);
    }

    [Fact]
    public void Broken_rules_of_the_new_fields_are_located()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("progressions.csv", "E03,1,28,refractory,bm,positive,b_lymphoid", "E03,1,28,refractory,bm,positive,myeloid");
        dir.Edit("salvage.csv", "E01,1,166,CAR T re-infusion,car_t_reinfusion,morphologic", "E01,1,166,CAR T re-infusion,car_t_reinfusion,mrd");
        dir.Edit("infusions.csv", "E01,2,166,morphologic,none,Cy 1.5 g/m2,3000000,13353,1,0,,,,,,,1,2,,", "E01,2,166,morphologic,none,Cy 1.5 g/m2,3000000,13353,1,0,,,,,,,1,2,3,");
        dir.Edit("adverse_events.csv", "E08,other,215,salvage_line,2,1", "E08,other,205,salvage_line,2,1");
        File.WriteAllLines(dir.File("dli.csv"), ["patient_id,day", "E05,100"]);
        var issues = CohortCsv.Read(dir.Path).Issues;
        issues.Should().Contain(i => i.File == "progressions.csv" && i.Row == 3 && i.Column == "lineage" && i.Value == "Myeloid" && i.Message.Contains("CD19-negative"));
        issues.Should().Contain(i => i.File == "salvage.csv" && i.Row == 1 && i.Column == "disease_status" && i.Message.Contains("re-infusion 2"));
        issues.Should().Contain(i => i.File == "infusions.csv" && i.Row == 2 && i.Column == "icans_onset_days" && i.Value == "3" && i.Message.Contains("maximum grade 0"));
        issues.Should().Contain(i => i.File == "adverse_events.csv" && i.Row == 7 && i.Column == "day" && i.Value == "205" && i.Message == "before salvage line 1 started (day 210)");
        issues.Should().Contain(i => i.File == "dli.csv" && i.Row == 1 && i.Column == "day" && i.Message.Contains("earlier allogeneic HSCT"));
        issues.Should().HaveCount(5);
    }

    [Fact]
    public void Missing_columns_and_files_are_reported()
    {
        using var dir = new TempDir(withExample: true);
        File.WriteAllLines(dir.File("followup.csv"), ["patient_id,vital_status", "E01,dead"]);
        File.Delete(dir.File("infusions.csv"));
        var issues = CohortCsv.Read(dir.Path).Issues;
        issues.Should().Contain(i => i.File == "followup.csv" && i.Column == "last_contact_day" && i.Message == "required column is missing");
        issues.Should().Contain(i => i.File == "infusions.csv" && i.Message.StartsWith("required file is missing"));
    }

    [Fact]
    public void Duplicates_unknown_patients_and_impossible_chronology_are_located()
    {
        using var dir = new TempDir(withExample: true);
        File.AppendAllText(dir.File("patients.csv"), "E02,40,male,negative,,standard,1,no,no,no,b_all,,\n");
        File.AppendAllText(dir.File("transplants.csv"), "X99,10,consolidation,cr_mrd_neg\n");
        dir.Edit("responses.csv", "E01,2,194,refractory", "E01,2,150,refractory");      // before its infusion (d166)
        dir.Edit("progressions.csv", "E06,1,120,relapse", "E06,1,20,relapse");          // before the CR of d28
        dir.Edit("salvage.csv", "E03,1,40,", "E03,1,800,");                             // after last contact (d700)
        dir.Edit("infusions.csv", "2320302,4,4,2,", "2320302,4,4,12,");                // tocilizumab after death (d9)
        var issues = CohortCsv.Read(dir.Path).Issues;
        issues.Should().Contain(i => i.File == "patients.csv" && i.Row == 9 && i.Column == "patient_id" && i.Value == "E02" && i.Message == "duplicate patient id");
        issues.Should().Contain(i => i.File == "transplants.csv" && i.Row == 5 && i.Column == "patient_id" && i.Value == "X99" && i.Message == "unknown patient");
        issues.Should().Contain(i => i.File == "responses.csv" && i.Row == 2 && i.Column == "day" && i.Value == "150" && i.Message.Contains("before its infusion"));
        issues.Should().Contain(i => i.File == "progressions.csv" && i.Row == 5 && i.Column == "type" && i.Message.Contains("without a prior complete remission"));
        issues.Should().Contain(i => i.File == "infusions.csv" && i.Row == 5 && i.Column == "tocilizumab_start_day" && i.Value == "12" && i.Message == "after death (day 9)");
        // Moving E03's salvage to day 800 also puts its response (d70), its transplant (d120) and the two cytopenias of
        // the line (d45) before the line.
        issues.Should().Contain(i => i.File == "salvage.csv" && i.Row == 4 && i.Column == "response_day" && i.Value == "70");
        issues.Should().Contain(i => i.File == "transplants.csv" && i.Row == 2 && i.Column == "setting" && i.Message == "no salvage line started before this transplant");
        issues.Where(i => i.File == "adverse_events.csv" && i.Column == "day" && i.Message == "before salvage line 1 started (day 800)")
            .Select(i => i.Row).Should().BeEquivalentTo(new[] { 3, 4 });
        issues.Should().HaveCount(10);
        issues.Should().Contain(i => i.File == "salvage.csv" && i.Row == 4 && i.Column == "start_day" && i.Value == "800" && i.Message == "after last contact (day 700)");
    }

    [Fact]
    public void Direct_identifier_columns_are_refused_unless_opted_out()
    {
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("patients.csv"));
        File.WriteAllLines(dir.File("patients.csv"), lines.Select((l, i) => i == 0 ? l + ",MRN,Date of Birth" : l + ",123,1970-01-01"));
        var refused = CohortCsv.Read(dir.Path);
        refused.IsValid.Should().BeFalse();
        refused.Issues.Select(i => i.Column).Should().BeEquivalentTo(["MRN", "Date of Birth"]);
        refused.Issues.Should().OnlyContain(i => i.Message.Contains("direct identifier"));
        var allowed = CohortCsv.Read(dir.Path, new CohortCsvOptions(AllowIdentifierColumns: true));
        allowed.IsValid.Should().BeTrue();
        allowed.Cohort!.Patients.Should().HaveCount(8);
    }

    [Fact]
    public void ISO_dates_are_read_as_days_from_the_reference_date()
    {
        using var dir = new TempDir(withExample: true);
        var lines = File.ReadAllLines(dir.File("patients.csv"));
        File.WriteAllLines(dir.File("patients.csv"), lines.Select((l, i) => i == 0 ? l + ",reference_date" : l + (l.StartsWith("E03") ? ",2015-12-20" : ",")));
        dir.Edit("salvage.csv", "E03,1,40,", "E03,1,2016-01-29,");                  // 12 + 17 + 11 = 40 days later
        dir.Edit("followup.csv", "E03,700,", "E03,2017-11-19,");                     // 700 days later
        var c = CohortCsv.Load(dir.Path);
        c.SalvageLines.Single(s => s.PatientId == "E03").StartDay.Should().Be(40);
        c.FollowUps.Single(f => f.PatientId == "E03").LastContactDay.Should().Be(700);
    }

    [Fact]
    public void An_ISO_date_without_a_reference_date_is_an_error()
    {
        using var dir = new TempDir(withExample: true);
        dir.Edit("followup.csv", "E03,700,", "E03,2017-11-19,");
        CohortCsv.Read(dir.Path).Issues.Should().ContainSingle()
            .Which.Should().Match<DataIssue>(i => i.Column == "last_contact_day" && i.Value == "2017-11-19" && i.Message.Contains("reference_date"));
    }

    [Fact]
    public void The_data_dictionary_documents_every_column_and_code()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "data-dictionary.md"));
        foreach (var (file, columns) in CohortCsvSchema.Columns)
        {
            doc.Should().Contain($"## {file}");
            foreach (var c in columns) doc.Should().Contain($"| `{c.Name}` |", $"{file} column {c.Name}");
        }
        foreach (var code in CsvCodes.Response.All.Concat(CsvCodes.SalvageClass.All).Concat(CsvCodes.Cause.All).Concat(CsvCodes.Site.All)
            .Concat(CsvCodes.Diagnosis.All).Concat(CsvCodes.Lineage.All).Concat(CsvCodes.AdverseEventKind.All).Concat(CsvCodes.AdverseEventSetting.All))
            doc.Should().Contain($"`{code}`");
    }
}

public class ExampleCoverageTests
{
    private static void Covers<T>(IEnumerable<T> used) where T : struct, Enum
        => used.Distinct().Should().BeEquivalentTo(Enum.GetValues<T>(), $"the example should use every {typeof(T).Name}");

    [Fact]
    public void The_example_uses_every_code_of_every_entity()
    {
        var c = CohortCsv.Load(TempDir.ExamplePath);
        Covers(c.Patients.Select(p => p.Sex));
        Covers(c.Patients.Select(p => p.Ph));
        Covers(c.Patients.Where(p => p.PhSubtype is not null).Select(p => p.PhSubtype!.Value));
        Covers(c.Patients.Select(p => p.CytogeneticRisk));
        Covers(c.Infusions.Select(i => i.DiseaseBurden));
        Covers(c.Infusions.Select(i => i.Bridging));
        Covers(c.Responses.Select(r => r.Category));
        Covers(c.Progressions.Select(p => p.Type));
        Covers(c.Progressions.Select(p => p.Cd19));
        Covers(c.SalvageLines.Select(s => s.Class));
        Covers(c.Transplants.Select(t => t.Setting));
        Covers(c.Transplants.Select(t => t.DiseaseStatus));
        Covers(c.FollowUps.Select(f => f.Status));
        Covers(c.FollowUps.Where(f => f.CauseOfDeath is not null).Select(f => f.CauseOfDeath!.Value));
        Covers(c.Patients.Select(p => p.Diagnosis));
        Covers(c.Progressions.Select(p => p.Lineage));
        Covers(c.AdverseEvents.Select(e => e.Kind));
        Covers(c.AdverseEvents.Select(e => e.Setting));
        c.FollowUps.Should().Contain(f => f.LostToFollowUp).And.Contain(f => !f.LostToFollowUp);
        c.DonorLymphocyteInfusions.Should().NotBeEmpty();
        c.Infusions.Should().Contain(i => i.CrsTiming != null && i.IcansTiming != null);
        c.Progressions.Aggregate(ProgressionSite.None, (a, p) => a | p.Site)
            .Should().Be(ProgressionSite.BoneMarrow | ProgressionSite.Extramedullary | ProgressionSite.Cns | ProgressionSite.Bone | ProgressionSite.LymphNode);
        c.Infusions.Should().Contain(i => i.Tocilizumab != null && i.Corticosteroid != null);
    }
}
