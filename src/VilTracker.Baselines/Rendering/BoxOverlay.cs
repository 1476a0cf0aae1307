using VilTracker.Geometry;

namespace VilTracker.Baselines.Rendering;

/// <summary>A box to draw on a frame, with a text label next to it, in one colour.</summary>
/// <param name="Box">The box in pixels.</param>
/// <param name="Label">Text drawn above the box (e.g. the tracker name and confidence); empty for none.</param>
/// <param name="Red">Red component of the colour.</param>
/// <param name="Green">Green component of the colour.</param>
/// <param name="Blue">Blue component of the colour.</param>
public sealed record BoxOverlay(Box Box, string Label, byte Red, byte Green, byte Blue);
