using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CarTOutcomes.Survival.Cox;

/// <summary>
/// A request that the cache line holding a value be fetched ahead of use, for loops that visit memory in an order known
/// a few steps ahead but random to the hardware (the concordance's counts by rank; tried on the design's scatter of
/// rows, where it measured no gain). A hint only: nothing is read
/// into the program or written, and where there is no prefetch instruction it does nothing.
/// </summary>
internal static class CacheHint
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T value)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref value));
    }
}
