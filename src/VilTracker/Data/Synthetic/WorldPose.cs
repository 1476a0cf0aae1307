namespace VilTracker.Data.Synthetic;

/// <summary>Where a moving object is on the ground: centre in world pixels and heading in radians (0 = +x).</summary>
internal readonly record struct WorldPose(double X, double Y, double Heading)
{
    /// <summary>Linear interpolation (<paramref name="f"/> in [0, 1]); the heading takes the short way round.</summary>
    public static WorldPose Lerp(WorldPose a, WorldPose b, double f) =>
        new(a.X + (b.X - a.X) * f, a.Y + (b.Y - a.Y) * f,
            a.Heading + DeterministicMath.WrapAngle(b.Heading - a.Heading) * f);
}
