using CarTOutcomes.Survival.Data;

namespace CarTOutcomes.Survival.Formulas;

/// <summary>
/// The left side <c>Surv(time, status)</c> or <c>Surv(start, stop, status)</c> evaluated on every row. Status coding as
/// R's <c>Surv</c>: logical (TRUE = event), or numeric 0/1, or 1/2 with 2 the event when the largest status is 2.
/// Unlike R, which turns any other value into NA with a warning (and the row is then dropped), another value is an
/// error naming the row.
/// </summary>
internal sealed class ResponseValues
{
    private ResponseValues(double[]? start, double[] time, bool?[] status, double[] raw, StatusCoding coding)
    {
        Start = start; Time = time; Status = status; RawStatus = raw; Coding = coding;
    }

    public double[]? Start { get; }
    public double[] Time { get; }
    public bool?[] Status { get; }
    public double[] RawStatus { get; }
    public StatusCoding Coding { get; }

    public static ResponseValues Evaluate(Expr lhs, Evaluator ev, string text, int n, bool competing = false)
    {
        if (lhs is not CallExpr { Function: "Surv" } surv)
            throw new FormulaException(text, lhs.Position, $"the response must be Surv(time, status) or Surv(start, stop, status), not '{lhs.Deparse()}'.");
        var args = surv.Arguments;
        foreach (var a in args)
            if (a.Name is not null and not ("time" or "time2" or "event"))
                throw new FormulaException(text, a.Value.Position, $"Surv() has no argument '{a.Name}' here.");
        if (args.Count is not (2 or 3))
            throw new FormulaException(text, surv.Position, $"Surv() takes (time, status) or (start, stop, status); it has {args.Count} argument{(args.Count == 1 ? "" : "s")}.");
        var times = args.Take(args.Count - 1).Select(a => Times(ev.Evaluate(a.Value), a.Value, text, n)).ToArray();
        var statusExpr = args[^1].Value;
        var (status, raw, coding) = competing
            ? CompetingStatus(ev.Evaluate(statusExpr), statusExpr, text, n)
            : ParseStatus(ev.Evaluate(statusExpr), statusExpr, text, n);
        var start = times.Length == 2 ? times[0] : null;
        var time = times[^1];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(time[i])) continue;
            if (time[i] < 0 && start is null)
                throw new FormulaException(text, args[0].Value.Position, $"data row {i + 1}: the time {RSyntax.FormatNumber(time[i])} is negative.");
            if (start is not null && !double.IsNaN(start[i]) && time[i] <= start[i])
                throw new FormulaException(text, args[1].Value.Position,
                    $"data row {i + 1}: stop {RSyntax.FormatNumber(time[i])} is not after start {RSyntax.FormatNumber(start[i])}; each interval (start, stop] needs stop > start.");
        }
        return new ResponseValues(start, time, status, raw, coding);
    }

    public void MarkMissing(bool[] missing)
    {
        for (int i = 0; i < missing.Length; i++)
            if (double.IsNaN(Time[i]) || Status[i] is null || (Start is not null && double.IsNaN(Start[i]))) missing[i] = true;
    }

    public SurvivalData ToData(int[] rows, double[]? weights)
    {
        var t = rows.Select(i => Time[i]).ToArray();
        var e = rows.Select(i => Status[i]!.Value).ToArray();
        var w = weights is null ? null : rows.Select(i => weights[i]).ToArray();
        return Start is null
            ? SurvivalData.RightCensored(t, e, w)
            : SurvivalData.CountingProcess(rows.Select(i => Start[i]).ToArray(), t, e, w);
    }

    /// <summary>Competing risks: the status is a code (censoring and each cause), kept as it is; only its presence is checked here.</summary>
    private static (bool?[], double[], StatusCoding) CompetingStatus(Value v, Expr e, string text, int n)
    {
        if (v is not NumericValue nv || nv.Length != n)
            throw new FormulaException(text, e.Position, $"the status '{e.Deparse()}' of a competing-risks model must be a numeric code column (0 = censored, 1, 2, ... the causes).");
        return (nv.Values.Select(x => double.IsNaN(x) ? (bool?)null : x != 0).ToArray(), nv.Values, StatusCoding.ZeroOne);
    }

    private static double[] Times(Value v, Expr e, string text, int n) => v switch
    {
        NumericValue nv when nv.Length == n => nv.Values,
        NumericValue => throw new FormulaException(text, e.Position, $"'{e.Deparse()}' is a constant, not a time column."),
        _ => throw new FormulaException(text, e.Position, $"the time '{e.Deparse()}' must be numeric."),
    };

    private static (bool?[], double[], StatusCoding) ParseStatus(Value v, Expr e, string text, int n)
    {
        switch (v)
        {
            case LogicalValue lv when lv.Length == n:
                return (lv.Values, lv.Values.Select(b => b is null ? double.NaN : b.Value ? 1.0 : 0.0).ToArray(), StatusCoding.Logical);
            case NumericValue nv when nv.Length == n:
            {
                double max = nv.Values.Where(x => !double.IsNaN(x)).DefaultIfEmpty(0).Max();
                bool oneTwo = max == 2;
                var status = new bool?[n];
                for (int i = 0; i < n; i++)
                {
                    double x = nv.Values[i];
                    if (double.IsNaN(x)) continue;
                    if (oneTwo ? x is 1 or 2 : x is 0 or 1) status[i] = oneTwo ? x == 2 : x == 1;
                    else
                        throw new FormulaException(text, e.Position,
                            $"data row {i + 1}: status {RSyntax.FormatNumber(x)} is not " + (oneTwo
                                ? "1 (censored) or 2 (event): the largest status is 2, so R's 1/2 coding applies"
                                : "0 (censored) or 1 (event)") +
                            ". For a status with several event types, write the event as an expression, e.g. Surv(time, status == 2).");
                }
                return (status, nv.Values, oneTwo ? StatusCoding.OneTwo : StatusCoding.ZeroOne);
            }
            case TextValue or FactorValue:
                throw new FormulaException(text, e.Position,
                    $"the status '{e.Deparse()}' holds text; write the event as a comparison, e.g. Surv(time, {e.Deparse()} == \"dead\").");
            default:
                throw new FormulaException(text, e.Position, $"'{e.Deparse()}' is a constant, not a status column.");
        }
    }
}
