using SkiaSharp;
using VilTracker.Imaging;

namespace VilTracker.Tests.Imaging;

public sealed class ImageFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("viltrack-image-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void PngPixelsComeBackAsRgbInRowMajorOrder()
    {
        var path = Path.Combine(folder, "pixels.png");
        WritePng(path, 3, 2, (x, y) => new SKColor((byte)(10 * x), (byte)(100 + y), (byte)(200 + x + y)));

        var frame = ImageFile.Load(path);

        Assert.Equal(3, frame.Width);
        Assert.Equal(2, frame.Height);
        // Pixel (x=2, y=1) sits at byte (1*3 + 2)*3.
        Assert.Equal(new byte[] { 20, 101, 203 }, frame.Rgb[15..18]);
        Assert.Equal(new byte[] { 0, 100, 200 }, frame.Rgb[0..3]);
    }

    [Fact]
    public void HandWrittenBmpIsReadBottomUpAndBgrSwapped()
    {
        // 2x2, 24-bit, rows stored bottom-up as B,G,R with each 6-byte row padded to 8 bytes.
        byte[] header =
        [
            (byte)'B', (byte)'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0,
            40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0, 16, 0, 0, 0,
            0x13, 0x0B, 0, 0, 0x13, 0x0B, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        byte[] bottomRow = [1, 2, 3, 4, 5, 6, 0, 0];
        byte[] topRow = [7, 8, 9, 10, 11, 12, 0, 0];
        var path = Path.Combine(folder, "tiny.bmp");
        File.WriteAllBytes(path, [.. header, .. bottomRow, .. topRow]);

        var frame = ImageFile.Load(path);

        Assert.Equal((2, 2), (frame.Width, frame.Height));
        Assert.Equal(new byte[] { 9, 8, 7, 12, 11, 10, 3, 2, 1, 6, 5, 4 }, frame.Rgb);
    }

    [Fact]
    public void RealJpegHasTheSequenceResolution()
    {
        var frame = ImageFile.Load(SharedData.PathOf("data", "sot-dev", "boat1", "img", "000001.jpg"));

        Assert.Equal((1280, 720), (frame.Width, frame.Height));
        Assert.Contains(frame.Rgb, b => b > 0);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = Path.Combine(folder, "nope.jpg");
        var error = Assert.Throws<FileNotFoundException>(() => ImageFile.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void GarbageAndTruncatedFilesAreNamed()
    {
        var garbage = Path.Combine(folder, "garbage.jpg");
        File.WriteAllBytes(garbage, "this is not an image"u8.ToArray());
        var truncated = Path.Combine(folder, "truncated.jpg");
        var jpeg = File.ReadAllBytes(SharedData.PathOf("data", "sot-dev", "bag", "img", "000001.jpg"));
        File.WriteAllBytes(truncated, jpeg[..200]);

        Assert.Contains(garbage, Assert.Throws<InvalidDataException>(() => ImageFile.Load(garbage)).Message);
        Assert.Contains(truncated, Assert.Throws<InvalidDataException>(() => ImageFile.Load(truncated)).Message);
    }

    internal static void WritePng(string path, int width, int height, Func<int, int, SKColor> colour)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colour(x, y));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
