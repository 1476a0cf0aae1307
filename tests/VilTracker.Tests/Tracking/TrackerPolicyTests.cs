using VilTracker.Tracking;

namespace VilTracker.Tests.Tracking;

public class TrackerPolicyTests
{
    [Fact]
    public void DefaultsMatchTheDocumentedValues()
    {
        var options = new TrackerOptions().Validate();
        Assert.Equal(9.4877, options.GateChiSquare);
        Assert.Equal(10, options.TemplateUpdateInterval);
        Assert.True(options.UseHannWindow);
        Assert.Null(options.SearchFactor);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 1.0)]       // not yet lost (LostAfterMisses = 3)
    [InlineData(3, 1.2)]       // first lost frame: one growth step
    [InlineData(4, 1.44)]
    [InlineData(5, 1.728)]
    [InlineData(6, 2.0)]       // 1.2^4 = 2.07 capped at 2
    [InlineData(100, 2.0)]
    public void SearchRegionGrowsPerLostFrameUpToTheCap(int misses, double growth) =>
        Assert.Equal(growth, new TrackerOptions().SearchGrowth(misses), 9);

    [Theory]
    [InlineData(nameof(TrackerOptions.GateChiSquare))]
    [InlineData(nameof(TrackerOptions.MinConfidence))]
    [InlineData(nameof(TrackerOptions.TemplateBlend))]
    [InlineData(nameof(TrackerOptions.MemoryLength))]
    [InlineData(nameof(TrackerOptions.SearchGrowthPerLostFrame))]
    public void InvalidOptionsAreRejectedByName(string option)
    {
        var bad = option switch
        {
            nameof(TrackerOptions.GateChiSquare) => new TrackerOptions { GateChiSquare = double.NaN },
            nameof(TrackerOptions.MinConfidence) => new TrackerOptions { MinConfidence = 1.5 },
            nameof(TrackerOptions.TemplateBlend) => new TrackerOptions { TemplateBlend = 0 },
            nameof(TrackerOptions.MemoryLength) => new TrackerOptions { MemoryLength = 0 },
            _ => new TrackerOptions { SearchGrowthPerLostFrame = 0.5 },
        };
        Assert.Contains(option, Assert.Throws<ArgumentException>(() => bad.Validate()).Message);
    }

    [Theory]
    [InlineData(0.29, 0.0, false, MeasurementVerdict.LowConfidence)]
    [InlineData(0.29, 100.0, true, MeasurementVerdict.LowConfidence)]
    [InlineData(0.30, 9.4877, false, MeasurementVerdict.Accepted)]
    [InlineData(0.9, 9.49, false, MeasurementVerdict.Gated)]
    [InlineData(0.5, 50.0, true, MeasurementVerdict.Gated)]        // lost, but not confident enough to re-acquire
    [InlineData(0.6, 50.0, true, MeasurementVerdict.Reacquired)]
    [InlineData(double.NaN, 0.0, false, MeasurementVerdict.LowConfidence)]
    public void GateJudgesConfidenceThenDistance(double confidence, double d2, bool lost, MeasurementVerdict expected) =>
        Assert.Equal(expected, new MeasurementGate(new TrackerOptions()).Judge(confidence, d2, lost));

    [Fact]
    public void TemplateIsUpdatedAtMostEveryIntervalAndOnlyWhenConfidentAndCertain()
    {
        var policy = new TemplateUpdatePolicy(new TrackerOptions { MemoryUpdateInterval = 1000 });
        policy.Start(0);
        var granted = new List<int>();
        for (int frame = 1; frame <= 40; frame++)
        {
            // Frames 10..14 are unsure (high uncertainty), frame 25 has a low score; the rest qualify.
            double uncertainty = frame is >= 10 and <= 14 ? 0.2 : 0.01;
            double confidence = frame == 25 ? 0.6 : 0.9;
            if (policy.Decide(frame, MeasurementVerdict.Accepted, confidence, uncertainty).RefreshTemplate)
                granted.Add(frame);
        }
        Assert.Equal(new[] { 15, 26, 36 }, granted);
    }

    [Theory]
    [InlineData(MeasurementVerdict.Gated)]
    [InlineData(MeasurementVerdict.LowConfidence)]
    [InlineData(MeasurementVerdict.Reacquired)]
    public void RejectedOrReacquiredMeasurementsNeverChangeTheAppearance(MeasurementVerdict verdict)
    {
        var policy = new TemplateUpdatePolicy(new TrackerOptions());
        policy.Start(0);
        for (int frame = 1; frame <= 50; frame++)
            Assert.Equal(new AppearanceUpdate(false, false), policy.Decide(frame, verdict, 1.0, 0.0));
    }

    [Fact]
    public void MemoryTakesConfidentFramesAtItsOwnInterval()
    {
        var policy = new TemplateUpdatePolicy(new TrackerOptions { TemplateUpdateMinConfidence = 1.0 });
        policy.Start(100);
        var granted = new List<int>();
        for (int frame = 101; frame <= 120; frame++)
            if (policy.Decide(frame, MeasurementVerdict.Accepted, frame == 105 ? 0.4 : 0.5, 1.0).RememberAppearance)
                granted.Add(frame);
        Assert.Equal(new[] { 106, 111, 116 }, granted);
    }

    [Fact]
    public void UncertaintyIsTheRootMeanSquarePredictedStd()
    {
        var m = new TargetMeasurement(new(0, 0, 1, 1), 1, [Math.Log(0.01), Math.Log(0.01), Math.Log(0.04), Math.Log(0.04)], 100);
        Assert.Equal(Math.Sqrt(0.025), m.Uncertainty, 12);
        Assert.Equal(0, (m with { LogVariance = null }).Uncertainty);
    }
}
