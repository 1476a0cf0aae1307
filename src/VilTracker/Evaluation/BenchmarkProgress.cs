namespace VilTracker.Evaluation;

/// <summary>
/// One step of a benchmark run, reported by <see cref="BenchmarkRunner"/>: either one more frame tracked
/// (<see cref="Skipped"/> false; <see cref="FramesDone"/> counts 1..<see cref="FrameCount"/>) or a whole sequence
/// skipped because its complete results already exist (<see cref="Skipped"/> true, <see cref="FramesDone"/> =
/// <see cref="FrameCount"/>). Reports can come from several worker threads at once.
/// </summary>
/// <param name="Tracker">Tracker (result folder) name.</param>
/// <param name="Sequence">Sequence name.</param>
/// <param name="FramesDone">Frames of this sequence finished so far.</param>
/// <param name="FrameCount">Frames in the sequence.</param>
/// <param name="Skipped">The sequence was not run because its results were already complete.</param>
public readonly record struct BenchmarkProgress(string Tracker, string Sequence, int FramesDone, int FrameCount, bool Skipped);
