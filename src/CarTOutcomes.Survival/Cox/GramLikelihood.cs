using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// Log partial likelihood, score and information of right-censored data (no one leaves a risk set) in two parallel
/// passes over the rows, with the information's second-moment term summed once per row instead of once per event
/// time.
/// </summary>
/// <remarks>
/// <para>
/// The information is I = Σ_g w̄_g Σ_k (C_gk / D_gk − x̄_gk x̄_gkᵀ) over event times g and Efron steps k (one step for
/// Breslow; <see cref="LikelihoodSink"/>). Its first part is a sum over the rows at risk: C_gk = Σ_{i∈R_g} r_i x_i x_iᵀ
/// − f_k Σ_{i∈D_g} r_i x_i x_iᵀ with f_k = k/d. Exchanging the sums,
/// Σ_g w̄_g Σ_k C_gk / D_gk = Σ_i r_i κ_i x_i x_iᵀ, where κ_i adds, over the event times g at which row i is at
/// risk, K0_g = w̄_g T₀_g if i does not fail at g and K1_g = w̄_g T₁_g if it does (T₀ = Σ_k 1/D_k,
/// T₁ = Σ_k (1 − f_k)/D_k, the weights of <see cref="LikelihoodSink"/>'s Efron steps; Breslow, and Efron with one
/// death, have K0 = K1 = Σ_D w / D). Row i is at risk at every event time not after its own, so κ_i is a cumulative
/// sum over the later event times of its stratum. The second part, the means, needs only the running Σ r and Σ r x:
/// O(p²) per event time. (The same exchange of sums gives R's martingale residuals from the cumulative hazard;
/// Therneau &amp; Grambsch 2000, §3.)
/// </para>
/// <para>
/// Pass 1 (in parallel over <see cref="CoxDesign.Segments"/>): r = w·exp(η) per row, and per segment Σ r, Σ r x over
/// censored rows and over events, with Σ w, Σ w η, Σ w x over events. A scan on one thread adds them up in
/// segment order, evaluates ℓ, U and the mean part of I at each event time and records K0, K1 (while the next window
/// of segments is summed on the other cores). A backward pass turns K into κ. Pass 2 (in parallel over blocks of
/// <see cref="GramBlockRows"/> rows): Σ r κ x xᵀ per block, added in block order. Segments and blocks are fixed by
/// the data, each is summed in row order by one thread, and partial sums are combined in one order by one thread, so
/// every double is the same on one core and on two.
/// </para>
/// </remarks>
internal static class GramLikelihood
{
    /// <summary>Rows per block of the Gram pass (the unit of parallel work; fixed, so results do not depend on the cores).</summary>
    public const int GramBlockRows = 1 << 14;

    /// <summary>
    /// ℓ, U and I at <paramref name="beta"/> (on the scale of <see cref="CoxDesign.X"/>), as a sweep with
    /// <see cref="LikelihoodSink"/> gives them. <paramref name="risk"/> is scratch of at least n values (reused across
    /// evaluations to spare the allocation).
    /// </summary>
    public static LikelihoodSink Evaluate(CoxDesign d, double[] beta, bool efron, double[] risk, bool withOffset = true)
    {
        int p = d.P, segments = d.Segments.Length - 1;
        var sink = new LikelihoodSink(p, efron);
        var kCensored = new double[segments];
        var kEvent = new double[segments];
        int stride = 3 * p + 5;
        var scan = new Scan(p, efron);
        foreach (var (w, buffer) in SegmentWindows.Summed(d, stride, (w, b) => SumWindow(d, beta, withOffset, risk, w, b, stride)))
            scan.Window(d, w, buffer, stride, ref sink, kCensored, kEvent);
        Cumulate(d, kCensored, kEvent);
        AddGram(d, risk, kCensored, kEvent, sink.Info);
        return sink;
    }

    /// <summary>Pass 1 for the segments of window <paramref name="w"/>: r per row and the segment sums, in parallel.</summary>
    private static void SumWindow(CoxDesign d, double[] beta, bool withOffset, double[] risk, int w, double[] buffer, int stride)
    {
        var (first, last) = SegmentWindows.Range(d, w);
        Array.Clear(buffer, 0, (last - first) * stride);
        SegmentWindows.ForEachSegment(d, w, s =>
            Segment(d, beta, withOffset, risk, d.Segments[s], d.Segments[s + 1], buffer.AsSpan((s - first) * stride, stride)));
    }

    /// <summary>
    /// One segment, rows [from, to) in order. Slot: [0] Σ_C r, [1..p] Σ_C r x, [p+1] Σ_D r, [p+2..2p+1] Σ_D r x,
    /// [2p+2..3p+1] Σ_D w x, [3p+2] Σ_D w η, [3p+3] Σ_D w, [3p+4] |D|.
    /// </summary>
    private static void Segment(CoxDesign d, double[] beta, bool withOffset, double[] risk, int from, int to, Span<double> slot)
    {
        int p = d.P, pv = p & ~3; // columns 0 … pv − 1 four to a vector, the rest one by one (a fixed order)
        var x = d.X;
        ref double b0 = ref beta[0];
        ref double aC = ref slot[1];
        ref double a2 = ref slot[p + 2];
        ref double wx = ref slot[2 * p + 2];
        double denomC = 0, denom2 = 0, wEta = 0, deadWeight = 0, deaths = 0;
        // at β = 0 without offsets (the first Newton step) every η is 0 and every exp(η) is 1: skip both (same doubles)
        bool zero = (!withOffset || d.Offset.Length == 0) && beta.AsSpan().IndexOfAnyExcept(0.0) < 0;
        for (int i = from; i < to; i++)
        {
            ref double xi = ref x[i * p];
            double wi = d.WeightAt(i), eta = 0, r = wi;
            if (!zero)
            {
                var e = Vector256<double>.Zero;
                for (nuint j = 0; j < (nuint)pv; j += 4)
                    e = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref b0, j), Vector256.LoadUnsafe(ref xi, j), e);
                double dot = (e.GetElement(0) + e.GetElement(1)) + (e.GetElement(2) + e.GetElement(3));
                for (int j = pv; j < p; j++) dot += beta[j] * Unsafe.Add(ref xi, j);
                eta = withOffset ? d.OffsetAt(i) + dot : dot;
                r = wi * Math.Exp(eta);
            }
            risk[i] = r;
            if (d.Event[i])
            {
                deaths++;
                deadWeight += wi;
                wEta += wi * eta;
                denom2 += r;
                AddScaled(ref a2, r, ref xi, p, pv);
                AddScaled(ref wx, wi, ref xi, p, pv);
            }
            else
            {
                denomC += r;
                AddScaled(ref aC, r, ref xi, p, pv);
            }
        }
        slot[0] = denomC;
        slot[p + 1] = denom2;
        slot[3 * p + 2] = wEta;
        slot[3 * p + 3] = deadWeight;
        slot[3 * p + 4] = deaths;
    }

    /// <summary>sum[0 … p − 1] += c · x[0 … p − 1]: four columns to a vector up to pv, then one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ref double sum, double c, ref double x, int p, int pv)
    {
        var cv = Vector256.Create(c);
        for (nuint j = 0; j < (nuint)pv; j += 4)
            Vector256.FusedMultiplyAdd(cv, Vector256.LoadUnsafe(ref x, j), Vector256.LoadUnsafe(ref sum, j)).StoreUnsafe(ref sum, j);
        for (int j = pv; j < p; j++) Unsafe.Add(ref sum, j) += c * Unsafe.Add(ref x, j);
    }

    /// <summary>The running sums of the scan, the current group's event sums, and ℓ, U and the mean part of I.</summary>
    private sealed class Scan(int p, bool efron)
    {
        private readonly double[] _a = new double[p], _a2 = new double[p], _wx = new double[p], _b = new double[p];
        private double _denom, _denom2, _wEta, _deadWeight, _deaths;
        private int _stratum = -1, _groupFirst;

        public void Window(CoxDesign d, int w, double[] buffer, int stride, ref LikelihoodSink sink, double[] kCensored, double[] kEvent)
        {
            var (first, last) = SegmentWindows.Range(d, w);
            int segments = d.Segments.Length - 1;
            for (int s = first; s < last; s++)
            {
                int pos = d.Segments[s];
                if (d.SegmentStartsGroup[s]) StartGroup(d.Stratum[pos], s);
                var slot = buffer.AsSpan((s - first) * stride, stride);
                _denom += slot[0];
                AddTo(_a, slot.Slice(1, p));
                _denom2 += slot[p + 1];
                AddTo(_a2, slot.Slice(p + 2, p));
                AddTo(_wx, slot.Slice(2 * p + 2, p));
                _wEta += slot[3 * p + 2];
                _deadWeight += slot[3 * p + 3];
                _deaths += slot[3 * p + 4];
                if (s + 1 == segments || d.SegmentStartsGroup[s + 1]) EndGroup(ref sink, s, kCensored, kEvent);
            }
        }

        private void StartGroup(int stratum, int segment)
        {
            if (stratum != _stratum)
            {
                _stratum = stratum;
                _denom = 0;
                Array.Clear(_a);
            }
            _groupFirst = segment;
            _denom2 = _wEta = _deadWeight = _deaths = 0;
            Array.Clear(_a2); Array.Clear(_wx);
        }

        /// <summary>
        /// ℓ += Σ w η − Σ_k w̄ log D_k; U += Σ w x − Σ_k w̄ x̄_k; I −= Σ_k w̄ x̄_k x̄_kᵀ (the C/D part comes from the Gram
        /// pass); K0, K1 recorded for the group's segments. Efron's d steps are gathered as in
        /// <see cref="LikelihoodSink"/>: with b = a − a2, Σ_k x̄_k = T₀ b + T₁ a2 and
        /// Σ_k x̄_k x̄_kᵀ = Q₀ b bᵀ + Q₁ (b a2ᵀ + a2 bᵀ) + Q₂ a2 a2ᵀ.
        /// </summary>
        private void EndGroup(ref LikelihoodSink sink, int lastSegment, double[] kCensored, double[] kEvent)
        {
            double k0 = 0, k1 = 0;
            if (_deaths > 0)
            {
                _denom += _denom2;
                AddTo(_a, _a2);
                int deaths = (int)_deaths;
                var info = sink.Info;
                double logLik = _wEta;
                var u = sink.U;
                for (int j = 0; j < p; j++) u[j] += _wx[j];
                if (efron && deaths > 1)
                {
                    double wt = _deadWeight / deaths;
                    var (logSum, t0, t1, q0, q1, q2) = EfronWeights.Of(deaths, wt, _denom, _denom2);
                    logLik -= logSum;
                    for (int j = 0; j < p; j++)
                    {
                        _b[j] = _a[j] - _a2[j];
                        u[j] -= wt * (t0 * _b[j] + t1 * _a2[j]);
                    }
                    for (int j = 0; j < p; j++)
                    {
                        double bj = _b[j], aj = _a2[j];
                        var row = info.AsSpan(j * p, j + 1);
                        for (int l = 0; l < row.Length; l++)
                            row[l] -= wt * (q0 * bj * _b[l] + q1 * (bj * _a2[l] + aj * _b[l]) + q2 * aj * _a2[l]);
                    }
                    k0 = wt * t0;
                    k1 = wt * t1;
                }
                else
                {
                    double wt = _deadWeight, inv = 1 / _denom;
                    logLik -= wt * Math.Log(_denom);
                    for (int j = 0; j < p; j++)
                    {
                        _b[j] = _a[j] * inv;
                        u[j] -= wt * _b[j];
                    }
                    for (int j = 0; j < p; j++)
                    {
                        double xj = wt * _b[j];
                        var row = info.AsSpan(j * p, j + 1);
                        for (int l = 0; l < row.Length; l++) row[l] -= xj * _b[l];
                    }
                    k0 = k1 = wt * inv;
                }
                sink.AddLogLik(logLik);
            }
            for (int s = _groupFirst; s <= lastSegment; s++) { kCensored[s] = k0; kEvent[s] = k1; }
        }

        private static void AddTo(Span<double> target, ReadOnlySpan<double> add)
        {
            for (int k = 0; k < target.Length; k++) target[k] += add[k];
        }
    }

    /// <summary>
    /// κ by segment: a row is at risk at its own event time and every earlier one in its stratum, which come after it
    /// in the sorted order (descending time); so κ = K of its own group (K0 or K1) plus Σ K0 over the later groups.
    /// </summary>
    private static void Cumulate(CoxDesign d, double[] kCensored, double[] kEvent)
    {
        int segments = kCensored.Length;
        double below = 0;
        int stratum = -1;
        int s = segments - 1;
        while (s >= 0)
        {
            int last = s;
            while (!d.SegmentStartsGroup[s]) s--; // s: first segment of this group
            int st = d.Stratum[d.Segments[s]];
            if (st != stratum) { stratum = st; below = 0; }
            double k0 = kCensored[s];
            for (int q = s; q <= last; q++) { kCensored[q] += below; kEvent[q] += below; }
            below += k0;
            s--;
        }
    }

    /// <summary>Lower triangle of I += Σ_i r_i κ_i x_i x_iᵀ: blocks of rows in parallel, added in block order.</summary>
    private static void AddGram(CoxDesign d, double[] risk, double[] kCensored, double[] kEvent, double[] info)
    {
        int n = d.N, p = d.P, pp = p * (p + 1) / 2;
        int blocks = (n + GramBlockRows - 1) / GramBlockRows;
        var partial = new double[blocks * pp];
        CoxParallelism.For(blocks, b =>
        {
            int from = b * GramBlockRows, to = Math.Min(n, from + GramBlockRows);
            var v = System.Buffers.ArrayPool<double>.Shared.Rent(to - from); // 128 kB: rented, not a large-object allocation per block
            int s = SegmentOf(d.Segments, from);
            int segmentEnd = d.Segments[s + 1];
            Span<double> k = stackalloc double[2]; // [0] κ of the segment's censored rows, [1] of its events: picked by the event flag, no branch
            var evt = d.Event;
            for (int i = from; i < to;)
            {
                while (i >= segmentEnd) segmentEnd = d.Segments[++s + 1];
                (k[0], k[1]) = (kCensored[s], kEvent[s]);
                for (int end = Math.Min(to, segmentEnd); i < end; i++)
                    v[i - from] = risk[i] * k[Unsafe.As<bool, byte>(ref evt[i]) & 1];
            }
            WeightedGram(d.X, p, from, v.AsSpan(0, to - from), partial.AsSpan(b * pp, pp));
            System.Buffers.ArrayPool<double>.Shared.Return(v);
        });
        for (int b = 0; b < blocks; b++)
        {
            var g = partial.AsSpan(b * pp, pp);
            int q = 0;
            for (int j = 0; j < p; j++)
                for (int l = 0; l <= j; l++, q++) info[j * p + l] += g[q];
        }
    }

    private const int Tile = 64;

    /// <summary>
    /// g (packed lower triangle) = Σ_k v_k x_k x_kᵀ over rows k = from … from + |v| − 1 of the row-major
    /// <paramref name="x"/>: rows are taken in tiles of <see cref="Tile"/>, transposed into columns, and each entry
    /// g[j, l] is the dot product of the column (v ⊙ x_j) with x_l, four rows per vector lane in four independent
    /// chains; the chains, then the lanes, of each entry are added at the end. Fixed order throughout: the same
    /// doubles on any number of cores.
    /// </summary>
    private static void WeightedGram(double[] x, int p, int from, ReadOnlySpan<double> v, Span<double> g)
    {
        int rows = v.Length, pp = p * (p + 1) / 2;
        var cols = new double[p * Tile];
        var wj = new double[Tile];
        var vt = new double[Tile];
        var lanes = new Vector256<double>[pp];
        for (int t0 = 0; t0 < rows; t0 += Tile)
        {
            int m = Math.Min(Tile, rows - t0);
            if (m < Tile) { Array.Clear(cols); Array.Clear(vt); }
            v.Slice(t0, m).CopyTo(vt);
            TransposeTile(x, p, from + t0, m, cols);
            int q = 0;
            ref double vr = ref vt[0];
            ref double wr = ref wj[0];
            for (int j = 0; j < p; j++)
            {
                ref double xj = ref cols[j * Tile];
                for (nuint k = 0; k < Tile; k += 4) (Vector256.LoadUnsafe(ref vr, k) * Vector256.LoadUnsafe(ref xj, k)).StoreUnsafe(ref wr, k);
                for (int l = 0; l <= j; l++, q++)
                {
                    ref double xl = ref cols[l * Tile];
                    var a0 = Vector256<double>.Zero; var a1 = a0; var a2 = a0; var a3 = a0;
                    for (nuint k = 0; k < Tile; k += 16)
                    {
                        a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wr, k), Vector256.LoadUnsafe(ref xl, k), a0);
                        a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wr, k + 4), Vector256.LoadUnsafe(ref xl, k + 4), a1);
                        a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wr, k + 8), Vector256.LoadUnsafe(ref xl, k + 8), a2);
                        a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref wr, k + 12), Vector256.LoadUnsafe(ref xl, k + 12), a3);
                    }
                    lanes[q] += (a0 + a1) + (a2 + a3);
                }
            }
        }
        for (int q = 0; q < pp; q++) g[q] = lanes[q].GetElement(0) + lanes[q].GetElement(1) + lanes[q].GetElement(2) + lanes[q].GetElement(3);
    }

    /// <summary>
    /// cols[j·Tile + k] = x[(first + k)·p + j] for k &lt; m: four rows by four columns at a time as a 4 × 4 transpose in
    /// registers (two unpacks and a lane exchange per pair), the rest one by one. Only moves doubles: the Gram's
    /// arithmetic is unchanged. One by one, this copy took about a third of the Gram pass.
    /// </summary>
    private static void TransposeTile(double[] x, int p, int first, int m, double[] cols)
    {
        int k = 0, pv = p & ~3;
        if (Avx.IsSupported && pv > 0)
        {
            ref double c = ref MemoryMarshal.GetArrayDataReference(cols);
            for (; k + 4 <= m; k += 4)
            {
                ref double r0 = ref x[(first + k) * p];
                ref double r1 = ref Unsafe.Add(ref r0, p);
                ref double r2 = ref Unsafe.Add(ref r0, 2 * p);
                ref double r3 = ref Unsafe.Add(ref r0, 3 * p);
                for (int j = 0; j < pv; j += 4)
                {
                    var a = Vector256.LoadUnsafe(ref r0, (nuint)j);
                    var b = Vector256.LoadUnsafe(ref r1, (nuint)j);
                    var e = Vector256.LoadUnsafe(ref r2, (nuint)j);
                    var f = Vector256.LoadUnsafe(ref r3, (nuint)j);
                    var ab0 = Avx.UnpackLow(a, b);   // a0 b0 a2 b2
                    var ab1 = Avx.UnpackHigh(a, b);  // a1 b1 a3 b3
                    var ef0 = Avx.UnpackLow(e, f);   // e0 f0 e2 f2
                    var ef1 = Avx.UnpackHigh(e, f);  // e1 f1 e3 f3
                    Avx.Permute2x128(ab0, ef0, 0x20).StoreUnsafe(ref c, (nuint)(j * Tile + k));       // column j
                    Avx.Permute2x128(ab1, ef1, 0x20).StoreUnsafe(ref c, (nuint)((j + 1) * Tile + k)); // column j + 1
                    Avx.Permute2x128(ab0, ef0, 0x31).StoreUnsafe(ref c, (nuint)((j + 2) * Tile + k)); // column j + 2
                    Avx.Permute2x128(ab1, ef1, 0x31).StoreUnsafe(ref c, (nuint)((j + 3) * Tile + k)); // column j + 3
                }
                for (int j = pv; j < p; j++)
                {
                    cols[j * Tile + k] = Unsafe.Add(ref r0, j);
                    cols[j * Tile + k + 1] = Unsafe.Add(ref r1, j);
                    cols[j * Tile + k + 2] = Unsafe.Add(ref r2, j);
                    cols[j * Tile + k + 3] = Unsafe.Add(ref r3, j);
                }
            }
        }
        for (; k < m; k++)
        {
            int row = (first + k) * p;
            for (int j = 0; j < p; j++) cols[j * Tile + k] = x[row + j];
        }
    }

    private static int SegmentOf(int[] segments, int row)
    {
        int lo = 0, hi = segments.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (segments[mid] <= row) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
