using System.Runtime.CompilerServices;
namespace VilTracker.Data.Synthetic;

/// <summary>
/// Smooth value noise on a pixel grid: random values on a coarse lattice, interpolated with a smoothstep.
/// Summing octaves of halving cell size gives fractal (fBm) noise for terrain texture.
/// </summary>
internal static class ValueNoise
{
    /// <summary>
    /// Adds <paramref name="amplitude"/> times one octave of noise in [0, 1] with lattice spacing
    /// <paramref name="cell"/> pixels to <paramref name="field"/> (<paramref name="width"/> x <paramref name="height"/>, row-major).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOctave(float[] field, int width, int height, int cell, float amplitude, SplitMix64 random)
    {
        int gridWidth = width / cell + 2, gridHeight = height / cell + 2;
        var grid = new float[gridWidth * gridHeight];
        for (int i = 0; i < grid.Length; i++)
            grid[i] = (float)random.NextDouble();
        var column = new int[width];
        var columnWeight = new float[width];
        for (int x = 0; x < width; x++)
        {
            column[x] = x / cell;
            columnWeight[x] = Smooth((x % cell + 0.5f) / cell);
        }
        var blended = new float[gridWidth];
        for (int y = 0; y < height; y++)
        {
            // Interpolate the two lattice rows around y once, then each pixel only interpolates along x.
            int row = (y / cell) * gridWidth;
            float wy = Smooth((y % cell + 0.5f) / cell);
            for (int g = 0; g < gridWidth; g++)
                blended[g] = grid[row + g] + (grid[row + gridWidth + g] - grid[row + g]) * wy;
            int offset = y * width;
            for (int x = 0; x < width; x++)
            {
                int g = column[x];
                field[offset + x] += amplitude * (blended[g] + (blended[g + 1] - blended[g]) * columnWeight[x]);
            }
        }
    }

    /// <summary>Fractal noise: octaves of cell size <paramref name="largestCell"/>, /2, /4 ... with amplitude halving; result roughly in [0, 1].</summary>
    public static float[] Fractal(int width, int height, int largestCell, int octaves, SplitMix64 random)
    {
        var field = new float[width * height];
        float amplitude = 0.5f, total = 0;
        for (int o = 0, cell = largestCell; o < octaves && cell >= 2; o++, cell /= 2, amplitude *= 0.5f)
        {
            AddOctave(field, width, height, cell, amplitude, random);
            total += amplitude;
        }
        float scale = 1 / total;
        for (int i = 0; i < field.Length; i++)
            field[i] *= scale;
        return field;
    }

    private static float Smooth(float f) => f * f * (3 - 2 * f);
}
