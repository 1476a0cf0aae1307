using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// One toolkit's metric definitions: scores a sequence, then aggregates sequences the way that toolkit does.
/// </summary>
public interface IProtocolEvaluator
{
    /// <summary>The toolkit this evaluator reproduces.</summary>
    EvaluationProtocol Protocol { get; }

    /// <summary>
    /// Scores the predicted boxes of one sequence against its ground truth.
    /// </summary>
    /// <param name="sequence">Ground truth, dataset name (for dataset rules) and visibility flags.</param>
    /// <param name="runs">One predicted box list per run (a result file); only GOT-10k uses more than the first.</param>
    /// <param name="imageSize">Frame size; required by the GOT-10k rules (image-bound clipping), ignored otherwise.</param>
    /// <exception cref="InvalidDataException">The prediction or annotation breaks a rule the toolkit enforces.</exception>
    SequenceMetrics EvaluateSequence(Sequence sequence, IReadOnlyList<IReadOnlyList<Box>> runs, ImageSize? imageSize = null);

    /// <summary>Aggregates per-sequence metrics of one tracker into its reported numbers.</summary>
    TrackerMetrics Summarize(string tracker, IReadOnlyList<SequenceMetrics> sequences);
}
