namespace CarTOutcomes.IO.Tabular;

/// <summary>
/// R's <c>survcheck</c> rules for the rows of each subject of a survival file given a subject id (R: <c>id</c>): the
/// rows of one subject, sorted by start, then stop, then row, must each begin at or after the end of the one before.
/// An overlap, including a duplicated interval, is an error naming the subject and both rows; a gap is allowed (as R's
/// <c>coxph</c> allows it). Without start times each subject has one row.
/// </summary>
internal static class SubjectIntervals
{
    /// <summary>
    /// Checks the file rows <paramref name="rows"/> (0-based data rows, those a model uses) and throws a
    /// <see cref="DataValidationException"/> with one issue per problem, located on the later row of the pair.
    /// </summary>
    /// <param name="file">The file, as named in messages.</param>
    /// <param name="idColumn">The id column, as named in messages.</param>
    /// <param name="startName">What names the start times in a message ("'start'", "Surv(start, stop, event)").</param>
    /// <param name="rows">The rows to check (0-based data rows of the file).</param>
    /// <param name="id">The subject of a row.</param>
    /// <param name="start">The start of a row's interval, or null without start times.</param>
    /// <param name="stop">The stop (or follow-up) time of a row.</param>
    /// <param name="lineOf">The line where a row starts.</param>
    public static void Check(string file, string idColumn, string startName, IEnumerable<int> rows, Func<int, string> id,
        Func<int, double>? start, Func<int, double> stop, Func<int, int> lineOf)
    {
        var issues = new IssueList();
        foreach (var subject in rows.GroupBy(id, StringComparer.Ordinal))
        {
            var sorted = subject.OrderBy(i => start?.Invoke(i) ?? 0).ThenBy(stop).ThenBy(i => i).ToArray();
            for (int k = 1; k < sorted.Length; k++)
            {
                int a = sorted[k - 1], b = sorted[k];
                string problem;
                if (start is null)
                    problem = $"one row per subject without {startName} (counting-process data); subject '{id(b)}' also has row {a + 1}";
                else if (start(b) == start(a) && stop(b) == stop(a))
                    problem = $"no duplicated interval; subject '{id(b)}' has ({Show(start(b))}, {Show(stop(b))}] in rows {a + 1} and {b + 1} (R survcheck: duplicate)";
                else if (start(b) < stop(a))
                    problem = $"intervals of one subject that do not overlap; subject '{id(b)}': ({Show(start(b))}, {Show(stop(b))}] overlaps ({Show(start(a))}, {Show(stop(a))}] of row {a + 1} (R survcheck: overlap)";
                else continue;
                issues.Add(new DataIssue(file, b + 1, lineOf(b), idColumn, id(b), problem));
            }
        }
        if (issues.Count > 0) throw new DataValidationException(issues.Kept.OrderBy(x => x.Row).ToArray(), issues.Count);
    }

    private static string Show(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
