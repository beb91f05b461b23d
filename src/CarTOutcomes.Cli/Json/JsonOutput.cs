using System.Text;
using System.Text.Json;

namespace CarTOutcomes.Cli.Json;

/// <summary>
/// Writes the command line's JSON contract. Field names are fixed by the issues that define each command and must
/// not change. A number that does not exist (R's NA, NaN or an infinite limit) is written as <c>null</c>.
/// </summary>
internal static class JsonOutput
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            body(w);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Number(this Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    /// <summary>An array of numbers; with a null name, an unnamed array (an element of an enclosing array).</summary>
    public static void Numbers(this Utf8JsonWriter w, string? name, IReadOnlyList<double> values)
    {
        if (name is null) w.WriteStartArray();
        else w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }
}
