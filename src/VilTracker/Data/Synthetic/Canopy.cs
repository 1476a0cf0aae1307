namespace VilTracker.Data.Synthetic;

/// <summary>
/// The occluder: a tree canopy on the ground made of overlapping discs (world pixels), placed on the target's path
/// so that its first disc alone hides the whole target for a few frames.
/// </summary>
internal sealed record Canopy(IReadOnlyList<(double X, double Y, double Radius)> Discs);
