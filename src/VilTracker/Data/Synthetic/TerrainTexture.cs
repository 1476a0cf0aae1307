using System.Runtime.CompilerServices;
namespace VilTracker.Data.Synthetic;

/// <summary>
/// The ground seen from above, built once per sequence and larger than any view of it: crop fields with hedges and
/// row stripes, roads with lane markings, buildings with two-tone roofs and cast shadows, and clumps of trees, all
/// modulated by fractal noise. Feature sizes scale with the target so a car fits a road lane.
/// Pixels are packed <c>R | G &lt;&lt; 8 | B &lt;&lt; 16</c>, row-major.
/// </summary>
internal sealed class TerrainTexture
{
    private static readonly Rgb[] FieldColours =
    [
        new(86, 122, 52), new(104, 136, 62), new(72, 106, 46), new(150, 152, 82),
        new(182, 166, 104), new(124, 98, 72), new(142, 114, 84), new(118, 140, 70),
    ];
    private static readonly Rgb[] RoofColours =
    [
        new(156, 74, 62), new(122, 122, 128), new(176, 166, 152), new(92, 84, 80), new(196, 190, 182),
    ];
    private static readonly Rgb Hedge = new(52, 78, 38);
    private static readonly Rgb Asphalt = new(92, 92, 96);
    private static readonly Rgb Marking = new(226, 226, 216);
    private static readonly Rgb Kerb = new(158, 156, 150);

    private TerrainTexture(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new uint[width * height];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Packed pixels, row-major.</summary>
    public uint[] Pixels { get; }

    /// <summary>Builds the ground of <paramref name="plan"/> (deterministic in its seed).</summary>
    public static TerrainTexture Build(ScenePlan plan)
    {
        var random = SplitMix64.ForPart(plan.Seed, 10);
        var texture = new TerrainTexture(plan.WorldWidth, plan.WorldHeight);
        double scale = 2 * plan.Target.HalfLength;
        var detail = ValueNoise.Fractal(texture.Width, texture.Height, 32, 4, random);
        var macro = ValueNoise.Fractal(texture.Width, texture.Height, 256, 2, random);
        double gridAngle = random.Range(-0.5, 0.5);
        texture.PaintFields(random, detail, macro, gridAngle, scale);
        var roads = texture.PaintRoads(random, detail, gridAngle, scale);
        texture.PaintBuildings(random, gridAngle, scale, roads, plan.SunX, plan.SunY);
        texture.PaintTrees(random, scale, plan.SunX, plan.SunY);
        return texture;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PaintFields(SplitMix64 random, float[] detail, float[] macro, double angle, double scale)
    {
        double c = DeterministicMath.Cos(angle), s = DeterministicMath.Sin(angle);
        double fieldWidth = scale * random.Range(5, 9), fieldHeight = scale * random.Range(4, 7);
        double hedge = Math.Max(1.5, 0.07 * scale), warp = 0.6 * scale;
        ulong fieldSeed = random.NextUInt64();
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int k = y * Width + x;
                double m = macro[k] - 0.5;
                double u = c * x + s * y + warp * m, v = -s * x + c * y - warp * m;
                double cu = Math.Floor(u / fieldWidth), cv = Math.Floor(v / fieldHeight);
                double fu = u - cu * fieldWidth, fv = v - cv * fieldHeight;
                ulong hash = SplitMix64.Mix(fieldSeed ^ ((ulong)(long)cu * 73856093UL) ^ ((ulong)(long)cv * 19349663UL));
                var colour = FieldColours[(int)(hash % (ulong)FieldColours.Length)];
                double brightness = 0.78 + 0.44 * detail[k] + 0.2 * m;
                if ((hash & 0x300) != 0)
                {
                    // Crop rows: a triangle wave across the field, along one of its axes.
                    double period = 5 + (hash >> 20) % 5;
                    double along = (hash & 0x400) != 0 ? u : v;
                    double phase = along / period - Math.Floor(along / period);
                    brightness *= 0.93 + 0.14 * Math.Abs(phase - 0.5) * 2;
                }
                if (Math.Min(Math.Min(fu, fieldWidth - fu), Math.Min(fv, fieldHeight - fv)) < hedge)
                    colour = Hedge;
                Pixels[k] = colour.Times(brightness).Packed;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<(double Nx, double Ny, double Offset, double HalfWidth)> PaintRoads(SplitMix64 random, float[] detail, double gridAngle, double scale)
    {
        var roads = new List<(double, double, double, double)>();
        int count = 2 + random.NextInt(2);
        for (int i = 0; i < count; i++)
        {
            double angle = gridAngle + (i % 2 == 0 ? 0 : Math.PI / 2) + random.Range(-0.15, 0.15);
            double nx = -DeterministicMath.Sin(angle), ny = DeterministicMath.Cos(angle);
            double px = random.Range(0.2, 0.8) * Width, py = random.Range(0.2, 0.8) * Height;
            double halfWidth = scale * random.Range(0.55, 0.8);
            double offset = nx * px + ny * py;
            double dash = 1.2 * scale, line = Math.Max(0.6, 0.05 * halfWidth);
            for (int y = 0; y < Height; y++)
            {
                // The road covers the columns where |nx x + ny y - offset| < halfWidth + 0.5: one interval per row.
                double rest = ny * y - offset, reach = halfWidth + 0.5;
                int x0 = 0, x1 = Width;
                if (Math.Abs(nx) > 1e-9)
                {
                    double a = (-rest - reach) / nx, b = (-rest + reach) / nx;
                    x0 = (int)Math.Clamp(Math.Floor(Math.Min(a, b)), 0, Width);
                    x1 = (int)Math.Clamp(Math.Ceiling(Math.Max(a, b)) + 1, x0, Width);
                }
                for (int x = x0; x < x1; x++)
                {
                    double d = Math.Abs(nx * x + rest);
                    if (d >= reach)
                        continue;
                    int k = y * Width + x;
                    var colour = Asphalt.Times(0.88 + 0.24 * detail[k]);
                    if (d > 0.88 * halfWidth)
                        colour = Kerb.Times(0.9 + 0.2 * detail[k]);
                    double along = ny * x - nx * y;
                    if (d < line && along / dash - Math.Floor(along / dash) < 0.5)
                        colour = Marking;
                    Blend(k, colour, Math.Clamp(halfWidth + 0.5 - d, 0, 1));
                }
            }
            roads.Add((nx, ny, offset, halfWidth));
        }
        return roads;
    }

    private void PaintBuildings(SplitMix64 random, double angle, double scale,
        List<(double Nx, double Ny, double Offset, double HalfWidth)> roads, double sunX, double sunY)
    {
        double c = DeterministicMath.Cos(angle), s = DeterministicMath.Sin(angle);
        int count = Math.Clamp((int)(Width * (double)Height / (12 * scale * 12 * scale)), 3, 30);
        for (int b = 0; b < count; b++)
        {
            for (int attempt = 0; attempt < 30; attempt++)
            {
                double halfU = scale * random.Range(0.8, 2), halfV = scale * random.Range(0.6, 1.5);
                double cx = random.Range(0, Width), cy = random.Range(0, Height);
                double reach = Math.Sqrt(halfU * halfU + halfV * halfV);
                if (roads.Any(r => Math.Abs(r.Nx * cx + r.Ny * cy - r.Offset) < r.HalfWidth + reach + 2))
                    continue;
                var roof = RoofColours[random.NextInt(RoofColours.Length)];
                double height = scale * random.Range(0.3, 0.7);
                PaintRectangle(cx + sunX * height, cy + sunY * height, halfU, halfV, c, s, (_, _) => null, 0.55);
                PaintRectangle(cx, cy, halfU, halfV, c, s, (u, v) => roof.Times(v < 0 ? 1.0 : 0.8).Times(Math.Abs(v) < 0.6 ? 0.9 : 1), 1);
                break;
            }
        }
    }

    private void PaintTrees(SplitMix64 random, double scale, double sunX, double sunY)
    {
        int clumps = Math.Clamp((int)(Width * (double)Height / (14 * scale * 14 * scale)), 5, 120);
        for (int i = 0; i < clumps; i++)
        {
            double cx = random.Range(0, Width), cy = random.Range(0, Height);
            int trees = 1 + random.NextInt(6);
            for (int t = 0; t < trees; t++)
            {
                double radius = scale * random.Range(0.25, 0.6);
                double x = cx + random.Range(-1.5, 1.5) * scale, y = cy + random.Range(-1.5, 1.5) * scale;
                var leaf = Rgb.FromDoubles(random.Range(40, 66), random.Range(74, 100), random.Range(34, 48));
                PaintDisc(x + sunX * 0.5 * radius, y + sunY * 0.5 * radius, radius, _ => null, 0.6);
                PaintDisc(x, y, radius, r => leaf.Times(0.8 + 0.35 * (1 - r)), 1);
            }
        }
    }

    /// <summary>
    /// Paints a rectangle of half-sizes (<paramref name="halfU"/>, <paramref name="halfV"/>) rotated by (cos, sin):
    /// with <paramref name="colourAt"/>(u, v in [-1, 1]) where it returns a colour, else darkens by <paramref name="shade"/>.
    /// </summary>
    private void PaintRectangle(double cx, double cy, double halfU, double halfV, double c, double s,
        Func<double, double, Rgb?> colourAt, double shade)
    {
        double reach = halfU * Math.Abs(c) + halfV * Math.Abs(s) + 1, reachY = halfU * Math.Abs(s) + halfV * Math.Abs(c) + 1;
        for (int y = Math.Max(0, (int)(cy - reachY)); y < Math.Min(Height, (int)(cy + reachY) + 1); y++)
        {
            for (int x = Math.Max(0, (int)(cx - reach)); x < Math.Min(Width, (int)(cx + reach) + 1); x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double u = c * dx + s * dy, v = -s * dx + c * dy;
                double alpha = Math.Clamp(Math.Min(halfU + 0.5 - Math.Abs(u), halfV + 0.5 - Math.Abs(v)), 0, 1);
                if (alpha <= 0)
                    continue;
                var colour = colourAt(u / halfU, v / halfV);
                if (colour is { } paint)
                    Blend(y * Width + x, paint, alpha);
                else
                    Darken(y * Width + x, 1 - (1 - shade) * alpha);
            }
        }
    }

    /// <summary>Paints a disc: colour from <paramref name="colourAt"/>(distance / radius), or darkens by <paramref name="shade"/> when it returns null.</summary>
    private void PaintDisc(double cx, double cy, double radius, Func<double, Rgb?> colourAt, double shade)
    {
        for (int y = Math.Max(0, (int)(cy - radius - 1)); y < Math.Min(Height, (int)(cy + radius) + 2); y++)
        {
            for (int x = Math.Max(0, (int)(cx - radius - 1)); x < Math.Min(Width, (int)(cx + radius) + 2); x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double distance = Math.Sqrt(dx * dx + dy * dy);
                double alpha = Math.Clamp(radius + 0.5 - distance, 0, 1);
                if (alpha <= 0)
                    continue;
                var colour = colourAt(Math.Min(1, distance / radius));
                if (colour is { } paint)
                    Blend(y * Width + x, paint, alpha);
                else
                    Darken(y * Width + x, 1 - (1 - shade) * alpha);
            }
        }
    }

    private void Blend(int index, Rgb colour, double alpha)
    {
        uint p = Pixels[index];
        double keep = 1 - alpha;
        Pixels[index] = Rgb.FromDoubles((p & 0xFF) * keep + colour.R * alpha, ((p >> 8) & 0xFF) * keep + colour.G * alpha,
            ((p >> 16) & 0xFF) * keep + colour.B * alpha).Packed;
    }

    private void Darken(int index, double factor)
    {
        uint p = Pixels[index];
        Pixels[index] = Rgb.FromDoubles((p & 0xFF) * factor, ((p >> 8) & 0xFF) * factor, ((p >> 16) & 0xFF) * factor).Packed;
    }
}
