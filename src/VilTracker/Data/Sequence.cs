using VilTracker.Geometry;

namespace VilTracker.Data;

/// <summary>
/// One annotated tracking sequence: its frames on disk and one ground-truth box per frame.
/// </summary>
/// <param name="Name">Sequence name as the benchmark spells it (also the raw-result file name).</param>
/// <param name="Dataset">The layout it was read from (e.g. <c>uav123</c>, <c>lasot</c>, <c>otb</c>, <c>got10k</c>, <c>generic</c>); metrics use it for the toolkits' dataset-specific rules.</param>
/// <param name="FramePaths">Image file of every frame, in order.</param>
/// <param name="GroundTruth">One box per frame; <see cref="Box.NaN"/> where the annotation has no value.</param>
/// <param name="TargetVisible">Per-frame visibility where the dataset records it (absence, occlusion, out-of-view), else null.</param>
public sealed record Sequence(
    string Name,
    string Dataset,
    IReadOnlyList<string> FramePaths,
    IReadOnlyList<Box> GroundTruth,
    IReadOnlyList<bool>? TargetVisible = null);
