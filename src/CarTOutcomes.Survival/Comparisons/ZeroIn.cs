namespace CarTOutcomes.Survival.Comparisons;

/// <summary>
/// Brent's (1973) root finder as R's <c>uniroot</c> runs it (C routine <c>R_zeroin2</c>): bisection safeguarded
/// inverse quadratic / secant steps, stopping when the bracket half-width is below 2·eps·|b| + tol/2.
/// fisher.test and wilcox.test report uniroot's answer, whose default <c>tol = .Machine$double.eps^0.25</c>
/// (≈ 1.2e-4) is loose; following the same steps gives the same answer rather than a more accurate different one.
/// </summary>
internal static class ZeroIn
{
    /// <summary>R's default uniroot tolerance, <c>.Machine$double.eps^0.25</c>.</summary>
    public static readonly double DefaultTolerance = Math.Pow(2.220446049250313e-16, 0.25);

    /// <summary>A root of <paramref name="f"/> in [a, b]; f(a) and f(b) must have opposite signs (or one be 0).</summary>
    public static double Find(Func<double, double> f, double a, double b, double tol, int maxIterations = 1000)
        => Find(f, a, b, f(a), f(b), tol, maxIterations);

    /// <summary>As <see cref="Find(Func{double,double},double,double,double,int)"/> with f(a), f(b) given (uniroot's f.lower, f.upper).</summary>
    public static double Find(Func<double, double> f, double a, double b, double fa, double fb, double tol, int maxIterations = 1000)
    {
        if (fa * fb > 0)
            throw new ArgumentException($"f() values at the end points are not of opposite sign (f({a}) = {fa}, f({b}) = {fb}).");
        if (fa == 0) return a;
        if (fb == 0) return b;
        double c = a, fc = fa;
        for (int it = 0; it <= maxIterations; it++)
        {
            double prevStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }
            double tolAct = 2 * 2.220446049250313e-16 * Math.Abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.Abs(newStep) <= tolAct || fb == 0) return b;
            if (Math.Abs(prevStep) >= tolAct && Math.Abs(fa) > Math.Abs(fb))
                newStep = InterpolatedStep(a, b, c, fa, fb, fc, prevStep, tolAct, newStep);
            if (Math.Abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
            a = b;
            fa = fb;
            b += newStep;
            fb = f(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a;
                fc = fa;
            }
        }
        return b;
    }

    /// <summary>The secant (a = c) or inverse quadratic step, accepted only if it stays well inside the bracket.</summary>
    private static double InterpolatedStep(double a, double b, double c, double fa, double fb, double fc,
        double prevStep, double tolAct, double bisection)
    {
        double cb = c - b, p, q;
        if (a == c)
        {
            double t1 = fb / fa;
            p = cb * t1;
            q = 1.0 - t1;
        }
        else
        {
            double qq = fa / fc, t1 = fb / fc, t2 = fb / fa;
            p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1.0));
            q = (qq - 1.0) * (t1 - 1.0) * (t2 - 1.0);
        }
        if (p > 0) q = -q;
        else p = -p;
        return p < 0.75 * cb * q - Math.Abs(tolAct * q) / 2 && p < Math.Abs(prevStep * q / 2) ? p / q : bisection;
    }
}
