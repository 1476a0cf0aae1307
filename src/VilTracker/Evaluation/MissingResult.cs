namespace VilTracker.Evaluation;

/// <summary>A sequence for which a tracker has no result file.</summary>
/// <param name="Tracker">Tracker name (its folder).</param>
/// <param name="Sequence">Sequence name.</param>
/// <param name="ExpectedPath">Where the result was looked for (the flat <c>{seq}.txt</c> path).</param>
public sealed record MissingResult(string Tracker, string Sequence, string ExpectedPath);
