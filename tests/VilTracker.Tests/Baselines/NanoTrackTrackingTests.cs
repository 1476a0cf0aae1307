using VilTracker.Baselines.NanoTrack;
using Xunit.Abstractions;

namespace VilTracker.Tests.Baselines;

/// <summary>NanoTrack v2 and v3 follow a real target (VOT <c>bag</c>, first 60 frames).</summary>
public sealed class NanoTrackTrackingTests(ITestOutputHelper output)
{
    private const int Frames = 60;

    // Measured on bag (60 frames): v2 0.735, v3 0.746; a box that stays at the first position scores MotionlessIou below.
    [Theory]
    [InlineData(NanoTrackVersion.V2)]
    [InlineData(NanoTrackVersion.V3)]
    public void FollowsTheBagWellAboveAMotionlessBox(NanoTrackVersion version)
    {
        var data = TrackingSequence.Load("bag", Frames);
        using var tracker = new NanoTrackTracker(version);

        double meanIou = data.Run(tracker).Average();
        double motionlessIou = data.GroundTruth.Skip(1).Average(b => TrackingSequence.Iou(data.GroundTruth[0], b));
        output.WriteLine($"{tracker.Name}: mean IoU {meanIou:F3}; motionless box {motionlessIou:F3}");

        Assert.True(meanIou > 0.6, $"{tracker.Name} mean IoU {meanIou:F3} on bag is below the 0.6 floor.");
        Assert.True(meanIou > motionlessIou + 0.1, $"{tracker.Name} mean IoU {meanIou:F3} barely beats a motionless box ({motionlessIou:F3}).");
    }

    [Fact]
    public void ConfidenceIsAProbabilityAndBoxesStayInsideTheFrame()
    {
        var data = TrackingSequence.Load("bag", 10);
        using var tracker = new NanoTrackTracker(NanoTrackVersion.V2);
        tracker.Initialize(data.Frames[0], data.GroundTruth[0]);
        foreach (var frame in data.Frames.Skip(1))
        {
            var result = tracker.Track(frame);
            Assert.InRange(result.Confidence, 0, 1);
            Assert.True(result.Box.HasPositiveSize);
            Assert.InRange(result.Box.CenterX, 0, frame.Width);
            Assert.InRange(result.Box.CenterY, 0, frame.Height);
        }
    }

    [Fact]
    public void TrackBeforeInitializeAndBadBoxesAreRejected()
    {
        var data = TrackingSequence.Load("bag", 1);
        using var tracker = new NanoTrackTracker(NanoTrackVersion.V3);
        Assert.Throws<InvalidOperationException>(() => tracker.Track(data.Frames[0]));
        Assert.Throws<ArgumentException>(() => tracker.Initialize(data.Frames[0], new VilTracker.Geometry.Box(10, 10, 0, 5)));
        Assert.Throws<ArgumentException>(() => tracker.Initialize(data.Frames[0], new VilTracker.Geometry.Box(double.NaN, 10, 5, 5)));
    }
}
