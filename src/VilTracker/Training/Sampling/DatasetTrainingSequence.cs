using VilTracker.Data;
using VilTracker.Imaging;

namespace VilTracker.Training.Sampling;

/// <summary>A dataset <see cref="Sequence"/> as training material: frames are decoded from disk when drawn.</summary>
public sealed class DatasetTrainingSequence : ITrainingSequence
{
    private readonly Sequence sequence;

    /// <summary>Wraps <paramref name="sequence"/>; its usable frames are those with a visible target and a positive box.</summary>
    public DatasetTrainingSequence(Sequence sequence)
    {
        this.sequence = sequence;
        CandidateFrames = Enumerable.Range(0, sequence.FramePaths.Count).Where(IsUsable).ToArray();
    }

    /// <inheritdoc/>
    public string Name => $"{sequence.Dataset}/{sequence.Name}";

    /// <inheritdoc/>
    public int FrameCount => sequence.FramePaths.Count;

    /// <inheritdoc/>
    public IReadOnlyList<int> CandidateFrames { get; }

    /// <inheritdoc/>
    public LabelledFrame Load(int index)
    {
        string path = sequence.FramePaths[index];
        try
        {
            return new LabelledFrame(ImageFile.Load(path), sequence.GroundTruth[index], IsUsable(index));
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"Training sequence {Name}, frame {index + 1}: cannot read '{path}': {e.Message}", e);
        }
    }

    private bool IsUsable(int index) =>
        index < sequence.GroundTruth.Count
        && sequence.GroundTruth[index].HasPositiveSize
        && (sequence.TargetVisible is null || sequence.TargetVisible[index]);
}
