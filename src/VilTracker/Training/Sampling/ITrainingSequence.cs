using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Training.Sampling;

/// <summary>
/// One sequence the pair sampler can draw frames from: a dataset sequence read from disk or a synthetic sequence
/// rendered on demand. Implementations are safe to call from several loader threads at once.
/// </summary>
public interface ITrainingSequence
{
    /// <summary>Name for messages and logs (source and sequence name).</summary>
    string Name { get; }

    /// <summary>Number of frames.</summary>
    int FrameCount { get; }

    /// <summary>
    /// Frame indices that may be drawn, in increasing order. For datasets: frames with a visible target and a finite,
    /// positive box. Synthetic sequences list every frame (visibility is only known once a frame is rendered).
    /// </summary>
    IReadOnlyList<int> CandidateFrames { get; }

    /// <summary>Decodes or renders frame <paramref name="index"/> with its box and whether the target can be seen.</summary>
    /// <exception cref="InvalidDataException">The frame cannot be decoded; the message names the file.</exception>
    LabelledFrame Load(int index);
}

/// <summary>A decoded frame with its ground truth.</summary>
/// <param name="Image">The RGB frame.</param>
/// <param name="Box">The target's box in pixels.</param>
/// <param name="Usable">True when the target is visible and the box finite with a positive size.</param>
public sealed record LabelledFrame(Frame Image, Box Box, bool Usable);
