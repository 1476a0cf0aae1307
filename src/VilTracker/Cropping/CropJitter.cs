using VilTracker.Geometry;

namespace VilTracker.Cropping;

/// <summary>
/// Training-time jitter of the box a search crop is centred on (OSTrack's <c>_get_jittered_box</c>): size
/// <c>w·exp(N(0,1)·ScaleFactor)</c> per side, centre moved by up to <c>±sqrt(w'·h')·CenterFactor/2</c> per axis.
/// </summary>
/// <param name="CenterFactor">Centre jitter (OSTrack search: 3.0 at 256 px; template: 0).</param>
/// <param name="ScaleFactor">Scale jitter (OSTrack search: 0.25; template: 0).</param>
public readonly record struct CropJitter(double CenterFactor, double ScaleFactor)
{
    /// <summary>No jitter (templates).</summary>
    public static CropJitter None => new(0, 0);

    /// <summary>The jittered box, drawing the random numbers from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The box has no positive size or a factor is negative or not finite.</exception>
    public Box Apply(Box box, Random random)
    {
        if (!box.HasPositiveSize)
            throw new ArgumentException($"Cannot jitter box {box}: it needs finite values and a positive size.", nameof(box));
        if (!(CenterFactor >= 0) || !(ScaleFactor >= 0) || !double.IsFinite(CenterFactor) || !double.IsFinite(ScaleFactor))
            throw new ArgumentException($"Jitter factors must be finite and non-negative, got centre {CenterFactor}, scale {ScaleFactor}.");
        double w = box.W * Math.Exp(StandardNormal(random) * ScaleFactor);
        double h = box.H * Math.Exp(StandardNormal(random) * ScaleFactor);
        double maxOffset = Math.Sqrt(w * h) * CenterFactor;
        double cx = box.CenterX + maxOffset * (random.NextDouble() - 0.5);
        double cy = box.CenterY + maxOffset * (random.NextDouble() - 0.5);
        return Box.FromCenter(cx, cy, w, h);
    }

    private static double StandardNormal(Random random)
    {
        // Box-Muller; 1 − u keeps the logarithm's argument in (0, 1].
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
