using VilTracker.IO;
using System.Globalization;
using System.Text;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// The toolkits' raw-result text files: <c>&lt;sequence&gt;.txt</c> with one <c>x,y,w,h</c> box per line and
/// <c>&lt;sequence&gt;_time.txt</c> with the seconds spent on each frame, one per line.
/// Reading accepts comma, tab or whitespace separators (pytracking, pysot and got10k files, integer or
/// fractional, <c>nan</c> allowed); writing uses commas and round-trip precision, atomically.
/// </summary>
public static class RawResultFile
{
    private static readonly char[] Separators = [',', '\t', ' ', ';'];

    /// <summary>Reads one box per non-empty line.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not four numbers; the message names file and line.</exception>
    public static IReadOnlyList<Box> ReadBoxes(string path)
    {
        var boxes = new List<Box>();
        foreach (var (lineNumber, values) in ReadNumberRows(path))
        {
            if (values.Length != 4)
                throw new InvalidDataException(
                    $"{path}:{lineNumber}: expected 4 numbers 'x,y,w,h' but found {values.Length}; " +
                    "raw results hold one axis-aligned box per line.");
            boxes.Add(new Box(values[0], values[1], values[2], values[3]));
        }
        return boxes;
    }

    /// <summary>
    /// Reads per-frame times in seconds (one per line; a GOT-10k time file has one column per run, all are read).
    /// </summary>
    /// <exception cref="InvalidDataException">A value is not a finite non-negative number; the message names file and line.</exception>
    public static IReadOnlyList<double> ReadTimes(string path)
    {
        var times = new List<double>();
        foreach (var (lineNumber, values) in ReadNumberRows(path))
        {
            foreach (double t in values)
            {
                if (!double.IsFinite(t) || t < 0)
                    throw new InvalidDataException(
                        $"{path}:{lineNumber}: time '{t.ToString(CultureInfo.InvariantCulture)}' is not a finite, non-negative number of seconds.");
                times.Add(t);
            }
        }
        return times;
    }

    /// <summary>Writes one <c>x,y,w,h</c> line per box (comma separated, round-trip precision), atomically.</summary>
    public static void WriteBoxes(string path, IEnumerable<Box> boxes)
    {
        var text = new StringBuilder();
        foreach (var box in boxes) text.Append(box.ToString()).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes one time in seconds per line (round-trip precision), atomically.</summary>
    public static void WriteTimes(string path, IEnumerable<double> secondsPerFrame)
    {
        var text = new StringBuilder();
        foreach (double t in secondsPerFrame) text.Append(t.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static IEnumerable<(int Line, double[] Values)> ReadNumberRows(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Raw result file not found: {path}", path);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var values = new double[fields.Length];
            for (int i = 0; i < fields.Length; i++)
            {
                if (!TryParse(fields[i], out values[i]))
                    throw new InvalidDataException(
                        $"{path}:{lineNumber}: '{fields[i]}' is not a number (line: '{line.Trim()}'); " +
                        "use plain decimal numbers separated by commas, tabs or spaces.");
            }
            yield return (lineNumber, values);
        }
    }

    private static bool TryParse(string field, out double value)
    {
        switch (field.ToLowerInvariant())
        {
            case "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
