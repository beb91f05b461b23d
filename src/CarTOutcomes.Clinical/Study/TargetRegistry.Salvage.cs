using CarTOutcomes.Clinical.Model;
using H = CarTOutcomes.Clinical.Model.PatientHistory;

namespace CarTOutcomes.Clinical.Study;

public static partial class TargetRegistry
{
    private static bool Evaluable(SalvageLine s) => s.Response is { } r && r != ResponseCategory.NotEvaluable;

    private static bool IsCr(SalvageLine s) => s.Response?.IsCompleteRemission() == true;

    /// <summary>Line number of the first salvage line with a CR, or 0.</summary>
    private static int CrLine(H h) => h.SalvageLines.FirstOrDefault(IsCr)?.Number ?? 0;

    private static bool Dead(H h, CauseOfDeath c) => h.Died && h.FollowUp.CauseOfDeath == c;

    private static IEnumerable<Transplant> AlloAfterSalvage(H h) => h.Transplants.Where(t => t.Setting == TransplantSetting.AfterSalvage);

    /// <summary>Salvage after progression: lines, responses, transplants, deaths; blinatumomab and inotuzumab (Table 4).</summary>
    private static void RegisterSalvage()
    {
        Add("res_salvage_n", v => v.Salvage.Count);
        Add("res_salvage_pct", v => Pct(v.Progressed, h => h.SalvageLines.Count > 0));
        Add("res_palliative_only_n", v => Count(v.Progressed, h => h.SalvageLines.Count == 0));
        Add("res_palliative_only_pct", v => Pct(v.Progressed, h => h.SalvageLines.Count == 0));
        foreach (var (name, cls) in new[] { ("intensive", SalvageClass.Intensive), ("nonintensive", SalvageClass.Nonintensive), ("reinfusion", SalvageClass.CarTReinfusion) })
        {
            Add($"res_first_salvage_{name}_n", v => Count(v.Salvage, h => h.SalvageLines[0].Class == cls));
            Add($"res_first_salvage_{name}_pct", v => Pct(v.Salvage, h => h.SalvageLines[0].Class == cls));
        }
        Add("res_first_salvage_blinino_n", v => Count(v.Salvage, h => StudyView.IsBlinOrIno(h.SalvageLines[0])));
        Add("res_first_salvage_blinino_pct", v => Pct(v.Salvage, h => StudyView.IsBlinOrIno(h.SalvageLines[0])));
        Add("res_salvage_evaluable_n", v => Count(v.Salvage, h => Evaluable(h.SalvageLines[0])));
        Add("res_salvage_evaluable_pct", v => Pct(v.Salvage, h => Evaluable(h.SalvageLines[0])));
        Add("res_salvage_not_evaluable_n", v => Count(v.Salvage, h => !Evaluable(h.SalvageLines[0])));
        Func<StudyView, H[]> ev = v => v.Salvage.Where(h => Evaluable(h.SalvageLines[0])).ToArray();
        Add("res_first_salvage_cr_n", v => Count(ev(v), h => IsCr(h.SalvageLines[0])));
        Add("res_first_salvage_cr_pct", v => Pct(ev(v), h => IsCr(h.SalvageLines[0])));
        Add("res_additional_salvage_n", v => Count(ev(v), h => h.SalvageLines.Count > 1));
        Add("res_persistent_after_first_salvage_n", v => Count(ev(v), h => !IsCr(h.SalvageLines[0])));
        Add("res_additional_salvage_persistent_n", v => Count(ev(v), h => !IsCr(h.SalvageLines[0]) && h.SalvageLines.Count > 1));
        Add("res_relapsed_after_first_salvage_n", v => Count(ev(v), h => IsCr(h.SalvageLines[0]) && h.Progressions.Any(p => p.Day > h.SalvageLines[0].ResponseDay)));
        Add("res_additional_salvage_relapsed_n", v => Count(ev(v), h => IsCr(h.SalvageLines[0]) && h.SalvageLines.Count > 1));
        Add("res_cr_second_line_n", v => Count(v.Salvage, h => CrLine(h) == 2));
        Add("res_cr_third_plus_line_n", v => Count(v.Salvage, h => CrLine(h) >= 3));
        Mmm("res_salvage_lines", v => v.Salvage.Select(h => (double)h.SalvageLines.Count));

        Add("res_allo_after_salvage_n", v => Count(v.Progressed, h => AlloAfterSalvage(h).Any()));
        Add("res_allo_after_salvage_pct", v => Pct(v.Progressed, h => AlloAfterSalvage(h).Any()));
        Func<StudyView, H[]> allo = v => v.Progressed.Where(h => AlloAfterSalvage(h).Any()).ToArray();
        Add("res_allo_first_n", v => Count(allo(v), h => !h.Patient.PriorHsct && !h.Transplants.Any(t => t.Setting == TransplantSetting.Consolidation)));
        Add("res_allo_second_n", v => Count(allo(v), h => h.Patient.PriorHsct || h.Transplants.Any(t => t.Setting == TransplantSetting.Consolidation)));
        Add("res_allo_mrdneg_cr_n", v => Count(allo(v), h => AlloAfterSalvage(h).First().DiseaseStatus == TransplantDiseaseStatus.CrMrdNegative));
        Add("res_allo_mrdpos_cr_n", v => Count(allo(v), h => AlloAfterSalvage(h).First().DiseaseStatus == TransplantDiseaseStatus.CrMrdPositive));
        Add("res_allo_mrdunk_cr_n", v => Count(allo(v), h => AlloAfterSalvage(h).First().DiseaseStatus == TransplantDiseaseStatus.CrMrdUnknown));
        Mmm("res_allo_day", v => allo(v).Select(h => AlloAfterSalvage(h).First().Day - P1(h).Day));
        Add("res_allo_relapsed_died_n", v => Count(allo(v), h => h.Progressions.Any(p => p.Day > AlloAfterSalvage(h).First().Day) && Dead(h, CauseOfDeath.Disease)));
        Add("res_allo_trm_n", v => Count(allo(v), h => Dead(h, CauseOfDeath.TreatmentRelated)));
        Add("res_allo_alive_cr_n", v => Count(allo(v), h => !h.Died && !h.Progressions.Any(p => p.Day > AlloAfterSalvage(h).First().Day)));

        Add("res_deaths_n", v => Count(v.Progressed, h => h.Died));
        Add("res_deaths_pct", v => Pct(v.Progressed, h => h.Died));
        foreach (var (name, c) in new[] { ("progression", CauseOfDeath.Disease), ("trm", CauseOfDeath.TreatmentRelated), ("unknown", CauseOfDeath.Unknown) })
        {
            Add($"res_death_{name}_n", v => Count(v.Progressed, h => Dead(h, c)));
            Add($"res_death_{name}_pct", v => Pct(v.Progressed.Where(h => h.Died).ToArray(), h => Dead(h, c)));
        }
        RegisterBlinIno();
    }

    private static SalvageLine? Line(H h, SalvageClass c) => h.SalvageLines.FirstOrDefault(s => s.Class == c);

    private static void RegisterBlinIno()
    {
        Add("res_blinino_pct", v => Pct(v.Salvage, h => h.SalvageLines.Any(StudyView.IsBlinOrIno)));
        Add("res_blin_only_n", v => Count(v.BlinIno, h => Line(h, SalvageClass.Blinatumomab) is not null && Line(h, SalvageClass.Inotuzumab) is null));
        Add("res_ino_only_n", v => Count(v.BlinIno, h => Line(h, SalvageClass.Blinatumomab) is null && Line(h, SalvageClass.Inotuzumab) is not null));
        Add("res_blin_and_ino_n", v => Count(v.BlinIno, h => Line(h, SalvageClass.Blinatumomab) is not null && Line(h, SalvageClass.Inotuzumab) is not null));
        Add("res_blinino_prior_blin_n", v => Count(v.BlinIno, h => h.Patient.PriorBlinatumomab));
        Add("res_blinino_prior_blin_pct", v => Pct(v.BlinIno, h => h.Patient.PriorBlinatumomab));
        Add("res_blinino_prior_ino_n", v => Count(v.BlinIno, h => h.Patient.PriorInotuzumab));
        foreach (var (drug, c) in new[] { ("blin", SalvageClass.Blinatumomab), ("ino", SalvageClass.Inotuzumab) })
        {
            Func<StudyView, SalvageLine[]> lines = v => v.Progressed.Select(h => Line(h, c)).OfType<SalvageLine>().ToArray();
            Add($"res_{drug}_n", v => lines(v).Length);
            Add($"res_{drug}_line1_n", v => lines(v).Count(s => s.Number == 1));
            Add($"res_{drug}_line2_n", v => lines(v).Count(s => s.Number == 2));
            Add($"res_{drug}_cr_n", v => lines(v).Count(IsCr));
            Add($"res_{drug}_cr_mrdneg_n", v => lines(v).Count(s => s.Response == ResponseCategory.CrMrdNegative));
            Add($"res_{drug}_cr_mrdunk_n", v => lines(v).Count(s => s.Response == ResponseCategory.CrMrdUnknown));
            if (drug == "blin") Add("res_blin_line3_n", v => lines(v).Count(s => s.Number == 3));
            else Add("res_ino_line3plus_n", v => lines(v).Count(s => s.Number >= 3));
        }
        Add("res_ino_cr_mrdpos_n", v => v.Progressed.Select(h => Line(h, SalvageClass.Inotuzumab)).Count(s => s?.Response == ResponseCategory.CrMrdPositive));
        Mmm("res_blin_day", v => v.Progressed.Select(h => Line(h, SalvageClass.Blinatumomab)).OfType<SalvageLine>().Select(s => s.StartDay));
        Add("res_ino_cd19neg_n", v => Count(v.Progressed, h => Line(h, SalvageClass.Inotuzumab) is not null && P1(h).Cd19 == Cd19Status.Negative));
        Func<StudyView, H[]> cr = v => v.BlinIno.Where(BlinInoCr).ToArray();
        Func<H, double> crDay = h => h.SalvageLines.First(s => StudyView.IsBlinOrIno(s) && IsCr(s)).ResponseDay!.Value;
        Add("res_blinino_cr_allo_n", v => Count(cr(v), h => AlloAfterSalvage(h).Any(t => t.Day > crDay(h))));
        Add("res_blinino_cr_allo_relapsed_n", v => Count(cr(v), h => AlloAfterSalvage(h).Any(t => t.Day > crDay(h)) && h.Progressions.Any(p => p.Day > crDay(h))));
        Add("res_blinino_cr_allo_trm_n", v => Count(cr(v), h => AlloAfterSalvage(h).Any(t => t.Day > crDay(h)) && Dead(h, CauseOfDeath.TreatmentRelated)));
        // A remitter given DLI (a cellular therapy from the earlier donor) is counted apart from those "who did not undergo transplant".
        Func<H, bool> dli = h => h.DonorLymphocyteInfusions.Any(d => d.Day > crDay(h));
        Func<H, bool> noTransplant = h => !AlloAfterSalvage(h).Any(t => t.Day > crDay(h)) && !dli(h);
        Add("res_blinino_cr_dli_n", v => Count(cr(v), h => dli(h) && !AlloAfterSalvage(h).Any(t => t.Day > crDay(h))));
        Add("res_blinino_cr_no_transplant_n", v => Count(cr(v), noTransplant));
        Add("res_blinino_cr_no_transplant_died_n", v => Count(cr(v), h => noTransplant(h) && Dead(h, CauseOfDeath.Disease)));
        Add("res_blinino_cr_no_transplant_lost_n", v => Count(cr(v), h => noTransplant(h) && h.FollowUp.LostToFollowUp));
        RegisterBlinInoStatusAndToxicity();
    }

    /// <summary>Adverse events of <paramref name="line"/> (events of that salvage line).</summary>
    private static IEnumerable<AdverseEvent> EventsOf(H h, SalvageLine line)
        => h.AdverseEvents.Where(e => e.Setting == AdverseEventSetting.SalvageLine && e.SalvageLineNumber == line.Number);

    /// <summary>Severe = grade ≥ 3 (CTCAE), nonhematologic (cytopenias excluded; the paper reports them apart in Table 4).</summary>
    private static bool SevereNonhematologic(AdverseEvent e) => e.Grade >= 3 && !e.Kind.IsHematologic();

    private static void RegisterBlinInoStatusAndToxicity()
    {
        Func<StudyView, SalvageClass, (H H, SalvageLine L)[]> lines = (v, c) => v.Progressed.Select(h => (H: h, L: Line(h, c)))
            .Where(x => x.L is not null).Select(x => (x.H, x.L!)).ToArray();
        Add("res_blin_morphologic_n", v => lines(v, SalvageClass.Blinatumomab).Count(x => x.L.DiseaseStatus == DiseaseBurden.Morphologic));
        Add("res_ino_morphologic_n", v => lines(v, SalvageClass.Inotuzumab).Count(x => x.L.DiseaseStatus == DiseaseBurden.Morphologic));
        Add("res_blin_severe_tox_n", v => lines(v, SalvageClass.Blinatumomab).Count(x => EventsOf(x.H, x.L).Any(SevereNonhematologic)));
        Add("res_ino_severe_ae_n", v => lines(v, SalvageClass.Inotuzumab).Count(x => EventsOf(x.H, x.L).Any(SevereNonhematologic)));
        Add("res_ino_g4_infection_n", v => lines(v, SalvageClass.Inotuzumab).Count(x => EventsOf(x.H, x.L).Any(e => e.Kind == AdverseEventKind.Infection && e.Grade == 4)));
        Add("res_ino_g5_sos_n", v => lines(v, SalvageClass.Inotuzumab).Count(x => EventsOf(x.H, x.L).Any(e => e.Kind == AdverseEventKind.SinusoidalObstructionSyndrome && e.Grade == 5)));
        // Hepatic SOS "observed in 2 patients": during inotuzumab, or after an alloHSCT that followed it.
        Add("res_ino_sos_n", v => lines(v, SalvageClass.Inotuzumab).Count(x => x.H.AdverseEvents.Any(e => e.Kind == AdverseEventKind.SinusoidalObstructionSyndrome
            && (e.Setting == AdverseEventSetting.SalvageLine ? e.SalvageLineNumber == x.L.Number : e.Day > x.L.StartDay))));
    }

}
