namespace VilTracker.Data;

/// <summary>
/// GOT-10k layout: sequence folders <c>GOT-10k_{Train|Val|Test}_NNNNNN/</c> holding the frames
/// (<c>00000001.jpg ...</c>), <c>groundtruth.txt</c>, and for train/val <c>absence.label</c> and
/// <c>cover.label</c> (visibility by <see cref="VisibilityLabels.Got10kVisible"/>). A split folder lists its
/// sequences in <c>list.txt</c> (used when present, else the <c>GOT-10k_*</c> folders). The root may be one split
/// folder or the dataset root with <c>train/</c>, <c>val/</c>, <c>test/</c> (all present splits are listed; the
/// names are unique across splits). The test split publishes only the first frame's box: the other frames get
/// <c>Box.NaN</c> (sequences without <c>absence.label</c> may have a one-line ground truth). Layout name <c>got10k</c>.
/// </summary>
public sealed class Got10kDataset : SequenceDataset
{
    /// <summary>Prefix of every GOT-10k sequence folder.</summary>
    public const string FolderPrefix = "GOT-10k_";

    private static readonly string[] Splits = ["train", "val", "test"];

    private readonly IReadOnlyDictionary<string, string> folders;

    /// <summary>Opens a GOT-10k split folder or the dataset root holding split folders.</summary>
    /// <exception cref="DirectoryNotFoundException">The root or a listed sequence folder is missing.</exception>
    /// <exception cref="InvalidDataException">No sequence was found.</exception>
    public Got10kDataset(string root)
        : this(Path.GetFullPath(root), FindSequences(Path.GetFullPath(root)))
    {
    }

    private Got10kDataset(string root, IReadOnlyList<(string Name, string Folder)> found)
        : base(DatasetFormats.Got10k, root, found.Select(f => f.Name).ToArray())
    {
        folders = found.ToDictionary(f => f.Name, f => f.Folder, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="folder"/> is a GOT-10k split folder (holds <c>GOT-10k_*</c> sequence folders).</summary>
    public static bool IsSplitFolder(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateDirectories(folder, FolderPrefix + "*").Any();

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string folder = folders[name];
        string groundTruth = Path.Combine(folder, "groundtruth.txt");
        string absence = Path.Combine(folder, "absence.label");
        string cover = Path.Combine(folder, "cover.label");
        bool labelled = File.Exists(absence);
        var visible = labelled ? VisibilityLabels.Got10kVisible(absence, cover) : null;
        return SequenceBuilder.Create(name, Name, FrameFiles.List(folder), GroundTruthParser.ReadFile(groundTruth),
            groundTruth, visible, firstFrameOnlyAllowed: !labelled);
    }

    private static IReadOnlyList<(string, string)> FindSequences(string root)
    {
        RequireFolder(root, DatasetFormats.Got10k);
        var splitFolders = IsSplitFolder(root)
            ? [root]
            : Splits.Select(s => Path.Combine(root, s)).Where(IsSplitFolder).ToArray();
        var found = splitFolders.SelectMany(ListSplit).ToArray();
        return found.Length > 0
            ? found
            : throw new InvalidDataException($"No GOT-10k sequence in {root}: expected {FolderPrefix}* folders (or train/, val/, test/ holding them).");
    }

    private static IEnumerable<(string, string)> ListSplit(string split)
    {
        string list = Path.Combine(split, "list.txt");
        var names = File.Exists(list)
            ? File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()
            : Directory.EnumerateDirectories(split, FolderPrefix + "*").Select(f => Path.GetFileName(f)).Order(NaturalComparer.Instance).ToArray();
        foreach (string name in names)
        {
            string folder = Path.Combine(split, name);
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"GOT-10k sequence '{name}' is listed in {list} but its folder {folder} is missing.");
            yield return (name, folder);
        }
    }
}
