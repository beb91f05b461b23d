using System.Text.Json;
using CarTOutcomes.Cli.Tests.Commands;

namespace CarTOutcomes.Cli.Tests.BadInput;

/// <summary>
/// The malformed-input corpus (<c>BadInput/corpus</c>, described in <c>BadInput/corpus/README.md</c>): every file
/// must make <c>cartoutcomes km</c> exit with code 2, print nothing on standard output and print exactly the lines of
/// its <c>.expected.txt</c> on standard error, with the file's path written as <c>{file}</c>. The files under
/// <c>accepted/</c> hold the same data as <c>accepted/reference.csv</c> in other legal spellings and must give the
/// same result.
/// </summary>
public class BadInputCorpusTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "BadInput", "corpus");

    public static TheoryData<string> BadFiles() => new(BadNames());

    public static TheoryData<string> AcceptedFiles() => new(AcceptedNames());

    private static string[] BadNames() =>
        Directory.GetFiles(Corpus, "*.csv").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private static string[] AcceptedNames() =>
        Directory.GetFiles(Path.Combine(Corpus, "accepted"), "*.csv").Select(f => Path.GetFileName(f)!)
            .Where(n => n != "reference.csv").Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_file_exits_2_with_exactly_the_expected_message(string name)
    {
        var path = Path.Combine(Corpus, name);
        var (code, stdout, stderr) = CliRunner.Run(["km", "--input", path, .. Arguments(path), "--json"]);
        var actual = stderr.Replace(path, "{file}");
        var expectedPath = Path.ChangeExtension(path, ".expected.txt");
        if (Environment.GetEnvironmentVariable("CARTOUTCOMES_WRITE_EXPECTED") == "1") // to add a case: write, then review by eye
            File.WriteAllText(Path.Combine(SourceCorpus(), Path.GetFileName(expectedPath)), actual);
        File.Exists(expectedPath).Should().BeTrue($"every corpus file has an expected message ({expectedPath})");
        code.Should().Be(2, actual);
        stdout.Should().BeEmpty();
        actual.Should().Be(File.ReadAllText(expectedPath));
        stderr.Should().NotContain("   at ", "no stack trace for bad input").And.NotContain("internal error");
    }

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Accepted_spelling_gives_the_reference_result(string name)
    {
        static string Km(string path)
        {
            var (code, stdout, stderr) = CliRunner.Run("km", "--input", path, "--time", "time", "--event", "status", "--json");
            code.Should().Be(0, stderr);
            stderr.Should().BeEmpty();
            return stdout;
        }
        string reference = Km(Path.Combine(Corpus, "accepted", "reference.csv"));
        using (var doc = JsonDocument.Parse(reference))
            doc.RootElement.GetProperty("groups")[0].GetProperty("n").GetInt32().Should().Be(5);
        Km(Path.Combine(Corpus, "accepted", name)).Should().Be(reference);
    }

    [Fact]
    public void Corpus_covers_the_cases_of_issue_9()
    {
        var names = BadNames();
        names.Should().Contain(["missing-column.csv", "semicolon-delimiter.csv", "bom-then-bad-value.csv",
            "quoted-newline-then-bad-value.csv", "empty-file.csv", "header-only.csv", "non-numeric-time.csv",
            "negative-time.csv", "stop-not-after-start.csv", "event-code-outside-0-1.csv", "nan-infinity.csv",
            "latin1-values.csv", "duplicate-header.csv"]);
        AcceptedNames().Should().Contain(["bom.csv", "extra-unknown-column.csv", "quoted-newlines.csv"]);
    }

    /// <summary>The command's column options: the <c>.args</c> file beside the CSV, else <c>--time time --event status</c>.</summary>
    private static string[] Arguments(string csv)
    {
        var args = Path.ChangeExtension(csv, ".args");
        return File.Exists(args)
            ? File.ReadAllText(args).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            : ["--time", "time", "--event", "status"];
    }

    private static string SourceCorpus([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "corpus");
}
