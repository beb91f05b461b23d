using CarTOutcomes.Clinical.Model;

namespace CarTOutcomes.Clinical.Study.Reconstruction;

/// <summary>
/// The score of a genome in the continuation: which targets agree (all targets with a formula, followed or not, as
/// <c>cartoutcomes reproduce</c> counts them), how many of them are followed and how many followed headline numbers,
/// and the weighted cost over the followed ones.
/// </summary>
internal sealed class ContinuationScore
{
    /// <param name="cost">The weighted cost.</param>
    /// <param name="agrees">Whether each target agrees.</param>
    /// <param name="headline">Whether each target is a followed headline target (<see cref="IsHeadline"/>).</param>
    /// <param name="followed">Whether each target is followed (not the rejected side of a contradiction).</param>
    public ContinuationScore(double cost, bool[] agrees, bool[] headline, bool[] followed)
    {
        Cost = cost;
        Agrees = agrees;
        for (int k = 0; k < agrees.Length; k++)
        {
            if (!agrees[k]) continue;
            Agreeing++;
            if (followed[k]) FollowedAgreeing++;
            if (headline[k]) HeadlineAgreeing++;
        }
    }

    /// <summary>Σ w · log(1 + miss) over the followed targets (+∞ for a cohort that fails validation).</summary>
    public double Cost { get; }

    /// <summary>Whether each target agrees at its printed precision.</summary>
    public bool[] Agrees { get; }

    /// <summary>Targets that agree, followed or not (the count <c>reproduce</c> gives).</summary>
    public int Agreeing { get; }

    /// <summary>Followed targets that agree.</summary>
    public int FollowedAgreeing { get; }

    /// <summary>Followed headline targets that agree.</summary>
    public int HeadlineAgreeing { get; }

    /// <summary>
    /// Whether a move to <paramref name="candidate"/> is allowed at all from this score: no headline number that agrees
    /// here stops agreeing, the count of agreeing followed numbers does not fall, and neither does the count of all
    /// agreeing numbers. This is what makes the continuation's result never worse than its start. (Counting followed
    /// numbers apart keeps the search from trading a followed number for the rejected side of a contradiction.)
    /// </summary>
    public bool Admits(ContinuationScore candidate, bool[] headline) => Admits(candidate, headline, ContinuationAcceptance.NeverWorse);

    /// <summary>
    /// Whether a move to <paramref name="candidate"/> is allowed under <paramref name="acceptance"/>: never a lost
    /// agreeing headline number nor a cohort that fails validation; under <see cref="ContinuationAcceptance.NeverWorse"/>
    /// also never a falling count of agreeing followed or all numbers.
    /// </summary>
    public bool Admits(ContinuationScore candidate, bool[] headline, ContinuationAcceptance acceptance)
    {
        if (double.IsPositiveInfinity(candidate.Cost)) return false;
        if (acceptance == ContinuationAcceptance.NeverWorse && (candidate.Agreeing < Agreeing || candidate.FollowedAgreeing < FollowedAgreeing)) return false;
        for (int k = 0; k < Agrees.Length; k++)
            if (headline[k] && Agrees[k] && !candidate.Agrees[k]) return false;
        return true;
    }

    /// <summary>Lexicographic order: headline numbers agreeing, then followed numbers, then all numbers, then the lower cost.</summary>
    public int CompareTo(ContinuationScore other)
    {
        if (HeadlineAgreeing != other.HeadlineAgreeing) return HeadlineAgreeing.CompareTo(other.HeadlineAgreeing);
        if (FollowedAgreeing != other.FollowedAgreeing) return FollowedAgreeing.CompareTo(other.FollowedAgreeing);
        if (Agreeing != other.Agreeing) return Agreeing.CompareTo(other.Agreeing);
        return other.Cost.CompareTo(Cost);
    }

    /// <summary>
    /// The study's findings that issue #17 requires (the headline numbers): every number of the abstract, of Figure 1,
    /// of the Results paragraphs on outcomes, on factors of progression and on salvage, and of the Figure 3 captions
    /// (which repeat the salvage numbers); followed ones only (not the rejected side of a contradiction).
    /// </summary>
    public static bool IsHeadline(PublishedTarget t) =>
        t.Followed && (t.Source.StartsWith("Abstract", StringComparison.Ordinal)
        || t.Source.StartsWith("Figure 1", StringComparison.Ordinal)
        || t.Source.StartsWith("Figure 3", StringComparison.Ordinal)
        || t.Source.StartsWith("Results: Outcomes of patients", StringComparison.Ordinal)
        || t.Source.StartsWith("Results: Factors associated with progression", StringComparison.Ordinal)
        || t.Source.StartsWith("Results: Salvage treatments", StringComparison.Ordinal));
}
