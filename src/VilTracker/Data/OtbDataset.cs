using System.Text.RegularExpressions;

namespace VilTracker.Data;

/// <summary>
/// OTB-2013/2015 layout: <c>{seq}/img/*.jpg</c> + <c>{seq}/groundtruth_rect.txt</c> (comma, tab or space
/// separated). Oddities handled: a folder with two targets ships <c>groundtruth_rect.1.txt</c> and
/// <c>groundtruth_rect.2.txt</c> instead, read as sequences <c>{seq}-1</c> and <c>{seq}-2</c> sharing one
/// <c>img/</c> folder (e.g. <c>Jogging-1</c>, <c>Jogging-2</c>); sequences whose annotation covers only part of
/// the folder (e.g. <c>David</c> from frame 300) take their range from the OTB toolkit's <c>configSeqs*.m</c> or a
/// <c>frame_ranges.tsv</c> (see <see cref="FrameRange"/>) in the root; without one a count mismatch is an error.
/// Layout name <c>otb</c>.
/// </summary>
public sealed partial class OtbDataset : SequenceDataset
{
    /// <summary>Single-target ground-truth file name.</summary>
    public const string GroundTruthFileName = "groundtruth_rect.txt";

    private readonly IReadOnlyDictionary<string, (string Folder, string GroundTruth)> files;
    private readonly IReadOnlyDictionary<string, FrameRange> ranges;

    /// <summary>Opens an OTB root (a folder of sequence folders).</summary>
    /// <param name="root">Dataset root.</param>
    /// <param name="rangeFile">Frame-range table; default: <c>frame_ranges.tsv</c> or the first <c>configSeqs*.m</c> in the root, else none.</param>
    /// <exception cref="DirectoryNotFoundException">The root is missing.</exception>
    /// <exception cref="InvalidDataException">No sequence folder was found.</exception>
    public OtbDataset(string root, string? rangeFile = null)
        : this(Path.GetFullPath(root), FindSequences(Path.GetFullPath(root)), rangeFile)
    {
    }

    private OtbDataset(string root, IReadOnlyDictionary<string, (string, string)> found, string? rangeFile)
        : base(DatasetFormats.Otb, root, found.Keys.Order(NaturalComparer.Instance).ToArray())
    {
        files = found;
        rangeFile ??= new[] { Path.Combine(root, "frame_ranges.tsv") }
            .Concat(Directory.EnumerateFiles(root, "configSeqs*.m").Order(StringComparer.Ordinal))
            .FirstOrDefault(File.Exists);
        ranges = rangeFile is null ? new Dictionary<string, FrameRange>() : FrameRange.ReadFile(rangeFile);
    }

    /// <summary>True when <paramref name="folder"/> holds an OTB ground truth (<c>groundtruth_rect.txt</c> or <c>groundtruth_rect.N.txt</c>).</summary>
    public static bool IsSequenceFolder(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "groundtruth_rect*.txt").Any(f => TargetNumber().IsMatch(Path.GetFileName(f)));

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        var (folder, groundTruth) = files[name];
        var boxes = GroundTruthParser.ReadFile(groundTruth);
        var frames = FrameFiles.List(GenericFolderDataset.FrameFolderOf(folder));
        if (ranges.TryGetValue(name, out var range))
            frames = range.Select(frames);
        return SequenceBuilder.Create(name, Name, frames, boxes, groundTruth);
    }

    private static Dictionary<string, (string, string)> FindSequences(string root)
    {
        RequireFolder(root, DatasetFormats.Otb);
        var found = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string folder in SortedSubfolders(root))
        {
            string seq = Path.GetFileName(folder);
            foreach (string file in Directory.EnumerateFiles(folder, "groundtruth_rect*.txt"))
            {
                var match = TargetNumber().Match(Path.GetFileName(file));
                if (match.Success)
                    found[match.Groups[1].Success ? $"{seq}-{match.Groups[1].Value}" : seq] = (folder, file);
            }
        }
        return found.Count > 0
            ? found
            : throw new InvalidDataException($"No OTB sequence in {root}: expected sub-folders with img/ and {GroundTruthFileName} (or groundtruth_rect.1.txt, .2.txt).");
    }

    [GeneratedRegex(@"^groundtruth_rect(?:\.(\d+))?\.txt$")]
    private static partial Regex TargetNumber();
}
