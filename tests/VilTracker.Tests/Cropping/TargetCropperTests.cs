using OpenCvSharp;
using VilTracker.Cropping;
using VilTracker.Geometry;
using VilTracker.Imaging;
using Xunit.Abstractions;

namespace VilTracker.Tests.Cropping;

/// <summary>OSTrack's <c>sample_target</c>: window arithmetic, padding quirk, pixels, and OpenCV as an oracle.</summary>
public class TargetCropperTests(ITestOutputHelper output)
{
    /// <summary>A frame whose red channel is 10·x + y + 1 (never 0), green 7, blue 100 + x.</summary>
    private static Frame Gradient(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                rgb[i] = (byte)(10 * x + y + 1);
                rgb[i + 1] = 7;
                rgb[i + 2] = (byte)(100 + x);
            }
        return new Frame(width, height, rgb);
    }

    private static byte Red(Frame f, int x, int y) => f.Rgb[(y * f.Width + x) * 3];

    [Fact]
    public void WindowSideIsCeilingOfScaledGeometricMean()
    {
        // sqrt(3·3)·2.5 = 7.5 -> 8; sqrt(2·8)·4 = 16 exactly -> 16.
        Assert.Equal(8, CropWindow.Centered(new Box(10, 10, 3, 3), 2.5, 64).CropSize);
        Assert.Equal(16, CropWindow.Centered(new Box(10, 10, 2, 8), 4.0, 64).CropSize);
        Assert.Equal(256.0 / 16, CropWindow.Centered(new Box(10, 10, 2, 8), 4.0, 256).ResizeFactor);
    }

    [Fact]
    public void WindowCornerRoundsHalfToEvenLikePython()
    {
        // w = h = 2, factor 2 -> side 4, x1 = round(x + 1 − 2) = round(x − 1).
        Assert.Equal(0, CropWindow.Centered(new Box(1.5, 1.5, 2, 2), 2, 4).X1);   // round(0.5) = 0
        Assert.Equal(2, CropWindow.Centered(new Box(2.5, 2.5, 2, 2), 2, 4).X1);   // round(1.5) = 2
        Assert.Equal(2, CropWindow.Centered(new Box(3.5, 3.5, 2, 2), 2, 4).Y1);   // round(2.5) = 2
        Assert.Equal(-2, CropWindow.Centered(new Box(-0.5, 0, 2, 2), 2, 4).X1);  // round(−1.5) = −2
    }

    [Fact]
    public void UnscaledCropInsideTheFrameCopiesPixels()
    {
        // Box (1,1,2,2), factor 2 -> side 4 at (0,0); output 4 means no resampling.
        var crop = TargetCropper.Sample(Gradient(8, 7), new Box(1, 1, 2, 2), 2, 4);
        Assert.Equal((0, 0, 4), (crop.Window.X1, crop.Window.Y1, crop.Window.CropSize));
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
                Assert.Equal((byte)(10 * x + y + 1), Red(crop.Image, x, y));
    }

    [Fact]
    public void LeftAndTopOutsideTheFrameAreZero()
    {
        // Box (0,0,2,2) -> side 4, x1 = y1 = round(1 − 2) = −1: crop column/row 0 is padding.
        var crop = TargetCropper.Sample(Gradient(8, 7), new Box(0, 0, 2, 2), 2, 4);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(0, Red(crop.Image, 0, i));
            Assert.Equal(0, Red(crop.Image, i, 0));
        }
        Assert.Equal(1, Red(crop.Image, 1, 1));           // frame (0,0): 10·0 + 0 + 1
        Assert.Equal(10 * 2 + 1 + 1, Red(crop.Image, 3, 2)); // frame (2,1)
    }

    [Fact]
    public void CropReachingTheRightBorderLosesTheLastColumnToPadding()
    {
        // Width 6, box (3,1,2,2) -> side 4, x1 = round(4 − 2) = 2, x2 = 6, x2_pad = 6 − 6 + 1 = 1:
        // crop columns 0..2 are frame columns 2..4, and crop column 3 (frame column 5, inside the frame) is zero.
        var crop = TargetCropper.Sample(Gradient(6, 7), new Box(3, 1, 2, 2), 2, 4);
        Assert.Equal((2, 0), (crop.Window.X1, crop.Window.Y1));
        Assert.Equal(10 * 4 + 2 + 1, Red(crop.Image, 2, 2));
        for (int y = 0; y < 4; y++)
            Assert.Equal(0, Red(crop.Image, 3, y));
        // Same at the bottom: height 5, box (1,2,2,2) -> y1 = round(3 − 2) = 1, y2 = 5: row 3 (frame row 4) is zero.
        var bottom = TargetCropper.Sample(Gradient(8, 5), new Box(1, 2, 2, 2), 2, 4);
        Assert.Equal(10 * 1 + 3 + 1, Red(bottom.Image, 1, 2));
        for (int x = 0; x < 4; x++)
            Assert.Equal(0, Red(bottom.Image, x, 3));
    }

    [Fact]
    public void CropCompletelyOutsideTheFrameIsBlack()
    {
        var crop = TargetCropper.Sample(Gradient(8, 7), new Box(100, 100, 2, 2), 2, 8);
        Assert.All(crop.Image.Rgb, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(double.NaN, 1, 2, 2)]
    [InlineData(1, 1, 0, 2)]
    [InlineData(1, 1, 2, -3)]
    public void BadBoxesAreRejectedWithTheBoxInTheMessage(double x, double y, double w, double h)
    {
        var ex = Assert.Throws<ArgumentException>(() => TargetCropper.Sample(Gradient(8, 7), new Box(x, y, w, h), 2, 4));
        Assert.Contains("box", ex.Message);
    }

    [Fact]
    public void BadFactorAndOutputSizeAreRejected()
    {
        Assert.Throws<ArgumentException>(() => CropWindow.Centered(new Box(1, 1, 2, 2), 0, 4));
        Assert.Throws<ArgumentException>(() => CropWindow.Centered(new Box(1, 1, 2, 2), double.NaN, 4));
        Assert.Throws<ArgumentException>(() => CropWindow.Centered(new Box(1, 1, 2, 2), 2, 0));
        // w·h underflows to 0, so the side ceil(0·2) = 0 is below one pixel (OSTrack: "Too small bounding box").
        Assert.Throws<ArgumentException>(() => CropWindow.Centered(new Box(1, 1, 1e-200, 1e-200), 2, 4));
    }

    /// <summary>OSTrack's sample_target written with OpenCV calls (slice, copyMakeBorder, resize) as the oracle.</summary>
    private static byte[] OpenCvSampleTarget(Mat rgb, Box box, double factor, int outputSize)
    {
        int cropSize = (int)Math.Ceiling(Math.Sqrt(box.W * box.H) * factor);
        int x1 = (int)Math.Round(box.X + 0.5 * box.W - cropSize * 0.5), y1 = (int)Math.Round(box.Y + 0.5 * box.H - cropSize * 0.5);
        int x2 = x1 + cropSize, y2 = y1 + cropSize;
        int x1Pad = Math.Max(0, -x1), x2Pad = Math.Max(x2 - rgb.Width + 1, 0);
        int y1Pad = Math.Max(0, -y1), y2Pad = Math.Max(y2 - rgb.Height + 1, 0);
        // Clone: a numpy slice reaches OpenCV as a stand-alone image, while an OpenCV sub-matrix would make
        // copyMakeBorder borrow the pixels outside it instead of padding with zeros.
        using var view = rgb[new OpenCvSharp.Range(y1 + y1Pad, y2 - y2Pad), new OpenCvSharp.Range(x1 + x1Pad, x2 - x2Pad)];
        using var inner = view.Clone();
        using var padded = new Mat();
        Cv2.CopyMakeBorder(inner, padded, y1Pad, y2Pad, x1Pad, x2Pad, BorderTypes.Constant, Scalar.All(0));
        using var resized = new Mat();
        Cv2.Resize(padded, resized, new OpenCvSharp.Size(outputSize, outputSize));
        resized.GetArray(out Vec3b[] pixels);
        return pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 }).ToArray();
    }

    /// <summary>Frame 1 of a sot-dev sequence (decoded with SkiaSharp) and its first ground-truth box.</summary>
    private static (Frame Frame, Box Truth) LoadRealFrame(string sequence)
    {
        string folder = SharedData.PathOf(Path.Combine("data", "sot-dev", sequence));
        string image = Path.Combine(folder, "img", "000001.jpg");
        using var bitmap = SkiaSharp.SKBitmap.Decode(image)
            ?? throw new InvalidDataException($"Cannot decode {image} (exists: {File.Exists(image)}).");
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                int i = (y * bitmap.Width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (c.Red, c.Green, c.Blue);
            }
        var v = File.ReadLines(Path.Combine(folder, "groundtruth.txt")).First().Split(',')
            .Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (new Frame(bitmap.Width, bitmap.Height, rgb), new Box(v[0], v[1], v[2], v[3]));
    }

    [Fact]
    public void RealFrameCropsEqualOpenCvSampleTargetByteForByte()
    {
        var (frame, gt) = LoadRealFrame("Gull2");
        using var rgb = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, frame.Rgb);
        {
            var boxes = new[]
            {
                (gt, 4.0, 256), (gt, 2.0, 128),                                   // search and template crops
                (new Box(frame.Width - 30.3, frame.Height - 20.5, 25, 17), 4.0, 256), // reaches right and bottom borders
                (new Box(2.5, 3.5, 61.2, 40.7), 5.0, 384),                         // reaches left and top borders
                (new Box(300, 200, 5, 4), 2.0, 128),                               // upscaled tiny target
            };
            foreach (var (box, factor, size) in boxes)
            {
                var ours = TargetCropper.Sample(frame, box, factor, size).Image.Rgb;
                var theirs = OpenCvSampleTarget(rgb, box, factor, size);
                Assert.Equal(theirs.Length, ours.Length);
                int differing = ours.Zip(theirs).Count(p => p.First != p.Second);
                output.WriteLine($"{box} x{factor} -> {size}: {differing} bytes differ");
                Assert.Equal(0, differing);
            }
        }
    }
}
