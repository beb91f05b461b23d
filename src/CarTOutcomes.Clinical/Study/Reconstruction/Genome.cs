namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>Categorical attributes whose counts per group are fixed by Table 1 (or free where the paper gives none).</summary>
internal enum Attr
{
    Male, Ph, PriorBlin, PriorIno, PriorHsct, Bridging, Burden, Crs, Icans, Toci, Steroid, HighRisk, Consolidation,
    Flu, LdhHigh, PlateletsLow, Dead,

    /// <summary>
    /// Extramedullary involvement at a first progression in the marrow (1: marrow and EM, 0: marrow only), for the
    /// progressions whose script leaves it open (<see cref="Blueprint.Allowed"/>); otherwise the script's. Stage 1 keeps
    /// the script's value and no move of the searches changes it: only a baseline assignment does
    /// (<see cref="CohortReconstruction.ApplyAssignments"/>), exchanging it between two such patients.
    /// </summary>
    EmSite,
}

/// <summary>Continuous (or integer) values chosen by the search.</summary>
internal enum Gene
{
    Age, PriorLines, ProgressionDay, Survival, Gap, Remission, AlloGap, Blasts, SteroidDay, SteroidDuration, SteroidDose, TociDay,

    /// <summary>
    /// Days from the first progression to the first salvage line when the paper does not print that line's day.
    /// Searched by the continuation only; 0 (the value stage 1 never changes) keeps stage 1's even spacing of the
    /// unprinted lines up to the first printed day.
    /// </summary>
    Lead,

    /// <summary>
    /// Days between the unprinted salvage lines that follow a searched <see cref="Lead"/> and come before the first
    /// printed day. Searched by the continuation only; 0 spaces them evenly up to the printed day.
    /// </summary>
    Spacing,
}

/// <summary>The searchable state of a reconstruction: one value per patient for every attribute and gene.</summary>
internal sealed class Genome
{
    public Genome(int n)
    {
        Attrs = new int[Enum.GetValues<Attr>().Length][];
        for (int k = 0; k < Attrs.Length; k++) Attrs[k] = new int[n];
        Genes = new double[Enum.GetValues<Gene>().Length][];
        for (int k = 0; k < Genes.Length; k++) Genes[k] = new double[n];
    }

    public int[][] Attrs { get; }

    public double[][] Genes { get; }

    public int this[Attr a, int i]
    {
        get => Attrs[(int)a][i];
        set => Attrs[(int)a][i] = value;
    }

    public double this[Gene g, int i]
    {
        get => Genes[(int)g][i];
        set => Genes[(int)g][i] = value;
    }

    /// <summary>Overwrites every value of <paramref name="to"/> (a genome of the same size) with this one's.</summary>
    public void CopyTo(Genome to)
    {
        for (int k = 0; k < Attrs.Length; k++) Array.Copy(Attrs[k], to.Attrs[k], Attrs[k].Length);
        for (int k = 0; k < Genes.Length; k++) Array.Copy(Genes[k], to.Genes[k], Genes[k].Length);
    }

    /// <summary>A deep copy.</summary>
    public Genome Copy()
    {
        var c = new Genome(Attrs[0].Length);
        for (int k = 0; k < Attrs.Length; k++) Array.Copy(Attrs[k], c.Attrs[k], Attrs[k].Length);
        for (int k = 0; k < Genes.Length; k++) Array.Copy(Genes[k], c.Genes[k], Genes[k].Length);
        return c;
    }
}

/// <summary>Range and step of a gene: values are clamped to [Min, Max] and rounded to a multiple of Step.</summary>
internal sealed record GeneRange(double Min, double Max, double Step)
{
    public double Clamp(double x) => Math.Clamp(Math.Round(x / Step) * Step, Min, Max);
}
