namespace VilTracker.Data;

/// <summary>
/// TrackingNet layout: chunk folders (<c>TRAIN_0</c> ... <c>TRAIN_11</c>, <c>TEST</c>) each holding
/// <c>frames/{video}/0.jpg, 1.jpg, ...</c> (numbered from 0, hence the natural sort) and
/// <c>anno/{video}.txt</c> (comma-separated <c>x,y,w,h</c>). The root may be the dataset root or one chunk.
/// The <c>TEST</c> chunk publishes only the first frame's box; the other frames get <c>Box.NaN</c>.
/// Layout name <c>trackingnet</c>.
/// </summary>
public sealed class TrackingNetDataset : SequenceDataset
{
    private readonly IReadOnlyDictionary<string, string> chunks;

    /// <summary>Opens the TrackingNet root (holding chunk folders) or a single chunk folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The root is missing.</exception>
    /// <exception cref="InvalidDataException">No video was found, or a video name appears in two chunks.</exception>
    public TrackingNetDataset(string root)
        : this(Path.GetFullPath(root), FindVideos(Path.GetFullPath(root)))
    {
    }

    private TrackingNetDataset(string root, IReadOnlyList<(string Name, string Chunk)> found)
        : base(DatasetFormats.TrackingNet, root, found.Select(f => f.Name).ToArray())
    {
        chunks = found.ToDictionary(f => f.Name, f => f.Chunk, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="folder"/> is a chunk (holds <c>frames/</c> and <c>anno/</c>).</summary>
    public static bool IsChunkFolder(string folder) =>
        Directory.Exists(Path.Combine(folder, "frames")) && Directory.Exists(Path.Combine(folder, "anno"));

    /// <inheritdoc />
    protected override Sequence LoadKnown(string name)
    {
        string chunk = chunks[name];
        string annotation = Path.Combine(chunk, "anno", name + ".txt");
        bool testChunk = Path.GetFileName(chunk).Equals("TEST", StringComparison.OrdinalIgnoreCase);
        return SequenceBuilder.Create(name, Name, FrameFiles.List(Path.Combine(chunk, "frames", name)),
            GroundTruthParser.ReadFile(annotation), annotation, firstFrameOnlyAllowed: testChunk);
    }

    private static IReadOnlyList<(string, string)> FindVideos(string root)
    {
        RequireFolder(root, DatasetFormats.TrackingNet);
        var chunkFolders = IsChunkFolder(root) ? [root] : SortedSubfolders(root).Where(IsChunkFolder).ToArray();
        var found = new List<(string, string)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string chunk in chunkFolders)
        {
            var names = Directory.EnumerateFiles(Path.Combine(chunk, "anno"), "*.txt")
                .Select(f => Path.GetFileNameWithoutExtension(f)).Order(NaturalComparer.Instance);
            foreach (string name in names)
            {
                if (!seen.TryAdd(name, chunk))
                    throw new InvalidDataException($"TrackingNet video '{name}' is annotated in both {seen[name]} and {chunk}.");
                found.Add((name, chunk));
            }
        }
        return found.Count > 0
            ? found
            : throw new InvalidDataException($"No TrackingNet video in {root}: expected TRAIN_N/ or TEST/ chunks with frames/{{video}}/ and anno/{{video}}.txt.");
    }
}
