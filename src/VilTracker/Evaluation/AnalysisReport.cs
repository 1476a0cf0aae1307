namespace VilTracker.Evaluation;

/// <summary>
/// Result of analysing a results folder: one <see cref="TrackerMetrics"/> per tracker, aggregated over the
/// sequences that every tracker has results for (pytracking's <c>skip_missing_seq</c> rule, so trackers are
/// compared on the same set), and the list of missing results.
/// </summary>
/// <param name="Protocol">Protocol used for every tracker.</param>
/// <param name="Trackers">Per-tracker metrics, in folder-name order.</param>
/// <param name="Missing">Every (tracker, sequence) pair without a result file.</param>
/// <param name="SequenceCount">Number of ground-truth sequences that were given.</param>
/// <param name="ExcludedSequences">Sequences left out of every aggregate because some tracker lacks them.</param>
public sealed record AnalysisReport(
    EvaluationProtocol Protocol,
    IReadOnlyList<TrackerMetrics> Trackers,
    IReadOnlyList<MissingResult> Missing,
    int SequenceCount,
    IReadOnlyList<string> ExcludedSequences);
