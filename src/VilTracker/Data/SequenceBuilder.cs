using VilTracker.Geometry;

namespace VilTracker.Data;

/// <summary>
/// Builds a <see cref="Sequence"/> from frame paths and boxes after checking that they match:
/// every reader goes through here so a count mismatch always gives the same clear error.
/// </summary>
public static class SequenceBuilder
{
    /// <summary>
    /// Creates the sequence, or throws when the frame count and ground-truth line count differ.
    /// With <paramref name="firstFrameOnlyAllowed"/>, a ground truth of exactly one line is accepted and
    /// the other frames get <see cref="Box.NaN"/>: the GOT-10k and TrackingNet test splits publish only
    /// the first frame's box.
    /// </summary>
    /// <param name="name">Sequence name (used in errors).</param>
    /// <param name="dataset">Layout name stored in <see cref="Sequence.Dataset"/>.</param>
    /// <param name="frames">Frame image paths in order.</param>
    /// <param name="boxes">Ground-truth boxes in order.</param>
    /// <param name="groundTruthSource">Ground-truth file (used in errors).</param>
    /// <param name="visible">Per-frame visibility, or null when the dataset has none.</param>
    /// <param name="firstFrameOnlyAllowed">Accept a single first-frame box for a longer sequence.</param>
    /// <exception cref="InvalidDataException">The counts differ.</exception>
    public static Sequence Create(
        string name,
        string dataset,
        IReadOnlyList<string> frames,
        IReadOnlyList<Box> boxes,
        string groundTruthSource,
        IReadOnlyList<bool>? visible = null,
        bool firstFrameOnlyAllowed = false)
    {
        if (firstFrameOnlyAllowed && boxes.Count == 1 && frames.Count > 1)
            boxes = [boxes[0], .. Enumerable.Repeat(Box.NaN, frames.Count - 1)];
        if (frames.Count != boxes.Count)
            throw new InvalidDataException(
                $"Sequence '{name}' ({dataset}): {frames.Count} frames but {boxes.Count} ground-truth boxes in {groundTruthSource}; they must match one box per frame.");
        if (visible is not null && visible.Count != frames.Count)
            throw new InvalidDataException(
                $"Sequence '{name}' ({dataset}): {frames.Count} frames but {visible.Count} visibility flags; they must match one flag per frame.");
        return new Sequence(name, dataset, frames, boxes, visible);
    }
}
