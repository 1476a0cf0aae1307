namespace VilTracker.Evaluation;

/// <summary>
/// Metrics of one tracker over a set of sequences, aggregated as the chosen toolkit aggregates them.
/// Scores are fractions in [0, 1].
/// </summary>
/// <param name="Tracker">Tracker name (its results folder).</param>
/// <param name="Protocol">Toolkit whose definitions were used.</param>
/// <param name="Sequences">Per-sequence metrics that entered the aggregate.</param>
/// <param name="SuccessCurve">Success curve averaged over sequences (GOT-10k: over all frames of all sequences).</param>
/// <param name="PrecisionCurve">Precision curve averaged over sequences; null for GOT-10k.</param>
/// <param name="NormPrecisionCurve">Normalised-precision curve averaged over sequences; null for GOT-10k.</param>
/// <param name="Auc">Success AUC (mean of the averaged success curve); GOT-10k: AO over all frames.</param>
/// <param name="Precision">Averaged precision curve at 20 px; null for GOT-10k.</param>
/// <param name="NormPrecision">Averaged normalised precision at 0.20 (got10k LaSOT-style: mean of the curve); null for GOT-10k.</param>
/// <param name="Op50">Averaged success curve at IoU 0.50 (GOT-10k: SR0.50 over all frames).</param>
/// <param name="Op75">Averaged success curve at IoU 0.75 (GOT-10k: SR0.75 over all frames).</param>
/// <param name="Timing">Frames and seconds summed over the sequences that have time files, or null.</param>
public sealed record TrackerMetrics(
    string Tracker,
    EvaluationProtocol Protocol,
    IReadOnlyList<SequenceMetrics> Sequences,
    MetricCurve SuccessCurve,
    MetricCurve? PrecisionCurve,
    MetricCurve? NormPrecisionCurve,
    double Auc,
    double? Precision,
    double? NormPrecision,
    double Op50,
    double Op75,
    FrameTiming? Timing)
{
    /// <summary>Total frames / total seconds over the timed sequences, or null without time files.</summary>
    public double? Fps => Timing is null ? null : Timing.Fps;
}
