using VilTracker.Cropping;
using VilTracker.Imaging;
using static TorchSharp.torch;

namespace VilTracker.Tests.Cropping;

/// <summary>ImageNet normalisation to channels-first float tensors.</summary>
public class ImageNetNormalizationTests
{
    [Fact]
    public void PixelsAreScaledCentredAndChannelsFirst()
    {
        using var scope = NewDisposeScope();
        // 2x1 frame: pixel (0,0) = (255, 0, 128), pixel (1,0) = (0, 255, 51).
        var frame = new Frame(2, 1, [255, 0, 128, 0, 255, 51]);
        var t = ImageNetNormalization.ToTensor(frame);
        Assert.Equal(new long[] { 3, 1, 2 }, t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        // R at (0,0): (1 − 0.485)/0.229 = 2.2489; G at (0,0): (0 − 0.456)/0.224 = −2.0357;
        // B at (1,0): (0.2 − 0.406)/0.225 = −0.91556.
        Assert.Equal(2.24891, t[0, 0, 0].item<float>(), 4);
        Assert.Equal(-2.03571, t[1, 0, 0].item<float>(), 4);
        Assert.Equal(-0.915556, t[2, 0, 1].item<float>(), 4);
    }

    [Fact]
    public void BatchStacksFramesAndRejectsMixedSizes()
    {
        using var scope = NewDisposeScope();
        var a = new Frame(2, 2, Enumerable.Repeat((byte)10, 12).ToArray());
        var b = new Frame(2, 2, Enumerable.Repeat((byte)200, 12).ToArray());
        var batch = ImageNetNormalization.ToBatch([a, b]);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, batch.shape);
        Assert.True(batch[1].allclose(ImageNetNormalization.ToTensor(b)));
        var ex = Assert.Throws<ArgumentException>(() => ImageNetNormalization.ToBatch([a, new Frame(3, 2, new byte[18])]));
        Assert.Contains("Frame 1", ex.Message);
    }
}
