using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Tracking;

/// <summary>
/// A single-object tracker: initialised on one frame and box, then asked for the box in every later frame.
/// VilTracker, the OpenCV trackers and NanoTrack all implement it, so the evaluation harness treats them alike.
/// </summary>
public interface ITracker : IDisposable
{
    /// <summary>Short name used in reports and result folders (e.g. <c>vil</c>, <c>csrt</c>, <c>nanotrack-v3</c>).</summary>
    string Name { get; }

    /// <summary>Starts tracking the object inside <paramref name="box"/> (pixels) on <paramref name="frame"/>.</summary>
    void Initialize(Frame frame, Box box);

    /// <summary>Finds the object in the next frame.</summary>
    TrackResult Track(Frame frame);
}
