namespace VilTracker.Imaging;

/// <summary>
/// One video frame: <see cref="Height"/> x <see cref="Width"/> x 3 bytes, RGB, row-major, no padding.
/// The single image type shared by frame sources, trackers, crops and rendering.
/// </summary>
public sealed class Frame
{
    /// <summary>Wraps existing pixel data (not copied).</summary>
    /// <exception cref="ArgumentException">The buffer length is not <c>width * height * 3</c>.</exception>
    public Frame(int width, int height, byte[] rgb)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"Frame size must be positive, got {width}x{height}.");
        if (rgb.Length != checked(width * height * 3))
            throw new ArgumentException($"Frame buffer has {rgb.Length} bytes; a {width}x{height} RGB frame needs {width * height * 3}.");
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels, RGB interleaved, row-major: byte <c>(y * Width + x) * 3 + channel</c>.</summary>
    public byte[] Rgb { get; }
}
