using System.Globalization;

namespace CarTOutcomes.Clinical.Model;

/// <summary>
/// The consistency rules of a cohort. <see cref="Check"/> reports every broken rule at once:
/// <list type="bullet">
/// <item>identity: unique patient ids, unique (patient, number) for infusions, progressions and salvage lines,
/// exactly one follow-up row per patient, no reference to an unknown patient or infusion;</item>
/// <item>values: age 0–120, prior lines ≥ 0, Ph subtype only for Ph-positive, CRS/ICANS grades 0–5, positive doses,
/// blasts 0–100%, cause of death exactly when dead, salvage response and its day given together; CRS/ICANS onset
/// and duration only after an infusion with that toxicity (grade ≥ 1), onset ≥ 0, duration &gt; 0; a progression's
/// lineage unknown exactly when its CD19 status is, and a myeloid lineage switch CD19-negative; adverse-event grades
/// 1–5;</item>
/// <item>chronology: infusion 1 on day 0 and re-infusions later, in number order; no day before 0; a response
/// not before its infusion; a relapse only after a complete remission (after the first infusion or a salvage line)
/// since the previous progression; salvage only after a progression, starting in line order, responding after it
/// starts; a CAR T re-infusion salvage line matched by a re-infusion on the same day and vice versa; a transplant
/// after salvage only after a salvage line; a CAR T re-infusion line starting at the re-infusion's disease burden;
/// an adverse event of a salvage line not before the line starts, one after a transplant not before a transplant;
/// a donor lymphocyte infusion only after an allogeneic HSCT (before CAR T or an earlier transplant); nothing after
/// death or last contact.</item>
/// </list>
/// </summary>
public static class CohortRules
{
    /// <summary>Checks <paramref name="input"/>; an empty list means the cohort is consistent.</summary>
    public static IReadOnlyList<CohortProblem> Check(CohortInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var p = new List<CohortProblem>();
        var ids = CheckPatients(input.Patients, p);
        CheckKnown(input, ids, p);
        CheckFollowUps(input, p);
        CheckInfusions(input.Infusions, p);
        CheckResponses(input, p);
        CheckProgressions(input, p);
        CheckSalvage(input, p);
        CheckTransplants(input, p);
        CheckAdverseEvents(input, p);
        CheckDonorLymphocyteInfusions(input, p);
        CheckAfterEnd(input, p);
        return p;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static HashSet<string> CheckPatients(IReadOnlyList<Patient> patients, List<CohortProblem> p)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var x in patients)
        {
            if (!ids.Add(x.Id)) p.Add(new(x, x.Id, nameof(x.Id), x.Id, "duplicate patient id"));
            if (!(x.AgeYears >= 0 && x.AgeYears <= 120)) p.Add(new(x, x.Id, nameof(x.AgeYears), F(x.AgeYears), "age must be between 0 and 120 years"));
            if (x.PriorLines < 0) p.Add(new(x, x.Id, nameof(x.PriorLines), x.PriorLines.ToString(CultureInfo.InvariantCulture), "prior lines cannot be negative"));
            if (x.Ph == PhStatus.Negative && x.PhSubtype is not null)
                p.Add(new(x, x.Id, nameof(x.PhSubtype), x.PhSubtype.ToString(), "a Ph subtype is given for a Ph-negative patient"));
        }
        return ids;
    }

    private static void CheckKnown(CohortInput c, HashSet<string> ids, List<CohortProblem> p)
    {
        IEnumerable<(object E, string Id)> all = c.Infusions.Select(x => ((object)x, x.PatientId))
            .Concat(c.Responses.Select(x => ((object)x, x.PatientId))).Concat(c.Progressions.Select(x => ((object)x, x.PatientId)))
            .Concat(c.SalvageLines.Select(x => ((object)x, x.PatientId))).Concat(c.Transplants.Select(x => ((object)x, x.PatientId)))
            .Concat(c.FollowUps.Select(x => ((object)x, x.PatientId))).Concat(c.AdverseEvents.Select(x => ((object)x, x.PatientId)))
            .Concat(c.DonorLymphocyteInfusions.Select(x => ((object)x, x.PatientId)));
        foreach (var (e, id) in all)
            if (!ids.Contains(id)) p.Add(new(e, id, "PatientId", id, "unknown patient"));
    }

    private static void CheckFollowUps(CohortInput c, List<CohortProblem> p)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in c.FollowUps)
        {
            if (!seen.Add(f.PatientId)) p.Add(new(f, f.PatientId, nameof(f.PatientId), f.PatientId, "more than one follow-up row for the patient"));
            if (!(f.LastContactDay >= 0)) p.Add(new(f, f.PatientId, nameof(f.LastContactDay), F(f.LastContactDay), "last contact before the first infusion"));
            if (f.Status == VitalStatus.Dead && f.CauseOfDeath is null) p.Add(new(f, f.PatientId, nameof(f.CauseOfDeath), null, "a dead patient needs a cause of death (unknown when not known)"));
            if (f.Status == VitalStatus.Alive && f.CauseOfDeath is not null) p.Add(new(f, f.PatientId, nameof(f.CauseOfDeath), f.CauseOfDeath.ToString(), "a cause of death is given for a living patient"));
        }
        foreach (var x in c.Patients.Where(x => !seen.Contains(x.Id)))
            p.Add(new(x, x.Id, nameof(x.Id), x.Id, "the patient has no follow-up row"));
        foreach (var x in c.Patients.Where(x => !c.Infusions.Any(i => i.PatientId == x.Id && i.Number == 1)))
            p.Add(new(x, x.Id, nameof(x.Id), x.Id, "the patient has no first CAR T infusion (number 1)"));
    }

    private static void CheckInfusions(IReadOnlyList<CarTInfusion> infusions, List<CohortProblem> p)
    {
        foreach (var g in infusions.GroupBy(x => x.PatientId))
        {
            var list = g.OrderBy(x => x.Number).ToArray();
            for (int k = 0; k < list.Length; k++)
            {
                var x = list[k];
                if (k > 0 && list[k - 1].Number == x.Number) p.Add(new(x, x.PatientId, nameof(x.Number), x.Number.ToString(CultureInfo.InvariantCulture), "duplicate infusion number"));
                else if (k > 0 && !(x.Day > list[k - 1].Day)) p.Add(new(x, x.PatientId, nameof(x.Day), F(x.Day), $"re-infusion {x.Number} is not after infusion {list[k - 1].Number} (day {F(list[k - 1].Day)})"));
                CheckInfusionValues(x, p);
            }
        }
    }

    private static void CheckInfusionValues(CarTInfusion x, List<CohortProblem> p)
    {
        if (x.Number < 1) p.Add(new(x, x.PatientId, nameof(x.Number), x.Number.ToString(CultureInfo.InvariantCulture), "infusion numbers start at 1"));
        if (x.Number == 1 && x.Day != 0) p.Add(new(x, x.PatientId, nameof(x.Day), F(x.Day), "the first infusion defines day 0"));
        if (x.DosePerKg is double d && !(d > 0)) p.Add(new(x, x.PatientId, nameof(x.DosePerKg), F(d), "dose must be positive"));
        if (x.PeakExpansion is double e && !(e >= 0)) p.Add(new(x, x.PatientId, nameof(x.PeakExpansion), F(e), "peak expansion cannot be negative"));
        if (x.MaxCrsGrade is int c && c is < 0 or > 5) p.Add(new(x, x.PatientId, nameof(x.MaxCrsGrade), c.ToString(CultureInfo.InvariantCulture), "grades run from 0 to 5"));
        if (x.MaxIcansGrade is int i && i is < 0 or > 5) p.Add(new(x, x.PatientId, nameof(x.MaxIcansGrade), i.ToString(CultureInfo.InvariantCulture), "grades run from 0 to 5"));
        CheckDrug(x, x.Tocilizumab, nameof(x.Tocilizumab), p);
        CheckDrug(x, x.Corticosteroid, nameof(x.Corticosteroid), p);
        CheckTiming(x, x.CrsTiming, x.MaxCrsGrade, nameof(x.CrsTiming), "CRS", p);
        CheckTiming(x, x.IcansTiming, x.MaxIcansGrade, nameof(x.IcansTiming), "ICANS", p);
    }

    private static void CheckTiming(CarTInfusion x, ToxicityTiming? t, int? grade, string name, string what, List<CohortProblem> p)
    {
        if (t is null) return;
        if (grade == 0) p.Add(new(x, x.PatientId, $"{name}.OnsetDays", F(t.OnsetDays), $"{what} onset is given for an infusion without {what} (maximum grade 0)"));
        if (!(t.OnsetDays >= 0)) p.Add(new(x, x.PatientId, $"{name}.OnsetDays", F(t.OnsetDays), "onset cannot be before the infusion"));
        if (t.DurationDays is double u && !(u > 0)) p.Add(new(x, x.PatientId, $"{name}.DurationDays", F(u), "duration must be positive"));
    }

    private static void CheckDrug(CarTInfusion x, DrugExposure? d, string name, List<CohortProblem> p)
    {
        if (d is null) return;
        if (d.StartDay < x.Day) p.Add(new(x, x.PatientId, $"{name}.StartDay", F(d.StartDay), $"started before its infusion (day {F(x.Day)})"));
        if (d.DurationDays is double u && !(u > 0)) p.Add(new(x, x.PatientId, $"{name}.DurationDays", F(u), "duration must be positive"));
        if (d.DoseIntensity is double v && !(v > 0)) p.Add(new(x, x.PatientId, $"{name}.DoseIntensity", F(v), "dose intensity must be positive"));
    }

    private static void CheckResponses(CohortInput c, List<CohortProblem> p)
    {
        foreach (var r in c.Responses)
        {
            var inf = c.Infusions.FirstOrDefault(i => i.PatientId == r.PatientId && i.Number == r.InfusionNumber);
            if (inf is null) p.Add(new(r, r.PatientId, nameof(r.InfusionNumber), r.InfusionNumber.ToString(CultureInfo.InvariantCulture), "no such infusion for the patient"));
            else if (r.Day < inf.Day) p.Add(new(r, r.PatientId, nameof(r.Day), F(r.Day), $"response assessed before its infusion (day {F(inf.Day)})"));
        }
    }

    private static void CheckProgressions(CohortInput c, List<CohortProblem> p)
    {
        foreach (var g in c.Progressions.GroupBy(x => x.PatientId))
        {
            var list = g.OrderBy(x => x.Number).ToArray();
            for (int k = 0; k < list.Length; k++)
            {
                var x = list[k];
                if (k > 0 && list[k - 1].Number == x.Number) { p.Add(new(x, x.PatientId, nameof(x.Number), x.Number.ToString(CultureInfo.InvariantCulture), "duplicate progression number")); continue; }
                if (k > 0 && !(x.Day > list[k - 1].Day)) p.Add(new(x, x.PatientId, nameof(x.Day), F(x.Day), $"progression {x.Number} is not after progression {list[k - 1].Number} (day {F(list[k - 1].Day)})"));
                if (x.Day < 0) p.Add(new(x, x.PatientId, nameof(x.Day), F(x.Day), "progression before the first infusion"));
                if (x.MarrowBlastPercent is double b && !(b >= 0 && b <= 100)) p.Add(new(x, x.PatientId, nameof(x.MarrowBlastPercent), F(b), "blasts must be between 0 and 100%"));
                CheckLineage(x, p);
                double since = k > 0 ? list[k - 1].Day : double.NegativeInfinity;
                if (x.Type == ProgressionType.Relapse && !RemissionBetween(c, x.PatientId, since, x.Day))
                    p.Add(new(x, x.PatientId, nameof(x.Type), "relapse", $"relapse on day {F(x.Day)} without a prior complete remission{(k > 0 ? $" after progression {list[k - 1].Number}" : "")}"));
            }
        }
    }

    private static void CheckLineage(Progression x, List<CohortProblem> p)
    {
        if ((x.Lineage == LeukemiaLineage.Unknown) != (x.Cd19 == Cd19Status.Unknown))
            p.Add(new(x, x.PatientId, nameof(x.Lineage), x.Lineage.ToString(), $"the lineage must be unknown exactly when the CD19 status is (CD19 {x.Cd19})"));
        if (x.Lineage == LeukemiaLineage.Myeloid && x.Cd19 != Cd19Status.Negative)
            p.Add(new(x, x.PatientId, nameof(x.Lineage), x.Lineage.ToString(), $"a myeloid lineage switch must be CD19-negative (CD19 {x.Cd19})"));
    }

    // A CR documented in (since, day]: a CAR T response assessment or a salvage response.
    private static bool RemissionBetween(CohortInput c, string id, double since, double day)
        => c.Responses.Any(r => r.PatientId == id && r.Category.IsCompleteRemission() && r.Day > since && r.Day <= day)
        || c.SalvageLines.Any(s => s.PatientId == id && s.Response?.IsCompleteRemission() == true && s.ResponseDay > since && s.ResponseDay <= day);

    private static void CheckSalvage(CohortInput c, List<CohortProblem> p)
    {
        foreach (var g in c.SalvageLines.GroupBy(x => x.PatientId))
        {
            var list = g.OrderBy(x => x.Number).ToArray();
            double? firstProgression = c.Progressions.Where(x => x.PatientId == g.Key).Select(x => (double?)x.Day).Min();
            for (int k = 0; k < list.Length; k++)
            {
                var x = list[k];
                if (x.Number < 1) p.Add(new(x, x.PatientId, nameof(x.Number), x.Number.ToString(CultureInfo.InvariantCulture), "salvage line numbers start at 1"));
                if (k > 0 && list[k - 1].Number == x.Number) p.Add(new(x, x.PatientId, nameof(x.Number), x.Number.ToString(CultureInfo.InvariantCulture), "duplicate salvage line number"));
                else if (k > 0 && x.StartDay < list[k - 1].StartDay) p.Add(new(x, x.PatientId, nameof(x.StartDay), F(x.StartDay), $"line {x.Number} starts before line {list[k - 1].Number} (day {F(list[k - 1].StartDay)})"));
                if (firstProgression is null || x.StartDay < firstProgression)
                    p.Add(new(x, x.PatientId, nameof(x.StartDay), F(x.StartDay), "salvage starts before any progression"));
                CheckSalvageResponse(x, p);
                var reinfusion = x.Class == SalvageClass.CarTReinfusion
                    ? c.Infusions.FirstOrDefault(i => i.PatientId == x.PatientId && i.Number > 1 && i.Day == x.StartDay) : null;
                if (x.Class == SalvageClass.CarTReinfusion && reinfusion is null)
                    p.Add(new(x, x.PatientId, nameof(x.StartDay), F(x.StartDay), "a CAR T re-infusion line has no re-infusion on its start day"));
                if (reinfusion is not null && reinfusion.DiseaseBurden != x.DiseaseStatus)
                    p.Add(new(x, x.PatientId, nameof(x.DiseaseStatus), x.DiseaseStatus.ToString(),
                        $"differs from the disease burden of re-infusion {reinfusion.Number} ({reinfusion.DiseaseBurden})"));
            }
        }
        foreach (var i in c.Infusions.Where(i => i.Number > 1))
            if (!c.SalvageLines.Any(s => s.PatientId == i.PatientId && s.Class == SalvageClass.CarTReinfusion && s.StartDay == i.Day))
                p.Add(new(i, i.PatientId, nameof(i.Day), F(i.Day), "a re-infusion is not recorded as a CAR T re-infusion salvage line starting that day"));
    }

    private static void CheckSalvageResponse(SalvageLine x, List<CohortProblem> p)
    {
        if (x.Response is null != x.ResponseDay is null)
            p.Add(new(x, x.PatientId, x.Response is null ? nameof(x.Response) : nameof(x.ResponseDay), null, "response and response day must be given together"));
        if (x.ResponseDay is double d && d < x.StartDay)
            p.Add(new(x, x.PatientId, nameof(x.ResponseDay), F(d), $"response before the line started (day {F(x.StartDay)})"));
    }

    private static void CheckTransplants(CohortInput c, List<CohortProblem> p)
    {
        foreach (var t in c.Transplants)
        {
            if (!(t.Day > 0)) p.Add(new(t, t.PatientId, nameof(t.Day), F(t.Day), "a transplant after CAR T must be after day 0"));
            if (t.Setting == TransplantSetting.AfterSalvage && !c.SalvageLines.Any(s => s.PatientId == t.PatientId && s.StartDay < t.Day))
                p.Add(new(t, t.PatientId, nameof(t.Setting), "after_salvage", "no salvage line started before this transplant"));
        }
    }

    private static void CheckAdverseEvents(CohortInput c, List<CohortProblem> p)
    {
        foreach (var e in c.AdverseEvents)
        {
            if (e.Grade is int g && g is < 1 or > 5) p.Add(new(e, e.PatientId, nameof(e.Grade), g.ToString(CultureInfo.InvariantCulture), "grades run from 1 to 5"));
            if (!(e.Day >= 0)) p.Add(new(e, e.PatientId, nameof(e.Day), F(e.Day), "an adverse event before the first infusion"));
            if (e.Setting == AdverseEventSetting.SalvageLine) CheckLineEvent(c, e, p);
            else
            {
                if (e.SalvageLineNumber is int n) p.Add(new(e, e.PatientId, nameof(e.SalvageLineNumber), n.ToString(CultureInfo.InvariantCulture), "a salvage line is given for an event after a transplant"));
                if (!c.Transplants.Any(t => t.PatientId == e.PatientId && t.Day <= e.Day))
                    p.Add(new(e, e.PatientId, nameof(e.Setting), "after_transplant", "no transplant on or before the event's day"));
            }
        }
    }

    private static void CheckLineEvent(CohortInput c, AdverseEvent e, List<CohortProblem> p)
    {
        if (e.SalvageLineNumber is not int n)
        {
            p.Add(new(e, e.PatientId, nameof(e.SalvageLineNumber), null, "an event of a salvage line needs the line number"));
            return;
        }
        var line = c.SalvageLines.FirstOrDefault(s => s.PatientId == e.PatientId && s.Number == n);
        if (line is null) p.Add(new(e, e.PatientId, nameof(e.SalvageLineNumber), n.ToString(CultureInfo.InvariantCulture), "no such salvage line for the patient"));
        else if (e.Day < line.StartDay) p.Add(new(e, e.PatientId, nameof(e.Day), F(e.Day), $"before salvage line {n} started (day {F(line.StartDay)})"));
    }

    private static void CheckDonorLymphocyteInfusions(CohortInput c, List<CohortProblem> p)
    {
        foreach (var d in c.DonorLymphocyteInfusions)
        {
            if (!(d.Day > 0)) p.Add(new(d, d.PatientId, nameof(d.Day), F(d.Day), "a donor lymphocyte infusion after CAR T must be after day 0"));
            bool donor = c.Patients.Any(x => x.Id == d.PatientId && x.PriorHsct) || c.Transplants.Any(t => t.PatientId == d.PatientId && t.Day < d.Day);
            if (!donor) p.Add(new(d, d.PatientId, nameof(d.Day), F(d.Day), "a donor lymphocyte infusion needs an earlier allogeneic HSCT (prior HSCT or a transplant before this day)"));
        }
    }

    private static void CheckAfterEnd(CohortInput c, List<CohortProblem> p)
    {
        var ends = c.FollowUps.GroupBy(f => f.PatientId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        void Day(object e, string id, string field, double? day)
        {
            if (day is not double d || !ends.TryGetValue(id, out var f) || d <= f.LastContactDay) return;
            string what = f.Status == VitalStatus.Dead ? "death" : "last contact";
            p.Add(new(e, id, field, F(d), $"after {what} (day {F(f.LastContactDay)})"));
        }
        foreach (var x in c.Infusions)
        {
            Day(x, x.PatientId, nameof(x.Day), x.Day);
            Day(x, x.PatientId, "Tocilizumab.StartDay", x.Tocilizumab?.StartDay);
            Day(x, x.PatientId, "Corticosteroid.StartDay", x.Corticosteroid?.StartDay);
        }
        foreach (var x in c.Responses) Day(x, x.PatientId, nameof(x.Day), x.Day);
        foreach (var x in c.Progressions) Day(x, x.PatientId, nameof(x.Day), x.Day);
        foreach (var x in c.SalvageLines)
        {
            Day(x, x.PatientId, nameof(x.StartDay), x.StartDay);
            Day(x, x.PatientId, nameof(x.ResponseDay), x.ResponseDay);
        }
        foreach (var x in c.Transplants) Day(x, x.PatientId, nameof(x.Day), x.Day);
        foreach (var x in c.AdverseEvents) Day(x, x.PatientId, nameof(x.Day), x.Day);
        foreach (var x in c.DonorLymphocyteInfusions) Day(x, x.PatientId, nameof(x.Day), x.Day);
    }
}
