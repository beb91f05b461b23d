using CarTOutcomes.Clinical.Model;
using CarTOutcomes.Clinical.Study.Reconstruction;

namespace CarTOutcomes.Clinical.Tests.Study;

/// <summary>The constructive layer for baseline values: an assignment put into a cohort the reconstruction made (docs/reconstruction.md).</summary>
public class BaselineAssignmentTests
{
    private static Cohort Shipped => StudyFiles.Cohort;

    private static string[] Ids(bool progressed) =>
        Shipped.Histories.Where(h => (h.FirstProgression is not null) == progressed).Select(h => h.Patient.Id).ToArray();

    [Fact]
    public void Listed_values_are_set_and_every_event_row_stays()
    {
        var p = Shipped.Patients.First(x => x.Id.StartsWith("SYN", StringComparison.Ordinal));
        int lines = p.PriorLines == 7 ? 6 : p.PriorLines + 1;
        double age = p.AgeYears == 78 ? 77 : p.AgeYears + 1;
        var done = CohortReconstruction.ApplyAssignments(Shipped,
            [new BaselineAssignment(p.Id, "prior_lines", lines.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new BaselineAssignment(p.Id, "age_years", age.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var q = done.Patients.Single(x => x.Id == p.Id);
        q.PriorLines.Should().Be(lines);
        q.AgeYears.Should().Be(age);
        done.Patients.Where(x => x.Id != p.Id).Should().Equal(Shipped.Patients.Where(x => x.Id != p.Id));
        done.FollowUps.Should().Equal(Shipped.FollowUps);
        done.Progressions.Should().Equal(Shipped.Progressions);
        done.SalvageLines.Should().Equal(Shipped.SalvageLines);
    }

    [Fact]
    public void An_exchange_of_sex_and_of_a_corticosteroid_within_a_group_is_taken()
    {
        var ids = Ids(progressed: true);
        var male = ids.First(i => Shipped.Patients.Single(x => x.Id == i).Sex == Sex.Male && Allowed(Attr.Male, i));
        var female = ids.First(i => Shipped.Patients.Single(x => x.Id == i).Sex == Sex.Female && Allowed(Attr.Male, i));
        var given = ids.First(i => First(i).Corticosteroid is not null && Allowed(Attr.Steroid, i));
        var none = ids.First(i => First(i).Corticosteroid is null && Allowed(Attr.Steroid, i));
        var done = CohortReconstruction.ApplyAssignments(Shipped,
        [
            new(male, "sex", "female"), new(female, "sex", "male"),
            new(given, "corticosteroid_start_day", ""), new(given, "corticosteroid_duration_days", ""), new(given, "corticosteroid_dose_intensity", ""),
            new(none, "corticosteroid_start_day", "5"), new(none, "corticosteroid_duration_days", "3"), new(none, "corticosteroid_dose_intensity", "1.25"),
        ]);
        done.Patients.Single(x => x.Id == male).Sex.Should().Be(Sex.Female);
        done.Patients.Single(x => x.Id == female).Sex.Should().Be(Sex.Male);
        done.Infusions.Single(x => x.PatientId == given && x.Number == 1).Corticosteroid.Should().BeNull();
        var c = done.Infusions.Single(x => x.PatientId == none && x.Number == 1).Corticosteroid!;
        (c.StartDay, c.DurationDays, c.DoseIntensity).Should().Be((5.0, 3.0, 1.25));
    }

    [Fact]
    public void Every_patients_own_categorical_values_as_the_files_write_them_leave_the_cohort_as_it_is()
    {
        // The level names of each categorical column are the cohort files' codes, in the reconstruction's order: assigning
        // each patient the text its own row carries changes nothing (a wrong order would change values or break a count).
        var rows = new List<BaselineAssignment>();
        foreach (var (file, columns) in new[] { ("patients.csv", new[] { "sex", "platelets_low", "prior_blinatumomab", "prior_inotuzumab", "prior_hsct", "ph_status", "ph_subtype" }),
                                                ("infusions.csv", new[] { "bridging", "disease_burden" }) })
        {
            var lines = File.ReadLines(Path.Combine(StudyFiles.CohortPath, file)).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).ToArray();
            var header = lines[0];
            foreach (var f in lines.Skip(1).Where(f => file == "patients.csv" || f[1] == "1"))
                foreach (var c in columns)
                    rows.Add(new BaselineAssignment(f[0], c, f[Array.IndexOf(header, c)]));
        }
        BaselineAssignment.Variables.Should().Contain(rows.Select(r => r.Variable).Distinct());
        rows.Should().HaveCount(56 * 9);
        var same = CohortReconstruction.ApplyAssignments(Shipped, rows);
        same.Patients.Should().Equal(Shipped.Patients);
        same.Infusions.Should().Equal(Shipped.Infusions);
    }

    [Fact]
    public void An_exchange_of_bridging_and_of_Ph_within_a_group_is_taken()
    {
        var ids = Ids(progressed: true);
        var none = ids.First(i => First(i).Bridging == BridgingTherapy.None && Allowed(Attr.Bridging, i));
        var intensive = ids.First(i => First(i).Bridging == BridgingTherapy.Intensive && Allowed(Attr.Bridging, i));
        var negative = ids.First(i => Shipped.Patients.Single(x => x.Id == i).Ph == PhStatus.Negative && Allowed(Attr.Ph, i));
        var p210 = ids.First(i => Shipped.Patients.Single(x => x.Id == i).PhSubtype == PhSubtype.P210 && Allowed(Attr.Ph, i));
        var done = CohortReconstruction.ApplyAssignments(Shipped,
        [
            new(none, "bridging", "intensive"), new(intensive, "bridging", "none"),
            new(negative, "ph_status", "positive"), new(negative, "ph_subtype", "p210"), new(p210, "ph_status", "negative"), new(p210, "ph_subtype", ""),
        ]);
        done.Infusions.Single(x => x.PatientId == none && x.Number == 1).Bridging.Should().Be(BridgingTherapy.Intensive);
        done.Infusions.Single(x => x.PatientId == intensive && x.Number == 1).Bridging.Should().Be(BridgingTherapy.None);
        done.Patients.Single(x => x.Id == negative).PhSubtype.Should().Be(PhSubtype.P210);
        done.Patients.Single(x => x.Id == p210).Ph.Should().Be(PhStatus.Negative);
    }

    private static CarTInfusion First(string id) => Shipped.Infusions.Single(x => x.PatientId == id && x.Number == 1);

    private static bool Allowed(Attr a, string id)
    {
        var bp = new Blueprint();
        int i = Enumerable.Range(0, bp.Count).First(k => bp.Patients[k].Id == id);
        return bp.Allowed(a, i) is null;
    }

    [Fact]
    public void Rows_the_model_cannot_take_are_refused_with_the_row_the_patient_and_what_it_allows()
    {
        var ids = Ids(progressed: true);
        var someone = ids[0];
        var male = ids.First(i => Shipped.Patients.Single(x => x.Id == i).Sex == Sex.Male && Allowed(Attr.Male, i));
        var given = ids.First(i => First(i).Corticosteroid is not null && Allowed(Attr.Steroid, i));
        var none = ids.First(i => First(i).Corticosteroid is null && Allowed(Attr.Steroid, i));
        void Refused(BaselineAssignment[] rows, int index, string message)
        {
            var act = () => CohortReconstruction.ApplyAssignments(Shipped, rows);
            act.Should().Throw<BaselineAssignmentException>().WithMessage(message).Which.Index.Should().Be(index);
        }
        Refused([new("P99", "age_years", "40")], 0, "*'P99' is not one of the reconstruction's 56 patients*");
        Refused([new(someone, "weight", "70")], 0, "*column 'weight' cannot be assigned; expected one of age_years, prior_lines*");
        Refused([new(someone, "age_years", "40"), new(someone, "age_years", "41")], 1, $"*'{someone}', column 'age_years' is listed twice*");
        Refused([new(someone, "age_years", "90")], 0, $"*'{someone}', age_years '90': the model takes 19..78 in steps of 1*");
        Refused([new(someone, "prior_lines", "2.5")], 0, "*prior_lines '2.5': the model takes 1..7 in steps of 1*");
        Refused([new(someone, "sex", "m")], 0, "*expected 'female' or 'male'*");
        Refused([new(male, "sex", "female")], 0, "*sex female: the assignment gives 11 of the 38 progressed patients, Table 1 gives 10*");
        Refused([new(given, "corticosteroid_start_day", "")], 0, $"*'{given}': a corticosteroid is stopped by leaving all three*");
        Refused([new(none, "corticosteroid_start_day", "5")], 0, $"*'{none}' received no corticosteroid: giving one needs all three*");
        Refused([new(none, "corticosteroid_start_day", "5"), new(none, "corticosteroid_duration_days", "3"), new(none, "corticosteroid_dose_intensity", "1.25")], 2,
            "*no corticosteroid after the first infusion: the assignment gives 25 of the 38 progressed patients, Table 1 gives 26*");
        var notMarrow = new Blueprint().Patients.First(x => !x.Progressed).Id;
        Refused([new(notMarrow, "marrow_blast_percent", "40")], 0, $"*'{notMarrow}': the marrow blasts at first progression are searched only*");
        Refused([new(someone, "ph_status", "negative"), new(someone, "ph_subtype", "p210")], 1, $"*'{someone}': ph_status 'negative' with ph_subtype 'p210' is not one the model takes*");
        Refused([new(someone, "bridging", "chemo")], 0, "*expected 'none' or 'nonintensive' or 'intensive'*");
    }

    [Fact]
    public void An_exchange_of_marrow_and_EM_at_first_progression_is_taken_and_moves_nothing_else()
    {
        var ids = Ids(progressed: true);
        string Site(Cohort c, string id) => c.Progressions.Single(x => x.PatientId == id && x.Number == 1).Site.ToString();
        var em = ids.First(i => Allowed(Attr.EmSite, i) && Site(Shipped, i) == (ProgressionSite.BoneMarrow | ProgressionSite.Extramedullary).ToString());
        var bm = ids.First(i => Allowed(Attr.EmSite, i) && Site(Shipped, i) == ProgressionSite.BoneMarrow.ToString());
        var done = CohortReconstruction.ApplyAssignments(Shipped, [new(em, "site", "bm"), new(bm, "site", "bm;em")]);
        Site(done, em).Should().Be(ProgressionSite.BoneMarrow.ToString());
        Site(done, bm).Should().Be((ProgressionSite.BoneMarrow | ProgressionSite.Extramedullary).ToString());
        done.Progressions.Where(x => x.PatientId != em && x.PatientId != bm).Should().Equal(Shipped.Progressions.Where(x => x.PatientId != em && x.PatientId != bm));
        done.Progressions.Select(x => (x.PatientId, x.Day, x.MarrowBlastPercent)).Should().Equal(Shipped.Progressions.Select(x => (x.PatientId, x.Day, x.MarrowBlastPercent)));
        done.Patients.Should().Equal(Shipped.Patients);
        done.FollowUps.Should().Equal(Shipped.FollowUps);
        done.Progressions.Count(x => x.Number == 1 && x.Site.IsExtramedullary()).Should().Be(13, "the Results' count of EM disease");
    }

    [Fact]
    public void A_site_the_scripts_fix_or_a_changed_count_of_EM_is_refused()
    {
        void Refused(BaselineAssignment[] rows, int index, string message)
        {
            var act = () => CohortReconstruction.ApplyAssignments(Shipped, rows);
            act.Should().Throw<BaselineAssignmentException>().WithMessage(message).Which.Index.Should().Be(index);
        }
        // MSK16's marrow-and-EM relapse is the scripts'; MSK9 relapsed at MRD level.
        Refused([new("MSK16", "site", "bm")], 0, "*'MSK16', site 'bm': the scripts fix this patient's value*");
        Refused([new("MSK9", "site", "bm;em")], 0, "*'MSK9', site 'bm;em': the scripts fix this patient's value*");
        var open = Ids(progressed: true).First(i => Allowed(Attr.EmSite, i) && Shipped.Progressions.Single(x => x.PatientId == i && x.Number == 1).Site == ProgressionSite.BoneMarrow);
        Refused([new(open, "site", "bm;em")], 0, "*site bm;em: the assignment gives 8 of the 38 progressed patients, the start cohort 7*");
        Refused([new(open, "site", "bm;cns")], 0, "*expected 'bm' or 'bm;em'*");
    }
}
