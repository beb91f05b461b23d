namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>Categorical attributes whose counts per group are fixed by Table 1 (or free where the paper gives none).</summary>
internal enum Attr
{
    Male, Ph, PriorBlin, PriorIno, PriorHsct, Bridging, Burden, Crs, Icans, Toci, Steroid, HighRisk, Consolidation,
    Flu, LdhHigh, PlateletsLow, Dead,
}

/// <summary>Continuous (or integer) values chosen by the search.</summary>
internal enum Gene
{
    Age, PriorLines, ProgressionDay, Survival, Gap, Remission, AlloGap, Blasts, SteroidDay, SteroidDuration, SteroidDose, TociDay,
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
}

/// <summary>Range and step of a gene: values are clamped to [Min, Max] and rounded to a multiple of Step.</summary>
internal sealed record GeneRange(double Min, double Max, double Step)
{
    public double Clamp(double x) => Math.Clamp(Math.Round(x / Step) * Step, Min, Max);
}
