namespace VilTracker.Tracking;

/// <summary>What the tracker does with one frame's measurement.</summary>
public enum MeasurementVerdict
{
    /// <summary>Inside the gate and confident: the Kalman filter is updated with it.</summary>
    Accepted,

    /// <summary>Outside the gate, but the target was lost and the measurement is very confident: the filter restarts on it.</summary>
    Reacquired,

    /// <summary>Peak score below the confidence threshold: ignored, the prediction is output.</summary>
    LowConfidence,

    /// <summary>Confident but outside the chi-squared gate: ignored as an outlier, the prediction is output.</summary>
    Gated,
}
