using VilTracker.Baselines.OpenCv;
using VilTracker.Geometry;
using VilTracker.Tracking;
using Xunit.Abstractions;

namespace VilTracker.Tests.Baselines;

/// <summary>OpenCV's CSRT, KCF and MIL run behind ITracker on real frames.</summary>
public sealed class OpenCvTrackerTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => new() { "csrt", "kcf", "mil" };

    [Theory]
    [MemberData(nameof(Names))]
    public void ReturnsWholePixelBoxesWithFoundOrLostConfidence(string name)
    {
        var data = TrackingSequence.Load("Crossing", 10);
        using ITracker tracker = Create(name);
        Assert.Equal(name, tracker.Name);

        tracker.Initialize(data.Frames[0], data.GroundTruth[0]);
        var results = data.Frames.Skip(1).Select(tracker.Track).ToList();
        double meanIou = results.Select((r, i) => TrackingSequence.Iou(r.Box, data.GroundTruth[i + 1])).Average();
        output.WriteLine($"{name}: mean IoU {meanIou:F3}, lost {results.Count(r => r.IsLost)}");

        foreach (var r in results)
        {
            Assert.True(r.Box.HasPositiveSize);
            Assert.Equal(r.Box, new Box(Math.Round(r.Box.X), Math.Round(r.Box.Y), Math.Round(r.Box.W), Math.Round(r.Box.H)));
            Assert.Equal(r.IsLost ? 0 : 1, r.Confidence);
        }
        Assert.True(meanIou > 0, $"{name} never overlaps the target on Crossing.");
    }

    [Fact]
    public void TrackBeforeInitializeAndEmptyBoxesAreRejected()
    {
        var data = TrackingSequence.Load("Crossing", 1);
        using var tracker = OpenCvTracker.Kcf();
        Assert.Throws<InvalidOperationException>(() => tracker.Track(data.Frames[0]));
        Assert.Throws<ArgumentException>(() => tracker.Initialize(data.Frames[0], new Box(5, 5, -3, 4)));
        Assert.Throws<ArgumentException>(() => tracker.Initialize(data.Frames[0], new Box(10_000, 10_000, 20, 20)));
    }

    private static OpenCvTracker Create(string name) => name switch
    {
        "csrt" => OpenCvTracker.Csrt(),
        "kcf" => OpenCvTracker.Kcf(),
        _ => OpenCvTracker.Mil(),
    };
}
