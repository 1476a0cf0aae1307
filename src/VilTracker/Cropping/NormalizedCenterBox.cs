namespace VilTracker.Cropping;

/// <summary>
/// A box inside a square crop, as the head predicts it: centre (<see cref="Cx"/>, <see cref="Cy"/>) and size
/// (<see cref="W"/>, <see cref="H"/>), all divided by the crop's side in pixels (so the crop spans 0..1).
/// </summary>
public readonly record struct NormalizedCenterBox(double Cx, double Cy, double W, double H)
{
    /// <summary>Left edge <c>Cx − W/2</c>.</summary>
    public double X => Cx - W / 2;

    /// <summary>Top edge <c>Cy − H/2</c>.</summary>
    public double Y => Cy - H / 2;
}
