namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// The risk-set sweep of right-censored data (<see cref="RiskSetSweep"/>) on more than one core, with results that do
/// not depend on how many. Nobody leaves a risk set in right-censored data, so the sums over the risk set at time t are
/// running totals, over time groups in descending time, of sums over each group. The work splits in two:
/// <list type="number">
/// <item>Segment sums, in parallel: for each segment of <see cref="CoxDesign.Segments"/> (a piece of one time group,
/// at most <see cref="CoxDesign.SegmentRows"/> rows), r = w·exp(η) and the sums Σ r, Σ r x, Σ r x xᵀ over its censored
/// rows and, separately, over its events (with Σ w, Σ w η, Σ w x), each taken in row order by one thread.</item>
/// <item>The scan, on one thread: segment sums are added to the running totals in segment order, a group's event sums
/// are collected over its segments, and the sink is told of each group with events.</item>
/// </list>
/// Segments are fixed by the data, each is summed by one thread in one order, and the scan is sequential, so every
/// double is the same on one core and on two. Segments are processed in windows; while one window is scanned the next
/// one's segment sums are computed on the other cores.
/// </summary>
internal static class GroupedSweep
{
    public static void Run<TSink>(CoxDesign d, double[] x, double[] beta, ref TSink sink, bool withOffset)
        where TSink : IEventSink
    {
        var layout = new Layout(d.P);
        var scan = new Scan(layout);
        foreach (var (w, buffer) in SegmentWindows.Summed(d, layout.Stride, (w, b) => ComputeWindow(d, x, beta, withOffset, layout, w, b)))
            scan.Window(d, w, buffer, ref sink);
    }

    /// <summary>Where each sum sits in a segment's slot of the window buffer.</summary>
    private sealed class Layout
    {
        public Layout(int p)
        {
            P = p; PP = p * (p + 1) / 2;
            // censored: denom, a, c; events: denom2, a2, c2; then wx, Σwη, Σw, count
            Dead = 1 + p + PP;
            Wx = 2 * Dead;
            Stride = Wx + p + 3;
        }

        public int P { get; }
        public int PP { get; }
        public int Dead { get; }
        public int Wx { get; }
        public int Stride { get; }
    }

    /// <summary>Segment sums of window <paramref name="w"/>, in parallel over pieces of about equal row counts.</summary>
    private static void ComputeWindow(CoxDesign d, double[] x, double[] beta, bool withOffset, Layout l, int w, double[] buffer)
    {
        var (first, last) = SegmentWindows.Range(d, w);
        Array.Clear(buffer, 0, (last - first) * l.Stride);
        SegmentWindows.ForEachSegment(d, w, s =>
            Segment(d, x, beta, withOffset, l, d.Segments[s], d.Segments[s + 1], buffer.AsSpan((s - first) * l.Stride, l.Stride)));
    }

    /// <summary>The sums over sorted positions [from, to) of one segment, in row order.</summary>
    private static void Segment(CoxDesign d, double[] x, double[] beta, bool withOffset, Layout l, int from, int to, Span<double> slot)
    {
        int p = l.P;
        var aC = slot.Slice(1, p);
        var cC = slot.Slice(1 + p, l.PP);
        var a2 = slot.Slice(l.Dead + 1, p);
        var c2 = slot.Slice(l.Dead + 1 + p, l.PP);
        var wx = slot.Slice(l.Wx, p);
        double denomC = 0, denom2 = 0, wEta = 0, deadWeight = 0, deaths = 0;
        for (int i = from; i < to; i++)
        {
            var xi = x.AsSpan(i * p, p);
            double eta = withOffset ? d.OffsetAt(i) : 0;
            for (int j = 0; j < xi.Length; j++) eta += beta[j] * xi[j];
            double wi = d.WeightAt(i), r = wi * Math.Exp(eta);
            if (d.Event[i])
            {
                deaths++;
                deadWeight += wi;
                wEta += wi * eta;
                denom2 += r;
                RiskSetSweep.Accumulate(xi, r, a2, c2);
                for (int j = 0; j < xi.Length; j++) wx[j] += wi * xi[j];
            }
            else
            {
                denomC += r;
                RiskSetSweep.Accumulate(xi, r, aC, cC);
            }
        }
        slot[0] = denomC;
        slot[l.Dead] = denom2;
        slot[l.Wx + p] = wEta;
        slot[l.Wx + p + 1] = deadWeight;
        slot[l.Wx + p + 2] = deaths;
    }

    /// <summary>The running totals of the sweep and the event sums of the current group.</summary>
    private sealed class Scan(Layout l)
    {
        private readonly double[] _a = new double[l.P], _c = new double[l.PP];
        private readonly double[] _a2 = new double[l.P], _c2 = new double[l.PP], _wx = new double[l.P];
        private double _denom, _denom2, _wEta, _deadWeight, _deaths;
        private int _stratum = -1;

        public void Window<TSink>(CoxDesign d, int w, double[] buffer, ref TSink sink) where TSink : IEventSink
        {
            var (first, last) = SegmentWindows.Range(d, w);
            int segments = d.Segments.Length - 1;
            for (int s = first; s < last; s++)
            {
                int pos = d.Segments[s];
                if (d.SegmentStartsGroup[s]) StartGroup(d.Stratum[pos]);
                var slot = buffer.AsSpan((s - first) * l.Stride, l.Stride);
                Add(slot);
                if (s + 1 == segments || d.SegmentStartsGroup[s + 1]) EndGroup(d.Stop[pos], ref sink);
            }
        }

        private void StartGroup(int stratum)
        {
            if (stratum != _stratum)
            {
                _stratum = stratum;
                _denom = 0;
                Array.Clear(_a); Array.Clear(_c);
            }
            _denom2 = _wEta = _deadWeight = _deaths = 0;
            Array.Clear(_a2); Array.Clear(_c2); Array.Clear(_wx);
        }

        private void Add(ReadOnlySpan<double> slot)
        {
            int p = l.P;
            _denom += slot[0];
            AddTo(_a, slot.Slice(1, p));
            AddTo(_c, slot.Slice(1 + p, l.PP));
            _denom2 += slot[l.Dead];
            AddTo(_a2, slot.Slice(l.Dead + 1, p));
            AddTo(_c2, slot.Slice(l.Dead + 1 + p, l.PP));
            AddTo(_wx, slot.Slice(l.Wx, p));
            _wEta += slot[l.Wx + p];
            _deadWeight += slot[l.Wx + p + 1];
            _deaths += slot[l.Wx + p + 2];
        }

        private void EndGroup<TSink>(double time, ref TSink sink) where TSink : IEventSink
        {
            if (_deaths == 0) return;
            _denom += _denom2;
            AddTo(_a, _a2);
            AddTo(_c, _c2);
            sink.Event(_stratum, time, (int)_deaths, _deadWeight, _wEta, _wx, _denom, _denom2, _a, _a2, _c, _c2);
        }

        private static void AddTo(Span<double> target, ReadOnlySpan<double> add)
        {
            for (int k = 0; k < target.Length; k++) target[k] += add[k];
        }
    }
}
