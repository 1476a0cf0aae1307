namespace VilTracker.Geometry;

/// <summary>
/// An axis-aligned box in pixels: top-left corner (<see cref="X"/>, <see cref="Y"/>), width and height.
/// This is the toolkits' <c>x,y,w,h</c> convention, used for ground truth, results and tracker I/O.
/// </summary>
public readonly record struct Box(double X, double Y, double W, double H)
{
    /// <summary>Right edge (<c>X + W</c>).</summary>
    public double Right => X + W;

    /// <summary>Bottom edge (<c>Y + H</c>).</summary>
    public double Bottom => Y + H;

    /// <summary>Geometric centre x (<c>X + W/2</c>), as used for crops.</summary>
    public double CenterX => X + W / 2;

    /// <summary>Geometric centre y (<c>Y + H/2</c>), as used for crops.</summary>
    public double CenterY => Y + H / 2;

    /// <summary><c>W * H</c>.</summary>
    public double Area => W * H;

    /// <summary>True when all four values are finite numbers.</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(W) && double.IsFinite(H);

    /// <summary>True when finite with a strictly positive width and height.</summary>
    public bool HasPositiveSize => IsFinite && W > 0 && H > 0;

    /// <summary>A box that marks a frame without a usable value (all NaN).</summary>
    public static Box NaN => new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Builds a box from its corners <c>(x1, y1)</c> top-left and <c>(x2, y2)</c> bottom-right.</summary>
    public static Box FromCorners(double x1, double y1, double x2, double y2) => new(x1, y1, x2 - x1, y2 - y1);

    /// <summary>Builds a box from its centre and size.</summary>
    public static Box FromCenter(double cx, double cy, double w, double h) => new(cx - w / 2, cy - h / 2, w, h);

    /// <summary>This box clipped to an image of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public Box ClipTo(double width, double height)
    {
        double x1 = Math.Clamp(X, 0, width), y1 = Math.Clamp(Y, 0, height);
        double x2 = Math.Clamp(Right, 0, width), y2 = Math.Clamp(Bottom, 0, height);
        return FromCorners(x1, y1, x2, y2);
    }

    /// <summary>The toolkits' text form <c>x,y,w,h</c> (invariant culture, round-trip precision).</summary>
    public override string ToString() =>
        string.Join(',', new[] { X, Y, W, H }.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}
