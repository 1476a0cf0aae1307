using VilTracker.Geometry;

namespace VilTracker.Tracking;

/// <summary>What a tracker reports for one frame.</summary>
/// <param name="Box">The object's box in pixels.</param>
/// <param name="Confidence">The tracker's confidence in [0, 1] (trackers without a score report 1 when found, 0 when not).</param>
/// <param name="IsLost">True when the tracker judges the object lost in this frame.</param>
/// <param name="LogVariance">
/// For trackers with an uncertainty head: predicted log-variance of (cx, cy, w, h) in normalised search-region
/// units; null otherwise.
/// </param>
public readonly record struct TrackResult(Box Box, double Confidence, bool IsLost = false, double[]? LogVariance = null);
