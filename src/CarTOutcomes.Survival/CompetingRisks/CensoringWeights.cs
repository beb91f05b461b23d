namespace CarTOutcomes.Survival.CompetingRisks;

/// <summary>
/// The Kaplan–Meier estimate of the censoring distribution G within each censoring group, read at t− exactly as
/// <c>crr</c> reads it: <c>approx(c(min(0, u$time) − 10ε, u$time, max(u$time)(1 + 10ε)), c(1, u$surv, 0),
/// xout = t(1 − 100ε), method = "constant", rule = 2)</c> with u = <c>survfit(Surv(ftime, cenind) ~ 1)</c> of the group.
/// So G(t−) is the KM just before t, 1 before the first time, and 0 beyond the group's last time; at t = 0 the KM at 0.
/// </summary>
internal sealed class CensoringWeights
{
    private const double Eps = 2.220446049250313e-16; // R's .Machine$double.eps
    private readonly double[][] _knots, _values;

    /// <param name="time">Times sorted ascending.</param>
    /// <param name="censored">True where the row is censored.</param>
    /// <param name="group">Censoring group of each row, 0..groups−1.</param>
    /// <param name="groups">Number of groups.</param>
    public CensoringWeights(double[] time, bool[] censored, int[] group, int groups)
    {
        _knots = new double[groups][];
        _values = new double[groups][];
        for (int g = 0; g < groups; g++) Build(time, censored, group, g);
    }

    private void Build(double[] time, bool[] censored, int[] group, int g)
    {
        var rows = Enumerable.Range(0, time.Length).Where(i => group[i] == g).ToArray();
        var knots = new List<double> { Math.Min(0, time[rows[0]]) - 10 * Eps };
        var values = new List<double> { 1 };
        double n = rows.Length, km = 1;
        for (int p = 0; p < rows.Length;)
        {
            double t = time[rows[p]];
            int q = p, c = 0;
            for (; q < rows.Length && time[rows[q]] == t; q++) if (censored[rows[q]]) c++;
            km *= (n - c) / n;
            n -= q - p;
            knots.Add(t);
            values.Add(km);
            p = q;
        }
        knots.Add(time[rows[^1]] * (1 + 10 * Eps));
        values.Add(0);
        _knots[g] = knots.ToArray();
        _values[g] = values.ToArray();
    }

    /// <summary>G_g(t−) as crr computes it.</summary>
    public double Before(int g, double t)
    {
        double x = t * (1 - 100 * Eps);
        var k = _knots[g];
        if (x < k[0]) return _values[g][0];
        int idx = Array.BinarySearch(k, x);
        int i = idx >= 0 ? LastEqual(k, idx) : ~idx - 1;
        return _values[g][i];
    }

    private static int LastEqual(double[] k, int i)
    {
        while (i + 1 < k.Length && k[i + 1] == k[i]) i++;
        return i;
    }
}
