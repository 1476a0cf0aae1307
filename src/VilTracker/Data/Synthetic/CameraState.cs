namespace VilTracker.Data.Synthetic;

/// <summary>
/// The drone camera in one frame: the world point at the image centre, the zoom (image pixels per world pixel,
/// i.e. inverse altitude) and the roll angle. A world point <c>p</c> appears at
/// <c>R(-Angle) * (p - centre) * Zoom + imageCentre</c>.
/// </summary>
internal readonly record struct CameraState(double CenterX, double CenterY, double Zoom, double Angle)
{
    /// <summary>Linear interpolation between two frames' cameras (<paramref name="f"/> in [0, 1]).</summary>
    public static CameraState Lerp(CameraState a, CameraState b, double f) =>
        new(a.CenterX + (b.CenterX - a.CenterX) * f, a.CenterY + (b.CenterY - a.CenterY) * f,
            a.Zoom + (b.Zoom - a.Zoom) * f, a.Angle + (b.Angle - a.Angle) * f);
}
