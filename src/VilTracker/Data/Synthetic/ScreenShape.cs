namespace VilTracker.Data.Synthetic;

/// <summary>
/// A target-like rounded rectangle placed in the image: centre (pixels, pixel centres at +0.5), orientation
/// (cosine and sine of the angle of its long axis), half-length <see cref="A"/>, half-width <see cref="B"/> and
/// corner radius <see cref="R"/> in pixels.
/// </summary>
internal readonly record struct ScreenShape(double X, double Y, double Cos, double Sin, double A, double B, double R)
{
    /// <summary>Places <paramref name="look"/> at ground pose <paramref name="pose"/> seen by <paramref name="camera"/> in a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static ScreenShape Project(WorldPose pose, TargetLook look, CameraState camera, int width, int height)
    {
        double c = DeterministicMath.Cos(camera.Angle), s = DeterministicMath.Sin(camera.Angle);
        double dx = pose.X - camera.CenterX, dy = pose.Y - camera.CenterY;
        double angle = pose.Heading - camera.Angle;
        double z = camera.Zoom;
        return new ScreenShape((c * dx + s * dy) * z + width / 2.0, (-s * dx + c * dy) * z + height / 2.0,
            DeterministicMath.Cos(angle), DeterministicMath.Sin(angle), look.HalfLength * z, look.HalfWidth * z, look.CornerRadius * z);
    }

    /// <summary>Half-width of the axis-aligned bounding box.</summary>
    public double ExtentX => (A - R) * Math.Abs(Cos) + (B - R) * Math.Abs(Sin) + R;

    /// <summary>Half-height of the axis-aligned bounding box.</summary>
    public double ExtentY => (A - R) * Math.Abs(Sin) + (B - R) * Math.Abs(Cos) + R;

    /// <summary>Point (<paramref name="px"/>, <paramref name="py"/>) in the shape's own axes: u along the long axis (front positive), v across.</summary>
    public (double U, double V) ToLocal(double px, double py)
    {
        double dx = px - X, dy = py - Y;
        return (Cos * dx + Sin * dy, -Sin * dx + Cos * dy);
    }

    /// <summary>Signed distance in pixels from local point (u, v) to the outline (negative inside).</summary>
    public double SignedDistance(double u, double v)
    {
        double qx = Math.Abs(u) - (A - R), qy = Math.Abs(v) - (B - R);
        double ox = Math.Max(qx, 0), oy = Math.Max(qy, 0);
        return Math.Sqrt(ox * ox + oy * oy) + Math.Min(Math.Max(qx, qy), 0) - R;
    }

    /// <summary>Anti-aliased coverage of the pixel centred at (<paramref name="px"/>, <paramref name="py"/>), in [0, 1].</summary>
    public double Coverage(double px, double py)
    {
        var (u, v) = ToLocal(px, py);
        return Math.Clamp(0.5 - SignedDistance(u, v), 0, 1);
    }
}
