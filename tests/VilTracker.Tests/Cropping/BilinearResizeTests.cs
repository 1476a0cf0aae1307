using OpenCvSharp;
using VilTracker.Cropping;
using Xunit.Abstractions;

namespace VilTracker.Tests.Cropping;

/// <summary>The byte-level bilinear resize against hand-worked pixels and against OpenCV itself.</summary>
public class BilinearResizeTests(ITestOutputHelper output)
{
    [Fact]
    public void UpscaleOf2x2MatchesHandWorkedPixels()
    {
        // Source (1 channel): [[0, 100], [200, 50]] -> 4x4, scale 0.5, so sample points are (d + 0.5)·0.5 − 0.5:
        // −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1) in both directions.
        var result = BilinearResize.Resize([0, 100, 200, 50], 2, 2, 1, 4, 4);
        // Corner (0,0) sits at the clamped source (0,0): 0.  Corner (3,3) at source (1,1): 50.
        Assert.Equal(0, result[0]);
        Assert.Equal(50, result[15]);
        // (1,1) at (0.25,0.25): 0·.75·.75 + 100·.25·.75 + 200·.75·.25 + 50·.25·.25 = 18.75 + 37.5 + 3.125 = 59.375 -> 59.
        Assert.Equal(59, result[1 * 4 + 1]);
        // (2,1) at x=0.75, y=0.25: 0·.25·.75 + 100·.75·.75 + 200·.25·.25 + 50·.75·.25 = 56.25 + 12.5 + 9.375 = 78.125 -> 78.
        Assert.Equal(78, result[1 * 4 + 2]);
        // (0,2): x clamped to 0, y=0.75: 0·.25 + 200·.75 = 150.
        Assert.Equal(150, result[2 * 4 + 0]);
        // (1,0): y clamped to row 0, x=0.25: 0·.75 + 100·.25 = 25.
        Assert.Equal(25, result[0 * 4 + 1]);
    }

    [Fact]
    public void ExactHalvingAveragesTwoByTwoBlocksWithRounding()
    {
        // 4x2 -> 2x1 is a 2x downscale: each output is (a + b + c + d + 2) >> 2 of its 2x2 block.
        byte[] source = [10, 11, 200, 201, 13, 12, 0, 0];
        var result = BilinearResize.Resize(source, 4, 2, 1, 2, 1);
        Assert.Equal((10 + 11 + 13 + 12 + 2) >> 2, result[0]); // 48 >> 2 = 12 (11.5 rounded up)
        Assert.Equal((200 + 201 + 0 + 0 + 2) >> 2, result[1]);  // 403 >> 2 = 100 (100.25)
    }

    [Fact]
    public void BadSizesAndBuffersAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BilinearResize.Resize(new byte[12], 2, 2, 3, 0, 4));
        Assert.Contains("2x2x3 -> 0x4", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => BilinearResize.Resize(new byte[11], 2, 2, 3, 4, 4));
        Assert.Contains("11 bytes", ex.Message);
    }

    [Fact]
    public void ConstantImageStaysConstantAtAnyScale()
    {
        var source = Enumerable.Repeat((byte)173, 37 * 23 * 3).ToArray();
        foreach (var (w, h) in new[] { (256, 256), (5, 9), (37, 23), (100, 3) })
            Assert.All(BilinearResize.Resize(source, 37, 23, 3, w, h), v => Assert.Equal(173, v));
    }

    [Theory]
    [InlineData(2, 2, 4, 4)]
    [InlineData(37, 23, 256, 256)]
    [InlineData(511, 509, 256, 256)]
    [InlineData(512, 512, 256, 256)]
    [InlineData(300, 300, 128, 128)]
    [InlineData(97, 97, 128, 128)]
    [InlineData(13, 7, 5, 11)]
    [InlineData(3, 3, 2, 2)]
    [InlineData(3, 3, 1, 5)]
    [InlineData(1, 1, 2, 2)]
    [InlineData(9, 9, 6, 6)]
    [InlineData(40, 40, 11, 12)]
    [InlineData(40, 40, 17, 12)]
    [InlineData(40, 40, 50, 12)]
    [InlineData(40, 40, 61, 12)]
    public void MatchesOpenCvResizeByteForByte(int sw, int sh, int dw, int dh)
    {
        var random = new Random(sw * 1000 + dw);
        var source = new byte[sw * sh * 3];
        random.NextBytes(source);
        var ours = BilinearResize.Resize(source, sw, sh, 3, dw, dh);

        using var src = Mat.FromPixelData(sh, sw, MatType.CV_8UC3, source);
        using var dst = new Mat();
        Cv2.Resize(src, dst, new OpenCvSharp.Size(dw, dh));
        dst.GetArray(out Vec3b[] pixels);
        var theirs = pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 }).ToArray();

        int differing = ours.Zip(theirs).Count(p => p.First != p.Second);
        int maxDiff = ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"{sw}x{sh} -> {dw}x{dh}: {differing} of {ours.Length} bytes differ, max |diff| {maxDiff}");
        var where = Enumerable.Range(0, ours.Length).Where(i => ours[i] != theirs[i]).Select(i => $"({i / (dw * 3)},{i % (dw * 3)}:{ours[i]}/{theirs[i]})");
        output.WriteLine(string.Join(" ", where));
        Assert.Equal(0, differing);
    }
}
