using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>Turns a blueprint and a genome into a validated <see cref="Cohort"/>.</summary>
internal sealed class CohortBuilder(Blueprint blueprint)
{
    private const double AssessmentDay = 28;

    /// <summary>The rows of a cohort (or of one patient) before validation.</summary>
    internal sealed class Parts
    {
        public List<Patient> Patients { get; } = [];
        public List<CarTInfusion> Infusions { get; } = [];
        public List<ResponseAssessment> Responses { get; } = [];
        public List<Progression> Progressions { get; } = [];
        public List<SalvageLine> Salvage { get; } = [];
        public List<Transplant> Transplants { get; } = [];
        public List<FollowUp> FollowUps { get; } = [];
        public List<AdverseEvent> AdverseEvents { get; } = [];
        public List<DonorLymphocyteInfusion> Dlis { get; } = [];
    }

    public Cohort Build(Genome g)
    {
        var parts = new Parts();
        for (int i = 0; i < blueprint.Count; i++) AddPatient(parts, g, i);
        return Cohort.Create(parts.Patients, parts.Infusions, parts.Responses, parts.Progressions, parts.Salvage, parts.Transplants, parts.FollowUps,
            parts.AdverseEvents, parts.Dlis);
    }

    /// <summary>The rows the genome gives patient i (not validated: a single patient's rows, for <see cref="GenomeReader"/>).</summary>
    internal Parts PatientParts(Genome g, int i)
    {
        var parts = new Parts();
        AddPatient(parts, g, i);
        return parts;
    }

    /// <summary>
    /// The day a follow-up of patient i starts from: for a progressed patient the last scripted event plus 7 days (the
    /// follow-up ends <see cref="Gene.Survival"/> days later); for a patient without progression the earliest
    /// follow-up end (the survival gene is the end itself, raised to this day when below it).
    /// </summary>
    internal double FollowUpBase(Genome g, int i)
    {
        var s = blueprint.Patients[i];
        var scratch = new Parts();
        if (s.EarlyDeath) return 0;
        return (s.Progressed ? AddCourse(scratch, s, g, i) : AddNonProgressed(scratch, s, g, i)) + 7;
    }

    private void AddPatient(Parts parts, Genome g, int i)
    {
        var s = blueprint.Patients[i];
        int ph = g[Attr.Ph, i];
        parts.Patients.Add(new Patient(s.Id, g[Gene.Age, i], g[Attr.Male, i] == 1 ? Sex.Male : Sex.Female,
            ph == 0 ? PhStatus.Negative : PhStatus.Positive, ph switch { 1 => PhSubtype.P190, 2 => PhSubtype.P210, _ => null },
            g[Attr.HighRisk, i] == 1 ? CytogeneticRisk.High : CytogeneticRisk.Standard, (int)g[Gene.PriorLines, i],
            g[Attr.PriorBlin, i] == 1, g[Attr.PriorIno, i] == 1, g[Attr.PriorHsct, i] == 1, g[Attr.LdhHigh, i] == 1, g[Attr.PlateletsLow, i] == 1,
            s.Diagnosis));
        parts.Infusions.Add(FirstInfusion(s, g, i));
        double last = s.Progressed ? AddCourse(parts, s, g, i) : AddNonProgressed(parts, s, g, i);
        // Progressed patients: the survival gene is the time from the last scripted event to death or last contact.
        double end = s.Progressed ? last + 7 + g[Gene.Survival, i] : Math.Max(g[Gene.Survival, i], last + 7);
        var status = s.Progressed || s.EarlyDeath ? s.Status : g[Attr.Dead, i] == 1 ? VitalStatus.Dead : VitalStatus.Alive;
        var cause = status == VitalStatus.Alive ? (CauseOfDeath?)null : s.Cause ?? CauseOfDeath.TreatmentRelated;
        parts.FollowUps.Add(new FollowUp(s.Id, end, status, cause, s.Lost));
    }

    private static CarTInfusion FirstInfusion(PatientScript s, Genome g, int i)
    {
        var f = s.First;
        int crs = f?.CrsGrade is >= 3 ? f.CrsGrade.Value : GradeOf(g[Attr.Crs, i], i);
        int icans = f?.IcansGrade is >= 3 ? f.IcansGrade.Value : GradeOf(g[Attr.Icans, i], i + 1);
        var toci = g[Attr.Toci, i] == 1 ? new DrugExposure(g[Gene.TociDay, i], null, null) : null;
        var steroid = g[Attr.Steroid, i] == 1 ? new DrugExposure(g[Gene.SteroidDay, i], g[Gene.SteroidDuration, i], g[Gene.SteroidDose, i]) : null;
        string ld = f?.Lymphodepletion ?? (g[Attr.Flu, i] == 1 ? "Flu/Cy" : "Cy 3 g/m2");
        return new CarTInfusion(s.Id, 1, 0, (DiseaseBurden)g[Attr.Burden, i], (BridgingTherapy)g[Attr.Bridging, i], ld, f?.Dose, f?.Peak,
            crs, icans, toci, steroid, null, null);
    }

    /// <summary>Grade from the category: none 0, mild 1 or 2 (alternating by patient), severe 3.</summary>
    private static int GradeOf(int category, int i) => category switch { 0 => 0, 1 => 1 + i % 2, _ => 3 };

    private static double AddNonProgressed(Parts parts, PatientScript s, Genome g, int i)
    {
        if (s.EarlyDeath)
        {
            double death = g[Gene.Survival, i];
            parts.Responses.Add(new ResponseAssessment(s.Id, 1, death, ResponseCategory.NotEvaluable));
            return Math.Max(death - 7, 0);
        }
        parts.Responses.Add(new ResponseAssessment(s.Id, 1, AssessmentDay, s.FirstResponse));
        double last = AssessmentDay;
        if (g[Attr.Consolidation, i] == 1)
        {
            last = 60 + g[Gene.AlloGap, i];
            parts.Transplants.Add(new Transplant(s.Id, last, TransplantSetting.Consolidation, TransplantDiseaseStatus.CrMrdNegative));
        }
        return last;
    }

    /// <summary>Progression, salvage lines with responses, later relapses, re-infusion and transplants; returns the last event day.</summary>
    private double AddCourse(Parts parts, PatientScript s, Genome g, int i)
    {
        double p = g[Gene.ProgressionDay, i];
        if (s.Refractory) parts.Responses.Add(new ResponseAssessment(s.Id, 1, p, ResponseCategory.Refractory));
        else parts.Responses.Add(new ResponseAssessment(s.Id, 1, AssessmentDay, s.FirstResponse));
        if (g[Attr.Consolidation, i] == 1)
            parts.Transplants.Add(new Transplant(s.Id, AssessmentDay + (p - AssessmentDay) / 2, TransplantSetting.Consolidation, TransplantDiseaseStatus.CrMrdNegative));
        var site = blueprint.FirstSite(i, g[Attr.EmSite, i]);
        double? blasts = s.MrdRelapse ? 1 : (site & ProgressionSite.BoneMarrow) != 0 ? g[Gene.Blasts, i] : null;
        int number = 1;
        var lineage = s.Cd19 == Cd19Status.Unknown ? LeukemiaLineage.Unknown : s.MyeloidRelapse ? LeukemiaLineage.Myeloid : LeukemiaLineage.BLymphoid;
        parts.Progressions.Add(new Progression(s.Id, number, p, s.Refractory ? ProgressionType.Refractory : ProgressionType.Relapse, site, blasts, s.Cd19, lineage));
        var starts = LineStarts(s, p, g[Gene.Gap, i], g[Gene.Lead, i], g[Gene.Spacing, i]);
        double last = p;
        for (int k = 0; k < s.Lines.Length; k++)
        {
            var line = s.Lines[k];
            double next = k + 1 < starts.Length ? starts[k + 1] : double.PositiveInfinity;
            double resp = starts[k] + Math.Min(AssessmentDay, 0.45 * (next - starts[k]));
            parts.Salvage.Add(new SalvageLine(s.Id, k + 1, starts[k], line.Class.ToString(), line.Class, line.Response, line.Response is null ? null : resp,
                LineStatus(s, k)));
            AddLineEvents(parts, s, k, starts[k]);
            if (line.Class == SalvageClass.CarTReinfusion) AddReinfusion(parts, s, starts[k], resp);
            last = Math.Max(last, resp);
            if (line.Response?.IsCompleteRemission() != true) continue;
            last = Math.Max(last, AddAfterCr(parts, s, g, i, k, resp, next, ref number));
        }
        return last;
    }

    /// <summary>Transplant, DLI and relapse after the CR of line k (response day <paramref name="resp"/>); returns the last event day.</summary>
    private static double AddAfterCr(Parts parts, PatientScript s, Genome g, int i, int k, double resp, double next, ref int number)
    {
        var line = s.Lines[k];
        bool lastLine = k + 1 == s.Lines.Length;
        double? relapse = line.RelapseDaysAfterCr is double fixedGap ? resp + fixedGap
            : !lastLine ? resp + 0.6 * (next - resp)
            : s.RelapseAfterLastCr || line.RelapseAfter ? resp + Math.Max(g[Gene.Remission, i], g[Gene.AlloGap, i] + 14) : null;
        double last = resp;
        if (line.AlloAfter is { } status)
        {
            double allo = relapse is double r && !lastLine ? resp + Math.Min(g[Gene.AlloGap, i], 0.5 * (r - resp)) : resp + g[Gene.AlloGap, i];
            parts.Transplants.Add(new Transplant(s.Id, allo, TransplantSetting.AfterSalvage, status));
            // Scripted events after the transplant fall 10 days after it (before the relapse, at least 14 days later).
            foreach (var (kind, grade) in s.TransplantEvents)
                parts.AdverseEvents.Add(new AdverseEvent(s.Id, kind, grade, allo + 10, AdverseEventSetting.AfterTransplant, null));
            if (lastLine && s.RelapseDaysAfterAllo is double afterAllo && relapse is not null) relapse = allo + afterAllo;
            last = Math.Max(last, s.TransplantEvents.Length > 0 ? allo + 10 : allo);
        }
        // A DLI a week after the CR (the follow-up ends at least a week after the last event).
        if (lastLine && s.DliAfterLastCr) parts.Dlis.Add(new DonorLymphocyteInfusion(s.Id, resp + 7));
        if (relapse is double rd)
        {
            // A relapse followed by a line started at MRD level is an MRD relapse (blasts 1%).
            double blasts = !lastLine && LineStatus(s, k + 1) == DiseaseBurden.Mrd ? 1 : 50;
            parts.Progressions.Add(new Progression(s.Id, ++number, rd, ProgressionType.Relapse, ProgressionSite.BoneMarrow, blasts, Cd19Status.Unknown, LeukemiaLineage.Unknown));
            last = Math.Max(last, rd);
        }
        return last;
    }

    /// <summary>Disease status at the start of line k: scripted, else the re-infusion's burden, else MRD for the first line after an MRD-level progression, else morphologic.</summary>
    private static DiseaseBurden LineStatus(PatientScript s, int k)
    {
        var line = s.Lines[k];
        if (line.Status is { } scripted) return scripted;
        if (line.Class == SalvageClass.CarTReinfusion) return s.Second!.Burden;
        return k == 0 && s.MrdRelapse ? DiseaseBurden.Mrd : DiseaseBurden.Morphologic;
    }

    /// <summary>The scripted adverse events of line k, each on the line's third day (within the week that always follows a line start).</summary>
    private static void AddLineEvents(Parts parts, PatientScript s, int k, double start)
    {
        foreach (var (kind, grade) in s.Lines[k].Events)
            parts.AdverseEvents.Add(new AdverseEvent(s.Id, kind, grade, start + 3, AdverseEventSetting.SalvageLine, k + 1));
    }

    private static void AddReinfusion(Parts parts, PatientScript s, double day, double resp)
    {
        var r = s.Second!;
        parts.Infusions.Add(new CarTInfusion(s.Id, 2, day, r.Burden, BridgingTherapy.None, r.Lymphodepletion, r.Dose, r.Peak, r.CrsGrade, r.IcansGrade, null, null,
            r.CrsTiming, r.IcansTiming));
        parts.Responses.Add(new ResponseAssessment(s.Id, 2, resp, r.Response));
    }

    /// <summary>
    /// Start days of the salvage lines: printed days are kept; lines between two known days are spaced evenly
    /// between them (the progression day is the first known day); lines after the last known day follow every
    /// <paramref name="gap"/> days.
    /// When <paramref name="lead"/> is positive (set by the continuation search only) and the first line's day is not
    /// printed, the first line starts <paramref name="lead"/> days after the progression instead, at the latest
    /// <see cref="Blueprint.MinimumLineSpacing"/> days per line before the first printed day; the unprinted lines between
    /// it and that day follow every <paramref name="spacing"/> days (evenly spaced up to the printed day when
    /// <paramref name="spacing"/> is 0), again leaving <see cref="Blueprint.MinimumLineSpacing"/> days per line. The
    /// untreated time from progression to salvage is what the time-dependent salvage hazard ratios of Table 3 compare
    /// (docs/reconstruction.md, "Continuation"). With <paramref name="lead"/> 0 the days are those of stage 1.
    /// </summary>
    internal static double[] LineStarts(PatientScript s, double progression, double gap, double lead = 0, double spacing = 0)
    {
        int n = s.Lines.Length;
        var starts = new double[n];
        int prevIndex = -1;
        double prevDay = progression;
        if (lead > 0 && n > 0 && s.Lines[0].FixedDay is null)
        {
            int f = Blueprint.FirstPrintedLine(s);
            double latest = f < 0 ? double.PositiveInfinity : s.Lines[f].FixedDay!.Value - Blueprint.MinimumLineSpacing * f;
            starts[0] = Math.Min(Math.Round(progression + lead), latest);
            prevIndex = 0;
            prevDay = starts[0];
            if (f >= 2 && spacing > 0)
            {
                for (int j = 1; j < f; j++)
                    starts[j] = Math.Min(Math.Round(starts[0] + spacing * j), s.Lines[f].FixedDay!.Value - Blueprint.MinimumLineSpacing * (f - j));
                prevIndex = f - 1;
                prevDay = starts[f - 1];
            }
        }
        for (int k = prevIndex + 1; k < n; k++)
        {
            if (s.Lines[k].FixedDay is not double fixedDay) continue;
            for (int j = prevIndex + 1; j < k; j++) starts[j] = Math.Round(prevDay + (fixedDay - prevDay) * (j - prevIndex) / (k - prevIndex));
            starts[k] = fixedDay;
            prevIndex = k;
            prevDay = fixedDay;
        }
        // Lines after the last known day; when no day is printed and no lead is searched, the first follows gap / 4 days after the progression.
        bool fromProgression = prevIndex < 0;
        for (int j = prevIndex + 1; j < n; j++) starts[j] = Math.Round(prevDay + gap * (j - prevIndex) * (fromProgression || Blueprint.FirstPrintedLine(s) < 0 ? 0.25 : 1));
        return starts;
    }
}
