using System.Runtime.InteropServices;
using SkiaSharp;

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
}
