using System.Globalization;

namespace VilTracker.Data;

/// <summary>
/// Reads the per-frame visibility files of GOT-10k (<c>absence.label</c>, <c>cover.label</c>: one integer
/// per line) and LaSOT (<c>full_occlusion.txt</c>, <c>out_of_view.txt</c>: comma-separated 0/1 on one line),
/// and combines them into one "target visible" flag per frame.
/// </summary>
public static class VisibilityLabels
{
    /// <summary>Reads one non-negative integer per line (GOT-10k labels); trailing empty lines are ignored.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a non-negative integer (message names file and line).</exception>
    public static IReadOnlyList<int> ReadPerLine(string path)
    {
        var lines = ReadLines(path);
        int count = lines.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1]))
            count--;
        var values = new int[count];
        for (int i = 0; i < count; i++)
            values[i] = ParseLabel(lines[i].Trim(), path, i + 1, "line");
        return values;
    }

    /// <summary>Reads comma-separated 0/1 flags from the first line (LaSOT); further lines must be empty.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A value is not 0 or 1, or more than one line holds values.</exception>
    public static IReadOnlyList<bool> ReadCommaFlags(string path)
    {
        var lines = ReadLines(path).Select(l => l.Trim()).ToArray();
        int filled = lines.Count(l => l.Length > 0);
        if (filled != 1 || lines[0].Length == 0)
            throw new InvalidDataException($"{path}: expected the flags as comma-separated 0/1 values on line 1 only, found {filled} non-empty lines.");
        var fields = lines[0].Split(',');
        var flags = new bool[fields.Length];
        for (int k = 0; k < fields.Length; k++)
        {
            int value = ParseLabel(fields[k].Trim(), path, k + 1, "line 1 value");
            if (value > 1)
                throw new InvalidDataException($"{path} line 1 value {k + 1}: \"{fields[k].Trim()}\" is not 0 or 1.");
            flags[k] = value == 1;
        }
        return flags;
    }

    /// <summary>
    /// GOT-10k visibility, the rule of its evaluation toolkit (<c>cover &gt; 0</c>): visible when the cover level
    /// (0 = fully occluded ... 8 = fully visible) is above 0. The absence file must have the same length; a frame
    /// the annotators marked absent while giving it a cover level counts as visible, as the toolkit counts it.
    /// </summary>
    /// <exception cref="InvalidDataException">The two files have different lengths.</exception>
    public static IReadOnlyList<bool> Got10kVisible(string absencePath, string coverPath)
    {
        var absence = ReadPerLine(absencePath);
        var cover = ReadPerLine(coverPath);
        if (absence.Count != cover.Count)
            throw new InvalidDataException($"{absencePath} has {absence.Count} lines but {coverPath} has {cover.Count}; they must match.");
        return cover.Select(level => level > 0).ToArray();
    }

    /// <summary>LaSOT visibility: visible when neither fully occluded nor out of view.</summary>
    /// <exception cref="InvalidDataException">The two files have different lengths.</exception>
    public static IReadOnlyList<bool> LasotVisible(string fullOcclusionPath, string outOfViewPath)
    {
        var occluded = ReadCommaFlags(fullOcclusionPath);
        var outOfView = ReadCommaFlags(outOfViewPath);
        if (occluded.Count != outOfView.Count)
            throw new InvalidDataException($"{fullOcclusionPath} has {occluded.Count} flags but {outOfViewPath} has {outOfView.Count}; they must match.");
        return occluded.Zip(outOfView, (o, v) => !o && !v).ToArray();
    }

    private static string[] ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path) : throw new FileNotFoundException($"Visibility file not found: {path}", path);

    private static int ParseLabel(string text, string path, int position, string what)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            throw new InvalidDataException($"{path} {what} {position}: \"{text}\" is not a non-negative integer label.");
        return value;
    }
}
