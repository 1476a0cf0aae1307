using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Tests.Tracking;

/// <summary>A generated sequence: a bright square gliding on a dark background along a smooth closed path.</summary>
internal static class MovingSquareSequence
{
    public const int Width = 160;
    public const int Height = 120;
    public const int Side = 16;

    /// <summary>The square's box in frame <paramref name="index"/>.</summary>
    public static Box BoxAt(int index) =>
        Box.FromCenter(80 + 40 * Math.Sin(index / 30.0), 60 + 25 * Math.Sin(index / 47.0), Side, Side);

    /// <summary>Frame <paramref name="index"/>: background 20, square 230 (all channels).</summary>
    public static Frame FrameAt(int index)
    {
        var rgb = new byte[Width * Height * 3];
        Array.Fill(rgb, (byte)20);
        var box = BoxAt(index);
        int x0 = (int)Math.Round(box.X), y0 = (int)Math.Round(box.Y);
        for (int y = Math.Max(0, y0); y < Math.Min(Height, y0 + Side); y++)
            rgb.AsSpan((y * Width + Math.Max(0, x0)) * 3, (Math.Min(Width, x0 + Side) - Math.Max(0, x0)) * 3).Fill(230);
        return new Frame(Width, Height, rgb);
    }
}
