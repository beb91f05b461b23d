using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// The fixed part of the reconstruction: the 56 scripted patients with their ids, the Table 1 counts of each
/// attribute by group (progressed / not progressed), which values each patient may take (Tables 4 and 5 fix some),
/// and the range of each searched value.
/// </summary>
internal sealed class Blueprint
{
    public const int ProgressedCount = 38;

    public Blueprint()
    {
        var named = Scripts.Named();
        var others = Scripts.OtherProgressed().Concat(Scripts.NonProgressed()).ToArray();
        int k = 0;
        Patients = named.Concat(others.Select(s => s with { Id = $"SYN{++k:00}" })).ToArray();
        Labels = named.Select(s => s.Id).Concat(others.Select(s => s.Id)).ToArray();
    }

    /// <summary>The 56 scripts; the first 38 progressed.</summary>
    public IReadOnlyList<PatientScript> Patients { get; }

    /// <summary>The script labels (MSK ids, or B, C, S1, Q1, N1… for the synthetic patients) used in the source code.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int Count => Patients.Count;

    public static bool InGroup(int i, bool progressed) => progressed ? i < ProgressedCount : i >= ProgressedCount;

    public int IndexOfLabel(string label) => Labels.ToList().IndexOf(label);

    /// <summary>Counts per category by group (progressed, not progressed); null = the attribute is free (flipped, not swapped).</summary>
    public static (int[] Progressed, int[] NonProgressed)? Counts(Attr a) => a switch
    {
        Attr.Male => ([10, 28], [4, 14]),
        Attr.Ph => ([25, 8, 5], [14, 3, 1]),
        Attr.PriorBlin => ([28, 10], [15, 3]),
        Attr.PriorIno => ([35, 3], [17, 1]),
        Attr.PriorHsct => ([21, 17], [15, 3]),
        Attr.Bridging => ([7, 21, 10], [1, 7, 10]),
        // Table 1 prints 5 + 6 + 6 = 17 non-progressed; the 18th is given MRD (see docs/reconstruction.md).
        Attr.Burden => ([26, 11, 1], [5, 7, 6]),
        Attr.Crs => ([6, 23, 9], [2, 10, 6]),
        Attr.Icans => ([16, 8, 14], [6, 2, 10]),
        Attr.Toci => ([23, 15], [13, 5]),
        Attr.Steroid => ([26, 12], [11, 7]),
        Attr.HighRisk => ([17, 21], [12, 6]),
        Attr.Consolidation => ([32, 6], [9, 9]),
        _ => null,
    };

    /// <summary>The values patient i may take for the attribute (null = any).</summary>
    public int[]? Allowed(Attr a, int i)
    {
        var s = Patients[i];
        string label = Labels[i];
        bool t4 = label is "MSK15" or "MSK34" or "MSK39" or "MSK56" or "MSK26" or "MSK44" or "MSK46" or "MSK50" or "MSK53" or "MSK29" or "MSK35" or "MSK55";
        switch (a)
        {
            // The Ph+ mixed-phenotype leukemia of the Results: Ph-positive, either transcript.
            case Attr.Ph when s.Diagnosis == LeukemiaDiagnosis.MixedPhenotype: return [1, 2];
            case Attr.PriorBlin when t4: return [label is "MSK44" or "MSK50" or "MSK53" ? 1 : 0];
            case Attr.PriorIno when t4: return [0];
            case Attr.PriorHsct when label is "MSK15" or "MSK26" or "B" or "D": return [1];
            case Attr.PriorHsct when label is "MSK16" or "MSK34" or "MSK50" or "MSK35" or "C": return [0];
            case Attr.Burden when s.First is { } f: return [(int)f.Burden];
            case Attr.Crs when s.First is { } f: return Grade(f.CrsGrade);
            case Attr.Icans when s.First is { } f: return Grade(f.IcansGrade);
            case Attr.Flu when s.First is { } f: return [f.Lymphodepletion.Contains("Flu", StringComparison.Ordinal) ? 1 : 0];
            case Attr.Consolidation:
                bool eligible = s.Progressed
                    ? !s.Refractory && !s.Named && s.Lines.All(l => l.AlloAfter is null) && label is not ("B" or "C" or "D")
                    : !s.EarlyDeath;
                return eligible ? null : [0];
            case Attr.Dead:
                return s.Progressed || s.EarlyDeath ? [s.Status == VitalStatus.Dead ? 1 : 0] : null;
            case Attr.EmSite:
                return EmSiteOpen(s, label) ? null : [ScriptEmSite(s)];
            default: return null;
        }
    }

    /// <summary>
    /// Whether the EM involvement of a patient's first progression is left open by the scripts: a progression in the
    /// marrow (with or without EM, no other site) that is not an MRD relapse, of a patient other than MSK16 and MSK44,
    /// whose marrow-and-EM relapses the scripts give.
    /// </summary>
    internal static bool EmSiteOpen(PatientScript s, string label)
        => s.Progressed && !s.MrdRelapse && label is not ("MSK16" or "MSK44")
           && s.Site is ProgressionSite.BoneMarrow or (ProgressionSite.BoneMarrow | ProgressionSite.Extramedullary);

    /// <summary>The script's value of <see cref="Attr.EmSite"/>: 1 when its first progression involves an extramedullary site.</summary>
    internal static int ScriptEmSite(PatientScript s) => (s.Site & ProgressionSite.Extramedullary) != 0 ? 1 : 0;

    /// <summary>The site of the first progression for a value of <see cref="Attr.EmSite"/>: marrow with or without EM where it is open, else the script's.</summary>
    internal ProgressionSite FirstSite(int i, int emSite)
    {
        var s = Patients[i];
        if (!EmSiteOpen(s, Labels[i])) return s.Site;
        return emSite == 1 ? ProgressionSite.BoneMarrow | ProgressionSite.Extramedullary : ProgressionSite.BoneMarrow;
    }

    private static int[] Grade(int? printed) => printed switch
    {
        null => [1, 2],
        0 => [0],
        >= 3 => [2],
        _ => [1],
    };

    /// <summary>Range of a gene for patient i.</summary>
    public GeneRange Range(Gene g, int i)
    {
        var s = Patients[i];
        return g switch
        {
            Gene.Age => new(19, 78, 1),
            Gene.PriorLines => new(1, 7, 1),
            Gene.ProgressionDay => ProgressionRange(s),
            // Non-progressed: day of death or last contact. Progressed: days from the last scripted event.
            Gene.Survival => s.EarlyDeath ? new(16, 25, 1)
                : !s.Progressed ? (s.Status == VitalStatus.Alive ? new(600, 3500, 1) : new(20, 3500, 1))
                : s.Status == VitalStatus.Alive ? new(0, 2500, 1)
                : s.Lines.Length == 0 ? new(0, 240, 1) : new(0, 900, 1),
            Gene.Gap => new(14, 200, 1),
            Gene.Remission => new(20, 1000, 1),
            Gene.AlloGap => new(10, 150, 1),
            Gene.Blasts => new(8, 100, 1),
            Gene.SteroidDay => new(3, 15, 1),
            Gene.SteroidDuration => new(1, 27, 1),
            Gene.SteroidDose => new(0.70, 6.75, 0.01),
            Gene.TociDay => new(3, 17, 1),
            // Continuation only (stage 1 leaves both at 0): CohortBuilder.LineStarts caps them so every line fits before a printed day.
            Gene.Lead => s.Progressed && s.Lines.Length > 0 && s.Lines[0].FixedDay is null ? new(MinimumLead, 400, 1) : new(0, 0, 1),
            Gene.Spacing => s.Progressed && FirstPrintedLine(s) >= 2 ? new(MinimumLineSpacing, 400, 1) : new(0, 0, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(g)),
        };
    }

    /// <summary>Fewest days from a progression to a searched first salvage line.</summary>
    public const double MinimumLead = 3;

    /// <summary>Fewest days between two salvage line starts before a printed day (as <see cref="ProgressionRange"/> leaves room for).</summary>
    public const double MinimumLineSpacing = 12;

    /// <summary>Index of the first salvage line whose day the paper prints (−1 when none is printed).</summary>
    public static int FirstPrintedLine(PatientScript s) => Array.FindIndex(s.Lines, l => l.FixedDay is not null);

    private static GeneRange ProgressionRange(PatientScript s)
    {
        if (!s.Progressed) return new(0, 0, 1);
        int first = Array.FindIndex(s.Lines, l => l.FixedDay is not null);
        double max = first < 0 ? 730 : Math.Min(730, s.Lines[first].FixedDay!.Value - 12 * (first + 1));
        return s.Refractory ? new(21, Math.Min(35, max), 1) : new(40, max, 1);
    }
}
