using System.Text;
using Microsoft.Data.Analysis;

namespace CarTOutcomes.DataFrames;

/// <summary>
/// Loads a CSV file written by R (or by hand) into a <see cref="DataFrame"/>, reading <c>NA</c> as missing.
/// <c>DataFrame.LoadCsv</c> reads only empty cells as missing and fails on R's <c>NA</c> in a numeric column
/// ("The input string 'NA' was not in a correct format"); this reads the same files R's <c>read.csv</c> reads.
/// </summary>
public static class DataFrameCsv
{
    /// <summary>Loads a comma-separated file with a header row; <c>NA</c> and empty cells are missing (null).</summary>
    /// <param name="path">The file (UTF-8).</param>
    public static DataFrame Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        return DataFrame.LoadCsvFromString(BlankNA(text));
    }

    /// <summary>Rewrites every unquoted cell that is exactly <c>NA</c> as an empty cell; quoted text is kept as written.</summary>
    internal static string BlankNA(string csv)
    {
        var b = new StringBuilder(csv.Length);
        var cell = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        void Flush()
        {
            b.Append(!wasQuoted && cell.ToString() == "NA" ? "" : cell.ToString());
            cell.Clear();
            wasQuoted = false;
        }
        foreach (char c in csv)
        {
            if (quoted)
            {
                cell.Append(c);
                if (c == '"') quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; wasQuoted = true; cell.Append(c); break;
                case ',': Flush(); b.Append(','); break;
                case '\n' or '\r': Flush(); b.Append(c); break;
                default: cell.Append(c); break;
            }
        }
        Flush();
        return b.ToString();
    }
}
