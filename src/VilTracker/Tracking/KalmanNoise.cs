namespace VilTracker.Tracking;

/// <summary>
/// Noise settings of <see cref="BoxKalmanFilter"/>. Standard deviations are fractions of the target's scale
/// <c>s = sqrt(w·h)</c> (pixels, w and h taken at least 1), so one setting suits small and large targets alike
/// (as DeepSORT scales its noise by the box height).
/// </summary>
public sealed record KalmanNoise
{
    /// <summary>Initial standard deviation of cx, cy, w, h, as a fraction of s. Default 0.1.</summary>
    public double InitialPositionStd { get; init; } = 0.1;

    /// <summary>
    /// Initial standard deviation of the four velocities (pixels per frame), as a fraction of s. Default 0.1: at the
    /// start the motion is unknown, and a drone target may move a tenth of its size per frame.
    /// </summary>
    public double InitialVelocityStd { get; init; } = 0.1;

    /// <summary>Process noise standard deviation of cx, cy, w, h per frame, as a fraction of s. Default 0.05.</summary>
    public double ProcessPositionStd { get; init; } = 0.05;

    /// <summary>Process noise standard deviation of the velocities per frame, as a fraction of s. Default 0.01.</summary>
    public double ProcessVelocityStd { get; init; } = 0.01;

    /// <summary>
    /// Measurement standard deviation of cx, cy, w, h, as a fraction of s, used when the measurement comes without a
    /// predicted variance. Default 0.05.
    /// </summary>
    public double MeasurementStd { get; init; } = 0.05;

    /// <summary>
    /// Multiplier on the predicted measurement variance <c>exp(log-variance)·cropSide²</c> (pixels²). Default 1: the
    /// uncertainty head's variance is used as it is.
    /// </summary>
    public double PredictedVarianceScale { get; init; } = 1.0;

    /// <summary>
    /// Floor added to a predicted measurement standard deviation, as a fraction of s, so an over-confident uncertainty
    /// head cannot freeze the filter on one measurement. Default 0.01.
    /// </summary>
    public double MinMeasurementStd { get; init; } = 0.01;

    /// <summary>Checks every value and returns this record, or throws naming the bad setting.</summary>
    /// <exception cref="ArgumentException">A standard deviation is not positive and finite (the floor may be 0).</exception>
    public KalmanNoise Validate()
    {
        void Positive(double value, string name)
        {
            if (!(value > 0) || !double.IsFinite(value))
                throw new ArgumentException($"Kalman noise setting {name} must be a positive finite number, got {value}.");
        }
        Positive(InitialPositionStd, nameof(InitialPositionStd));
        Positive(InitialVelocityStd, nameof(InitialVelocityStd));
        Positive(ProcessPositionStd, nameof(ProcessPositionStd));
        Positive(ProcessVelocityStd, nameof(ProcessVelocityStd));
        Positive(MeasurementStd, nameof(MeasurementStd));
        Positive(PredictedVarianceScale, nameof(PredictedVarianceScale));
        if (!(MinMeasurementStd >= 0) || !double.IsFinite(MinMeasurementStd))
            throw new ArgumentException($"Kalman noise setting {nameof(MinMeasurementStd)} must be zero or a positive finite number, got {MinMeasurementStd}.");
        return this;
    }
}
