using CarTOutcomes.IO.Cohort;
using CarTOutcomes.IO.Files;

namespace CarTOutcomes.IO.Tests.Files;

/// <summary>Issue 15, data loss: a set of files is written all at once or not at all.</summary>
public class AtomicFolderTests
{
    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);

    private static void Old(TempDir d)
    {
        File.WriteAllText(d.File("a.txt"), "old a");
        File.WriteAllText(d.File("b.txt"), "old b");
        File.WriteAllText(d.File("mine.txt"), "not written by us");
    }

    private static string[] Staging(TempDir d) =>
        Directory.GetDirectories(Path.GetDirectoryName(d.Path)!, $".{Path.GetFileName(d.Path)}.partial-*");

    [Fact]
    public void A_failure_part_way_through_writing_leaves_every_old_file()
    {
        using var d = new TempDir();
        Old(d);
        var before = Snapshot(d.Path);
        var act = () => AtomicFolder.Write(d.Path, s =>
        {
            File.WriteAllText(Path.Combine(s, "a.txt"), "new a");
            throw new IOException("No space left on device");
        });
        act.Should().Throw<OutputException>().WithMessage("*No space left on device*the previous files are unchanged*");
        Snapshot(d.Path).Should().BeEquivalentTo(before);
        Staging(d).Should().BeEmpty();
    }

    [Fact]
    public void Files_that_do_not_validate_are_never_swapped_in()
    {
        using var d = new TempDir();
        Old(d);
        var before = Snapshot(d.Path);
        var act = () => AtomicFolder.Write(d.Path, s => File.WriteAllText(Path.Combine(s, "a.txt"), "bad"),
            s => throw new InvalidDataException("a.txt is bad"));
        act.Should().Throw<InvalidDataException>();
        Snapshot(d.Path).Should().BeEquivalentTo(before);
        Staging(d).Should().BeEmpty();
    }

    [Fact]
    public void Success_replaces_the_written_files_and_keeps_the_others()
    {
        using var d = new TempDir();
        Old(d);
        AtomicFolder.Write(d.Path, s =>
        {
            File.WriteAllText(Path.Combine(s, "a.txt"), "new a");
            File.WriteAllText(Path.Combine(s, "c.txt"), "new c");
        });
        Snapshot(d.Path).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["a.txt"] = "new a", ["b.txt"] = "old b", ["c.txt"] = "new c", ["mine.txt"] = "not written by us",
        });
        Staging(d).Should().BeEmpty();
        Directory.GetDirectories(Path.GetDirectoryName(d.Path)!, $".{Path.GetFileName(d.Path)}.partial-*.old").Should().BeEmpty();
    }

    [Fact]
    public void A_target_that_is_a_file_or_holds_a_folder_in_the_way_is_refused_before_anything_changes()
    {
        using var d = new TempDir();
        Old(d);
        var file = d.File("a.txt");
        var act = () => AtomicFolder.Write(file, s => File.WriteAllText(Path.Combine(s, "x"), "x"));
        act.Should().Throw<OutputException>().WithMessage("*is an existing file*");
        Directory.CreateDirectory(d.File("c.txt"));
        var before = Snapshot(d.Path);
        act = () => AtomicFolder.Write(d.Path, s =>
        {
            File.WriteAllText(Path.Combine(s, "a.txt"), "new a");
            File.WriteAllText(Path.Combine(s, "c.txt"), "new c");
        });
        act.Should().Throw<OutputException>().WithMessage("*c.txt' is a folder*nothing was changed*");
        Snapshot(d.Path).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void CohortCsv_Write_over_a_cohort_with_a_folder_where_a_file_should_be_changes_nothing()
    {
        // The reproduction at the library level: before, four files were rewritten and the cohort broken.
        using var d = new TempDir(withExample: true);
        File.Delete(d.File("salvage.csv"));
        Directory.CreateDirectory(d.File("salvage.csv"));
        var before = Snapshot(d.Path);
        var act = () => CohortCsv.Write(CohortCsv.Load(TempDir.ExamplePath), d.Path, "new");
        act.Should().Throw<OutputException>().WithMessage("*salvage.csv' is a folder*");
        Snapshot(d.Path).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void AtomicFile_replaces_a_file_whole_and_refuses_a_folder()
    {
        using var d = new TempDir();
        File.WriteAllText(d.File("f.svg"), "old");
        AtomicFile.WriteAllText(d.File("f.svg"), "new");
        File.ReadAllText(d.File("f.svg")).Should().Be("new");
        Directory.GetFiles(d.Path).Should().ContainSingle("no temporary file is left");
        var act = () => AtomicFile.WriteAllText(d.Path, "x");
        act.Should().Throw<OutputException>().WithMessage("*is a folder*");
    }
}
