using System.Reflection;
using System.Runtime.CompilerServices;
using CarTOutcomes.Clinical.Model;
using CarTOutcomes.IO.Cohort;
using CarTOutcomes.Survival.TimeDependent;

namespace CarTOutcomes.Clinical.Tests.Model;

/// <summary>Convention (NodaTime MutabilityTest): no public type of the domain, IO or time-dependent engine has a public setter other than init.</summary>
public class ImmutabilityTests
{
    public static TheoryData<string> Assemblies => new() { typeof(Patient).Assembly.FullName!, typeof(CohortCsv).Assembly.FullName!, typeof(TmergeBuilder).Assembly.FullName! };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_public_mutable_properties(string assembly)
    {
        var offenders = Assembly.Load(assembly).GetExportedTypes()
            .Where(t => t.Namespace is not null && (t.Namespace.StartsWith("CarTOutcomes.Clinical") || t.Namespace.StartsWith("CarTOutcomes.IO") || t.Namespace == "CarTOutcomes.Survival.TimeDependent"))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Where(p => p.DeclaringType!.Assembly.FullName == assembly)   // not inherited ones such as Exception.HelpLink
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");
        offenders.Should().BeEmpty();
    }
}
