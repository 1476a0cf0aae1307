namespace VilTracker.Tracking;

/// <summary>
/// Decides whether a measurement may correct the filter: a confidence threshold, then a chi-squared gate on the
/// squared Mahalanobis distance, with re-acquisition of a lost target by a very confident measurement.
/// </summary>
public sealed class MeasurementGate
{
    private readonly TrackerOptions options;

    /// <summary>Creates the gate with the thresholds of <paramref name="options"/>.</summary>
    public MeasurementGate(TrackerOptions options) => this.options = options.Validate();

    /// <summary>
    /// The verdict on a measurement with peak score <paramref name="confidence"/> at squared Mahalanobis distance
    /// <paramref name="squaredMahalanobis"/> from the prediction, while the target is (or is not) lost.
    /// </summary>
    public MeasurementVerdict Judge(double confidence, double squaredMahalanobis, bool targetLost)
    {
        if (!(confidence >= options.MinConfidence))
            return MeasurementVerdict.LowConfidence;
        if (squaredMahalanobis <= options.GateChiSquare)
            return MeasurementVerdict.Accepted;
        return targetLost && confidence >= options.ReacquireConfidence
            ? MeasurementVerdict.Reacquired
            : MeasurementVerdict.Gated;
    }
}
