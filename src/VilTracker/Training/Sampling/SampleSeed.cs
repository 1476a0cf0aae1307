using VilTracker.Data.Synthetic;

namespace VilTracker.Training.Sampling;

/// <summary>
/// Stateless seeds: a run seed and counters (step, sample index) mixed by SplitMix64's finaliser, so any sample or
/// step can be reproduced from its numbers alone and a resumed run needs no saved RNG state.
/// </summary>
public static class SampleSeed
{
    /// <summary>A 64-bit seed from <paramref name="seed"/> and the counters <paramref name="parts"/>, in order.</summary>
    public static ulong Mix(ulong seed, params long[] parts)
    {
        ulong h = SplitMix64.Mix(seed + 0x9E3779B97F4A7C15UL);
        foreach (long part in parts)
            h = SplitMix64.Mix(h ^ SplitMix64.Mix(unchecked((ulong)part) + 0x632BE59BD9B4E019UL));
        return h;
    }

    /// <summary>A <see cref="Random"/> seeded from <see cref="Mix"/> (the seeded .NET generator is the same on every run).</summary>
    public static Random RandomFor(ulong seed, params long[] parts) => new(unchecked((int)(Mix(seed, parts) & 0x7FFFFFFF)));

    /// <summary>A torch seed (non-negative 63-bit) from <see cref="Mix"/>.</summary>
    public static long TorchSeed(ulong seed, params long[] parts) => (long)(Mix(seed, parts) >> 1);
}
