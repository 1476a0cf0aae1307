using System.Runtime.InteropServices;
using SkiaSharp;
using VilTracker.IO;

namespace VilTracker.Imaging;

/// <summary>Decodes still images (JPEG, PNG, BMP and the other formats SkiaSharp reads) into RGB <see cref="Frame"/>s.</summary>
public static class ImageFile
{
    /// <summary>Reads and decodes the image at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image (corrupt, truncated or of an unknown format).</exception>
    public static Frame Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);

        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream, out var result)
            ?? throw new InvalidDataException($"Image file '{path}' could not be decoded ({result}): it is not a JPEG/PNG/BMP image or it is corrupt.");

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        if (result != SKCodecResult.Success)
            throw new InvalidDataException($"Image file '{path}' could not be decoded ({result}): the file is truncated or corrupt.");

        return new Frame(info.Width, info.Height, RgbaToRgb(rgba));
    }

    /// <summary>Encodes <paramref name="frame"/> as a JPEG file at <paramref name="path"/> (written atomically).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quality is not between 1 and 100.</exception>
    public static void SaveJpeg(Frame frame, string path, int quality = 90)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        AtomicFile.Write(path, stream => EncodeJpeg(frame, quality, stream));
    }

    private static byte[] RgbaToRgb(byte[] rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int s = 0, d = 0; s < rgba.Length; s += 4, d += 3)
        {
            rgb[d] = rgba[s];
            rgb[d + 1] = rgba[s + 1];
            rgb[d + 2] = rgba[s + 2];
        }
        return rgb;
    }

    /// <summary>Encodes an RGB frame as JPEG into <paramref name="stream"/>.</summary>
    private static void EncodeJpeg(Frame frame, int quality, Stream stream)
    {
        int pixels = frame.Width * frame.Height;
        var rgba = new byte[pixels * 4];
        var rgb = frame.Rgb;
        for (int i = 0, j = 0; i < pixels; i++, j += 3)
        {
            rgba[4 * i] = rgb[j];
            rgba[4 * i + 1] = rgb[j + 1];
            rgba[4 * i + 2] = rgb[j + 2];
            rgba[4 * i + 3] = 255;
        }
        var info = new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        unsafe
        {
            fixed (byte* data = rgba)
            {
                using var pixmap = new SKPixmap(info, (nint)data, info.RowBytes);
                using var encoded = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                    ?? throw new InvalidOperationException($"SkiaSharp could not encode a {frame.Width}x{frame.Height} frame as JPEG.");
                encoded.SaveTo(stream);
            }
        }
    }
}
