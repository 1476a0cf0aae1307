using VilTracker.Imaging;
using static TorchSharp.torch;
using VilTracker.Tensors;

namespace VilTracker.Cropping;

/// <summary>
/// Turns RGB crops into network input: <c>(pixel/255 − mean)/std</c> per channel with ImageNet statistics, in
/// float32, channels first (OSTrack's <c>Preprocessor</c>).
/// </summary>
public static class ImageNetNormalization
{
    /// <summary>ImageNet channel means (R, G, B).</summary>
    public static readonly float[] Mean = [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet channel standard deviations (R, G, B).</summary>
    public static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>One frame as a <c>(3, H, W)</c> float32 tensor.</summary>
    public static Tensor ToTensor(Frame frame)
    {
        using var scope = NewDisposeScope();
        return ToBatch([frame]).squeeze(0).MoveToOuterDisposeScope();
    }

    /// <summary>Frames of one size as a <c>(B, 3, H, W)</c> float32 tensor.</summary>
    /// <exception cref="ArgumentException">The list is empty or the frames differ in size.</exception>
    public static Tensor ToBatch(IReadOnlyList<Frame> frames)
    {
        if (frames.Count == 0)
            throw new ArgumentException("Cannot normalise an empty list of frames.", nameof(frames));
        int w = frames[0].Width, h = frames[0].Height;
        var bytes = new byte[frames.Count * w * h * 3];
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i].Width != w || frames[i].Height != h)
                throw new ArgumentException($"Frame {i} is {frames[i].Width}x{frames[i].Height}, but frame 0 is {w}x{h}; a batch needs one size.", nameof(frames));
            frames[i].Rgb.CopyTo(bytes, i * w * h * 3);
        }
        using var scope = NewDisposeScope();
        var pixels = tensor(bytes, [frames.Count, h, w, 3]).permute(0, 3, 1, 2).to_type(ScalarType.Float32);
        var mean = tensor(Mean).view(1, 3, 1, 1);
        var std = tensor(Std).view(1, 3, 1, 1);
        return ((pixels.DividedBy(255.0f) - mean) / std).contiguous().MoveToOuterDisposeScope();
    }
}
