namespace VilTracker.Data.Synthetic;

/// <summary>An 8-bit RGB colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Builds a colour from doubles, rounding and clamping each channel to [0, 255].</summary>
    public static Rgb FromDoubles(double r, double g, double b) => new(ToByte(r), ToByte(g), ToByte(b));

    /// <summary>This colour with every channel multiplied by <paramref name="factor"/> (clamped).</summary>
    public Rgb Times(double factor) => FromDoubles(R * factor, G * factor, B * factor);

    /// <summary>Packed as <c>R | G &lt;&lt; 8 | B &lt;&lt; 16</c>, the layout of <see cref="TerrainTexture"/>.</summary>
    public uint Packed => R | ((uint)G << 8) | ((uint)B << 16);

    private static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
