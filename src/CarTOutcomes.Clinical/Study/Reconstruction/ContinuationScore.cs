using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// The score of a genome in the continuation: which targets agree (all targets with a formula, followed or not, as
/// <c>cartoutcomes reproduce</c> counts them), how many of them are headline numbers, and the weighted cost over the
/// followed ones.
/// </summary>
internal sealed class ContinuationScore
{
    public ContinuationScore(double cost, bool[] agrees, bool[] headline)
    {
        Cost = cost;
        Agrees = agrees;
        for (int k = 0; k < agrees.Length; k++)
        {
            if (!agrees[k]) continue;
            Agreeing++;
            if (headline[k]) HeadlineAgreeing++;
        }
    }

    /// <summary>Σ w · log(1 + miss) over the followed targets (+∞ for a cohort that fails validation).</summary>
    public double Cost { get; }

    /// <summary>Whether each target agrees at its printed precision.</summary>
    public bool[] Agrees { get; }

    public int Agreeing { get; }

    public int HeadlineAgreeing { get; }

    /// <summary>
    /// Whether a move to <paramref name="candidate"/> is allowed at all from this score: no headline number that agrees
    /// here stops agreeing, and the count of agreeing numbers does not fall. This is what makes the continuation's
    /// result never worse than its start.
    /// </summary>
    public bool Admits(ContinuationScore candidate, bool[] headline)
    {
        if (candidate.Agreeing < Agreeing || double.IsPositiveInfinity(candidate.Cost)) return false;
        for (int k = 0; k < Agrees.Length; k++)
            if (headline[k] && Agrees[k] && !candidate.Agrees[k]) return false;
        return true;
    }

    /// <summary>Lexicographic order: headline numbers agreeing, then all numbers agreeing, then the lower cost.</summary>
    public int CompareTo(ContinuationScore other)
    {
        if (HeadlineAgreeing != other.HeadlineAgreeing) return HeadlineAgreeing.CompareTo(other.HeadlineAgreeing);
        if (Agreeing != other.Agreeing) return Agreeing.CompareTo(other.Agreeing);
        return other.Cost.CompareTo(Cost);
    }

    /// <summary>
    /// The study's findings that issue #17 requires (the headline numbers): every number of the abstract, of Figure 1,
    /// of the Results paragraphs on outcomes, on factors of progression and on salvage, and of the Figure 3 captions
    /// (which repeat the salvage numbers).
    /// </summary>
    public static bool IsHeadline(PublishedTarget t) =>
        t.Source.StartsWith("Abstract", StringComparison.Ordinal)
        || t.Source.StartsWith("Figure 1", StringComparison.Ordinal)
        || t.Source.StartsWith("Figure 3", StringComparison.Ordinal)
        || t.Source.StartsWith("Results: Outcomes of patients", StringComparison.Ordinal)
        || t.Source.StartsWith("Results: Factors associated with progression", StringComparison.Ordinal)
        || t.Source.StartsWith("Results: Salvage treatments", StringComparison.Ordinal);
}
