using OpenCvSharp;
using OpenCvSharp.Tracking;
using VilTracker.Geometry;
using VilTracker.Imaging;
using VilTracker.Tracking;

namespace VilTracker.Baselines.OpenCv;

/// <summary>
/// One of OpenCV's classic trackers (CSRT, KCF, MIL) behind <see cref="ITracker"/>. They work on integer pixel
/// rectangles and report only found / not found, so <see cref="TrackResult.Confidence"/> is 1 or 0; when not found the
/// last box is repeated with <see cref="TrackResult.IsLost"/> set.
/// </summary>
public sealed class OpenCvTracker : ITracker
{
    private readonly Func<Tracker> create;
    private Tracker? tracker;
    private Rect last;

    private OpenCvTracker(string name, Func<Tracker> create)
    {
        Name = name;
        this.create = create;
    }

    /// <summary>OpenCV's CSRT (discriminative correlation filter with channel and spatial reliability).</summary>
    public static OpenCvTracker Csrt() => new("csrt", () => TrackerCSRT.Create());

    /// <summary>OpenCV's KCF (kernelized correlation filter).</summary>
    public static OpenCvTracker Kcf() => new("kcf", () => TrackerKCF.Create());

    /// <summary>OpenCV's MIL (multiple-instance learning).</summary>
    public static OpenCvTracker Mil() => new("mil", () => TrackerMIL.Create());

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The box is not finite or has no area after rounding to whole pixels inside the frame.</exception>
    public void Initialize(Frame frame, Box box)
    {
        if (!box.HasPositiveSize)
            throw new ArgumentException($"{Name}: initial box {box} must be finite with positive width and height.", nameof(box));
        var clipped = box.ClipTo(frame.Width, frame.Height);
        var rect = new Rect((int)Math.Round(clipped.X), (int)Math.Round(clipped.Y), (int)Math.Round(clipped.W), (int)Math.Round(clipped.H));
        if (rect.Width < 1 || rect.Height < 1)
            throw new ArgumentException($"{Name}: initial box {box} covers no whole pixel of the {frame.Width}x{frame.Height} frame.", nameof(box));
        tracker?.Dispose();
        tracker = create();
        using var image = FrameMat.ToBgrMat(frame);
        tracker.Init(image, rect);
        last = rect;
    }

    /// <inheritdoc />
    public TrackResult Track(Frame frame)
    {
        if (tracker is null)
            throw new InvalidOperationException($"{Name}: call Initialize before Track.");
        using var image = FrameMat.ToBgrMat(frame);
        var rect = last;
        bool found = tracker.Update(image, ref rect);
        if (!found)
            return new TrackResult(ToBox(last), 0, IsLost: true);
        last = rect;
        return new TrackResult(ToBox(rect), 1);
    }

    /// <summary>Frees the native tracker.</summary>
    public void Dispose()
    {
        tracker?.Dispose();
        tracker = null;
    }

    private static Box ToBox(Rect r) => new(r.X, r.Y, r.Width, r.Height);
}
