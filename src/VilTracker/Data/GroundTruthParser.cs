using System.Globalization;
using VilTracker.Geometry;

namespace VilTracker.Data;

/// <summary>
/// Reads the ground-truth text files of tracking benchmarks: one box per line as <c>x,y,w,h</c>
/// (comma, tab or whitespace separated, integer or fractional, <c>NaN</c> allowed) or as a VOT
/// 8-number polygon <c>x1,y1,...,x4,y4</c>, which becomes its axis-aligned bounding box.
/// Empty lines at the end of the file are ignored; any other bad line throws
/// <see cref="InvalidDataException"/> naming the file, the 1-based line number and the problem.
/// </summary>
public static class GroundTruthParser
{
    /// <summary>Reads every box of the ground-truth file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is malformed.</exception>
    public static IReadOnlyList<Box> ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Ground-truth file not found: {path}", path);
        return ParseLines(File.ReadAllLines(path), path);
    }

    /// <summary>Parses the lines of a ground-truth file; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">A line is malformed, or an empty line is followed by more boxes.</exception>
    public static IReadOnlyList<Box> ParseLines(IReadOnlyList<string> lines, string source)
    {
        int count = lines.Count;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1]))
            count--;
        var boxes = new Box[count];
        for (int i = 0; i < count; i++)
            boxes[i] = ParseLine(lines[i], source, i + 1);
        return boxes;
    }

    /// <summary>
    /// Parses one line (<paramref name="lineNumber"/> is 1-based and only used in error messages).
    /// Four numbers are <c>x,y,w,h</c>; eight numbers are a polygon reduced to its min/max box.
    /// A row containing NaN gives <see cref="Box.NaN"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The line is empty, has a value that is not a number,
    /// an infinite value, or a count of values other than 4 or 8.</exception>
    public static Box ParseLine(string line, string source, int lineNumber)
    {
        string where = $"{source} line {lineNumber}";
        string text = line.Trim().TrimStart('\uFEFF');
        if (text.Length == 0)
            throw new InvalidDataException($"{where}: empty line before the end of the file; every frame needs a box (write NaN,NaN,NaN,NaN for a frame without one).");
        if (text[0] == 'm')
            throw new InvalidDataException($"{where}: this is a VOT segmentation-mask annotation ('m...'), which is not supported; use the rectangle or polygon ground truth.");

        string[] fields = text.Contains(',')
            ? text.Split(',')
            : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4 && fields.Length != 8)
            throw new InvalidDataException($"{where}: expected 4 values (x,y,w,h) or 8 values (VOT polygon x1,y1,...,x4,y4) but found {fields.Length} in \"{text}\".");

        var values = new double[fields.Length];
        for (int k = 0; k < fields.Length; k++)
        {
            string field = fields[k].Trim();
            if (field.Length == 0)
                throw new InvalidDataException($"{where}: value {k + 1} is empty in \"{text}\".");
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new InvalidDataException($"{where}: value {k + 1} \"{field}\" is not a number in \"{text}\".");
            if (double.IsInfinity(value))
                throw new InvalidDataException($"{where}: value {k + 1} \"{field}\" is infinite in \"{text}\".");
            values[k] = value;
        }

        if (values.Any(double.IsNaN))
            return Box.NaN;
        return values.Length == 4 ? new Box(values[0], values[1], values[2], values[3]) : PolygonBounds(values);
    }

    /// <summary>Axis-aligned bounding box of a polygon given as <c>x1,y1,x2,y2,...</c>.</summary>
    private static Box PolygonBounds(double[] xy)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int k = 0; k < xy.Length; k += 2)
        {
            minX = Math.Min(minX, xy[k]);
            maxX = Math.Max(maxX, xy[k]);
            minY = Math.Min(minY, xy[k + 1]);
            maxY = Math.Max(maxY, xy[k + 1]);
        }
        return Box.FromCorners(minX, minY, maxX, maxY);
    }
}
