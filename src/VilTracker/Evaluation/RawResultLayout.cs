using VilTracker.IO;
using System.Globalization;
using System.Text.RegularExpressions;
using VilTracker.Geometry;

namespace VilTracker.Evaluation;

/// <summary>
/// Where the toolkits put a tracker's raw results for a sequence, inside the tracker's folder:
/// <list type="bullet">
/// <item>pytracking / pysot / got10k OTB-style: <c>{seq}.txt</c>; times in <c>{seq}_time.txt</c> (pytracking) or
/// <c>times/{seq}_time.txt</c> (got10k).</item>
/// <item>got10k GOT-10k: one file per run <c>{seq}/{seq}_001.txt</c>, <c>_002</c>...; times in <c>{seq}/{seq}_time.txt</c>.</item>
/// </list>
/// </summary>
public static partial class RawResultLayout
{
    /// <summary>The flat result file <c>{trackerFolder}/{sequence}.txt</c>.</summary>
    public static string FlatResultPath(string trackerFolder, string sequence) => Path.Combine(trackerFolder, sequence + ".txt");

    /// <summary>The pytracking time file <c>{trackerFolder}/{sequence}_time.txt</c>.</summary>
    public static string FlatTimePath(string trackerFolder, string sequence) => Path.Combine(trackerFolder, sequence + "_time.txt");

    /// <summary>The GOT-10k run file <c>{trackerFolder}/{sequence}/{sequence}_{run:000}.txt</c> (run counts from 1).</summary>
    public static string Got10kResultPath(string trackerFolder, string sequence, int run) =>
        Path.Combine(trackerFolder, sequence, $"{sequence}_{run:D3}.txt");

    /// <summary>The GOT-10k time file <c>{trackerFolder}/{sequence}/{sequence}_time.txt</c>.</summary>
    public static string Got10kTimePath(string trackerFolder, string sequence) =>
        Path.Combine(trackerFolder, sequence, sequence + "_time.txt");

    /// <summary>
    /// The result files of <paramref name="sequence"/>: the flat file if it exists, else the GOT-10k run files
    /// (<c>{seq}_[0-9]*.txt</c>, sorted); empty when the tracker has no result for it.
    /// </summary>
    public static IReadOnlyList<string> FindRunFiles(string trackerFolder, string sequence)
    {
        string flat = FlatResultPath(trackerFolder, sequence);
        if (File.Exists(flat)) return [flat];
        string folder = Path.Combine(trackerFolder, sequence);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, sequence + "_*.txt")
            .Where(f => RunSuffix().IsMatch(Path.GetFileName(f)[(sequence.Length + 1)..]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The time file of <paramref name="sequence"/> in any of the three layouts, or null.</summary>
    public static string? FindTimeFile(string trackerFolder, string sequence)
    {
        string[] candidates =
        [
            FlatTimePath(trackerFolder, sequence),
            Path.Combine(trackerFolder, "times", sequence + "_time.txt"),
            Got10kTimePath(trackerFolder, sequence),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Writes a sequence's result in the flat layout: <c>{seq}.txt</c> and, when given, <c>{seq}_time.txt</c>
    /// (pytracking's layout, also read by pysot and got10k's OTB-style experiments). Files are written atomically.
    /// </summary>
    public static void WriteFlat(string trackerFolder, string sequence, IReadOnlyList<Box> boxes, IReadOnlyList<double>? secondsPerFrame = null)
    {
        RawResultFile.WriteBoxes(FlatResultPath(trackerFolder, sequence), boxes);
        if (secondsPerFrame is not null) RawResultFile.WriteTimes(FlatTimePath(trackerFolder, sequence), secondsPerFrame);
    }

    /// <summary>
    /// Writes run <paramref name="run"/> (from 1) in the GOT-10k layout as the got10k toolkit's <c>_record</c> does:
    /// boxes to <c>{seq}/{seq}_{run:000}.txt</c>; times as a new comma-separated column of <c>{seq}/{seq}_time.txt</c>
    /// (the file is started afresh for run 1). Files are written atomically.
    /// </summary>
    /// <exception cref="InvalidDataException">The existing time file has a different number of frames.</exception>
    public static void WriteGot10kRun(string trackerFolder, string sequence, int run, IReadOnlyList<Box> boxes, IReadOnlyList<double> secondsPerFrame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        string timePath = Got10kTimePath(trackerFolder, sequence);
        var rows = secondsPerFrame.Select(t => t.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        if (run > 1 && File.Exists(timePath))
        {
            var existing = File.ReadAllLines(timePath).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
            if (existing.Length != rows.Length)
                throw new InvalidDataException(
                    $"{timePath}: holds {existing.Length} frames but run {run} has {rows.Length}; every run must time every frame.");
            rows = existing.Zip(rows, (before, added) => before.TrimEnd() + "," + added).ToArray();
        }
        RawResultFile.WriteBoxes(Got10kResultPath(trackerFolder, sequence, run), boxes);
        AtomicFile.WriteAllText(timePath, string.Concat(rows.Select(r => r + "\n")));
    }

    [GeneratedRegex(@"^[0-9].*\.txt$")]
    private static partial Regex RunSuffix();
}
