using VilTracker.Baselines.NanoTrack;
using Xunit.Abstractions;

namespace VilTracker.Tests.Baselines;

public sealed class NanoTrackTrackingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(NanoTrackVersion.V2, "boat1")]
    [InlineData(NanoTrackVersion.V3, "boat1")]
    [InlineData(NanoTrackVersion.V2, "Crossing")]
    [InlineData(NanoTrackVersion.V3, "Crossing")]
    [InlineData(NanoTrackVersion.V2, "bag")]
    [InlineData(NanoTrackVersion.V3, "bag")]
    [InlineData(NanoTrackVersion.V2, "Human3")]
    [InlineData(NanoTrackVersion.V3, "Human3")]
    [InlineData(NanoTrackVersion.V2, "person11")]
    [InlineData(NanoTrackVersion.V3, "person11")]
    [InlineData(NanoTrackVersion.V2, "Gull2")]
    [InlineData(NanoTrackVersion.V3, "Gull2")]
    public void Measure(NanoTrackVersion version, string sequence)
    {
        var data = TrackingSequence.Load(sequence, 60);
        using var tracker = new NanoTrackTracker(version);
        var ious = data.Run(tracker);
        output.WriteLine($"{version} {sequence}: mean IoU {ious.Average():F3}, min {ious.Min():F3}");
    }
}
