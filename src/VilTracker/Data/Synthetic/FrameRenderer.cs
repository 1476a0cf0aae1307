using System.Runtime.CompilerServices;
using VilTracker.Geometry;
using VilTracker.Imaging;

namespace VilTracker.Data.Synthetic;

/// <summary>
/// Draws frames of a <see cref="ScenePlan"/>: the ground through the moving camera (bilinear, fixed-point, with
/// camera motion blur), drop shadows, distractors and target (anti-aliased, motion-blurred by sub-frame sampling),
/// the occluding canopy and its shadow, a passing cloud shadow and the global brightness/contrast drift.
/// Single-threaded, integer or fixed-order double arithmetic only, so output bytes depend only on the plan.
/// </summary>
internal sealed class FrameRenderer
{
    private const int FoliageSize = 128;
    private const int MaxBlurSamples = 9;
    private const int NoiseTileSize = 256;
    private static readonly Rgb Glass = new(40, 44, 54);
    private static readonly Rgb Hair = new(52, 40, 30);

    private readonly ScenePlan plan;
    private readonly TerrainTexture terrain;
    private readonly Rgb? targetColourOverride;
    private readonly uint[] foliage;
    private readonly sbyte[] noise;
    private readonly int width, height;

    /// <summary>Prepares rendering; <paramref name="targetColourOverride"/> paints the target in one flat colour (for checking boxes against pixels).</summary>
    public FrameRenderer(ScenePlan plan, TerrainTexture terrain, Rgb? targetColourOverride)
    {
        this.plan = plan;
        this.terrain = terrain;
        this.targetColourOverride = targetColourOverride;
        width = plan.Options.Width;
        height = plan.Options.Height;
        var leaves = ValueNoise.Fractal(FoliageSize, FoliageSize, 16, 4, SplitMix64.ForPart(plan.Seed, 11));
        foliage = leaves.Select(v => Rgb.FromDoubles(30 + 50 * v, 62 + 70 * v, 26 + 30 * v).Packed).ToArray();
        noise = SensorNoise(plan.Options.SensorNoise, SplitMix64.ForPart(plan.Seed, 12));
    }

    /// <summary>A tile of per-channel sensor noise: triangular in [-amplitude, amplitude] grey levels (empty when 0).</summary>
    private static sbyte[] SensorNoise(int amplitude, SplitMix64 random)
    {
        if (amplitude == 0)
            return [];
        var tile = new sbyte[NoiseTileSize * NoiseTileSize * 3];
        for (int i = 0; i < tile.Length; i++)
            tile[i] = (sbyte)Math.Round(amplitude * (random.NextDouble() - random.NextDouble()));
        return tile;
    }

    /// <summary>Renders frame <paramref name="index"/> with its ground truth.</summary>
    public SyntheticFrame Render(int index)
    {
        var rgb = new byte[width * height * 3];
        var camera = plan.CameraAt(index);
        double exposure = plan.Options.MotionBlur;

        DrawGround(rgb, index, camera, exposure);

        var target = Samples(t => plan.TargetAt(t), plan.Target, index, exposure);
        var distractors = Enumerable.Range(0, plan.DistractorLooks.Count)
            .Select(i => (Look: plan.DistractorLooks[i], Samples: Samples(t => plan.DistractorAt(i, t), plan.DistractorLooks[i], index, exposure)))
            .ToArray();
        double shadowLength = 0.18 * plan.Target.HalfLength * 2 * camera.Zoom;
        var (sunX, sunY) = ToScreenDirection(plan.SunX, plan.SunY, camera);
        foreach (var d in distractors)
            DrawShadow(rgb, d.Samples, sunX * shadowLength, sunY * shadowLength);
        DrawShadow(rgb, target, sunX * shadowLength, sunY * shadowLength);
        foreach (var d in distractors)
            DrawBody(rgb, d.Samples, d.Look, null);
        DrawBody(rgb, target, plan.Target, targetColourOverride);

        var discs = CanopyDiscs(camera);
        var instant = ScreenShape.Project(plan.TargetAt(index), plan.Target, camera, width, height);
        double visible = VisibleFraction(instant, discs);
        if (discs.Length > 0)
        {
            double offset = 0.35 * discs[0].Radius;
            DrawCanopyShadow(rgb, discs, sunX * offset, sunY * offset);
            DrawCanopy(rgb, discs, camera);
        }
        FinishLighting(rgb, index);

        var box = Box.FromCenter(instant.X, instant.Y, 2 * instant.ExtentX, 2 * instant.ExtentY).ClipTo(width, height);
        box = new Box(Round(box.X), Round(box.Y), Round(box.W), Round(box.H));
        return new SyntheticFrame(index, new Frame(width, height, rgb), box, visible >= SyntheticFrame.VisibleThreshold, visible);
    }

    private static double Round(double v) => Math.Round(v * 100) / 100;

    private static (double X, double Y) ToScreenDirection(double x, double y, CameraState camera)
    {
        double c = DeterministicMath.Cos(camera.Angle), s = DeterministicMath.Sin(camera.Angle);
        return (c * x + s * y, -s * x + c * y);
    }

    /// <summary>The object's outline at evenly spaced instants of the exposure around frame <paramref name="index"/> (one instant when sharp).</summary>
    private ScreenShape[] Samples(Func<double, WorldPose> poseAt, TargetLook look, int index, double exposure)
    {
        var centre = ScreenShape.Project(poseAt(index), look, plan.CameraAt(index), width, height);
        if (exposure <= 0)
            return [centre];
        var first = ScreenShape.Project(poseAt(index - exposure / 2), look, plan.CameraAt(index - exposure / 2), width, height);
        var last = ScreenShape.Project(poseAt(index + exposure / 2), look, plan.CameraAt(index + exposure / 2), width, height);
        double travel = Math.Sqrt((last.X - first.X) * (last.X - first.X) + (last.Y - first.Y) * (last.Y - first.Y));
        int count = Math.Min(MaxBlurSamples, (int)Math.Ceiling(travel) + 1);
        if (count <= 1)
            return [centre];
        var samples = new ScreenShape[count];
        for (int k = 0; k < count; k++)
        {
            double t = index + exposure * ((double)k / (count - 1) - 0.5);
            samples[k] = ScreenShape.Project(poseAt(t), look, plan.CameraAt(t), width, height);
        }
        return samples;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void DrawGround(byte[] rgb, int index, CameraState camera, double exposure)
    {
        // Camera motion blur: average the ground over shifted copies along the camera's motion in the exposure.
        var before = plan.CameraAt(index - exposure / 2);
        var after = plan.CameraAt(index + exposure / 2);
        double travel = Math.Sqrt((after.CenterX - before.CenterX) * (after.CenterX - before.CenterX)
            + (after.CenterY - before.CenterY) * (after.CenterY - before.CenterY)) * camera.Zoom;
        int taps = travel < 2.5 ? 1 : travel < 6 ? 2 : 4;
        int shift = taps == 1 ? 0 : taps == 2 ? 1 : 2;
        var offsets = new (double X, double Y)[taps];
        for (int k = 0; k < taps; k++)
        {
            var at = taps == 1 ? camera : CameraState.Lerp(before, after, (k + 0.5) / taps);
            offsets[k] = (at.CenterX - camera.CenterX, at.CenterY - camera.CenterY);
        }

        double c = DeterministicMath.Cos(camera.Angle), s = DeterministicMath.Sin(camera.Angle);
        double z = camera.Zoom;
        long stepX = (long)Math.Round(c / z * 65536), stepY = (long)Math.Round(s / z * 65536);
        int tw = terrain.Width, maxX = terrain.Width - 2, maxY = terrain.Height - 2;
        var rowX = new long[taps];
        var rowY = new long[taps];
        var sums = taps == 1 ? [] : new uint[3 * width];
        fixed (uint* texels = terrain.Pixels)
        fixed (byte* output = rgb)
        {
            for (int y = 0; y < height; y++)
            {
                double sy = y + 0.5 - height / 2.0, sx = 0.5 - width / 2.0;
                double wx = camera.CenterX + (c * sx - s * sy) / z - 0.5, wy = camera.CenterY + (s * sx + c * sy) / z - 0.5;
                for (int k = 0; k < taps; k++)
                {
                    rowX[k] = (long)Math.Round((wx + offsets[k].X) * 65536);
                    rowY[k] = (long)Math.Round((wy + offsets[k].Y) * 65536);
                }
                byte* o = output + (long)y * width * 3;
                if (taps == 1)
                {
                    SampleRow(texels, tw, maxX, maxY, rowX[0], rowY[0], stepX, stepY, o, width);
                    continue;
                }
                // Blurred: sum the taps per channel, then divide by the power-of-two tap count (fixed order).
                Array.Clear(sums);
                for (int k = 0; k < taps; k++)
                {
                    long fx = rowX[k], fy = rowY[k];
                    for (int x = 0; x < width; x++, fx += stepX, fy += stepY)
                    {
                        uint pixel = Sample(texels, tw, maxX, maxY, fx, fy);
                        sums[3 * x] += pixel & 0xFF;
                        sums[3 * x + 1] += (pixel >> 8) & 0xFF;
                        sums[3 * x + 2] += (pixel >> 16) & 0xFF;
                    }
                }
                for (int i = 0; i < 3 * width; i++)
                    o[i] = (byte)(sums[i] >> shift);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SampleRow(uint* texels, int tw, int maxX, int maxY, long fx, long fy, long stepX, long stepY, byte* o, int width)
    {
        for (int x = 0; x < width; x++, o += 3, fx += stepX, fy += stepY)
        {
            uint pixel = Sample(texels, tw, maxX, maxY, fx, fy);
            o[0] = (byte)pixel;
            o[1] = (byte)(pixel >> 8);
            o[2] = (byte)(pixel >> 16);
        }
    }

    /// <summary>
    /// Bilinear texture sample at 16.16 fixed-point (<paramref name="fx"/>, <paramref name="fy"/>), clamped to the
    /// texture: four integer weights summing to 256, red and blue weighted in one multiply, green in another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe uint Sample(uint* texels, int tw, int maxX, int maxY, long fx, long fy)
    {
        int ix = (int)(fx >> 16), iy = (int)(fy >> 16);
        if ((uint)ix > (uint)maxX)
            ix = ix < 0 ? 0 : maxX;
        if ((uint)iy > (uint)maxY)
            iy = iy < 0 ? 0 : maxY;
        uint ax = (uint)(fx >> 8) & 0xFF, ay = (uint)(fy >> 8) & 0xFF;
        uint w11 = (ax * ay) >> 8, w01 = ax - w11, w10 = ay - w11, w00 = 256 - ax - ay + w11;
        uint* t = texels + iy * tw + ix;
        uint a = t[0], b = t[1], c = t[tw], d = t[tw + 1];
        uint rb = ((a & 0xFF00FF) * w00 + (b & 0xFF00FF) * w01 + (c & 0xFF00FF) * w10 + (d & 0xFF00FF) * w11) >> 8;
        uint g = ((a & 0xFF00) * w00 + (b & 0xFF00) * w01 + (c & 0xFF00) * w10 + (d & 0xFF00) * w11) >> 8;
        return (rb & 0xFF00FF) | (g & 0xFF00);
    }

    private (int X0, int Y0, int X1, int Y1) Bounds(IReadOnlyList<ScreenShape> shapes, double dx, double dy)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var s in shapes)
        {
            x0 = Math.Min(x0, s.X + dx - s.ExtentX);
            x1 = Math.Max(x1, s.X + dx + s.ExtentX);
            y0 = Math.Min(y0, s.Y + dy - s.ExtentY);
            y1 = Math.Max(y1, s.Y + dy + s.ExtentY);
        }
        return (Math.Max(0, (int)Math.Floor(x0) - 1), Math.Max(0, (int)Math.Floor(y0) - 1),
            Math.Min(width, (int)Math.Ceiling(x1) + 1), Math.Min(height, (int)Math.Ceiling(y1) + 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrawShadow(byte[] rgb, ScreenShape[] samples, double dx, double dy)
    {
        var (x0, y0, x1, y1) = Bounds(samples, dx, dy);
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                double cover = 0;
                foreach (var s in samples)
                    cover += s.Coverage(x + 0.5 - dx, y + 0.5 - dy);
                if (cover > 0)
                    Scale(rgb, (y * width + x) * 3, 1 - 0.45 * cover / samples.Length);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrawBody(byte[] rgb, ScreenShape[] samples, TargetLook look, Rgb? flat)
    {
        var (x0, y0, x1, y1) = Bounds(samples, 0, 0);
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                double cover = 0, r = 0, g = 0, b = 0;
                foreach (var s in samples)
                {
                    var (u, v) = s.ToLocal(x + 0.5, y + 0.5);
                    double distance = s.SignedDistance(u, v);
                    double weight = Math.Clamp(0.5 - distance, 0, 1);
                    if (weight <= 0)
                        continue;
                    var colour = flat ?? Paint(look, s, u, v, distance);
                    cover += weight;
                    r += weight * colour.R;
                    g += weight * colour.G;
                    b += weight * colour.B;
                }
                if (cover <= 0)
                    continue;
                double alpha = cover / samples.Length;
                int o = (y * width + x) * 3;
                rgb[o] = Mix(rgb[o], r / cover, alpha);
                rgb[o + 1] = Mix(rgb[o + 1], g / cover, alpha);
                rgb[o + 2] = Mix(rgb[o + 2], b / cover, alpha);
            }
        }
    }

    /// <summary>Colour of a target-like object at local point (u, v): windows on a car, a dark head on a person, a darker rim.</summary>
    private static Rgb Paint(TargetLook look, ScreenShape s, double u, double v, double distance)
    {
        double fu = u / s.A, fv = v / s.B;
        Rgb colour;
        if (look.Kind == TargetKind.Vehicle)
        {
            if (fu is > 0.22 and < 0.48 && Math.Abs(fv) < 0.8)
                colour = Glass;
            else if (fu is > -0.74 and < -0.56 && Math.Abs(fv) < 0.75)
                colour = Glass.Times(1.15);
            else if (fu is >= -0.56 and <= 0.22)
                colour = look.Body.Times(1.08);
            else
                colour = look.Body;
        }
        else
            colour = u * u + v * v < 0.3 * s.B * s.B ? Hair : look.Body;
        return distance > -1.2 ? colour.Times(0.78) : colour;
    }

    private (double X, double Y, double Radius)[] CanopyDiscs(CameraState camera)
    {
        if (plan.Canopy is not { } canopy)
            return [];
        double c = DeterministicMath.Cos(camera.Angle), s = DeterministicMath.Sin(camera.Angle), z = camera.Zoom;
        return canopy.Discs.Select(d =>
        {
            double dx = d.X - camera.CenterX, dy = d.Y - camera.CenterY;
            return ((c * dx + s * dy) * z + width / 2.0, (-s * dx + c * dy) * z + height / 2.0, d.Radius * z);
        }).ToArray();
    }

    /// <summary>Canopy opacity at the pixel centred at (px, py) and how deep inside it is (0 at the rim, 1 at a disc centre).</summary>
    private static (double Alpha, double Depth) CanopyAt((double X, double Y, double Radius)[] discs, double px, double py)
    {
        double alpha = 0, depth = 0;
        foreach (var d in discs)
        {
            double dx = px - d.X, dy = py - d.Y;
            double distance = Math.Sqrt(dx * dx + dy * dy);
            alpha = Math.Max(alpha, Math.Clamp(d.Radius + 0.5 - distance, 0, 1));
            depth = Math.Max(depth, 1 - distance / d.Radius);
        }
        return (alpha, depth);
    }

    private (int X0, int Y0, int X1, int Y1) CanopyBounds((double X, double Y, double Radius)[] discs, double dx, double dy)
    {
        double x0 = discs.Min(d => d.X - d.Radius) + dx, x1 = discs.Max(d => d.X + d.Radius) + dx;
        double y0 = discs.Min(d => d.Y - d.Radius) + dy, y1 = discs.Max(d => d.Y + d.Radius) + dy;
        return (Math.Max(0, (int)Math.Floor(x0) - 1), Math.Max(0, (int)Math.Floor(y0) - 1),
            Math.Min(width, (int)Math.Ceiling(Math.Max(x1, 0)) + 1), Math.Min(height, (int)Math.Ceiling(Math.Max(y1, 0)) + 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrawCanopyShadow(byte[] rgb, (double X, double Y, double Radius)[] discs, double dx, double dy)
    {
        var (x0, y0, x1, y1) = CanopyBounds(discs, dx, dy);
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                double alpha = CanopyAt(discs, x + 0.5 - dx, y + 0.5 - dy).Alpha;
                if (alpha > 0)
                    Scale(rgb, (y * width + x) * 3, 1 - 0.5 * alpha);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrawCanopy(byte[] rgb, (double X, double Y, double Radius)[] discs, CameraState camera)
    {
        var (x0, y0, x1, y1) = CanopyBounds(discs, 0, 0);
        double c = DeterministicMath.Cos(camera.Angle), s = DeterministicMath.Sin(camera.Angle), z = camera.Zoom;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                var (alpha, depth) = CanopyAt(discs, x + 0.5, y + 0.5);
                if (alpha <= 0)
                    continue;
                // Leaves are fixed to the ground: look the foliage texture up at the pixel's world position.
                double sx = x + 0.5 - width / 2.0, sy = y + 0.5 - height / 2.0;
                int wx = (int)Math.Floor(camera.CenterX + (c * sx - s * sy) / z), wy = (int)Math.Floor(camera.CenterY + (s * sx + c * sy) / z);
                uint leaf = foliage[(wy & (FoliageSize - 1)) * FoliageSize + (wx & (FoliageSize - 1))];
                double shade = 0.7 + 0.5 * Math.Clamp(depth, 0, 1);
                int o = (y * width + x) * 3;
                rgb[o] = Mix(rgb[o], (leaf & 0xFF) * shade, alpha);
                rgb[o + 1] = Mix(rgb[o + 1], ((leaf >> 8) & 0xFF) * shade, alpha);
                rgb[o + 2] = Mix(rgb[o + 2], ((leaf >> 16) & 0xFF) * shade, alpha);
            }
        }
    }

    /// <summary>Share of the target's area (sharp outline at the frame instant) inside the image and not under the canopy.</summary>
    private double VisibleFraction(ScreenShape target, (double X, double Y, double Radius)[] discs)
    {
        double total = 0, seen = 0;
        int x0 = (int)Math.Floor(target.X - target.ExtentX) - 1, x1 = (int)Math.Ceiling(target.X + target.ExtentX) + 1;
        int y0 = (int)Math.Floor(target.Y - target.ExtentY) - 1, y1 = (int)Math.Ceiling(target.Y + target.ExtentY) + 1;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                double cover = target.Coverage(x + 0.5, y + 0.5);
                if (cover <= 0)
                    continue;
                total += cover;
                if (x < 0 || y < 0 || x >= width || y >= height)
                    continue;
                seen += discs.Length == 0 ? cover : cover * (1 - CanopyAt(discs, x + 0.5, y + 0.5).Alpha);
            }
        }
        return total > 0 ? seen / total : 0;
    }

    /// <summary>
    /// The cloud shadow, the global brightness/contrast of the frame (one lookup table) and sensor noise (a fixed
    /// noise tile read at a per-frame offset), in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FinishLighting(byte[] rgb, int index)
    {
        var (gain, contrast) = plan.IlluminationAt(index);
        var cloud = plan.CloudAt(index);
        if (gain == 1 && contrast == 1 && cloud is null && noise.Length == 0)
            return;
        var table = new byte[256];
        for (int v = 0; v < 256; v++)
            table[v] = (byte)Math.Clamp((int)Math.Round(((v - 128) * contrast + 128) * gain), 0, 255);
        // Shadow factor (out of 256) as a function of the squared elliptical radius, tabulated in 1/1024 steps.
        var factors = new int[1025];
        var shadow = cloud ?? default;
        for (int k = 0; k <= 1024; k++)
        {
            double q = Math.Clamp((k / 1024.0 - 0.36) / 0.64, 0, 1);
            factors[k] = (int)(256 * (1 - shadow.Depth * (1 - q * q * (3 - 2 * q))));
        }
        ulong frameHash = SplitMix64.Mix(plan.Seed ^ SplitMix64.Mix((ulong)index + 0x5EED));
        int noiseX = (int)(frameHash & (NoiseTileSize - 1)), noiseY = (int)((frameHash >> 16) & (NoiseTileSize - 1));
        for (int y = 0; y < height; y++)
        {
            // Only the chord of the ellipse on this row needs the shadow factor.
            int from = width, to = width;
            double dy = 0;
            if (cloud is not null)
            {
                dy = (y + 0.5 - shadow.CenterY) / shadow.RadiusY;
                if (dy * dy < 1)
                {
                    double half = shadow.RadiusX * Math.Sqrt(1 - dy * dy);
                    from = Math.Clamp((int)Math.Floor(shadow.CenterX - half), 0, width);
                    to = Math.Clamp((int)Math.Ceiling(shadow.CenterX + half), from, width);
                }
            }
            int noiseRow = ((y + noiseY) & (NoiseTileSize - 1)) * NoiseTileSize * 3;
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3)
            {
                int factor = 256;
                if (x >= from && x < to)
                {
                    double dx = (x + 0.5 - shadow.CenterX) / shadow.RadiusX;
                    factor = factors[Math.Min(1024, (int)((dx * dx + dy * dy) * 1024))];
                }
                int n = noise.Length == 0 ? -1 : noiseRow + ((x + noiseX) & (NoiseTileSize - 1)) * 3;
                for (int c = 0; c < 3; c++)
                {
                    int value = table[(rgb[o + c] * factor) >> 8] + (n < 0 ? 0 : noise[n + c]);
                    rgb[o + c] = (byte)(value < 0 ? 0 : value > 255 ? 255 : value);
                }
            }
        }
    }

    private static void Scale(byte[] rgb, int o, double factor)
    {
        rgb[o] = (byte)(rgb[o] * factor);
        rgb[o + 1] = (byte)(rgb[o + 1] * factor);
        rgb[o + 2] = (byte)(rgb[o + 2] * factor);
    }

    private static byte Mix(byte under, double over, double alpha) =>
        (byte)Math.Clamp((int)Math.Round(under + (over - under) * alpha), 0, 255);
}
