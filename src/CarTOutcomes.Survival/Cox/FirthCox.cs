namespace CarTOutcomes.Survival.Cox;

internal static class FirthCox
{
    public static CoxFit Fit(CoxDesign d, IReadOnlyList<string> names, CoxOptions o) => throw new NotImplementedException();
}
