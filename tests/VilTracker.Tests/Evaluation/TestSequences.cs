using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Evaluation;

/// <summary>Small hand-made sequences for metric tests.</summary>
internal static class TestSequences
{
    /// <summary>A sequence with the given ground truth (frame paths are placeholders; metrics never read images).</summary>
    public static Sequence Make(string dataset, Box[] groundTruth, bool[]? visible = null, string name = "seq") =>
        new(name, dataset, groundTruth.Select((_, i) => $"{i + 1:D6}.jpg").ToArray(), groundTruth, visible);

    /// <summary><paramref name="count"/> copies of <paramref name="box"/>.</summary>
    public static Box[] Repeat(Box box, int count) => Enumerable.Repeat(box, count).ToArray();

    /// <summary>Wraps one predicted box list as the single run evaluators take.</summary>
    public static IReadOnlyList<IReadOnlyList<Box>> Run(params Box[] boxes) => [boxes];
}
