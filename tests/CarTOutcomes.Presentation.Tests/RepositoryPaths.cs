namespace CarTOutcomes.Presentation.Tests;

/// <summary>Paths in the source tree, for tests that run the repository's own commands, docs and data.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder that holds CarTOutcomes.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root.</summary>
    public static string Under(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CarTOutcomes.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CarTOutcomes.sln not found above " + AppContext.BaseDirectory);
    }
}
