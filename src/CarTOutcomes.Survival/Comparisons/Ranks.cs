namespace CarTOutcomes.Survival.Comparisons;

/// <summary>Mid-ranks (R's <c>rank(x)</c>, <c>ties.method = "average"</c>) and the tie-correction sum Σ (t³ − t).</summary>
internal static class Ranks
{
    /// <summary>Average ranks 1..n of <paramref name="x"/>; ties (exactly equal doubles) share the mean of their ranks.</summary>
    public static double[] Average(IReadOnlyList<double> x, out double tieSum, out bool hasTies)
    {
        int n = x.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = x.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        tieSum = 0;
        hasTies = false;
        for (int p = 0; p < n;)
        {
            int q = p;
            while (q + 1 < n && keys[q + 1] == keys[p]) q++;
            double t = q - p + 1, mid = (p + q) / 2.0 + 1;
            for (int s = p; s <= q; s++) ranks[order[s]] = mid;
            if (t > 1)
            {
                hasTies = true;
                tieSum += t * t * t - t;
            }
            p = q + 1;
        }
        return ranks;
    }
}
