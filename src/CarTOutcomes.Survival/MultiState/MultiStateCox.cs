using CarTOutcomes.Survival.Cox;
using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.MultiState;

/// <summary>
/// Transition-specific Cox models of a multi-state model: one proportional-hazards model per observed transition
/// j → k, fitted on the rows at risk in state j with the transition to k as the event and every other exit as
/// censoring. R: <c>coxph(Surv(tstart, tstop, state) ~ x, id = id, istate = istate)</c> (survival 3.5, a
/// <c>coxphms</c> fit with its default of one coefficient per covariate and transition).
/// </summary>
/// <remarks>
/// R fits all transitions at once as one model stratified by transition; with separate coefficients per transition
/// its partial likelihood is the product of the transitions' likelihoods, so the estimates are those of the separate
/// fits. R's default variance for multi-state data with an id is the robust one clustered by subject; its blocks on
/// the diagonal are the robust variances of the separate fits with the subject as the cluster, which is what each
/// <see cref="TransitionCox.Fit"/> reports (the covariances between transitions are not reported).
/// </remarks>
public static class MultiStateCox
{
    /// <summary>Fits one Cox model per observed transition, in R's order (by target state, then source state).</summary>
    /// <param name="data">The multi-state data; its groups are ignored.</param>
    /// <param name="covariates">One numeric column per covariate, one value per row of <paramref name="data"/> (as given).</param>
    /// <param name="names">Covariate names.</param>
    /// <param name="ties">Tie handling (R: <c>ties</c>, default Efron).</param>
    public static IReadOnlyList<TransitionCox> Fit(MultiStateData data, IReadOnlyList<IReadOnlyList<double>> covariates,
        IReadOnlyList<string> names, Ties ties = Ties.Efron)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var c in covariates)
            if (c.Count != data.Count)
                throw new ArgumentException($"A covariate has {c.Count} values for {data.Count} rows.", nameof(covariates));
        var subject = new string[data.Count];
        for (int s = 0; s < data.SubjectRowIndex.Length; s++)
            foreach (var r in data.SubjectRowIndex[s]) subject[r] = data.Subjects[s];
        var transitions = Enumerable.Range(0, data.Count).Where(r => data.To[r] >= 0)
            .Select(r => (From: data.From[r], To: data.To[r])).Distinct()
            .OrderBy(t => t.To).ThenBy(t => t.From).ToArray();
        var result = new List<TransitionCox>();
        foreach (var (from, to) in transitions)
        {
            var rows = Enumerable.Range(0, data.Count).Where(r => data.From[r] == from).ToArray();
            var outcome = SurvivalData.CountingProcess(rows.Select(r => data.StartTimes[r]).ToArray(),
                rows.Select(r => data.StopTimes[r]).ToArray(), rows.Select(r => data.To[r] == to).ToArray())
                .WithIds(rows.Select(r => subject[r]).ToArray());
            var x = covariates.Select(c => (IReadOnlyList<double>)rows.Select(r => c[r]).ToArray()).ToArray();
            var options = new CoxOptions { Ties = ties, Robust = true }; // clustered by the ids
            var fit = CoxModel.Fit(outcome, x, names, options);
            result.Add(new TransitionCox(data.States[from], data.States[to], rows.Count(r => data.To[r] == to), fit));
        }
        return result;
    }
}

/// <summary>The Cox model of one transition.</summary>
/// <param name="From">The state left.</param>
/// <param name="To">The state entered.</param>
/// <param name="Events">Number of such transitions.</param>
/// <param name="Fit">The fit, with the robust variance clustered by subject.</param>
public sealed record TransitionCox(string From, string To, int Events, CoxResult Fit);
