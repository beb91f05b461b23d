namespace CarTOutcomes.Presentation.Tests;

/// <summary>
/// Compares rendered output with a committed file in <c>golden/</c> (copied beside the test assembly).
/// With the environment variable <c>UPDATE_GOLDEN=1</c> the test instead rewrites the file in the source tree;
/// review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void Check(string name, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), name), actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "golden", name);
        File.Exists(path).Should().BeTrue($"the golden file {name} must be committed; create it with UPDATE_GOLDEN=1 dotnet test");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        actual.Should().Be(expected, $"the output must match {name}; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff");
    }

    /// <summary>The golden folder in the source tree, found by walking up from the test assembly.</summary>
    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "CarTOutcomes.Presentation.Tests", "golden");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/CarTOutcomes.Presentation.Tests/golden was not found above " + AppContext.BaseDirectory);
    }
}
