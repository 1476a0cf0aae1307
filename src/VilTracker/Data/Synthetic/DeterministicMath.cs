namespace VilTracker.Data.Synthetic;

/// <summary>
/// Sine and cosine built from additions and multiplications only, so the generator's output is bit-identical on
/// every machine (<see cref="Math.Sin"/> calls the platform's C library, whose last bits may differ).
/// Accuracy is about 1e-15 absolute on any input of moderate size, far below a pixel.
/// </summary>
internal static class DeterministicMath
{
    private const double TwoPi = 2 * Math.PI;
    private const double HalfPi = Math.PI / 2;

    /// <summary>sin(<paramref name="x"/>), <paramref name="x"/> in radians.</summary>
    public static double Sin(double x)
    {
        // Reduce to [-pi, pi], then to [-pi/2, pi/2] with sin(pi - x) = sin(x).
        double r = x - TwoPi * Math.Round(x / TwoPi);
        if (r > HalfPi)
            r = Math.PI - r;
        else if (r < -HalfPi)
            r = -Math.PI - r;
        return SinTaylor(r);
    }

    /// <summary>cos(<paramref name="x"/>), <paramref name="x"/> in radians.</summary>
    public static double Cos(double x) => Sin(x + HalfPi);

    /// <summary>Wraps an angle into [-pi, pi].</summary>
    public static double WrapAngle(double x) => x - TwoPi * Math.Round(x / TwoPi);

    private static double SinTaylor(double r)
    {
        // Horner form of the Taylor series to x^19; the truncation error at |x| = pi/2 is below 1e-16.
        double r2 = r * r;
        double sum = 1.0;
        for (int k = 19; k >= 3; k -= 2)
            sum = 1.0 - r2 / (k * (k - 1)) * sum;
        return r * sum;
    }
}
