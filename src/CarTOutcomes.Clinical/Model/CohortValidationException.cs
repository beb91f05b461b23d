namespace CarTOutcomes.Clinical.Model;

/// <summary>One broken rule: which record, which field, which value, and what is wrong.</summary>
/// <param name="Entity">The offending record (a <see cref="Patient"/>, <see cref="CarTInfusion"/>, …), compared by reference to locate its source row.</param>
/// <param name="PatientId">The patient concerned.</param>
/// <param name="Field">The property at fault (e.g. <c>"Day"</c>, <c>"Tocilizumab.StartDay"</c>), or null for the record as a whole.</param>
/// <param name="Value">The offending value as text, or null.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record CohortProblem(object Entity, string PatientId, string? Field, string? Value, string Message)
{
    /// <inheritdoc />
    public override string ToString()
        => $"{Entity.GetType().Name} of patient '{PatientId}'{(Field is null ? "" : $", {Field}")}{(Value is null ? "" : $" = '{Value}'")}: {Message}";
}

/// <summary>Thrown by <see cref="Cohort.Create(CohortInput)"/> with every problem found.</summary>
public sealed class CohortValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The problems, at least one.</param>
    public CohortValidationException(IReadOnlyList<CohortProblem> problems)
        : base($"The cohort has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
        => Problems = problems;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CohortProblem> Problems { get; }
}
