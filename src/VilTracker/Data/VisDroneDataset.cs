namespace VilTracker.Data;

/// <summary>
/// VisDrone-SOT layout: frames in <c>sequences/{seq}/img0000001.jpg ...</c> and one annotation per
/// sequence in <c>annotations/{seq}.txt</c> (comma-separated <c>x,y,w,h</c>). Layout name <c>visdrone</c>.
/// </summary>
public sealed class VisDroneDataset : SequenceDataset
{
    /// <summary>Opens a VisDrone-SOT split folder (the one holding <c>sequences/</c> and <c>annotations/</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">A required folder is missing.</exception>
    /// <exception cref="InvalidDataException">No annotation was found.</exception>
    public VisDroneDataset(string root)
        : base(DatasetFormats.VisDrone, Path.GetFullPath(root), FindSequences(Path.GetFullPath(root)))
    {
    }

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string annotation = Path.Combine(Root, "annotations", name + ".txt");
        return SequenceBuilder.Create(name, Name, FrameFiles.List(Path.Combine(Root, "sequences", name)),
            GroundTruthParser.ReadFile(annotation), annotation);
    }

    private static IReadOnlyList<string> FindSequences(string root)
    {
        RequireFolder(Path.Combine(root, "sequences"), DatasetFormats.VisDrone);
        string annotations = Path.Combine(root, "annotations");
        RequireFolder(annotations, DatasetFormats.VisDrone);
        var names = Directory.EnumerateFiles(annotations, "*.txt")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(NaturalComparer.Instance)
            .ToArray();
        return names.Length > 0 ? names : throw new InvalidDataException($"No annotation (*.txt) in {annotations}.");
    }
}
