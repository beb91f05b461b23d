using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// Reads the <see cref="Genome"/> back from a cohort that <see cref="CohortBuilder"/> made (the shipped
/// <c>data/cohort</c>, or the output of an earlier continuation), so that the continuation search starts from exactly
/// that cohort. Every value is read from the rows that carry it: attributes and covariates from the patient and first
/// infusion rows; the progression day from the first progression; the spacing of unprinted salvage lines, the
/// transplant gap and the remission length by finding the value that gives the printed rows again; the survival
/// gene from the follow-up end. Values that no row carries (e.g. the tocilizumab day of a patient without
/// tocilizumab) are set to the middle of their range. The genome is then built again and every row of every patient
/// compared with the cohort's: a cohort that the model cannot make (edited by hand, made by another version of the
/// scripts) is refused with the first row that differs.
/// </summary>
internal static class GenomeReader
{
    public static Genome Read(Blueprint bp, CohortBuilder builder, Cohort cohort)
    {
        var ids = bp.Patients.Select(p => p.Id).ToArray();
        var extra = cohort.Patients.Select(p => p.Id).Except(ids, StringComparer.Ordinal).FirstOrDefault();
        if (extra is not null) throw new InvalidDataException($"Patient {extra} of the cohort is not one of the reconstruction's 56 scripted patients (SYN01..SYN37, MSK ids of Tables 4 and 5).");
        var missing = ids.Except(cohort.Patients.Select(p => p.Id), StringComparer.Ordinal).FirstOrDefault();
        if (missing is not null) throw new InvalidDataException($"Patient {missing} of the reconstruction is missing from the cohort.");
        var g = new Genome(bp.Count);
        for (int i = 0; i < bp.Count; i++)
        {
            foreach (var gene in Enum.GetValues<Gene>())
            {
                var r = bp.Range(gene, i);
                g[gene, i] = r.Clamp((r.Min + r.Max) / 2);
            }
            g[Gene.Lead, i] = 0;
            g[Gene.Spacing, i] = 0;
            ReadPatient(bp, builder, cohort, g, i);
        }
        Verify(bp, builder, cohort, g);
        return g;
    }

    private static void ReadPatient(Blueprint bp, CohortBuilder builder, Cohort cohort, Genome g, int i)
    {
        var s = bp.Patients[i];
        var p = cohort.Patients.Single(x => x.Id == s.Id);
        var first = cohort.Infusions.Single(x => x.PatientId == s.Id && x.Number == 1);
        g[Attr.Male, i] = p.Sex == Sex.Male ? 1 : 0;
        g[Attr.Ph, i] = p.Ph == PhStatus.Negative ? 0 : p.PhSubtype == PhSubtype.P210 ? 2 : 1;
        g[Attr.PriorBlin, i] = p.PriorBlinatumomab ? 1 : 0;
        g[Attr.PriorIno, i] = p.PriorInotuzumab ? 1 : 0;
        g[Attr.PriorHsct, i] = p.PriorHsct ? 1 : 0;
        g[Attr.HighRisk, i] = p.CytogeneticRisk == CytogeneticRisk.High ? 1 : 0;
        g[Attr.LdhHigh, i] = p.LdhHigh == true ? 1 : 0;
        g[Attr.PlateletsLow, i] = p.PlateletsLow == true ? 1 : 0;
        g[Attr.Bridging, i] = (int)first.Bridging;
        g[Attr.Burden, i] = (int)first.DiseaseBurden;
        g[Attr.Crs, i] = Category(first.MaxCrsGrade);
        g[Attr.Icans, i] = Category(first.MaxIcansGrade);
        g[Attr.Flu, i] = first.Lymphodepletion == "Flu/Cy" ? 1 : 0;
        g[Attr.Toci, i] = first.Tocilizumab is null ? 0 : 1;
        g[Attr.Steroid, i] = first.Corticosteroid is null ? 0 : 1;
        g[Attr.Consolidation, i] = cohort.Transplants.Any(t => t.PatientId == s.Id && t.Setting == TransplantSetting.Consolidation) ? 1 : 0;
        var follow = cohort.FollowUps.Single(x => x.PatientId == s.Id);
        g[Attr.Dead, i] = follow.Status == VitalStatus.Dead ? 1 : 0;
        // The EM site where the scripts leave it open: read from the first progression (verified with the rest).
        g[Attr.EmSite, i] = Blueprint.ScriptEmSite(s);
        if (Blueprint.EmSiteOpen(s, bp.Labels[i]) && cohort.Progressions.FirstOrDefault(x => x.PatientId == s.Id && x.Number == 1) is { } p1)
            g[Attr.EmSite, i] = (p1.Site & ProgressionSite.Extramedullary) != 0 ? 1 : 0;
        g[Gene.Age, i] = p.AgeYears;
        g[Gene.PriorLines, i] = p.PriorLines;
        if (first.Tocilizumab is { } toci) g[Gene.TociDay, i] = toci.StartDay;
        if (first.Corticosteroid is { } steroid)
        {
            g[Gene.SteroidDay, i] = steroid.StartDay;
            g[Gene.SteroidDuration, i] = steroid.DurationDays ?? throw new InvalidDataException($"Patient {s.Id}: the corticosteroid of the first infusion has no duration.");
            g[Gene.SteroidDose, i] = steroid.DoseIntensity ?? throw new InvalidDataException($"Patient {s.Id}: the corticosteroid of the first infusion has no dose.");
        }
        if (s.Progressed)
        {
            var progression = cohort.Progressions.Where(x => x.PatientId == s.Id).OrderBy(x => x.Number).FirstOrDefault()
                              ?? throw new InvalidDataException($"Patient {s.Id} progressed in the reconstruction's script but has no progression in the cohort.");
            g[Gene.ProgressionDay, i] = progression.Day;
            if (progression.MarrowBlastPercent is double blasts && !s.MrdRelapse) g[Gene.Blasts, i] = blasts;
            // The values that only the builder's arithmetic reveals: the first value of the range that gives the rows again.
            SolveLines(bp, builder, cohort, g, i);
            // The transplant gap also bounds the last remission (relapse at least 14 days after the transplant), so the two
            // are solved together: the first gap that gives the transplants and for which some remission gives the relapses.
            Func<CohortBuilder.Parts, bool> transplants = parts => Same(parts.Transplants, cohort.Transplants, s.Id);
            Func<CohortBuilder.Parts, bool> relapses = parts => Same(parts.Progressions, cohort.Progressions, s.Id);
            if (!(transplants(builder.PatientParts(g, i)) && TrySolve(bp, builder, g, i, Gene.Remission, relapses)))
            {
                var r = bp.Range(Gene.AlloGap, i);
                bool found = false;
                for (double v = r.Min; v <= r.Max && !found; v += r.Step)
                {
                    g[Gene.AlloGap, i] = r.Clamp(v);
                    found = transplants(builder.PatientParts(g, i)) && TrySolve(bp, builder, g, i, Gene.Remission, relapses);
                }
                if (!found)
                    throw new InvalidDataException($"Patient {s.Id}: no AlloGap and Remission in their ranges give the cohort's transplants and relapses; " +
                                                   "the cohort was not made by this version of the reconstruction.");
            }
            g[Gene.Survival, i] = follow.LastContactDay - builder.FollowUpBase(g, i);
        }
        else
        {
            if (g[Attr.Consolidation, i] == 1)
                g[Gene.AlloGap, i] = cohort.Transplants.Single(t => t.PatientId == s.Id && t.Setting == TransplantSetting.Consolidation).Day - 60;
            g[Gene.Survival, i] = follow.LastContactDay;
        }
    }

    /// <summary>
    /// The salvage line days: the lead and spacing of a continuation (0 = stage 1's even spacing) and the gap of the
    /// lines after the last printed day. Candidates for the lead are 0 and every lead that puts the first line on its day
    /// in the cohort; for the spacing, 0 and every spacing that puts the second line on its day; for each pair, the
    /// first gap that gives all the lines. The first pair for which one exists is kept.
    /// </summary>
    private static void SolveLines(Blueprint bp, CohortBuilder builder, Cohort cohort, Genome g, int i)
    {
        var s = bp.Patients[i];
        var rows = cohort.SalvageLines.Where(l => l.PatientId == s.Id).OrderBy(l => l.Number).ToArray();
        Func<CohortBuilder.Parts, bool> same = parts => Same(parts.Salvage, cohort.SalvageLines, s.Id);
        double p = g[Gene.ProgressionDay, i];
        var leads = Candidates(bp.Range(Gene.Lead, i), v => rows.Length > 0 && CohortBuilder.LineStarts(s, p, g[Gene.Gap, i], v)[0] == rows[0].StartDay);
        foreach (double lead in leads)
        {
            g[Gene.Lead, i] = lead;
            var spacings = Candidates(bp.Range(Gene.Spacing, i),
                v => lead > 0 && rows.Length > 1 && CohortBuilder.LineStarts(s, p, g[Gene.Gap, i], lead, v)[1] == rows[1].StartDay);
            foreach (double spacing in spacings)
            {
                g[Gene.Spacing, i] = spacing;
                if (TrySolve(bp, builder, g, i, Gene.Gap, same)) return;
            }
        }
        g[Gene.Lead, i] = 0;
        g[Gene.Spacing, i] = 0;
        throw new InvalidDataException($"Patient {s.Id}: no lead, spacing and gap of the salvage lines give the cohort's salvage days; " +
                                       "the cohort was not made by this version of the reconstruction.");
    }

    /// <summary>0 (the stage 1 value), then every value of the range (when it is not the single point 0) that passes the filter.</summary>
    private static IEnumerable<double> Candidates(GeneRange r, Func<double, bool> filter)
    {
        yield return 0;
        if (r.Max <= r.Min) yield break;
        for (double v = r.Min; v <= r.Max; v += r.Step)
            if (filter(r.Clamp(v))) yield return r.Clamp(v);
    }

    /// <summary>Grade category of the search (none 0, grade 1-2 1, grade ≥ 3 2), as <c>CohortBuilder</c> maps it back.</summary>
    private static int Category(int? grade) => grade switch { null or 0 => 0, 1 or 2 => 1, _ => 2 };

    /// <summary>
    /// Sets the gene to the first value of its range for which the patient's rows satisfy <paramref name="same"/>; when
    /// the gene does not change the rows (it is unused for this patient) it keeps its value.
    /// </summary>
    private static void Solve(Blueprint bp, CohortBuilder builder, Cohort cohort, Genome g, int i, Gene gene, Func<CohortBuilder.Parts, bool> same)
    {
        if (TrySolve(bp, builder, g, i, gene, same)) return;
        var r = bp.Range(gene, i);
        throw new InvalidDataException($"Patient {bp.Patients[i].Id}: no {gene} in {r.Min}..{r.Max} gives the cohort's rows; the cohort was not made by this version of the reconstruction.");
    }

    private static bool TrySolve(Blueprint bp, CohortBuilder builder, Genome g, int i, Gene gene, Func<CohortBuilder.Parts, bool> same)
    {
        var r = bp.Range(gene, i);
        double keep = g[gene, i];
        if (same(builder.PatientParts(g, i))) return true;
        for (double v = r.Min; v <= r.Max; v += r.Step)
        {
            g[gene, i] = r.Clamp(v);
            if (same(builder.PatientParts(g, i))) return true;
        }
        g[gene, i] = keep;
        return false;
    }

    private static bool Same<T>(IEnumerable<T> built, IEnumerable<T> cohortRows, string id) where T : notnull =>
        built.SequenceEqual(cohortRows.Where(x => PatientOf(x) == id));

    private static string PatientOf(object row) => row switch
    {
        Patient p => p.Id,
        CarTInfusion x => x.PatientId,
        ResponseAssessment x => x.PatientId,
        Progression x => x.PatientId,
        SalvageLine x => x.PatientId,
        Transplant x => x.PatientId,
        FollowUp x => x.PatientId,
        AdverseEvent x => x.PatientId,
        DonorLymphocyteInfusion x => x.PatientId,
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    /// <summary>Builds the genome and compares every patient's rows with the cohort's; throws on the first difference.</summary>
    private static void Verify(Blueprint bp, CohortBuilder builder, Cohort cohort, Genome g)
    {
        for (int i = 0; i < bp.Count; i++)
        {
            string id = bp.Patients[i].Id;
            var parts = builder.PatientParts(g, i);
            Compare(id, "patients", parts.Patients, cohort.Patients);
            Compare(id, "infusions", parts.Infusions, cohort.Infusions);
            Compare(id, "responses", parts.Responses, cohort.Responses);
            Compare(id, "progressions", parts.Progressions, cohort.Progressions);
            Compare(id, "salvage", parts.Salvage, cohort.SalvageLines);
            Compare(id, "transplants", parts.Transplants, cohort.Transplants);
            Compare(id, "followup", parts.FollowUps, cohort.FollowUps);
            Compare(id, "adverse_events", parts.AdverseEvents, cohort.AdverseEvents);
            Compare(id, "dli", parts.Dlis, cohort.DonorLymphocyteInfusions);
        }
    }

    private static void Compare<T>(string id, string file, IReadOnlyList<T> built, IEnumerable<T> cohortRows) where T : notnull
    {
        var rows = cohortRows.Where(x => PatientOf(x) == id).ToArray();
        for (int k = 0; k < Math.Max(built.Count, rows.Length); k++)
        {
            var b = k < built.Count ? built[k]?.ToString() : "(no row)";
            var c = k < rows.Length ? rows[k]?.ToString() : "(no row)";
            if (b != c)
                throw new InvalidDataException($"Patient {id}, {file} row {k + 1} of the patient: the cohort has {c}, but the reconstruction's model gives {b} " +
                                               "from the values read back; the cohort was not made by this version of `cartoutcomes reconstruct`.");
        }
    }
}
