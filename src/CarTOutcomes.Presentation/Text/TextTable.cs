namespace CarTOutcomes.Presentation.Text;

/// <summary>A plain-text table with right-aligned columns, for terminals.</summary>
public sealed class TextTable
{
    private readonly string[] _header;
    private readonly List<string[]> _rows = new();

    /// <summary>Creates a table with the given column headings.</summary>
    public TextTable(params string[] header) => _header = header;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public TextTable Add(params string[] cells)
    {
        if (cells.Length != _header.Length)
            throw new ArgumentException($"The row has {cells.Length} cells for {_header.Length} columns.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the table.</summary>
    public void Write(TextWriter writer)
    {
        var widths = _header.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        writer.WriteLine(string.Join("  ", _header.Select((h, i) => h.PadLeft(widths[i]))));
        foreach (var r in _rows)
            writer.WriteLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))));
    }
}
