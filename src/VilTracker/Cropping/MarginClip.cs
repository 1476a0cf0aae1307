using VilTracker.Geometry;

namespace VilTracker.Cropping;

/// <summary>
/// Keeps a tracked box inside the frame with a minimum size, as OSTrack's <c>clip_box</c>
/// (<c>lib/utils/box_ops.py</c>) does to every new state.
/// </summary>
public static class MarginClip
{
    /// <summary>
    /// <c>x1 = min(max(0, x), W − margin)</c>, <c>x2 = min(max(margin, x + w), W)</c> (from the unclipped x),
    /// <c>w = max(margin, x2 − x1)</c>; likewise vertically.
    /// </summary>
    /// <exception cref="ArgumentException">The box is not finite.</exception>
    public static Box Apply(Box box, double frameWidth, double frameHeight, double margin = 10)
    {
        if (!box.IsFinite)
            throw new ArgumentException($"Cannot clip box {box}: it has a NaN or infinite value.", nameof(box));
        double x1 = Math.Min(Math.Max(0, box.X), frameWidth - margin);
        double x2 = Math.Min(Math.Max(margin, box.X + box.W), frameWidth);
        double y1 = Math.Min(Math.Max(0, box.Y), frameHeight - margin);
        double y2 = Math.Min(Math.Max(margin, box.Y + box.H), frameHeight);
        return new Box(x1, y1, Math.Max(margin, x2 - x1), Math.Max(margin, y2 - y1));
    }
}
