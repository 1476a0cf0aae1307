using VilTracker.Geometry;

namespace VilTracker.Tracking;

/// <summary>Where a measurement source found the target in one frame.</summary>
/// <param name="Box">The measured box in frame pixels (already clipped to the frame).</param>
/// <param name="Confidence">Peak score of the measurement in [0, 1].</param>
/// <param name="LogVariance">
/// Predicted log-variance of (cx, cy, w, h) in normalised search-crop units, or null when the source has no
/// uncertainty estimate.
/// </param>
/// <param name="CropSide">Side of the search crop in frame pixels: one normalised search-crop unit.</param>
public sealed record TargetMeasurement(Box Box, double Confidence, double[]? LogVariance, double CropSide)
{
    /// <summary>
    /// Root-mean-square predicted standard deviation of (cx, cy, w, h) in normalised search-crop units,
    /// <c>sqrt(mean(exp(LogVariance)))</c>; 0 when there is no estimate (then only the confidence decides).
    /// </summary>
    public double Uncertainty => LogVariance is null ? 0 : Math.Sqrt(LogVariance.Average(Math.Exp));
}
