namespace VilTracker.Data.Synthetic;

/// <summary>
/// Generates a drone-like tracking sequence from a seed with no external data: a procedural ground (fields, roads,
/// buildings, trees) seen by a panning, zooming, slightly rolling camera; one target (car or person) with its own
/// motion; look-alike distractors nearby; a canopy that partly then fully hides the target; motion blur; drifting
/// brightness and a passing cloud shadow. The same options and seed give byte-identical frames and boxes on every
/// machine (own PRNG, own sine, single-threaded).
/// </summary>
/// <remarks>
/// Frames are rendered on demand: <see cref="Frames"/> yields them lazily and keeps none, and
/// <see cref="Render"/> draws any single frame. The ground texture (a few megabytes) is built once, on the first
/// frame, and kept for the generator's lifetime. <see cref="Render"/> may be called from several threads at once.
/// </remarks>
public sealed class SyntheticSequenceGenerator
{
    private readonly Lazy<FrameRenderer> renderer;

    /// <summary>Plans the sequence for <paramref name="options"/> and <paramref name="seed"/> (cheap: no pixels yet).</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it and the allowed range).</exception>
    /// <exception cref="InvalidOperationException">Occlusion is on but this target never moves far enough to pass under an occluder.</exception>
    public SyntheticSequenceGenerator(SyntheticSequenceOptions options, ulong seed)
        : this(options, seed, null)
    {
    }

    /// <summary>As the public constructor; <paramref name="targetColourOverride"/> paints the target in one flat colour (tests check boxes against those pixels).</summary>
    internal SyntheticSequenceGenerator(SyntheticSequenceOptions options, ulong seed, Rgb? targetColourOverride)
    {
        ArgumentNullException.ThrowIfNull(options);
        var plan = ScenePlan.Create(options, seed);
        renderer = new Lazy<FrameRenderer>(() => new FrameRenderer(plan, TerrainTexture.Build(plan), targetColourOverride));
        Options = options;
        Seed = seed;
    }

    /// <summary>The options the sequence was planned with.</summary>
    public SyntheticSequenceOptions Options { get; }

    /// <summary>The seed the sequence was planned with.</summary>
    public ulong Seed { get; }

    /// <summary>Number of frames.</summary>
    public int FrameCount => Options.FrameCount;

    /// <summary>All frames in order, rendered one at a time as the caller enumerates (each enumeration starts over).</summary>
    public IEnumerable<SyntheticFrame> Frames()
    {
        for (int i = 0; i < FrameCount; i++)
            yield return Render(i);
    }

    /// <summary>Renders frame <paramref name="index"/> (0-based) with its ground truth.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="FrameCount"/>).</exception>
    public SyntheticFrame Render(int index)
    {
        if (index < 0 || index >= FrameCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Frame index must be in [0, {FrameCount}).");
        return renderer.Value.Render(index);
    }
}
