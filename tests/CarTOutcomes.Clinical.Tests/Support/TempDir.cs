namespace CarTOutcomes.Clinical.Tests.Support;

/// <summary>
/// A scratch folder under the temporary folder, deleted with everything in it at dispose (<c>using var dir = new
/// TempDir(...)</c>), so a test run leaves nothing behind; optionally seeded with the example cohort. Shared by the
/// test projects that write files (linked into IO, CLI and Presentation tests).
/// </summary>
public sealed class TempDir : IDisposable
{
    /// <summary>A fresh folder named <c>cartoutcomes-</c> and a GUID.</summary>
    public TempDir(bool withExample = false) : this("cartoutcomes-", withExample) { }

    /// <summary>A fresh folder whose name starts with <paramref name="prefix"/> (so a leftover says which test made it).</summary>
    public TempDir(string prefix, bool withExample = false)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (withExample)
            foreach (var f in Directory.GetFiles(ExamplePath, "*.csv")) System.IO.File.Copy(f, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(f)));
    }

    public static string ExamplePath => System.IO.Path.Combine(AppContext.BaseDirectory, "example");

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Replaces the first occurrence of <paramref name="from"/> in a file.</summary>
    public void Edit(string name, string from, string to)
    {
        var text = System.IO.File.ReadAllText(File(name));
        int i = text.IndexOf(from, StringComparison.Ordinal);
        if (i < 0) throw new InvalidOperationException($"'{from}' not in {name}");
        System.IO.File.WriteAllText(File(name), text[..i] + to + text[(i + from.Length)..]);
    }

    public void Dispose()
    {
        // A file still held open (a browser shutting down) must not turn a passing test into a failing one.
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A test class whose every test has its own scratch folder, <see cref="Scratch"/>, deleted when the test ends: xunit
/// makes a new instance of the class for each test and disposes it afterwards. For helpers that hand out files with no
/// scope of their own (a CSV written for one command run).
/// </summary>
public abstract class ScratchTests : IDisposable
{
    protected ScratchTests(string prefix = "cartoutcomes-") => Scratch = new TempDir(prefix);

    /// <summary>This test's scratch folder.</summary>
    protected TempDir Scratch { get; }

    public void Dispose()
    {
        Scratch.Dispose();
        GC.SuppressFinalize(this);
    }
}
