using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Data.Synthetic;

/// <summary>
/// One generated frame with its exact ground truth.
/// </summary>
/// <param name="Index">0-based frame number.</param>
/// <param name="Image">The rendered RGB frame.</param>
/// <param name="TargetBox">
/// The target's box in pixels: the axis-aligned bounding box of the whole target outline at the frame's instant
/// (not of the motion-blur smear), rounded to 1/100 pixel and clipped to the frame (<see cref="Box.ClipTo"/>:
/// parts outside the image are cut off; the camera keeps the target inside the view, so clipping is a safeguard).
/// When an occluder covers part or all of the target the box still marks the whole target, as benchmark
/// annotators do; <paramref name="TargetVisible"/> says whether anything of it can be seen.
/// </param>
/// <param name="TargetVisible">False when less than <see cref="SyntheticFrame.VisibleThreshold"/> of the target's area is visible (full occlusion).</param>
/// <param name="VisibleFraction">Fraction of the target's area inside the frame and not hidden by the occluder, in [0, 1].</param>
public sealed record SyntheticFrame(int Index, Frame Image, Box TargetBox, bool TargetVisible, double VisibleFraction)
{
    /// <summary>Smallest visible fraction of the target's area for the frame to count as visible.</summary>
    public const double VisibleThreshold = 0.05;
}
