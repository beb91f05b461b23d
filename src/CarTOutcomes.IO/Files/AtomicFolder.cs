namespace CarTOutcomes.IO.Files;

/// <summary>
/// Writes a set of files into a folder all at once or not at all: a failure part way (a full disk, a folder where a
/// file should be, a crash) leaves the previous files exactly as they were, never a mix of old and new.
/// </summary>
/// <remarks>
/// <para>How: the files are first written into a new folder beside the target (<c>.NAME.partial-XXXX</c>, on the same
/// file system so that moves are renames), then checked by the caller's <c>validate</c> (the cohort writer reads them
/// back through its validating reader). Only then are they moved into the target, one rename per file; each file
/// they replace is first moved aside, and if any rename fails every file is put back. Files of the target that are
/// not written are left alone. The staging folders are removed in every case.</para>
/// <para>Refused before anything is written, with a sentence (an <see cref="OutputException"/>): a target that is an
/// existing file, and a written name that is an existing folder in the target.</para>
/// </remarks>
public static class AtomicFolder
{
    /// <summary>Writes the files made by <paramref name="write"/> into <paramref name="target"/> (created if needed), all or nothing.</summary>
    /// <param name="target">The folder to write into.</param>
    /// <param name="write">Writes the files into the folder it is given (a new, empty staging folder).</param>
    /// <param name="validate">Checks the staged files and throws when they are not right; null for no check.</param>
    /// <exception cref="OutputException">The target cannot be written; nothing was changed.</exception>
    public static void Write(string target, Action<string> write, Action<string>? validate = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(target);
        if (File.Exists(full)) throw new OutputException($"'{target}' is an existing file; give a folder to write into (it is created if needed).");
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full)) ?? full;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(full));
        var staging = Path.Combine(parent, $".{name}.partial-{Guid.NewGuid().ToString("N")[..12]}");
        var aside = staging + ".old";
        try
        {
            try
            {
                Directory.CreateDirectory(staging);
                write(staging);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputException($"writing into '{target}' failed ({e.Message}); the previous files are unchanged.", e);
            }
            validate?.Invoke(staging);
            SwapIn(target, full, staging, aside);
            TryDelete(aside, evenWithFiles: true); // the replaced files, no longer needed
        }
        finally
        {
            TryDelete(staging, evenWithFiles: true);
            TryDelete(aside, evenWithFiles: false); // after a failed restore it holds the only copy of a file: kept
        }
    }

    /// <summary>Moves every staged file into the target; on any failure puts every replaced file back.</summary>
    private static void SwapIn(string target, string full, string staging, string aside)
    {
        var files = Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(staging, f)).ToArray();
        foreach (var f in files)
            if (Directory.Exists(Path.Combine(full, f)))
                throw new OutputException($"'{Path.Combine(target, f)}' is a folder, where the file {f} is to be written; move it away and run again (nothing was changed).");
        var moved = new List<(string Relative, bool HadOld)>();
        try
        {
            Directory.CreateDirectory(full);
            foreach (var f in files)
            {
                var to = Path.Combine(full, f);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                bool hadOld = File.Exists(to);
                if (hadOld)
                {
                    var keep = Path.Combine(aside, f);
                    Directory.CreateDirectory(Path.GetDirectoryName(keep)!);
                    File.Move(to, keep);
                }
                moved.Add((f, hadOld));
                File.Move(Path.Combine(staging, f), to);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Restore(full, aside, moved);
            throw new OutputException($"writing into '{target}' failed ({e.Message}); the previous files were put back.", e);
        }
    }

    private static void Restore(string full, string aside, List<(string Relative, bool HadOld)> moved)
    {
        foreach (var (f, hadOld) in Enumerable.Reverse(moved))
        {
            var to = Path.Combine(full, f);
            try
            {
                if (File.Exists(to)) File.Delete(to); // the new file, when it was moved in
                if (hadOld) File.Move(Path.Combine(aside, f), to);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the replaced file stays in the .old folder beside the target, which is then kept.
            }
        }
    }

    private static void TryDelete(string dir, bool evenWithFiles)
    {
        try
        {
            if (Directory.Exists(dir) && (evenWithFiles || Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Length == 0))
                Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving a hidden staging folder behind is harmless; the target is what matters.
        }
    }
}

/// <summary>
/// Writes one file all at once or not at all: the text goes to a new file beside the target, which then replaces
/// the target in one rename. A failure leaves the previous file (or no file) as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> in UTF-8 without a byte order mark.</summary>
    /// <param name="path">The file.</param>
    /// <param name="text">Its content.</param>
    /// <exception cref="OutputException">The file cannot be written; nothing was changed.</exception>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        if (Directory.Exists(path)) throw new OutputException($"'{path}' is a folder; give the path of a file to write.");
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temp, text, new System.Text.UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"writing '{path}' failed ({e.Message}); the previous file is unchanged.", e);
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a stray hidden temp file is harmless */ }
        }
    }
}

/// <summary>An output (a file or folder to write) cannot be written; the message is a sentence for the user.</summary>
public sealed class OutputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be written and why, as a sentence.</param>
    public OutputException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What cannot be written and why, as a sentence.</param>
    /// <param name="inner">The underlying error.</param>
    public OutputException(string message, Exception inner) : base(message, inner)
    {
    }
}
