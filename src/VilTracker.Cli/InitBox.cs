using System.Globalization;
using VilTracker.Geometry;

namespace VilTracker.Cli;

/// <summary>
/// The initial box given on the command line as <c>x,y,w,h</c> (pixels, top-left corner and size), parsed and checked
/// against the first frame with messages that say what to fix. Shared by the verbs that start a tracker.
/// </summary>
public static class InitBox
{
    /// <summary>Parses <c>x,y,w,h</c> (invariant culture, spaces allowed around the numbers).</summary>
    /// <exception cref="FormatException">Not exactly four finite numbers, or a width or height that is not positive.</exception>
    public static Box Parse(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 4)
            throw new FormatException($"Initial box '{text}' has {parts.Length} value(s); give exactly 4 as x,y,w,h in pixels, e.g. 120,80,40,60.");
        var values = new double[4];
        string[] names = ["x", "y", "w", "h"];
        for (int i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new FormatException($"Initial box '{text}': {names[i]} = '{parts[i].Trim()}' is not a finite number; give x,y,w,h in pixels, e.g. 120,80,40,60.");
        }
        var box = new Box(values[0], values[1], values[2], values[3]);
        if (box.W <= 0 || box.H <= 0)
            throw new FormatException($"Initial box '{text}' has width {box.W} and height {box.H}; both must be positive.");
        return box;
    }

    /// <summary>Checks that the box's centre lies inside a <paramref name="width"/> x <paramref name="height"/> first frame.</summary>
    /// <exception cref="ArgumentException">The centre is outside the frame.</exception>
    public static void CheckInside(Box box, int width, int height)
    {
        if (box.CenterX < 0 || box.CenterX >= width || box.CenterY < 0 || box.CenterY >= height)
            throw new ArgumentException(
                $"Initial box {box} has its centre ({box.CenterX:0.##}, {box.CenterY:0.##}) outside the first frame ({width}x{height}); give a box on the target, in pixels of that frame.");
    }
}
