namespace VilTracker.Data;

/// <summary>
/// VOT layout: <c>{seq}/groundtruth.txt</c> (8-number polygons or 4-number rectangles, read as their
/// axis-aligned boxes) with the frames in <c>{seq}/color/</c> (VOT2017 and later) or directly in the sequence
/// folder (VOT2013-2016). The sequence order is the root's <c>list.txt</c> when present, else the folders with a
/// <c>groundtruth.txt</c>. Segmentation-mask ground truths (VOT2020+) are rejected with a clear error.
/// Layout name <c>vot</c>.
/// </summary>
public sealed class VotDataset : SequenceDataset
{
    /// <summary>Opens a VOT root.</summary>
    /// <exception cref="DirectoryNotFoundException">The root or a listed sequence folder is missing.</exception>
    /// <exception cref="InvalidDataException">No sequence was found.</exception>
    public VotDataset(string root)
        : base(DatasetFormats.Vot, Path.GetFullPath(root), FindSequences(Path.GetFullPath(root)))
    {
    }

    /// <summary>Frame folder of a VOT sequence folder: <c>color/</c> when present, else the folder itself.</summary>
    public static string FrameFolderOf(string sequenceFolder)
    {
        string color = Path.Combine(sequenceFolder, "color");
        return Directory.Exists(color) ? color : sequenceFolder;
    }

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string folder = Path.Combine(Root, name);
        string groundTruth = Path.Combine(folder, "groundtruth.txt");
        return SequenceBuilder.Create(name, Name, FrameFiles.List(FrameFolderOf(folder)),
            GroundTruthParser.ReadFile(groundTruth), groundTruth);
    }

    private static IReadOnlyList<string> FindSequences(string root)
    {
        RequireFolder(root, DatasetFormats.Vot);
        string list = Path.Combine(root, "list.txt");
        if (File.Exists(list))
        {
            var listed = File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            foreach (string name in listed.Where(n => !Directory.Exists(Path.Combine(root, n))))
                throw new DirectoryNotFoundException($"VOT sequence '{name}' is listed in {list} but its folder is missing.");
            return listed;
        }
        var names = SortedSubfolders(root)
            .Where(f => File.Exists(Path.Combine(f, "groundtruth.txt")))
            .Select(f => Path.GetFileName(f))
            .ToArray();
        return names.Length > 0
            ? names
            : throw new InvalidDataException($"No VOT sequence in {root}: expected sub-folders with groundtruth.txt and color/ (or the frames directly).");
    }
}
