using CarTOutcomes.Survival.Data;
using CarTOutcomes.Survival.Progress;

namespace CarTOutcomes.IO.Tabular;

/// <summary>Which columns of a CSV file hold a survival outcome and its grouping.</summary>
/// <param name="Time">Follow-up (or stop) time column.</param>
/// <param name="Event">Event indicator column, coded 0 (censored) / 1 (event).</param>
/// <param name="Entry">Optional entry (start) time column for delayed entry or (start, stop] rows.</param>
/// <param name="Group">Optional group column.</param>
/// <param name="Strata">Optional strata column.</param>
/// <param name="Weights">Optional case-weight column.</param>
/// <param name="Covariates">Optional numeric covariate columns (e.g. for a Cox model).</param>
/// <param name="Cluster">Optional column of cluster (subject) identifiers for a robust variance.</param>
/// <param name="EventCodes">
/// Allowed codes of the event column. Null means 0 (censored) / 1 (event); a competing-risks status column lists its
/// codes here (censoring code first).
/// </param>
/// <param name="Id">
/// Optional column of subject identifiers (R: <c>id</c>), used to check the data as R's <c>survcheck</c> does: with
/// <see cref="Entry"/>, one subject's (start, stop] intervals must not overlap (a duplicated interval is an overlap);
/// without it, each subject has one row. The ids are returned in <see cref="SurvivalTable.Ids"/>; for a Cox model they
/// change no coefficient, but (as R's <c>coxph(..., id = id)</c>, survival 3.5) when a subject has more than one event
/// they switch on the robust variance clustered on the subject.
/// </param>
public sealed record SurvivalColumns(string Time, string Event, string? Entry = null, string? Group = null,
    string? Strata = null, string? Weights = null, IReadOnlyList<string>? Covariates = null, string? Cluster = null,
    IReadOnlyList<double>? EventCodes = null, string? Id = null);

/// <summary>A survival outcome read from CSV, after R-style removal of rows with missing values.</summary>
/// <param name="Data">The outcomes.</param>
/// <param name="Groups">Group label per row, or null.</param>
/// <param name="Strata">Stratum label per row, or null.</param>
/// <param name="SourceRows">For each kept row, its 1-based data row in the file.</param>
/// <param name="DroppedRows">1-based data rows dropped because a used column was missing (R: <c>na.action = na.omit</c>).</param>
/// <param name="Covariates">One array per requested covariate column, in the order asked for (empty when none).</param>
/// <param name="Cluster">Cluster label per row, or null.</param>
/// <param name="Status">The event column's codes per row (the raw status of competing-risks data).</param>
/// <param name="EventCodedOneTwo">True when the event column used R's 1/2 coding (its largest value is 2: 2 = event,
/// 1 = censored), as R's <c>Surv</c> reads it.</param>
/// <param name="Ids">Subject id per row when <see cref="SurvivalColumns.Id"/> was given, or null (for
/// <see cref="SurvivalData.WithIds"/>: R's <c>coxph</c> uses them for its robust-variance default).</param>
public sealed record SurvivalTable(SurvivalData Data, IReadOnlyList<string>? Groups, IReadOnlyList<string>? Strata,
    IReadOnlyList<int> SourceRows, IReadOnlyList<int> DroppedRows, IReadOnlyList<double[]> Covariates,
    IReadOnlyList<string>? Cluster, IReadOnlyList<double> Status, bool EventCodedOneTwo = false,
    IReadOnlyList<string>? Ids = null);

/// <summary>Loads survival outcomes from a CSV file, checking every value.</summary>
public static class SurvivalCsv
{
    /// <summary>
    /// Reads the named columns. Rows with a missing value in any used column are dropped and counted (as R's
    /// <c>na.omit</c>). Every other problem — an unknown column, a time that is not a number or is negative, an
    /// event code other than 0/1, an entry not before its exit, a negative weight — is collected and reported
    /// together in a <see cref="DataValidationException"/>.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    public static SurvivalTable Load(string path, SurvivalColumns columns) => Load(path, columns, null);

    /// <summary>
    /// Reads the named columns as <see cref="Load(string, SurvivalColumns)"/> does, reporting how much of the file
    /// has been read and stopping when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    /// <param name="progress">Receives the fraction of the file read; may be null.</param>
    /// <param name="cancellationToken">Cancels the reading (an <see cref="OperationCanceledException"/>).</param>
    public static SurvivalTable Load(string path, SurvivalColumns columns, IProgress<ProgressReport>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var requests = new List<ColumnRequest> { new(columns.Time, ColumnKind.Number), new(columns.Event, ColumnKind.Number) };
        if (columns.Entry is not null) requests.Add(new(columns.Entry, ColumnKind.Number));
        if (columns.Weights is not null) requests.Add(new(columns.Weights, ColumnKind.Number));
        if (columns.Group is not null) requests.Add(new(columns.Group, ColumnKind.Text));
        if (columns.Strata is not null) requests.Add(new(columns.Strata, ColumnKind.Text));
        if (columns.Cluster is not null) requests.Add(new(columns.Cluster, ColumnKind.Text));
        if (columns.Id is not null) requests.Add(new(columns.Id, ColumnKind.Text));
        foreach (var c in columns.Covariates ?? []) requests.Add(new(c, ColumnKind.Number));
        var clash = requests.GroupBy(r => r.Name).FirstOrDefault(g => g.Select(r => r.Kind).Distinct().Count() > 1);
        if (clash is not null)
            throw new DataValidationException([new DataIssue(path, 0, 0, clash.Key, "",
                $"a column used either as numbers (time, event, entry, weights, covariates) or as labels (group, strata, cluster, id), not both: '{clash.Key}' is given as both")]);
        var table = ColumnTable.Read(path, requests.DistinctBy(r => r.Name).ToArray(), progress, cancellationToken);
        return Build(table, columns);
    }

    private static SurvivalTable Build(ColumnTable table, SurvivalColumns columns)
    {
        if (table.RowCount == 0 && table.IssueCount == 0)
            throw new DataValidationException([new DataIssue(table.File, 0, 0, "", "", "at least one data row; the file has a header but no data rows")]);
        bool oneTwo = columns.EventCodes is null && IsOneTwo(table, columns.Event);
        var (kept, dropped) = Check(table, columns, oneTwo);
        if (kept.Length == 0)
            throw new DataValidationException([new DataIssue(table.File, 0, 0, "", "", "at least one complete row; every row has a missing value in a column used")]);
        if (columns.Id is not null) CheckSubjects(table, columns, kept);
        var evt = table.NumberArray(columns.Event);
        var codes = columns.EventCodes ?? (oneTwo ? [1, 2] : [0, 1]);
        double[] Pick(string c) => Subset(table.NumberArray(c), kept);
        string[] PickText(string c) => kept.Select(i => table.Texts(c)[i]!).ToArray();
        var status = new bool[kept.Length];
        for (int k = 0; k < kept.Length; k++) status[k] = evt[kept[k]] != codes[0];
        double[]? weight = columns.Weights is null ? null : Pick(columns.Weights);
        var data = columns.Entry is null
            ? SurvivalData.RightCensored(Pick(columns.Time), status, weight)
            : SurvivalData.CountingProcess(Pick(columns.Entry), Pick(columns.Time), status, weight);
        return new SurvivalTable(data,
            columns.Group is null ? null : PickText(columns.Group),
            columns.Strata is null ? null : PickText(columns.Strata),
            new KeptRows(kept), dropped,
            (columns.Covariates ?? []).Select(Pick).ToArray(),
            columns.Cluster is null ? null : PickText(columns.Cluster),
            Pick(columns.Event), oneTwo,
            columns.Id is null ? null : PickText(columns.Id));
    }

    /// <summary>R's <c>Surv</c> rule: a 0/1 event column unless its largest value is 2, when 1/2 coding (2 = event) applies.</summary>
    private static bool IsOneTwo(ColumnTable table, string column)
    {
        var evt = table.NumberArray(column);
        double max = double.NegativeInfinity;
        foreach (var x in evt) if (!double.IsNaN(x) && x > max) max = x;
        return max == 2;
    }

    /// <summary>
    /// Checks every complete row and returns the 0-based rows kept and the 1-based rows dropped for missing values;
    /// throws with every problem (those of the reader first found, in row order) when there is any.
    /// </summary>
    private static (int[] Kept, List<int> Dropped) Check(ColumnTable table, SurvivalColumns columns, bool oneTwo)
    {
        var issues = new IssueList();
        foreach (var i in table.Issues) issues.Add(i);
        var badRows = table.Issues.Select(i => i.Row).ToHashSet();
        var time = table.NumberArray(columns.Time);
        var evt = table.NumberArray(columns.Event);
        var entry = columns.Entry is null ? null : table.NumberArray(columns.Entry);
        var weight = columns.Weights is null ? null : table.NumberArray(columns.Weights);
        var codes = (columns.EventCodes ?? (oneTwo ? [1, 2] : [0, 1])).ToArray();
        PositiveZero(time);
        if (entry is not null) PositiveZero(entry);
        var kept = new ChunkedColumn<int>();
        var dropped = new List<int>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (badRows.Contains(i + 1)) continue; // already reported; never dropped as if missing
            if (table.HasMissing(i)) { dropped.Add(i + 1); continue; }
            int before = issues.Count;
            void Bad(string column, double value, string expected) =>
                issues.Add(new DataIssue(table.File, i + 1, table.LineOf(i), column, Show(value), expected));
            if (time[i] < 0) Bad(columns.Time, time[i], "a non-negative time");
            if (Array.IndexOf(codes, evt[i]) < 0)
                Bad(columns.Event, evt[i], columns.EventCodes is null
                    ? oneTwo
                        ? "an event code of 1 (censored) or 2 (event): the column's largest code is 2, so R's 1/2 coding applies"
                        : "an event code of 0 (censored) or 1 (event)"
                    : $"one of the declared status codes {string.Join(", ", codes.Select(Show))} (censoring code {Show(codes[0])})");
            if (entry is not null && !(entry[i] < time[i]))
                Bad(columns.Entry!, entry[i], $"an entry time before the exit time {Show(time[i])} in '{columns.Time}'");
            if (weight is not null && weight[i] < 0) Bad(columns.Weights!, weight[i], "a non-negative case weight");
            if (issues.Count == before) kept.Add(i);
        }
        int overLimit = issues.Count - issues.Kept.Count + (table.IssueCount - table.Issues.Count);
        if (issues.Count > 0 || table.IssueCount > 0)
            throw new DataValidationException(issues.Kept.OrderBy(x => x.Row).ToArray(), issues.Kept.Count + overLimit);
        return (kept.ToArrayAndClear(), dropped);
    }

    /// <summary>R's <c>survcheck</c> rules for each subject's rows (see <see cref="SubjectIntervals"/>).</summary>
    private static void CheckSubjects(ColumnTable table, SurvivalColumns columns, int[] kept)
    {
        var ids = table.Texts(columns.Id!);
        var time = table.NumberArray(columns.Time);
        var entry = columns.Entry is null ? null : table.NumberArray(columns.Entry);
        SubjectIntervals.Check(table.File, columns.Id!, $"'{columns.Entry ?? "--start"}'", kept, i => ids[i]!,
            entry is null ? null : i => entry[i], i => time[i], table.LineOf);
    }

    /// <summary>A time of -0 is a time of 0: it is stored as +0 so that no output echoes "-0" as a time.</summary>
    internal static void PositiveZero(double[] times)
    {
        for (int i = 0; i < times.Length; i++) if (times[i] == 0) times[i] = 0;
    }

    private static double[] Subset(double[] column, int[] rows)
    {
        if (rows.Length == column.Length) return column; // nothing dropped: the rows are 0..n-1
        var picked = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++) picked[k] = column[rows[k]];
        return picked;
    }

    private static string Show(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 1-based file rows of the kept rows, computed on demand rather than stored.</summary>
    private sealed class KeptRows(int[] kept) : IReadOnlyList<int>
    {
        public int this[int index] => kept[index] + 1;
        public int Count => kept.Length;
        public IEnumerator<int> GetEnumerator() => kept.Select(k => k + 1).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
