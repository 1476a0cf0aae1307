namespace VilTracker.Data;

/// <summary>
/// DTB70 (drone tracking benchmark) layout: <c>{seq}/img/*.jpg</c> + <c>{seq}/groundtruth_rect.txt</c>
/// (comma-separated <c>x,y,w,h</c>), one target per folder and one box per frame. Layout name <c>dtb70</c>.
/// </summary>
public sealed class Dtb70Dataset : SequenceDataset
{
    /// <summary>Ground-truth file name inside each sequence folder.</summary>
    public const string GroundTruthFileName = "groundtruth_rect.txt";

    /// <summary>Opens a DTB70 root (a folder of sequence folders).</summary>
    /// <exception cref="DirectoryNotFoundException">The root is missing.</exception>
    /// <exception cref="InvalidDataException">No sequence folder was found.</exception>
    public Dtb70Dataset(string root)
        : base(DatasetFormats.Dtb70, Path.GetFullPath(root), FindSequences(Path.GetFullPath(root)))
    {
    }

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string folder = Path.Combine(Root, name);
        string groundTruth = Path.Combine(folder, GroundTruthFileName);
        return SequenceBuilder.Create(name, Name, FrameFiles.List(Path.Combine(folder, "img")),
            GroundTruthParser.ReadFile(groundTruth), groundTruth);
    }

    private static IReadOnlyList<string> FindSequences(string root)
    {
        RequireFolder(root, DatasetFormats.Dtb70);
        var names = SortedSubfolders(root)
            .Where(f => File.Exists(Path.Combine(f, GroundTruthFileName)))
            .Select(f => Path.GetFileName(f))
            .ToArray();
        return names.Length > 0
            ? names
            : throw new InvalidDataException($"No DTB70 sequence in {root}: expected sub-folders with img/ and {GroundTruthFileName}.");
    }
}
