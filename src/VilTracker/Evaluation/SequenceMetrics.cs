namespace VilTracker.Evaluation;

/// <summary>
/// Metrics of one tracker on one sequence under one protocol. All scores are fractions in [0, 1]
/// (the toolkits' pytracking tables print them multiplied by 100).
/// </summary>
/// <param name="Sequence">Sequence name.</param>
/// <param name="Kind">Dataset rules that were applied.</param>
/// <param name="Frames">Ground-truth frames of the sequence.</param>
/// <param name="CountedFrames">Frames in the denominator of the curves (after the protocol's filtering).</param>
/// <param name="SuccessCurve">Fraction of frames with IoU strictly above each overlap threshold.</param>
/// <param name="PrecisionCurve">Fraction of frames with centre error within each pixel threshold; null where the protocol has none (GOT-10k).</param>
/// <param name="NormPrecisionCurve">Same with the normalised centre error; null where the protocol has none (GOT-10k).</param>
/// <param name="Auc">Success score: mean of <paramref name="SuccessCurve"/> (GOT-10k: AO, the mean IoU).</param>
/// <param name="Precision">Precision at 20 px; null for GOT-10k.</param>
/// <param name="NormPrecision">Normalised precision (value at 0.20; got10k LaSOT-style: mean of the curve); null for GOT-10k.</param>
/// <param name="Op50">Overlap precision / success rate at IoU 0.50.</param>
/// <param name="Op75">Overlap precision / success rate at IoU 0.75.</param>
/// <param name="AverageOverlap">Mean IoU over the frames the protocol treats as valid (pytracking's <c>avg_overlap_all</c>).</param>
/// <param name="FrameIous">IoU of every counted frame as the protocol computed it (invalid frames -1 where the toolkit sets that).</param>
public sealed record SequenceMetrics(
    string Sequence,
    BenchmarkKind Kind,
    int Frames,
    int CountedFrames,
    MetricCurve SuccessCurve,
    MetricCurve? PrecisionCurve,
    MetricCurve? NormPrecisionCurve,
    double Auc,
    double? Precision,
    double? NormPrecision,
    double Op50,
    double Op75,
    double AverageOverlap,
    IReadOnlyList<double> FrameIous)
{
    /// <summary>Tracking time read from the result's time file, when there is one.</summary>
    public FrameTiming? Timing { get; init; }

    /// <summary>Frames per second (frames / total seconds), or null without a time file.</summary>
    public double? Fps => Timing is null ? null : Timing.Fps;
}
