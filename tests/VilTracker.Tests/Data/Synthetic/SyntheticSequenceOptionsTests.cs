using VilTracker.Data.Synthetic;

namespace VilTracker.Tests.Data.Synthetic;

/// <summary>Validation of <see cref="SyntheticSequenceOptions"/>.</summary>
public sealed class SyntheticSequenceOptionsTests
{
    public static TheoryData<string, SyntheticSequenceOptions> Invalid => new()
    {
        { "FrameCount", new() { FrameCount = 0, Occlusion = false } },
        { "FrameCount", new() { FrameCount = 20, Occlusion = true, FullOcclusionFrames = 6 } },
        { "Width", new() { Width = 32 } },
        { "Height", new() { Height = 5000 } },
        { "MinTargetSize", new() { MinTargetSize = 4 } },
        { "MinTargetSize", new() { MinTargetSize = double.NaN } },
        { "MaxTargetSize", new() { MinTargetSize = 40, MaxTargetSize = 30 } },
        { "MaxTargetSize", new() { MaxTargetSize = 91 } },
        { "TargetSpeed", new() { TargetSpeed = -1 } },
        { "TargetSpeed", new() { TargetSpeed = 0.2, Occlusion = true } },
        { "TargetSpeed", new() { TargetSpeed = double.PositiveInfinity } },
        { "CameraMotion", new() { CameraMotion = 4 } },
        { "ScaleChange", new() { ScaleChange = 0.7 } },
        { "MaxRotationDegrees", new() { MaxRotationDegrees = -1 } },
        { "DistractorCount", new() { DistractorCount = 9 } },
        { "FullOcclusionFrames", new() { FullOcclusionFrames = 0 } },
        { "MotionBlur", new() { MotionBlur = 1.5 } },
        { "MotionBlur", new() { MotionBlur = double.NaN } },
        { "SensorNoise", new() { SensorNoise = 21 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_value_is_rejected_naming_the_option(string option, SyntheticSequenceOptions options)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(option, error.ParamName);
        Assert.Contains($"option {option} =", error.Message);
        Assert.Contains("must be", error.Message);
        // The generator validates too, before doing any work.
        Assert.Throws<ArgumentException>(() => new SyntheticSequenceGenerator(options, 1));
    }

    [Fact]
    public void The_default_demo_and_test_configurations_are_valid()
    {
        new SyntheticSequenceOptions().Validate();
        SyntheticSequenceOptions.Demo.Validate();
        SyntheticTestOptions.Tiny.Validate();
        Assert.Equal((640, 360), (SyntheticSequenceOptions.Demo.Width, SyntheticSequenceOptions.Demo.Height));
        Assert.True(SyntheticSequenceOptions.Demo.Occlusion);
        Assert.Equal(1, SyntheticSequenceOptions.Demo.DistractorCount);
    }

    [Fact]
    public void Occlusion_off_allows_short_and_still_sequences()
    {
        var options = new SyntheticSequenceOptions { FrameCount = 1, TargetSpeed = 0, Occlusion = false };
        options.Validate();
        var frame = Assert.Single(new SyntheticSequenceGenerator(options with { Width = 128, Height = 96, MinTargetSize = 10, MaxTargetSize = 20 }, 3).Frames());
        Assert.True(frame.TargetVisible);
    }
}
