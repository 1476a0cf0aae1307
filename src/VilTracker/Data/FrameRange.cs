using System.Globalization;
using System.Text.RegularExpressions;

namespace VilTracker.Data;

/// <summary>
/// A benchmark sequence defined as a frame range of an image folder, as the official Matlab toolkits do
/// in their <c>configSeqs*.m</c> (UAV123 splits e.g. <c>bird1</c> into <c>bird1_1</c>, <c>bird1_2</c>,
/// <c>bird1_3</c>; OTB starts <c>David</c> at frame 300). Frame numbers are 1-based and inclusive; frame
/// <c>k</c> is the <c>k</c>-th image of the folder in natural order.
/// </summary>
/// <param name="Name">Sequence name (the annotation file's name).</param>
/// <param name="Folder">Name of the image folder the range is taken from.</param>
/// <param name="StartFrame">First frame, 1-based.</param>
/// <param name="EndFrame">Last frame, inclusive.</param>
public sealed partial record FrameRange(string Name, string Folder, int StartFrame, int EndFrame)
{
    /// <summary>Number of frames in the range.</summary>
    public int Count => EndFrame - StartFrame + 1;

    /// <summary>
    /// Reads a range table: either a toolkit <c>configSeqs*.m</c> (entries
    /// <c>'name','bird1_2','path','...\bird1\','startFrame',775,'endFrame',1477</c>; the folder is the last
    /// path segment other than <c>img</c>) or a tab-separated file with lines <c>name, folder, start, end</c>
    /// (a header line and <c>#</c> comments are skipped).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is malformed or a range is empty or negative.</exception>
    public static IReadOnlyDictionary<string, FrameRange> ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Frame-range file not found: {path}", path);
        var ranges = new Dictionary<string, FrameRange>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        bool matlab = Path.GetExtension(path).Equals(".m", StringComparison.OrdinalIgnoreCase);
        for (int i = 0; i < lines.Length; i++)
        {
            var range = matlab ? ParseMatlab(lines[i], path, i + 1) : ParseTsv(lines[i], path, i + 1);
            if (range is null)
                continue;
            if (range.StartFrame < 1 || range.EndFrame < range.StartFrame)
                throw new InvalidDataException($"{path} line {i + 1}: frame range {range.StartFrame}..{range.EndFrame} of '{range.Name}' is empty or starts before frame 1.");
            if (!ranges.TryAdd(range.Name, range))
                throw new InvalidDataException($"{path} line {i + 1}: sequence '{range.Name}' is defined twice.");
        }
        if (ranges.Count == 0)
            throw new InvalidDataException($"{path}: no frame range found (expected configSeqs-style 'name',...,'startFrame',N,'endFrame',M entries or tab-separated name, folder, start, end lines).");
        return ranges;
    }

    /// <summary>The image paths of this range taken from the naturally sorted <paramref name="folderFrames"/>.</summary>
    /// <exception cref="InvalidDataException">The range ends after the folder's last image.</exception>
    public IReadOnlyList<string> Select(IReadOnlyList<string> folderFrames)
    {
        if (EndFrame > folderFrames.Count)
            throw new InvalidDataException(
                $"Sequence '{Name}': frame range {StartFrame}..{EndFrame} ends after the last of the {folderFrames.Count} images of folder '{Folder}'.");
        return folderFrames.Skip(StartFrame - 1).Take(Count).ToArray();
    }

    private static FrameRange? ParseMatlab(string line, string path, int lineNumber)
    {
        if (!line.Contains("'startFrame'", StringComparison.Ordinal))
            return null;
        var match = MatlabEntry().Match(line);
        if (!match.Success)
            throw new InvalidDataException($"{path} line {lineNumber}: cannot read 'name', 'path', 'startFrame' and 'endFrame' from \"{line.Trim()}\".");
        string folder = match.Groups["path"].Value
            .Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(s => !s.Equals("img", StringComparison.OrdinalIgnoreCase)) ?? match.Groups["name"].Value;
        return new FrameRange(match.Groups["name"].Value, folder,
            int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["end"].Value, CultureInfo.InvariantCulture));
    }

    private static FrameRange? ParseTsv(string line, string path, int lineNumber)
    {
        string text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
            return null;
        var fields = text.Split('\t').Select(f => f.Trim()).ToArray();
        int start = 0, end = 0;
        bool numbers = fields.Length == 4
            && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out start)
            && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out end);
        if (numbers)
            return new FrameRange(fields[0], fields[1], start, end);
        if (lineNumber == 1)
            return null; // header
        throw new InvalidDataException($"{path} line {lineNumber}: expected 4 tab-separated fields name, folder, start, end with whole-number frames, got \"{text}\".");
    }

    [GeneratedRegex(@"'name'\s*,\s*'(?<name>[^']+)'.*?'path'\s*,[^']*'(?<path>[^']*)'.*?'startFrame'\s*,\s*(?<start>\d+)\s*,\s*'endFrame'\s*,\s*(?<end>\d+)")]
    private static partial Regex MatlabEntry();
}
