using VilTracker.Data.Synthetic;

namespace VilTracker.Training.Sampling;

/// <summary>
/// A synthetic sequence as training material: frames are rendered in memory when drawn, never written to disk. Once
/// a frame has been drawn, the sequence keeps its ground texture (a few megabytes) for its lifetime, so memory grows
/// with the number of synthetic sequences in the mix.
/// </summary>
public sealed class SyntheticTrainingSequence : ITrainingSequence
{
    private readonly SyntheticSequenceGenerator generator;

    /// <summary>Plans the sequence for <paramref name="options"/> and <paramref name="seed"/>.</summary>
    public SyntheticTrainingSequence(SyntheticSequenceOptions options, ulong seed)
    {
        generator = new SyntheticSequenceGenerator(options, seed);
        CandidateFrames = Enumerable.Range(0, options.FrameCount).ToArray();
    }

    /// <summary>
    /// Options of the training sequences <c>--synthetic</c> generates: 120 frames of 384x256 with targets of 16 to
    /// 48 pixels, camera motion, one distractor, occlusion, blur and illumination change (small frames keep rendering
    /// cheap next to the training step).
    /// </summary>
    public static SyntheticSequenceOptions TrainingOptions => SyntheticSequenceOptions.Demo with
    {
        FrameCount = 120, Width = 384, Height = 256, MinTargetSize = 16, MaxTargetSize = 48,
    };

    /// <summary>
    /// <paramref name="count"/> sequences with <paramref name="options"/> (default <see cref="TrainingOptions"/>),
    /// sequence i seeded from <paramref name="seed"/> and i.
    /// </summary>
    public static IReadOnlyList<ITrainingSequence> Many(int count, ulong seed, SyntheticSequenceOptions? options = null) =>
        Enumerable.Range(0, count)
            .Select(i => (ITrainingSequence)new SyntheticTrainingSequence(options ?? TrainingOptions, SplitMix64.Mix(seed ^ SplitMix64.Mix((ulong)i + 1))))
            .ToArray();

    /// <inheritdoc/>
    public string Name => $"synthetic/{generator.Seed:x16}";

    /// <inheritdoc/>
    public int FrameCount => generator.FrameCount;

    /// <inheritdoc/>
    public IReadOnlyList<int> CandidateFrames { get; }

    /// <inheritdoc/>
    public LabelledFrame Load(int index)
    {
        var frame = generator.Render(index);
        return new LabelledFrame(frame.Image, frame.TargetBox, frame.TargetVisible && frame.TargetBox.HasPositiveSize);
    }
}
