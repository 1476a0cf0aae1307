using System.Text.RegularExpressions;

namespace VilTracker.Data;

/// <summary>
/// UAV123 (and UAV123@10fps, UAV20L) in the official layout: frames in <c>data_seq/{subset}/{folder}/</c>,
/// one annotation per sequence in <c>anno/{subset}/{seq}.txt</c> (comma-separated, NaN rows where the target
/// is out of view). Some sequences are frame ranges of a shared folder (<c>bird1_1</c>, <c>bird1_2</c>, ... of
/// <c>bird1</c>); the ranges are data, not code: they are read from the official toolkit's
/// <c>configSeqs.m</c> or from a tab-separated <c>frame_ranges.tsv</c> (see <see cref="FrameRange"/>), found in the
/// root or passed explicitly. Without a range, a sequence uses every image of the folder of its own name.
/// Layout name <c>uav123</c>.
/// </summary>
public sealed partial class Uav123Dataset : SequenceDataset
{
    /// <summary>Range-table file names looked for in the root when none is passed.</summary>
    public static IReadOnlyList<string> DefaultRangeFiles { get; } = ["frame_ranges.tsv", "configSeqs.m"];

    private readonly string annotationFolder;
    private readonly string imageRoot;
    private readonly IReadOnlyDictionary<string, FrameRange> ranges;
    private readonly string? rangeFile;

    /// <summary>Opens the UAV123 root (the folder holding <c>anno/</c> and <c>data_seq/</c>).</summary>
    /// <param name="root">Dataset root.</param>
    /// <param name="subset">Sub-folder of <c>anno/</c> (<c>UAV123</c>, <c>UAV123_10fps</c>, <c>UAV20L</c>); default: <c>UAV123</c> when present, else the only one.</param>
    /// <param name="rangeFile">Frame-range table; default: the first of <see cref="DefaultRangeFiles"/> present in the root, else none.</param>
    /// <exception cref="DirectoryNotFoundException">A required folder is missing.</exception>
    /// <exception cref="InvalidDataException">The subset is ambiguous or has no annotation.</exception>
    public Uav123Dataset(string root, string? subset = null, string? rangeFile = null)
        : this(Locate(Path.GetFullPath(root), subset, rangeFile))
    {
    }

    private Uav123Dataset(Layout layout)
        : base(DatasetFormats.Uav123, layout.Root, ListAnnotations(layout.Annotations))
    {
        annotationFolder = layout.Annotations;
        imageRoot = layout.Images;
        rangeFile = layout.RangeFile;
        ranges = rangeFile is null ? new Dictionary<string, FrameRange>() : FrameRange.ReadFile(rangeFile);
    }

    /// <summary>Resolved folders and range file of one opened subset.</summary>
    private sealed record Layout(string Root, string Annotations, string Images, string? RangeFile);

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string annotation = Path.Combine(annotationFolder, name + ".txt");
        var boxes = GroundTruthParser.ReadFile(annotation);
        if (ranges.TryGetValue(name, out var range))
        {
            var frames = range.Select(FrameFiles.List(Path.Combine(imageRoot, range.Folder)));
            return SequenceBuilder.Create(name, Name, frames, boxes, annotation);
        }
        string ownFolder = Path.Combine(imageRoot, name);
        if (!Directory.Exists(ownFolder))
        {
            var split = SubSequenceName().Match(name);
            string hint = split.Success && Directory.Exists(Path.Combine(imageRoot, split.Groups[1].Value))
                ? $"'{name}' is a frame range of folder '{split.Groups[1].Value}'; its range comes from the UAV123 toolkit's configSeqs.m. "
                : "";
            throw new InvalidDataException(
                $"UAV123 sequence '{name}': no image folder {ownFolder} and no frame range for it ({(rangeFile is null ? "no range file found" : "not in " + rangeFile)}). "
                + hint + $"Put the toolkit's configSeqs.m or a frame_ranges.tsv (name, folder, start, end) in {Root}, or pass the range file.");
        }
        return SequenceBuilder.Create(name, Name, FrameFiles.List(ownFolder), boxes, annotation);
    }

    private static Layout Locate(string root, string? subset, string? rangeFile)
    {
        string anno = Path.Combine(root, "anno");
        RequireFolder(anno, DatasetFormats.Uav123);
        if (string.IsNullOrEmpty(subset))
        {
            var candidates = Directory.EnumerateDirectories(anno).Select(f => Path.GetFileName(f)).ToArray();
            subset = candidates.Contains("UAV123") ? "UAV123"
                : candidates.Length == 1 ? candidates[0]
                : throw new InvalidDataException($"{anno} holds {candidates.Length} subsets ({string.Join(", ", candidates)}); pass the one to open.");
        }
        string ownImages = Path.Combine(root, "data_seq", subset);
        string images = Directory.Exists(ownImages) ? ownImages : Path.Combine(root, "data_seq", "UAV123");
        RequireFolder(images, DatasetFormats.Uav123);
        rangeFile ??= DefaultRangeFiles.Select(f => Path.Combine(root, f)).FirstOrDefault(File.Exists);
        return new Layout(root, Path.Combine(anno, subset), images, rangeFile);
    }

    private static IReadOnlyList<string> ListAnnotations(string folder)
    {
        RequireFolder(folder, DatasetFormats.Uav123);
        var names = Directory.EnumerateFiles(folder, "*.txt")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(NaturalComparer.Instance)
            .ToArray();
        return names.Length > 0 ? names : throw new InvalidDataException($"No annotation (*.txt) in {folder}.");
    }

    [GeneratedRegex(@"^(.+)_(\d+)$")]
    private static partial Regex SubSequenceName();
}
