using System.Globalization;

namespace VilTracker.Data.Synthetic;

/// <summary>
/// What a synthetic drone sequence looks like: its length and frame size, the target's size range and speed, and the
/// difficulty knobs (camera motion, zoom, rotation, distractors, occlusion, motion blur, illumination change).
/// Target sizes are in pixels of the output frames; speeds are in ground pixels per frame, which are output pixels
/// at zoom 1 (the zoom wanders around 1 by up to <see cref="ScaleChange"/>). Call <see cref="Validate"/> (the
/// generator does) to get a clear error for a bad value.
/// </summary>
public sealed record SyntheticSequenceOptions
{
    /// <summary>Number of frames (at least 1; at least <see cref="FullOcclusionFrames"/> + 30 with <see cref="Occlusion"/>).</summary>
    public int FrameCount { get; init; } = 300;

    /// <summary>Frame width in pixels (64 to 4096).</summary>
    public int Width { get; init; } = 640;

    /// <summary>Frame height in pixels (64 to 4096).</summary>
    public int Height { get; init; } = 360;

    /// <summary>Smallest length in pixels of the target's long side over the whole sequence (at least 8).</summary>
    public double MinTargetSize { get; init; } = 24;

    /// <summary>Largest length in pixels of the target's long side (at least <see cref="MinTargetSize"/>, at most a quarter of the smaller frame side).</summary>
    public double MaxTargetSize { get; init; } = 64;

    /// <summary>Mean ground speed of the target in pixels per frame (0 to 20; at least 0.5 with <see cref="Occlusion"/>, so it can pass under the occluder).</summary>
    public double TargetSpeed { get; init; } = 2.0;

    /// <summary>Camera pan strength: 0 keeps the camera still unless the target would leave the view, 1 is a typical drone, up to 3.</summary>
    public double CameraMotion { get; init; } = 1.0;

    /// <summary>Largest relative zoom (altitude) change around the starting zoom, 0 to 0.6 (0.3 = plus or minus 30 %).</summary>
    public double ScaleChange { get; init; } = 0.3;

    /// <summary>Largest camera roll in degrees, 0 to 45.</summary>
    public double MaxRotationDegrees { get; init; } = 4;

    /// <summary>Number of similar-looking objects (same shape, similar colour) moving near the target, 0 to 8.</summary>
    public int DistractorCount { get; init; } = 1;

    /// <summary>Whether a tree canopy covers the target: partial occlusion while it passes under, full occlusion for <see cref="FullOcclusionFrames"/> frames.</summary>
    public bool Occlusion { get; init; } = true;

    /// <summary>
    /// How many consecutive frames the target should be fully hidden when <see cref="Occlusion"/> is on (1 to 60).
    /// The canopy is sized from the target's path for this many frames; the visibility flags of the output are
    /// measured from the rendered geometry and usually mark this many to two more frames (a slow or turning target
    /// can stay under longer).
    /// </summary>
    public int FullOcclusionFrames { get; init; } = 6;

    /// <summary>Motion blur as the exposure fraction of the frame interval, 0 (sharp) to 1 (smeared over the whole inter-frame motion).</summary>
    public double MotionBlur { get; init; } = 0.5;

    /// <summary>Whether brightness and contrast drift over time and a cloud shadow passes over the scene.</summary>
    public bool IlluminationChange { get; init; } = true;

    /// <summary>Sensor noise: largest per-channel deviation in grey levels (triangular distribution), 0 to 20.</summary>
    public int SensorNoise { get; init; } = 3;

    /// <summary>
    /// The fixed configuration behind <c>viltrack demo</c>: 300 frames of 640x360 with camera motion, zoom change,
    /// one occlusion (6 fully hidden frames), one distractor, mild blur, illumination drift and light sensor noise.
    /// </summary>
    public static SyntheticSequenceOptions Demo => new()
    {
        FrameCount = 300,
        Width = 640,
        Height = 360,
        MinTargetSize = 28,
        MaxTargetSize = 60,
        TargetSpeed = 2.0,
        CameraMotion = 1.0,
        ScaleChange = 0.3,
        MaxRotationDegrees = 4,
        DistractorCount = 1,
        Occlusion = true,
        FullOcclusionFrames = 6,
        MotionBlur = 0.5,
        IlluminationChange = true,
        SensorNoise = 3,
    };

    /// <summary>The seed <c>viltrack demo</c> uses with <see cref="Demo"/>.</summary>
    public const ulong DemoSeed = 20260101;

    /// <summary>Throws if any value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message names the option, its value and the allowed range.</exception>
    public void Validate()
    {
        Require(FrameCount >= 1, nameof(FrameCount), FrameCount, "at least 1");
        Require(Width is >= 64 and <= 4096, nameof(Width), Width, "between 64 and 4096");
        Require(Height is >= 64 and <= 4096, nameof(Height), Height, "between 64 and 4096");
        Require(MinTargetSize >= 8, nameof(MinTargetSize), MinTargetSize, "at least 8 pixels (and finite)");
        Require(MaxTargetSize >= MinTargetSize, nameof(MaxTargetSize), MaxTargetSize, $"at least MinTargetSize ({Format(MinTargetSize)})");
        double largest = Math.Min(Width, Height) / 4.0;
        Require(MaxTargetSize <= largest, nameof(MaxTargetSize), MaxTargetSize,
            $"at most a quarter of the smaller frame side ({Format(largest)} for {Width}x{Height}); lower it or enlarge the frame");
        Require(TargetSpeed is >= 0 and <= 20, nameof(TargetSpeed), TargetSpeed, "between 0 and 20 pixels per frame");
        Require(CameraMotion is >= 0 and <= 3, nameof(CameraMotion), CameraMotion, "between 0 and 3");
        Require(ScaleChange is >= 0 and <= 0.6, nameof(ScaleChange), ScaleChange, "between 0 and 0.6");
        Require(MaxRotationDegrees is >= 0 and <= 45, nameof(MaxRotationDegrees), MaxRotationDegrees, "between 0 and 45 degrees");
        Require(DistractorCount is >= 0 and <= 8, nameof(DistractorCount), DistractorCount, "between 0 and 8");
        Require(FullOcclusionFrames is >= 1 and <= 60, nameof(FullOcclusionFrames), FullOcclusionFrames, "between 1 and 60");
        Require(MotionBlur is >= 0 and <= 1, nameof(MotionBlur), MotionBlur, "between 0 and 1");
        Require(SensorNoise is >= 0 and <= 20, nameof(SensorNoise), SensorNoise, "between 0 and 20 grey levels");
        if (Occlusion)
        {
            Require(FrameCount >= FullOcclusionFrames + 30, nameof(FrameCount), FrameCount,
                $"at least FullOcclusionFrames + 30 = {FullOcclusionFrames + 30} when Occlusion is on (or set Occlusion = false)");
            Require(TargetSpeed >= 0.5, nameof(TargetSpeed), TargetSpeed,
                "at least 0.5 when Occlusion is on, so the target can pass under the occluder (or set Occlusion = false)");
        }
    }

    private static void Require(bool ok, string name, double value, string rule)
    {
        if (!ok)
            throw new ArgumentException(
                $"Synthetic sequence option {name} = {Format(value)} is invalid: it must be {rule}.", name);
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
