namespace CarTOutcomes.IO.Tests;

/// <summary>A scratch folder deleted at dispose; optionally seeded with the example cohort.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(bool withExample = false)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cartoutcomes-" + Guid.NewGuid().ToString("N"));
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
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
