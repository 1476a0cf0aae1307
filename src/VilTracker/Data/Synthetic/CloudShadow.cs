namespace VilTracker.Data.Synthetic;

/// <summary>
/// A soft elliptical cloud shadow in image coordinates for one frame: brightness is multiplied by
/// <c>1 - Depth</c> inside the inner 60 % of the ellipse and fades back to 1 at its rim.
/// </summary>
internal readonly record struct CloudShadow(double CenterX, double CenterY, double RadiusX, double RadiusY, double Depth);
