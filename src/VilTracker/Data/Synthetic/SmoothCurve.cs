namespace VilTracker.Data.Synthetic;

/// <summary>
/// A smooth random function of time: random knots in [-1, 1] every <c>period</c> frames joined by a Catmull-Rom
/// spline (continuous value and slope). Drives every slowly varying quantity of a synthetic scene: turn rate, speed,
/// zoom, camera offset, rotation and illumination. Values are clamped to [-1, 1].
/// </summary>
internal sealed class SmoothCurve
{
    private readonly double[] knots;
    private readonly double period;
    private readonly double start;

    /// <summary>Draws the knots covering frames [<paramref name="from"/>, <paramref name="to"/>] from <paramref name="random"/>.</summary>
    public SmoothCurve(SplitMix64 random, double from, double to, double period)
    {
        this.period = period;
        start = from - period;
        int count = (int)Math.Ceiling((to - from) / period) + 4;
        knots = new double[count];
        for (int i = 0; i < count; i++)
            knots[i] = random.Range(-1, 1);
    }

    /// <summary>The curve at time <paramref name="t"/> (frames; clamped into the covered range).</summary>
    public double At(double t)
    {
        double u = Math.Clamp((t - start) / period, 1, knots.Length - 2.000001);
        int i = (int)u;
        double f = u - i;
        double p0 = knots[i - 1], p1 = knots[i], p2 = knots[i + 1], p3 = knots[Math.Min(i + 2, knots.Length - 1)];
        double value = 0.5 * (2 * p1 + (p2 - p0) * f + (2 * p0 - 5 * p1 + 4 * p2 - p3) * f * f + (3 * p1 - p0 - 3 * p2 + p3) * f * f * f);
        return Math.Clamp(value, -1, 1);
    }
}
