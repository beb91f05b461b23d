using System.Text;

namespace CarTOutcomes.IO.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of a valid CSV file, as an attacker or a damaged export would make them: bytes flipped, cells
/// swapped, rows cut, quotes unbalanced, encodings changed, extreme values put in. Shared by the reader fuzz test
/// (IO.Tests) and the command fuzz test (Cli.Tests, linked).
/// </summary>
internal static class CsvMutator
{
    private static readonly string[] Extremes =
        ["", "NA", "na", " ", "-0", "1e308", "-1e308", "1e-320", "NaN", "Inf", "-Infinity", "0x10", "1,5", "１２", "\u00A0", "٣",
         "99999999999999999999999", "=HYPERLINK(\"http://e\")", "\"", "\0", "5\0", "\t", "2099-01-01", "1900-02-30", "Smith, John",
         "1234567", "<script>alert(1)</script>", "[x](javascript:alert(3))", new string('9', 400), "-", "+", "@"];

    private static readonly byte[] Special = [0, (byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)';', (byte)'\t', 0xFF, 0xC3, 0x80, (byte)'#', (byte)'-'];

    /// <summary>One mutation of <paramref name="csv"/>; <paramref name="what"/> says which, for the failure message.</summary>
    public static byte[] Mutate(byte[] csv, Random rng, out string what)
    {
        int kind = rng.Next(9);
        switch (kind)
        {
            case 0: what = "bytes flipped"; return FlipBytes(csv, rng);
            case 1: what = "cells swapped"; return Lines(csv, rng, SwapCells);
            case 2: what = "rows cut"; return CutRows(csv, rng);
            case 3: what = "quote unbalanced"; return Insert(csv, rng.Next(csv.Length + 1), [(byte)'"']);
            case 4: what = "encoding changed"; return Reencode(csv, rng, out what);
            case 5: what = "extreme value"; return Lines(csv, rng, (cells, r) => cells[r.Next(cells.Length)] = Quote(Extremes[r.Next(Extremes.Length)]));
            case 6: what = "row duplicated or a cell added"; return Lines(csv, rng, (cells, r) => cells[r.Next(cells.Length)] += r.Next(2) == 0 ? "," : ",x,y");
            case 7: what = "truncated"; return csv[..rng.Next(csv.Length + 1)];
            default:
                what = "several mutations";
                var m = csv;
                for (int i = 0, n = 2 + rng.Next(3); i < n; i++) m = Mutate(m, rng, out _);
                return m;
        }
    }

    private static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private static byte[] FlipBytes(byte[] csv, Random rng)
    {
        var b = (byte[])csv.Clone();
        if (b.Length == 0) return [Special[rng.Next(Special.Length)]];
        for (int i = 0, n = 1 + rng.Next(4); i < n; i++)
            b[rng.Next(b.Length)] = rng.Next(2) == 0 ? Special[rng.Next(Special.Length)] : (byte)rng.Next(256);
        return b;
    }

    private static byte[] Insert(byte[] csv, int at, byte[] what) => [.. csv[..at], .. what, .. csv[at..]];

    private static byte[] CutRows(byte[] csv, Random rng)
    {
        var lines = Encoding.UTF8.GetString(csv).Split('\n').ToList();
        for (int i = 0, n = 1 + rng.Next(3); i < n && lines.Count > 0; i++)
        {
            int at = rng.Next(lines.Count);
            if (rng.Next(2) == 0) lines.RemoveAt(at);
            else lines[at] = lines[at][..rng.Next(lines[at].Length + 1)];
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>Applies <paramref name="edit"/> to the comma-split cells of one random line (quotes ignored on purpose).</summary>
    private static byte[] Lines(byte[] csv, Random rng, Action<string[], Random> edit)
    {
        var lines = Encoding.UTF8.GetString(csv).Split('\n');
        if (lines.Length == 0) return csv;
        int at = rng.Next(lines.Length);
        var cells = lines[at].Split(',');
        edit(cells, rng);
        lines[at] = string.Join(',', cells);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static void SwapCells(string[] cells, Random rng)
    {
        int a = rng.Next(cells.Length), b = rng.Next(cells.Length);
        (cells[a], cells[b]) = (cells[b], cells[a]);
    }

    private static byte[] Reencode(byte[] csv, Random rng, out string what)
    {
        var text = Encoding.UTF8.GetString(csv);
        switch (rng.Next(5))
        {
            case 0: what = "UTF-16 LE with BOM"; return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
            case 1: what = "UTF-16 BE without BOM"; return Encoding.BigEndianUnicode.GetBytes(text);
            case 2: what = "Latin-1"; return Encoding.Latin1.GetBytes(text.Replace("a", "ä").Replace("e", "é"));
            case 3: what = "UTF-8 BOM twice"; return [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. csv];
            default: what = "CR line ends"; return Encoding.UTF8.GetBytes(text.Replace('\n', '\r'));
        }
    }
}
