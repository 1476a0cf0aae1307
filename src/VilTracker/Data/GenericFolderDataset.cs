namespace VilTracker.Data;

/// <summary>
/// The simplest layout, and the one users make themselves: one folder per sequence holding
/// <c>groundtruth.txt</c> (one box per frame, any format <see cref="GroundTruthParser"/> reads) and the
/// frames in <c>img/</c> (or directly in the sequence folder when it has no <c>img/</c>).
/// The root is either a folder of such sequence folders (as <c>shared/data/sot-dev</c>) or one sequence
/// folder given directly. Layout name <c>generic</c>.
/// </summary>
public sealed class GenericFolderDataset : SequenceDataset
{
    /// <summary>Ground-truth file name inside each sequence folder.</summary>
    public const string GroundTruthFileName = "groundtruth.txt";

    private readonly bool singleSequence;

    /// <summary>Opens <paramref name="root"/>: a folder of sequence folders, or one sequence folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No sequence folder (with a <c>groundtruth.txt</c>) was found.</exception>
    public GenericFolderDataset(string root)
        : this(Path.GetFullPath(root), IsSequenceFolder(Path.GetFullPath(root)))
    {
    }

    private GenericFolderDataset(string root, bool single)
        : base(DatasetFormats.Generic, root, FindSequences(root, single))
    {
        singleSequence = single;
    }

    /// <summary>True when <paramref name="folder"/> directly contains a <c>groundtruth.txt</c>.</summary>
    public static bool IsSequenceFolder(string folder) => File.Exists(Path.Combine(folder, GroundTruthFileName));

    /// <summary>Frame folder of a sequence folder: its <c>img/</c> when present, else the folder itself.</summary>
    public static string FrameFolderOf(string sequenceFolder)
    {
        string img = Path.Combine(sequenceFolder, "img");
        return Directory.Exists(img) ? img : sequenceFolder;
    }

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string folder = singleSequence ? Root : Path.Combine(Root, name);
        string groundTruth = Path.Combine(folder, GroundTruthFileName);
        return SequenceBuilder.Create(name, Name, FrameFiles.List(FrameFolderOf(folder)),
            GroundTruthParser.ReadFile(groundTruth), groundTruth);
    }

    private static IReadOnlyList<string> FindSequences(string root, bool single)
    {
        RequireFolder(root, DatasetFormats.Generic);
        if (single)
            return [Path.GetFileName(Path.TrimEndingDirectorySeparator(root))];
        var names = SortedSubfolders(root).Where(IsSequenceFolder).Select(f => Path.GetFileName(f)).ToArray();
        if (names.Length == 0)
            throw new InvalidDataException(
                $"No sequence in {root}: expected sub-folders each holding {GroundTruthFileName} and an img/ folder of frames (or a single such folder given directly).");
        return names;
    }
}
