namespace VilTracker.Data.Synthetic;

/// <summary>
/// The SplitMix64 pseudo-random generator (Steele, Lea and Flood 2014): a 64-bit counter passed through a fixed
/// bit mixer. Its output depends only on the seed, on every machine and runtime, which is why the synthetic
/// generator uses it instead of <see cref="System.Random"/> (whose algorithm is not specified).
/// </summary>
internal sealed class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong state;

    /// <summary>Starts a stream from <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => state = seed;

    /// <summary>A stream for one part of a scene: the same sequence seed gives every part its own independent stream.</summary>
    public static SplitMix64 ForPart(ulong seed, ulong part) => new(Mix(seed ^ Mix(part * Golden + 1)));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Range(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)((NextUInt64() >> 33) % (ulong)count);

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer, also usable as a stateless hash.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
