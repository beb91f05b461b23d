using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using CarTOutcomes.Presentation.Text;

namespace CarTOutcomes.Presentation.Rendering;

/// <summary>
/// Compact HTML of the library's small result types for notebooks: one table row of the public scalar properties,
/// numbers at four significant digits (P values in the default journal style), so that an estimate or a list of
/// coefficients reads as a table rather than an object tree.
/// </summary>
internal static class ResultHtml
{
    /// <summary>A coefficient: name, ratio with its interval, P.</summary>
    public static string Coefficient(string name, double ratio, double lower, double upper, double p, string ratioName)
    {
        var style = NumberStyle.Default;
        return Row("coefficient", ["Term", $"{ratioName} (95% CI)", "P"],
            [name, style.WithInterval(ratio, lower, upper, v => double.IsPositiveInfinity(v) ? "Inf" : style.Ratio(v)), style.P(p)]);
    }

    /// <summary>The public scalar properties of <paramref name="instance"/> as a one-row table (collections show their length).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075",
        Justification = "Notebook display only (a host with the full assemblies); the native command line never renders through it.")]
    public static string Properties(object instance)
    {
        var props = instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        var names = new List<string>();
        var values = new List<string>();
        foreach (var p in props)
        {
            object? v;
            try { v = p.GetValue(instance); }
            catch (TargetInvocationException) { continue; }
            names.Add(p.Name);
            values.Add(Value(p.Name, v));
        }
        return Row(instance.GetType().Name, names, values);
    }

    private static string Value(string name, object? v) => v switch
    {
        null => "",
        double d when name.Contains("PValue", StringComparison.Ordinal) || name == "P" => NumberStyle.Default.P(d),
        double d => Number.Significant(d, 4),
        float f => Number.Significant(f, 4),
        int or long => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
        string s => s,
        bool b => b ? "yes" : "no",
        Enum e => e.ToString(),
        ICollection c => $"[{c.Count} values]",
        IEnumerable => "[values]",
        _ when v.GetType().Namespace?.StartsWith("CarTOutcomes.", StringComparison.Ordinal) == true => v.GetType().Name,
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static string Row(string cssClass, IReadOnlyList<string> names, IReadOnlyList<string> values)
    {
        var sb = new StringBuilder($"<table class=\"cartoutcomes-result {WebUtility.HtmlEncode(cssClass)}\" style=\"font-variant-numeric:tabular-nums\"><thead><tr>");
        foreach (var n in names) sb.Append("<th>").Append(WebUtility.HtmlEncode(n)).Append("</th>");
        sb.Append("</tr></thead><tbody><tr>");
        for (int i = 0; i < values.Count; i++)
            sb.Append(i == 0 ? "<td>" : "<td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(values[i])).Append("</td>");
        return sb.Append("</tr></tbody></table>").ToString();
    }
}
