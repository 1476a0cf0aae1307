namespace VilTracker.Evaluation;

/// <summary>What the benchmark runner did for one (tracker, sequence) pair.</summary>
/// <param name="Tracker">Tracker (result folder) name.</param>
/// <param name="Sequence">Sequence name.</param>
/// <param name="Frames">Frames in the sequence.</param>
/// <param name="Skipped">True when complete results already existed and nothing was run.</param>
/// <param name="TrackerSeconds">Seconds spent inside the tracker (initialise + track), as written to the time file; 0 when skipped.</param>
public sealed record BenchmarkJobResult(string Tracker, string Sequence, int Frames, bool Skipped, double TrackerSeconds);
