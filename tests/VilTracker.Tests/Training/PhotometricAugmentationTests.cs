using VilTracker.Imaging;
using VilTracker.Training.Sampling;

namespace VilTracker.Tests.Training;

public class PhotometricAugmentationTests
{
    [Fact]
    public void ChannelScalingGrayAndBlurMatchHandArithmetic()
    {
        // 3x1 frame: red, green, blue pixels.
        var frame = new Frame(3, 1, [200, 0, 0, 0, 100, 0, 0, 0, 50]);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 50, 0, 0, 0, 55 }, PhotometricAugmentation.ScaleChannels(frame, 1.5, 0.5, 1.1).Rgb);
        // Luma 0.299·200 = 59.8 → 60; 0.587·100 = 58.7 → 59; 0.114·50 = 5.7 → 6.
        Assert.Equal(new byte[] { 60, 60, 60, 59, 59, 59, 6, 6, 6 }, PhotometricAugmentation.Grayscale(frame).Rgb);
        // 3x3 box over the existing neighbours: left pixel averages 2 pixels, middle 3, right 2 (rounded).
        Assert.Equal(new byte[] { 100, 50, 0, 67, 33, 17, 0, 50, 25 }, PhotometricAugmentation.BoxBlur(frame).Rgb);
    }

    [Fact]
    public void NoAugmentationLeavesTheCropsAndTheSameDrawsGiveTheSameResult()
    {
        var frame = new Frame(2, 2, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
        var (t, s, m) = PhotometricAugmentation.None.Apply(frame, frame, frame, new Random(1));
        Assert.Equal(frame.Rgb, t.Rgb);
        Assert.Equal(frame.Rgb, s.Rgb);
        Assert.Equal(frame.Rgb, m.Rgb);
        var strong = new PhotometricAugmentation(0.5, 0.5, 0.5);
        var a = strong.Apply(frame, frame, frame, new Random(4));
        var b = strong.Apply(frame, frame, frame, new Random(4));
        Assert.Equal(a.Search.Rgb, b.Search.Rgb);
        Assert.NotEqual(frame.Rgb, a.Search.Rgb);
    }
}
