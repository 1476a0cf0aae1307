namespace VilTracker.Data;

/// <summary>
/// LaSOT layout: <c>{category}/{category}-{n}/img/00000001.jpg ...</c> with <c>groundtruth.txt</c>
/// (comma-separated <c>x,y,w,h</c>), <c>full_occlusion.txt</c> and <c>out_of_view.txt</c> (comma-separated
/// 0/1 flags on one line). A frame is visible when neither flag is set (<see cref="VisibilityLabels.LasotVisible"/>);
/// without the two flag files the visibility is null. Sequence names are <c>{category}-{n}</c>.
/// Layout name <c>lasot</c>.
/// </summary>
public sealed class LasotDataset : SequenceDataset
{
    /// <summary>Opens a LaSOT root (the folder of category folders).</summary>
    /// <exception cref="DirectoryNotFoundException">The root is missing.</exception>
    /// <exception cref="InvalidDataException">No sequence was found.</exception>
    public LasotDataset(string root)
        : base(DatasetFormats.Lasot, Path.GetFullPath(root), FindSequences(Path.GetFullPath(root)))
    {
    }

    /// <summary>True when <paramref name="folder"/> is a LaSOT sequence folder (<c>groundtruth.txt</c> + <c>img/</c>) named <c>{category}-{n}</c> inside its category folder.</summary>
    public static bool IsSequenceFolder(string folder) =>
        File.Exists(Path.Combine(folder, "groundtruth.txt"))
        && Directory.Exists(Path.Combine(folder, "img"))
        && Path.GetFileName(folder).StartsWith(Path.GetFileName(Path.GetDirectoryName(folder)) + "-", StringComparison.Ordinal);

    /// <summary>The category of a sequence name: the part before its last <c>-</c>.</summary>
    public static string CategoryOf(string name) => name[..name.LastIndexOf('-')];

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string folder = Path.Combine(Root, CategoryOf(name), name);
        string groundTruth = Path.Combine(folder, "groundtruth.txt");
        string occlusion = Path.Combine(folder, "full_occlusion.txt");
        string outOfView = Path.Combine(folder, "out_of_view.txt");
        var visible = File.Exists(occlusion) && File.Exists(outOfView) ? VisibilityLabels.LasotVisible(occlusion, outOfView) : null;
        return SequenceBuilder.Create(name, Name, FrameFiles.List(Path.Combine(folder, "img")),
            GroundTruthParser.ReadFile(groundTruth), groundTruth, visible);
    }

    private static IReadOnlyList<string> FindSequences(string root)
    {
        RequireFolder(root, DatasetFormats.Lasot);
        var names = SortedSubfolders(root)
            .SelectMany(SortedSubfolders)
            .Where(IsSequenceFolder)
            .Select(f => Path.GetFileName(f))
            .ToArray();
        return names.Length > 0
            ? names
            : throw new InvalidDataException($"No LaSOT sequence in {root}: expected {{category}}/{{category}}-{{n}}/ folders with img/ and groundtruth.txt.");
    }
}
