using VilTracker.Baselines.NanoTrack;
using VilTracker.Imaging;

namespace VilTracker.Tests.Baselines;

/// <summary>The reference's get_subwindow on tiny frames, against pixels worked out by hand.</summary>
public sealed class NanoTrackCropTests
{
    [Fact]
    public void WindowAtTheCornerTakesPaddingAndSwapsToBgr()
    {
        // 4x3 frame, pixel (x, y) = RGB (10x + y, 50 + x, 100 + y).
        var frame = MakeFrame(4, 3, (x, y) => (10 * x + y, 50 + x, 100 + y));
        byte[] pad = [1, 2, 3];

        // N = 3, centre (0.5, 0): c = 2, xmin = floor(0.5 - 2 + 0.5) = -1, ymin = floor(0 - 2 + 0.5) = -2,
        // so rows y = -2, -1 are padding and row y = 0 holds pad, pixel (0,0), pixel (1,0).
        var crop = NanoTrackCrop.CropBgr(frame, 0.5, 0, 3, 3, pad);

        byte[] expected =
        [
            1, 2, 3, 1, 2, 3, 1, 2, 3,
            1, 2, 3, 1, 2, 3, 1, 2, 3,
            1, 2, 3, /* (0,0) BGR */ 100, 50, 0, /* (1,0) BGR */ 100, 51, 10,
        ];
        Assert.Equal(expected, crop);
    }

    [Fact]
    public void HalvingAveragesEachTwoByTwoBlockWithRounding()
    {
        // 6x6 frame, pixel (x, y) = RGB (10x + 3y, x*y, 200 - x - y). N = 4 around (2.5, 2.5): window x, y in 0..3.
        // OpenCV's INTER_LINEAR at exactly half size is (a + b + c + d + 2) >> 2 per channel:
        //   out(0,0): R (0+10+3+13+2)>>2 = 7,  G (0+0+0+1+2)>>2 = 0, B (200+199+199+198+2)>>2 = 199
        //   out(1,0): R (20+30+23+33+2)>>2 = 27, G (0+0+2+3+2)>>2 = 1, B (198+197+197+196+2)>>2 = 197
        //   out(0,1): R (6+16+9+19+2)>>2 = 13,  G (0+2+0+3+2)>>2 = 1, B 197
        //   out(1,1): R (26+36+29+39+2)>>2 = 33, G (4+6+6+9+2)>>2 = 6, B (196+195+195+194+2)>>2 = 195
        var frame = MakeFrame(6, 6, (x, y) => (10 * x + 3 * y, x * y, 200 - x - y));

        var crop = NanoTrackCrop.CropBgr(frame, 2.5, 2.5, 2, 4, [0, 0, 0]);

        Assert.Equal(new byte[] { 199, 0, 7, 197, 1, 27, 197, 1, 13, 195, 6, 33 }, crop);
    }

    [Fact]
    public void UpscalingFollowsOpenCvFixedPointBilinear()
    {
        // Grey 2x2 frame [10 200; 50 90], N = 2 around (1, 1) -> whole frame, resized to 3x3 (NANOTRACK.md §2.5).
        // x: d=0 -> s=0,f=0; d=1 -> s=0, f=0.5 (weights 1024/1024); d=2 -> s=1,f=0 (clamped).
        // y: d=0 -> s=-1, f=5/6 (weights 341/1707, both rows clamp to 0); d=1 -> rows 0,1 at 1024/1024;
        //    d=2 -> s=1, f=1/6 (weights 1707/341, both rows clamp to 1).
        // Horizontal sums H (x 2048): row 0 = 20480, 215040, 409600; row 1 = 102400, 143360, 184320.
        // Vertical ((H0>>4)*w0>>16) + ((H1>>4)*w1>>16) + 2 >> 2, e.g. middle: (210 + 140 + 2) >> 2 = 88.
        byte[] grey = [10, 200, 50, 90];
        var frame = new Frame(2, 2, grey.SelectMany(v => new[] { v, v, v }).ToArray());

        var crop = NanoTrackCrop.CropBgr(frame, 1, 1, 3, 2, [0, 0, 0]);

        byte[] expected = [10, 105, 200, 30, 88, 145, 50, 70, 90];
        Assert.Equal(expected.SelectMany(v => new[] { v, v, v }), crop);
    }

    [Fact]
    public void PaddingColourIsTheTruncatedFrameMean()
    {
        // Means: R (1 + 2) / 2 = 1.5 -> 1, G (10 + 13) / 2 = 11.5 -> 11, B (255 + 254) / 2 = 254.5 -> 254.
        var frame = MakeFrame(2, 1, (x, _) => (1 + x, 10 + 3 * x, 255 - x));

        Assert.Equal(new byte[] { 254, 11, 1 }, NanoTrackCrop.MeanColourBgr(frame));
    }

    [Fact]
    public void ChwFloatsKeepChannelPlanesInBgrOrder()
    {
        byte[] bgr = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

        Assert.Equal(new float[] { 1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12 }, NanoTrackCrop.ToChwFloats(bgr, 2));
    }

    private static Frame MakeFrame(int width, int height, Func<int, int, (int R, int G, int B)> pixel)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                int i = (y * width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = ((byte)r, (byte)g, (byte)b);
            }
        return new Frame(width, height, rgb);
    }
}
