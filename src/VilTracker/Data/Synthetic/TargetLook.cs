namespace VilTracker.Data.Synthetic;

/// <summary>
/// Shape and colour of a target or distractor in world pixels: a rounded rectangle of half-length
/// <see cref="HalfLength"/> along its heading, half-width <see cref="HalfWidth"/> and corner radius
/// <see cref="CornerRadius"/>, painted in <see cref="Body"/> (RGB).
/// </summary>
internal readonly record struct TargetLook(TargetKind Kind, double HalfLength, double HalfWidth, double CornerRadius, Rgb Body)
{
    /// <summary>Radius of the smallest circle around the centre that holds the whole shape.</summary>
    public double BoundingRadius =>
        Math.Sqrt((HalfLength - CornerRadius) * (HalfLength - CornerRadius) + (HalfWidth - CornerRadius) * (HalfWidth - CornerRadius)) + CornerRadius;

    /// <summary>The same look scaled by <paramref name="factor"/>.</summary>
    public TargetLook Scaled(double factor) =>
        this with { HalfLength = HalfLength * factor, HalfWidth = HalfWidth * factor, CornerRadius = CornerRadius * factor };
}
