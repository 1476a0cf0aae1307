using System.Diagnostics.CodeAnalysis;

namespace VilTracker.Data.Synthetic;

/// <summary>
/// Everything about a synthetic sequence except its pixels, decided up front from the options and the seed:
/// the target's and distractors' looks and ground paths, the camera path, the occluder, the illumination and the
/// size of the world texture. It holds a few numbers per frame (no images), so planning is cheap and any frame can
/// be rendered on its own.
/// </summary>
internal sealed class ScenePlan
{
    private const double LookAlikeColourJitter = 18;
    private static readonly Rgb[] VehicleColours =
    [
        new(225, 225, 222), new(170, 172, 178), new(38, 38, 44), new(180, 32, 30),
        new(40, 72, 160), new(222, 190, 40), new(40, 92, 62), new(222, 112, 32),
    ];
    private static readonly Rgb[] ShirtColours =
    [
        new(200, 40, 40), new(40, 80, 190), new(235, 235, 230), new(230, 200, 40), new(40, 140, 70), new(120, 60, 150),
    ];

    private WorldPose[] targetPath;
    private int pathStart;
    private CameraState[] cameras;
    private Distractor[] distractors;
    private readonly SmoothCurve shakeX, shakeY, gainCurve, contrastCurve;
    private readonly double shakeAmplitude;
    private readonly (double StartX, double StartY, double EndX, double EndY, double RadiusX, double RadiusY, double Depth, double From, double To)? cloud;

    private ScenePlan(SyntheticSequenceOptions options, ulong seed)
    {
        Options = options;
        Seed = seed;
        int n = options.FrameCount;
        double w = options.Width, h = options.Height;

        // Target look, at world scale = image scale at zoom 1.
        var lookRandom = SplitMix64.ForPart(seed, 1);
        Target = DrawLook(lookRandom, options);
        DistractorLooks = Enumerable.Range(0, options.DistractorCount).Select(_ => LookAlike(lookRandom, Target)).ToArray();
        var sunAngle = lookRandom.Range(0, 2 * Math.PI);
        SunX = DeterministicMath.Cos(sunAngle);
        SunY = DeterministicMath.Sin(sunAngle);

        // Zoom (altitude) path, clamped so the target's long side stays in the size range.
        var cameraRandom = SplitMix64.ForPart(seed, 2);
        var zoomCurve = new SmoothCurve(cameraRandom, -1, n, 90);
        var rollCurve = new SmoothCurve(cameraRandom, -1, n, 120);
        var offsetX = new SmoothCurve(cameraRandom, -1, n, 70);
        var offsetY = new SmoothCurve(cameraRandom, -1, n, 70);
        shakeX = new SmoothCurve(cameraRandom, -1, n + 1, 4);
        shakeY = new SmoothCurve(cameraRandom, -1, n + 1, 4);
        double length = 2 * Target.HalfLength;
        double zoomMin = options.MinTargetSize / length, zoomMax = options.MaxTargetSize / length;
        var zooms = new double[n + 2];
        for (int t = -1; t <= n; t++)
            zooms[t + 1] = Math.Clamp(1 + options.ScaleChange * zoomCurve.At(t), zoomMin, zoomMax);
        double lowestZoom = zooms.Min();

        // World size: a roaming box for the target plus the largest half-view at the lowest zoom and largest roll.
        double roamX = 0.5 * w, roamY = 0.5 * h;
        double sinRoll = Math.Abs(DeterministicMath.Sin(options.MaxRotationDegrees * Math.PI / 180));
        double halfViewX = (w / 2 + h / 2 * sinRoll) / lowestZoom + 8;
        double halfViewY = (h / 2 + w / 2 * sinRoll) / lowestZoom + 8;
        double shiftX = Math.Ceiling(halfViewX + roamX + length), shiftY = Math.Ceiling(halfViewY + roamY + length);
        WorldWidth = (int)(2 * shiftX);
        WorldHeight = (int)(2 * shiftY);
        shakeAmplitude = 0.8 * options.CameraMotion;

        // Motion, camera and occluder. A path that never takes the target far enough from its start to pass
        // under an occluder is redrawn from the next random stream (rare; a few attempts at most).
        const int attempts = 8;
        for (int attempt = 0; ; attempt++)
        {
            var motionRandom = SplitMix64.ForPart(seed, 3 + 1000UL * (ulong)attempt);
            PlanMotion(motionRandom, shiftX, shiftY, roamX, roamY);
            PlanCamera(zooms, rollCurve, offsetX, offsetY, halfViewX, halfViewY);
            if (!options.Occlusion)
                break;
            Canopy = PlanCanopy(motionRandom, options);
            if (Canopy is not null)
                break;
            if (attempt == attempts - 1)
                throw new InvalidOperationException(
                    $"In {attempts} attempts the target of this synthetic sequence never moved far enough from its start to pass under an occluder ({n} frames at speed {options.TargetSpeed}); use more frames, a higher TargetSpeed, another seed, or Occlusion = false.");
        }

        var lightRandom = SplitMix64.ForPart(seed, 5);
        gainCurve = new SmoothCurve(lightRandom, 0, n, 80);
        contrastCurve = new SmoothCurve(lightRandom, 0, n, 80);
        if (options.IlluminationChange)
        {
            double direction = lightRandom.Range(0, 2 * Math.PI);
            double dx = DeterministicMath.Cos(direction), dy = DeterministicMath.Sin(direction);
            double radiusX = lightRandom.Range(0.45, 0.7) * w, radiusY = radiusX * lightRandom.Range(0.5, 0.8);
            double travel = w / 2 + radiusX;
            double span = Math.Clamp(0.5 * n, 10, 200);
            double from = lightRandom.Range(0, Math.Max(0, n - span));
            cloud = (w / 2 - dx * travel, h / 2 - dy * travel, w / 2 + dx * travel, h / 2 + dy * travel,
                radiusX, radiusY, lightRandom.Range(0.3, 0.45), from, from + span);
        }
    }

    /// <summary>The options the plan was made from.</summary>
    public SyntheticSequenceOptions Options { get; }

    /// <summary>The sequence seed.</summary>
    public ulong Seed { get; }

    /// <summary>Width of the world texture in pixels.</summary>
    public int WorldWidth { get; }

    /// <summary>Height of the world texture in pixels.</summary>
    public int WorldHeight { get; }

    /// <summary>The target's shape and colour (world scale).</summary>
    public TargetLook Target { get; }

    /// <summary>Each distractor's shape and colour (world scale).</summary>
    public IReadOnlyList<TargetLook> DistractorLooks { get; }

    /// <summary>Unit vector (world axes) along which shadows fall.</summary>
    public double SunX { get; }

    /// <summary>See <see cref="SunX"/>.</summary>
    public double SunY { get; }

    /// <summary>The occluder, or null when occlusion is off.</summary>
    public Canopy? Canopy { get; private set; }

    /// <summary>Plans a sequence (validating the options first).</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static ScenePlan Create(SyntheticSequenceOptions options, ulong seed)
    {
        options.Validate();
        return new ScenePlan(options, seed);
    }

    /// <summary>The target's ground pose at (fractional) frame <paramref name="t"/>.</summary>
    public WorldPose TargetAt(double t) => PathAt(t);

    /// <summary>Distractor <paramref name="index"/>'s ground pose at (fractional) frame <paramref name="t"/>.</summary>
    public WorldPose DistractorAt(int index, double t)
    {
        var d = distractors[index];
        var p = PathAt(t - d.Lag);
        double c = DeterministicMath.Cos(p.Heading), s = DeterministicMath.Sin(p.Heading);
        double lateral = d.Lateral * (0.75 + 0.25 * d.Sway.At(t));
        return new WorldPose(p.X + c * d.Along - s * lateral, p.Y + s * d.Along + c * lateral, p.Heading);
    }

    /// <summary>The camera at (fractional) frame <paramref name="t"/>, including the drone's small shake.</summary>
    public CameraState CameraAt(double t)
    {
        double u = Math.Clamp(t + 1, 0, cameras.Length - 1.000001);
        int i = (int)u;
        var c = CameraState.Lerp(cameras[i], cameras[i + 1], u - i);
        return c with
        {
            CenterX = c.CenterX + shakeAmplitude / c.Zoom * shakeX.At(t),
            CenterY = c.CenterY + shakeAmplitude / c.Zoom * shakeY.At(t),
        };
    }

    /// <summary>Global brightness gain and contrast of frame <paramref name="frame"/> (both 1 without illumination change).</summary>
    public (double Gain, double Contrast) IlluminationAt(int frame) =>
        Options.IlluminationChange ? (1 + 0.18 * gainCurve.At(frame), 1 + 0.15 * contrastCurve.At(frame)) : (1, 1);

    /// <summary>The cloud shadow over frame <paramref name="frame"/>, if one is passing.</summary>
    public CloudShadow? CloudAt(int frame)
    {
        if (cloud is not { } c || frame < c.From || frame > c.To)
            return null;
        double f = (frame - c.From) / (c.To - c.From);
        return new CloudShadow(c.StartX + (c.EndX - c.StartX) * f, c.StartY + (c.EndY - c.StartY) * f, c.RadiusX, c.RadiusY, c.Depth);
    }

    /// <summary>Plans the target's ground path (inside a roaming box, shifted into world coordinates) and the distractors, which follow the same path with a time lag.</summary>
    [MemberNotNull(nameof(distractors), nameof(targetPath))]
    private void PlanMotion(SplitMix64 random, double shiftX, double shiftY, double roamX, double roamY)
    {
        var options = Options;
        distractors = PlanDistractors(random, options, Target);
        int lagPad = distractors.Length == 0 ? 0 : distractors.Max(d => Math.Abs(d.Lag));
        pathStart = -lagPad - 2;
        targetPath = PlanPath(random, options.TargetSpeed, pathStart, options.FrameCount + lagPad + 2, roamX, roamY);
        for (int i = 0; i < targetPath.Length; i++)
            targetPath[i] = targetPath[i] with { X = targetPath[i].X + shiftX, Y = targetPath[i].Y + shiftY };
    }

    /// <summary>
    /// Plans the camera: it follows the target with a lag and a wandering offset, stays inside the world and keeps
    /// the whole target in view.
    /// </summary>
    [MemberNotNull(nameof(cameras))]
    private void PlanCamera(double[] zooms, SmoothCurve roll, SmoothCurve offsetX, SmoothCurve offsetY, double halfViewX, double halfViewY)
    {
        var options = Options;
        double w = options.Width, h = options.Height, length = 2 * Target.HalfLength;
        int n = options.FrameCount;
        cameras = new CameraState[n + 2];
        double follow = 0.08 * Math.Min(options.CameraMotion, 1.5);
        double cx = 0, cy = 0;
        for (int t = -1; t <= n; t++)
        {
            double zoom = zooms[t + 1];
            double angle = options.MaxRotationDegrees * Math.PI / 180 * roll.At(t);
            var p = TargetAt(t);
            double desiredX = p.X + options.CameraMotion * 0.22 * w / zoom * offsetX.At(t);
            double desiredY = p.Y + options.CameraMotion * 0.22 * h / zoom * offsetY.At(t);
            if (t == -1)
                (cx, cy) = (desiredX, desiredY);
            else
                (cx, cy) = (cx + follow * (desiredX - cx), cy + follow * (desiredY - cy));
            cx = Math.Clamp(cx, halfViewX, WorldWidth - halfViewX);
            cy = Math.Clamp(cy, halfViewY, WorldHeight - halfViewY);
            (cx, cy) = KeepInView(p, cx, cy, zoom, angle, length * zoom, w, h);
            cameras[t + 1] = new CameraState(cx, cy, zoom, angle);
        }
    }

    private WorldPose PathAt(double t)
    {
        double u = Math.Clamp(t - pathStart, 0, targetPath.Length - 1.000001);
        int i = (int)u;
        return WorldPose.Lerp(targetPath[i], targetPath[i + 1], u - i);
    }

    private static TargetLook DrawLook(SplitMix64 random, SyntheticSequenceOptions options)
    {
        double length = random.Range(options.MinTargetSize, options.MaxTargetSize);
        if (random.NextDouble() < 0.75)
        {
            double halfWidth = length / 2 / random.Range(1.8, 2.4);
            var body = VehicleColours[random.NextInt(VehicleColours.Length)];
            return new TargetLook(TargetKind.Vehicle, length / 2, halfWidth, halfWidth * 0.45, body);
        }
        double half = length / 2 / random.Range(1.4, 1.8);
        return new TargetLook(TargetKind.Person, length / 2, half, half, ShirtColours[random.NextInt(ShirtColours.Length)]);
    }

    private static TargetLook LookAlike(SplitMix64 random, TargetLook target)
    {
        var c = target.Body;
        var body = Rgb.FromDoubles(c.R + random.Range(-1, 1) * LookAlikeColourJitter,
            c.G + random.Range(-1, 1) * LookAlikeColourJitter, c.B + random.Range(-1, 1) * LookAlikeColourJitter);
        return target.Scaled(random.Range(0.9, 1.1)) with { Body = body };
    }

    private static Distractor[] PlanDistractors(SplitMix64 random, SyntheticSequenceOptions options, TargetLook target)
    {
        var result = new Distractor[options.DistractorCount];
        double length = 2 * target.HalfLength;
        for (int i = 0; i < result.Length; i++)
        {
            int side = i % 2 == 0 ? 1 : -1;
            double spacing = (1.8 + 1.2 * (i / 2)) * length;
            int lag = options.TargetSpeed > 0 ? (int)Math.Min(150, Math.Ceiling(spacing / options.TargetSpeed)) : 0;
            double along = -side * Math.Max(0, spacing - options.TargetSpeed * lag);
            double lateral = random.Range(-1.2, 1.2) * 2 * target.HalfWidth;
            result[i] = new Distractor(side * lag, along, lateral, new SmoothCurve(random, -1, options.FrameCount + 1, 60));
        }
        return result;
    }

    private static WorldPose[] PlanPath(SplitMix64 random, double speed, int from, int to, double roamX, double roamY)
    {
        var turnCurve = new SmoothCurve(random, from, to, 40);
        var speedCurve = new SmoothCurve(random, from, to, 50);
        const double maxTurn = 0.03;
        double heading = random.Range(0, 2 * Math.PI);
        double x = random.Range(-0.3, 0.3) * roamX, y = random.Range(-0.3, 0.3) * roamY;
        var path = new WorldPose[to - from + 1];
        for (int t = from; t <= to; t++)
        {
            path[t - from] = new WorldPose(x, y, heading);
            double c = DeterministicMath.Cos(heading), s = DeterministicMath.Sin(heading);
            double turn = maxTurn * turnCurve.At(t);
            // Near the edge of the roaming box and heading outwards: turn back towards the centre.
            bool outside = Math.Abs(x) > 0.6 * roamX || Math.Abs(y) > 0.6 * roamY;
            if (outside && x * c + y * s > 0)
                turn = 2 * maxTurn * (c * y - s * x > 0 ? -1 : 1);
            heading = DeterministicMath.WrapAngle(heading + turn);
            double v = speed * (1 + 0.35 * speedCurve.At(t));
            x = Math.Clamp(x + v * DeterministicMath.Cos(heading), -roamX, roamX);
            y = Math.Clamp(y + v * DeterministicMath.Sin(heading), -roamY, roamY);
        }
        return path;
    }

    private static (double X, double Y) KeepInView(WorldPose target, double cx, double cy, double zoom, double angle,
        double targetLengthPixels, double width, double height)
    {
        double c = DeterministicMath.Cos(angle), s = DeterministicMath.Sin(angle);
        double ox = target.X - cx, oy = target.Y - cy;
        double sx = (c * ox + s * oy) * zoom, sy = (-s * ox + c * oy) * zoom;
        double margin = 0.75 * targetLengthPixels + 4;
        double limitX = width / 2 - margin, limitY = height / 2 - margin;
        double factor = Math.Min(1, Math.Min(limitX / Math.Max(Math.Abs(sx), 1e-9), limitY / Math.Max(Math.Abs(sy), 1e-9)));
        return (target.X - factor * ox, target.Y - factor * oy);
    }

    /// <summary>Places the canopy on the target's path, or returns null when no window leaves the first frames clear.</summary>
    private Canopy? PlanCanopy(SplitMix64 random, SyntheticSequenceOptions options)
    {
        int n = options.FrameCount, hidden = options.FullOcclusionFrames;
        double reach = Target.BoundingRadius;
        int first = (int)(random.Range(0.4, 0.6) * n) - hidden / 2;
        // Try later and then earlier windows until the canopy does not touch the target in frame 0 and the
        // first frames (needed to start tracking).
        var candidates = Enumerable.Range(first, n).Concat(Enumerable.Range(0, first).Reverse())
            .Where(start => start >= 10 && start + hidden <= n - 5);
        foreach (int start in candidates)
        {
            // Centre on the mean position over the hidden frames; the core disc reaches just past the target there.
            double mx = 0, my = 0;
            int samples = 0;
            // (Sampling half a frame inside each end: the 5 % visibility threshold already hides the end frames.)
            double from = hidden == 1 ? start : start + 0.5, to = hidden == 1 ? start : start + hidden - 1.5;
            for (double t = from; t <= to; t += 0.25, samples++)
            {
                var p = TargetAt(t);
                mx += p.X;
                my += p.Y;
            }
            mx /= samples;
            my /= samples;
            double core = 0;
            for (double t = from; t <= to; t += 0.25)
            {
                var p = TargetAt(t);
                core = Math.Max(core, Math.Sqrt((p.X - mx) * (p.X - mx) + (p.Y - my) * (p.Y - my)));
            }
            double zoomLow = Enumerable.Range(start - 1, hidden + 2).Min(t => CameraAt(t).Zoom);
            double radius = core + reach + 1.0 / zoomLow;
            var discs = new List<(double, double, double)> { (mx, my, radius) };
            // Smaller lobes on both sides of the path make the crown irregular without hiding the target longer.
            double across = TargetAt(start + hidden / 2.0).Heading + Math.PI / 2;
            int lobes = 4 + random.NextInt(3);
            for (int k = 0; k < lobes; k++)
            {
                double a = across + (k % 2 == 0 ? 0 : Math.PI) + random.Range(-0.6, 0.6);
                double distance = radius * random.Range(0.45, 0.7);
                discs.Add((mx + distance * DeterministicMath.Cos(a), my + distance * DeterministicMath.Sin(a), radius * random.Range(0.45, 0.65)));
            }
            // The first frames (needed to start tracking) must be clear of every disc; if a side lobe is in the way,
            // a crown without lobes is tried before moving the window.
            bool Clear(IEnumerable<(double X, double Y, double R)> crown) => crown.All(d => Enumerable.Range(0, 3).All(t =>
            {
                var p = TargetAt(t);
                return Math.Sqrt((p.X - d.X) * (p.X - d.X) + (p.Y - d.Y) * (p.Y - d.Y)) > d.R + reach + 2 / zoomLow;
            }));
            if (Clear(discs))
                return new Canopy(discs);
            if (Clear(discs.Take(1)))
                return new Canopy(discs.Take(1).ToArray());
        }
        return null;
    }

    private sealed record Distractor(int Lag, double Along, double Lateral, SmoothCurve Sway);
}
