using VilTracker.Data.Synthetic;

namespace VilTracker.Tests.Data.Synthetic;

/// <summary>Small, fast synthetic configurations shared by the synthetic-data tests.</summary>
internal static class SyntheticTestOptions
{
    /// <summary>40 frames of 192x128 with every effect on: camera motion, zoom, roll, a distractor, occlusion, blur, lighting.</summary>
    public static SyntheticSequenceOptions Tiny => new()
    {
        FrameCount = 40,
        Width = 192,
        Height = 128,
        MinTargetSize = 14,
        MaxTargetSize = 30,
        TargetSpeed = 1.5,
        DistractorCount = 1,
        Occlusion = true,
        FullOcclusionFrames = 4,
        MotionBlur = 0.5,
        IlluminationChange = true,
    };

    /// <summary>The flat colour tests paint the target with: no ground, tree or distractor colour is this magenta.</summary>
    internal static readonly Rgb Magenta = new(255, 0, 255);

    /// <summary>True for a pixel that is mostly target magenta (green far below red and blue), also under shadow or brightness change.</summary>
    public static bool IsMagenta(byte[] rgb, int pixel)
    {
        int r = rgb[3 * pixel], g = rgb[3 * pixel + 1], b = rgb[3 * pixel + 2];
        return Math.Min(r, b) >= 40 && g < 0.35 * Math.Min(r, b);
    }
}
