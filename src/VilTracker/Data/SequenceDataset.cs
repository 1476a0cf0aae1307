namespace VilTracker.Data;

/// <summary>
/// Shared base of the dataset readers: keeps the name list and turns an unknown sequence name into a
/// clear <see cref="KeyNotFoundException"/> before the reader's own <see cref="LoadKnown"/> runs.
/// </summary>
public abstract class SequenceDataset : ISequenceDataset
{
    private readonly HashSet<string> known;

    /// <summary>Stores the layout name, root and sequence names.</summary>
    protected SequenceDataset(string name, string root, IReadOnlyList<string> sequenceNames)
    {
        Name = name;
        Root = root;
        SequenceNames = sequenceNames;
        known = new HashSet<string>(sequenceNames, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Root { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> SequenceNames { get; }

    /// <inheritdoc />
    public Sequence Load(string name)
    {
        if (!known.Contains(name))
        {
            string sample = string.Join(", ", SequenceNames.Take(5)) + (SequenceNames.Count > 5 ? ", ..." : "");
            throw new KeyNotFoundException(
                $"No sequence '{name}' in the {Name} dataset at {Root} ({SequenceNames.Count} sequences: {sample}).");
        }
        return LoadKnown(name);
    }

    /// <summary>Loads a sequence whose name is known to be in <see cref="SequenceNames"/>.</summary>
    protected abstract Sequence LoadKnown(string name);

    /// <summary>Sub-folders of <paramref name="folder"/> (full paths), naturally sorted by name.</summary>
    protected static IReadOnlyList<string> SortedSubfolders(string folder) =>
        Directory.EnumerateDirectories(folder)
            .Order(Comparer<string>.Create((a, b) => NaturalComparer.Instance.Compare(Path.GetFileName(a), Path.GetFileName(b))))
            .ToArray();

    /// <summary>Throws <see cref="DirectoryNotFoundException"/> naming the dataset when <paramref name="folder"/> is missing.</summary>
    protected static void RequireFolder(string folder, string dataset)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{dataset} dataset folder not found: {folder}");
    }
}
