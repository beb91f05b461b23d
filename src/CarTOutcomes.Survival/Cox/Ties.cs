namespace CarTOutcomes.Survival.Cox;

/// <summary>How tied event times enter the partial likelihood (R: <c>coxph(ties=)</c>).</summary>
public enum Ties
{
    /// <summary>Efron's approximation (R: <c>ties = "efron"</c>, the default): the d tied deaths leave the risk set in d equal steps.</summary>
    Efron,

    /// <summary>Breslow's approximation (R: <c>ties = "breslow"</c>): every tied death sees the full risk set.</summary>
    Breslow,
}
